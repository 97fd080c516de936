import { illegalArgument } from './errors.js';
import { ok, type Reply } from './reply.js';
import type { SandboxRequest } from './request.js';

/** One `_cat` column as RestTable declares it: name, aliases, description, default visibility. */
export interface CatColumn {
  name: string;
  aliases: string[];
  description: string;
  rightAligned?: boolean;
  /** Shown without `h` (ES `default:false` hides a column unless asked for). */
  shownByDefault?: boolean;
}

export type CatRow = Record<string, string | null>;

/**
 * RestTable's rendering: `help` lists the columns, `h` picks columns by name or alias (with `*`),
 * `s` sorts (`col:desc`), `v` adds the header line, `format=json` answers objects keyed by the
 * column names asked for; text cells are padded, right-aligned where the column says so.
 */
export function renderCatTable(req: SandboxRequest, columns: CatColumn[], rows: CatRow[]): Reply {
  if (req.bool('help', false)) {
    const lines = columns.map((c) => [c.name, c.aliases.join(','), c.description]);
    const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length)));
    return {
      status: 200,
      text: lines
        .map(
          (l) =>
            l
              .map((cell, i) => cell.padEnd(widths[i]))
              .join(' | ')
              .trimEnd() + '\n',
        )
        .join(''),
    };
  }
  const find = (name: string) => columns.find((c) => c.name === name || c.aliases.includes(name));
  const shown = req.param('h')
    ? req
        .param('h')!
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h)
        .flatMap((h) =>
          h.includes('*')
            ? columns.filter((c) => new RegExp(`^${h.replace(/\*/g, '.*')}$`).test(c.name))
            : find(h)
              ? [find(h)!]
              : [],
        )
    : columns.filter((c) => c.shownByDefault !== false);
  let sorted = [...rows];
  for (const key of (req.param('s') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k)
    .toReversed()) {
    const [name, direction] = key.split(':');
    const column = find(name);
    if (!column) throw illegalArgument(`Unable to sort by unknown sort key \`${name}\``);
    const sign = direction === 'desc' ? -1 : 1;
    sorted = sorted.toSorted((a, b) => compareCells(a[column.name], b[column.name]) * sign);
  }
  if (req.param('format') === 'json') {
    return ok(sorted.map((row) => Object.fromEntries(shown.map((c) => [c.name, row[c.name] ?? null]))));
  }
  const table = sorted.map((row) => shown.map((c) => row[c.name] ?? ''));
  if (req.bool('v', false)) table.unshift(shown.map((c) => c.name));
  const widths = shown.map((_, i) => Math.max(0, ...table.map((cells) => cells[i].length)));
  const text = table
    .map((cells) =>
      cells
        .map((cell, i) => (shown[i].rightAligned ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join(' ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
  return { status: 200, text };
}

function compareCells(a: string | null | undefined, b: string | null | undefined): number {
  const [x, y] = [a ?? '', b ?? ''];
  if (/^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y)) return Number(x) - Number(y);
  return x < y ? -1 : x > y ? 1 : 0;
}
