import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { type ComponentSummary, FAILED_STATES, summarizeComponents } from './component-summary.js';
import { formatAge, formatBytes, formatDate, formatDuration } from './display-format.js';
import { html, SafeHtml } from './html.js';
import type { OverviewData, OverviewSchedule } from './overview-data.js';
import { type TrendPoint, trendChart } from './trend-chart.js';

/** Where the page links to (paths on the orchestrator port). */
export interface OverviewLinks {
  queues: string;
  catalog: string;
  apiDocs: string;
}

/** Finished backups in the trend charts (the newest ones). */
const TREND_POINTS = 60;

/** The whole page: plain HTML and CSS, an inline SVG, no script; it reloads itself every minute. */
export function renderOverviewPage(data: OverviewData, links: OverviewLinks): string {
  const body = html`<header>
      <h1>Camunda backups</h1>
      <p class="meta">
        As of
        <time datetime="${new Date(data.nowMs).toISOString()}"
          >${formatDate(new Date(data.nowMs).toISOString())}</time
        >
        · <a href="${links.queues}">Job queues (bull-board)</a> ·
        <a href="${links.catalog}">Catalog as JSON</a> · <a href="${links.apiDocs}">API docs</a>
      </p>
    </header>
    <section id="components">
      <h2>Components</h2>
      ${componentsTable(summarizeComponents(data), data)}
    </section>
    <section id="schedules">
      <h2>Schedule and retention</h2>
      ${schedulesSection(data.schedules, data.nowMs)}
    </section>
    <section id="trends">
      <h2>Duration and size</h2>
      ${trends(data.entries)}
    </section>
    <section id="history">
      <h2>History</h2>
      ${historyTable(data, links)}
    </section>`;
  return page('Camunda backups', body);
}

/** The page when its data could not be read (e.g. the datastore or Redis is down). */
export function renderErrorPage(status: number, message: string): string {
  return page(
    'Camunda backups: unavailable',
    html`<header><h1>Camunda backups</h1></header>
      <section id="error">
        <p class="error">
          <span class="state state-failed">${status}</span> The overview could not be read: ${message}
        </p>
      </section>`,
  );
}

function page(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="60" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html> `.markup;
}

function componentsTable(summaries: readonly ComponentSummary[], data: OverviewData): SafeHtml {
  const freshnessHeader = data.freshness
    ? `Freshness (max ${formatDuration(data.freshness.maxAgeMs)})`
    : 'Freshness (BACKUP_FRESHNESS_MAX_AGE not set)';
  return html`<table>
    <thead>
      <tr>
        <th>Component</th>
        <th>Last good backup</th>
        <th>${freshnessHeader}</th>
        <th>Newest failure</th>
        <th>Reason</th>
      </tr>
    </thead>
    <tbody>
      ${summaries.map(
        (summary) =>
          html`<tr data-component="${summary.name}">
            <td>${summary.name}</td>
            <td class="last-good">
              ${
                summary.lastGood
                  ? html`${summary.lastGood.backupId}<br />${dateWithAge(summary.lastGood.finishedAt, data.nowMs)}`
                  : html`<span class="state state-failed">none</span>`
              }
            </td>
            <td class="freshness">
              ${
                summary.freshness
                  ? html`<span
                        class="state ${summary.freshness.status === 'UP' ? 'state-completed' : 'state-failed'}"
                        >${summary.freshness.status}</span
                      >${summary.freshness.details.message ? html` ${summary.freshness.details.message}` : null}`
                  : '—'
              }
            </td>
            <td class="newest-failure">
              ${
                summary.newestFailure
                  ? html`${summary.newestFailure.backupId} ${stateBadge(summary.newestFailure.state)}<br />${dateWithAge(summary.newestFailure.finishedAt, data.nowMs)}`
                  : 'none'
              }
            </td>
            <td class="reason">${summary.newestFailure?.reason ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function schedulesSection(schedules: readonly OverviewSchedule[], nowMs: number): SafeHtml {
  if (schedules.length === 0) {
    return html`<p>
      No schedule: BACKUP_SCHEDULE is not set (backups are taken on request only), so no retention runs.
    </p>`;
  }
  return html`<table>
    <thead>
      <tr>
        <th>Schedule</th>
        <th>Cron</th>
        <th>Next run</th>
        <th>Retention</th>
        <th>Last run</th>
      </tr>
    </thead>
    <tbody>
      ${schedules.map(
        (schedule) =>
          html`<tr data-schedule="${schedule.name}">
            <td>${schedule.name}</td>
            <td><code>${schedule.cron}</code> (${schedule.timeZone})</td>
            <td class="next-run">${dateWithAge(schedule.nextRunAt, nowMs)}</td>
            <td class="retention">${retentionText(schedule.retention)}</td>
            <td class="last-run">
              ${
                schedule.lastRun
                  ? html`${stateBadge(schedule.lastRun.outcome)}${schedule.lastRun.backupId ? ` ${schedule.lastRun.backupId}` : ''}<br />${dateWithAge(schedule.lastRun.at, nowMs)}${schedule.lastRun.reason ? html`<br />${schedule.lastRun.reason}` : null}`
                  : 'not yet'
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function retentionText(retention: OverviewSchedule['retention']): string {
  const rules = [
    ...(retention.count !== null ? [`keep the newest ${retention.count}`] : []),
    ...(retention.maxAgeMs !== null ? [`delete after ${formatDuration(retention.maxAgeMs)}`] : []),
  ];
  return rules.length > 0
    ? `${rules.join(', ')} (never the newest completed one)`
    : 'none (BACKUP_RETENTION_COUNT / BACKUP_RETENTION_MAX_AGE not set)';
}

function trends(entries: readonly CatalogEntry[]): SafeHtml {
  const finished = entries
    .filter((entry) => entry.finishedAt !== null)
    .slice(0, TREND_POINTS)
    .toReversed();
  if (finished.length === 0) return html`<p>No finished backups yet.</p>`;
  const timed = finished.filter((entry) => entry.durationMs !== null);
  const sized = finished.filter((entry) => entry.sizeBytes !== null);
  return html`<div class="charts">
      ${trendChart({
        title: 'Duration per backup',
        points: timed.map((e) => trendPoint(e, e.durationMs!, formatDuration(e.durationMs))),
        format: formatDuration,
        ...firstAndLast(timed),
      })}
      ${trendChart({
        title: 'Size per backup',
        points: sized.map((e) => trendPoint(e, e.sizeBytes!, formatBytes(e.sizeBytes))),
        format: formatBytes,
        ...firstAndLast(sized),
      })}
    </div>
    <p class="legend">
      <span class="dot"></span> backup <span class="dot dot-failed"></span> failed backup (oldest left; hover
      a dot for its ID)
    </p>`;
}

function trendPoint(entry: CatalogEntry, value: number, text: string): TrendPoint {
  return {
    label: `${entry.backupId} · ${entry.state} · ${text} · ${formatDate(entry.finishedAt)}`,
    value,
    failed: FAILED_STATES.has(entry.state),
  };
}

function firstAndLast(entries: readonly CatalogEntry[]): { firstLabel: string; lastLabel: string } {
  return {
    firstLabel: formatDate(entries[0]?.finishedAt ?? null),
    lastLabel: formatDate(entries.at(-1)?.finishedAt ?? null),
  };
}

function historyTable(data: OverviewData, links: OverviewLinks): SafeHtml {
  if (data.entries.length === 0) return html`<p>No backups in the repository yet.</p>`;
  return html`<table>
      <thead>
        <tr>
          <th>Backup ID</th>
          <th>State</th>
          <th>Kind</th>
          <th>Trigger</th>
          <th>Started</th>
          <th>Finished</th>
          <th>Duration</th>
          <th>Size</th>
          <th>Components</th>
          <th>Failure reason</th>
        </tr>
      </thead>
      <tbody>
        ${data.entries.map(
          (entry) =>
            html`<tr data-backup-id="${entry.backupId.toString()}" class="${stateClass(entry.state)}">
              <td>${entry.backupId.toString()}</td>
              <td>${stateBadge(entry.state)}</td>
              <td>${entry.kind} (${entry.generation})</td>
              <td>${entry.trigger}</td>
              <td>${dateWithAge(entry.startedAt ?? entry.acceptedAt, data.nowMs)}</td>
              <td>${timeOf(entry.finishedAt)}</td>
              <td>${formatDuration(entry.durationMs)}</td>
              <td>${formatBytes(entry.sizeBytes)}</td>
              <td class="components">
                ${Object.entries(entry.components).map(
                  ([name, component]) =>
                    html`<span class="${stateClass(component.state)}">${name}: ${component.state}</span> `,
                )}
              </td>
              <td class="reason">${entry.failureReason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${data.moreEntries ? html`<p>Only the newest ${data.entries.length} backups are shown; <a href="${links.catalog}">the catalog</a> pages through all of them.</p>` : null}`;
}

function stateClass(state: string): string {
  return `state-${state.toLowerCase().replace(/_/g, '-')}`;
}

function stateBadge(state: string): SafeHtml {
  return html`<span class="state ${stateClass(state)}">${state}</span>`;
}

function timeOf(iso: string | null): SafeHtml {
  return iso === null ? html`—` : html`<time datetime="${iso}">${formatDate(iso)}</time>`;
}

function dateWithAge(iso: string | null, nowMs: number): SafeHtml {
  if (iso === null) return html`—`;
  return html`${timeOf(iso)} <span class="age">(${formatAge(iso, nowMs)})</span>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2433; background: #f7f8fa; }
h1 { margin: 0 0 .2rem; font-size: 1.5rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.meta { color: #555; margin: 0; }
a { color: #1f5fbf; }
table { border-collapse: collapse; background: #fff; box-shadow: 0 0 0 1px #dde1e8; }
th, td { padding: .35rem .6rem; text-align: left; vertical-align: top; border-bottom: 1px solid #e6e9ef; }
th { background: #eef1f5; font-weight: 600; }
.age { color: #666; white-space: nowrap; }
time { white-space: nowrap; }
td.components span { display: block; white-space: nowrap; }
#history table { width: 100%; }
.state { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-weight: 600; font-size: .85em; }
.state.state-completed { background: #d9f2df; color: #14642c; }
.state.state-in-progress, .state.state-pending { background: #dfeafc; color: #1d4e9e; }
.state.state-skipped { background: #eceff3; color: #555; }
.state.state-failed, .state.state-incompatible { background: #fbdcdc; color: #a11212; }
.state.state-incomplete { background: #fde8cc; color: #8a4b00; }
tr.state-failed, tr.state-incompatible { background: #fff4f4; }
tr.state-incomplete { background: #fffaf0; }
td.components span.state-failed, td.components span.state-incompatible, td.components span.state-incomplete { color: #a11212; font-weight: 600; }
td.reason { color: #a11212; max-width: 28rem; overflow-wrap: anywhere; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
svg.trend { background: #fff; box-shadow: 0 0 0 1px #dde1e8; }
svg .axis { stroke: #888; }
svg .grid { stroke: #e3e6eb; stroke-dasharray: 3 3; }
svg .line { fill: none; stroke: #1f5fbf; stroke-width: 1.5; }
svg .point { fill: #1f5fbf; }
svg .point-failed { fill: #d11a1a; }
svg .tick { font-size: 11px; fill: #555; }
svg .chart-title { font-size: 12px; font-weight: 600; fill: #1d2433; }
.legend { color: #555; }
.dot { display: inline-block; width: .6rem; height: .6rem; border-radius: 50%; background: #1f5fbf; }
.dot.dot-failed { background: #d11a1a; }
.error { font-size: 1.1rem; }
`;
