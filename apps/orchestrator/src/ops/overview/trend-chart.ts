import { html, type SafeHtml } from './html.js';

export interface TrendPoint {
  /** What hovering the point tells (an SVG <title>, no script). */
  label: string;
  value: number;
  failed: boolean;
}

export interface TrendChartSpec {
  title: string;
  points: readonly TrendPoint[];
  /** How the axis writes a value (e.g. a duration or a size). */
  format: (value: number) => string;
  /** Under the x axis: the oldest and the newest point's dates. */
  firstLabel: string;
  lastLabel: string;
}

const WIDTH = 560;
const HEIGHT = 170;
const LEFT = 78;
const RIGHT = 12;
const TOP = 24;
const BOTTOM = 28;

/**
 * A line chart as inline SVG, oldest point left: the values are spaced evenly (one per backup),
 * the y axis runs from 0 to the largest value; failed backups are red dots.
 */
export function trendChart(spec: TrendChartSpec): SafeHtml {
  const { points } = spec;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(0, ...points.map((p) => p.value));
  const x = (index: number): number =>
    LEFT + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (value: number): number => TOP + plotHeight - (max === 0 ? 0 : (value / max) * plotHeight);
  const coordinates = points.map((p, index) => `${x(index).toFixed(1)},${y(p.value).toFixed(1)}`);
  return html`<svg
    class="trend"
    role="img"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    width="${WIDTH}"
    height="${HEIGHT}"
    aria-label="${spec.title}"
  >
    <text x="${LEFT}" y="14" class="chart-title">${spec.title}</text>
    <line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotHeight}" class="axis" />
    <line x1="${LEFT}" y1="${TOP + plotHeight}" x2="${WIDTH - RIGHT}" y2="${TOP + plotHeight}" class="axis" />
    <line x1="${LEFT}" y1="${TOP}" x2="${WIDTH - RIGHT}" y2="${TOP}" class="grid" />
    <text x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end" class="tick">${spec.format(max)}</text>
    <text x="${LEFT - 6}" y="${TOP + plotHeight + 4}" text-anchor="end" class="tick">0</text>
    <text x="${LEFT}" y="${HEIGHT - 8}" class="tick">${spec.firstLabel}</text>
    <text x="${WIDTH - RIGHT}" y="${HEIGHT - 8}" text-anchor="end" class="tick">${spec.lastLabel}</text>
    ${points.length > 1 ? html`<polyline points="${coordinates.join(' ')}" class="line" />` : null}
    ${points.map(
      (p, index) =>
        html`<circle
          cx="${x(index).toFixed(1)}"
          cy="${y(p.value).toFixed(1)}"
          r="4"
          class="${p.failed ? 'point point-failed' : 'point'}"
          ><title>${p.label}</title></circle
        >`,
    )}
  </svg>`;
}
