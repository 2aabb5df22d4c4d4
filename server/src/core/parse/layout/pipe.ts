/**
 * Markdown pipe tables (REPORT-FORMAT §6.8): one row per line, cells between pipes, merged cells
 * flattened into the first cell of their span with the others empty. Header rules are skipped;
 * a `### caption` line above a small table is kept as the next row's caption.
 */
import type { Line } from '../../text';
import { makeCell } from '../cells';
import type { Grid, GridRow } from '../grid';

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*(?:\|\s*)?:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*(?:\s*\|)?\s*$/;
const CAPTION = /^\s*(?:#{1,6}\s+|\*\*)(.+?)(?:\*\*)?\s*$/;

export function scorePipe(lines: Line[], from: number, to: number): number {
  let rows = 0;
  for (let i = from; i < to; i++) if (PIPE_ROW.test(lines[i].text)) rows++;
  return rows >= 3 ? 0.9 : 0;
}

export function buildPipe(lines: Line[], from: number, to: number): Grid {
  const rows: GridRow[] = [];
  let caption: string | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const text = line.text;
    if (!PIPE_ROW.test(text)) {
      const c = CAPTION.exec(text);
      if (c) caption = c[1];
      else if (text.trim()) caption = undefined;
      continue;
    }
    if (PIPE_RULE.test(text)) continue;
    const parts = text.split('|');
    // The pipes at both ends are borders, not cells.
    const first = parts[0].trim() === '' ? 1 : 0;
    const last = parts[parts.length - 1].trim() === '' ? parts.length - 1 : parts.length;
    let pos = line.start;
    const cells = [];
    for (let k = 0; k < parts.length; k++) {
      if (k >= first && k < last) {
        const cell = makeCell(parts[k].replace(/\\$/, ''), pos, i);
        cell.col = k - first;
        cells.push(cell);
      }
      pos += parts[k].length + 1;
    }
    // The caption stays with every row of its small table, up to the next caption or text line.
    rows.push({ cells, line: i, width: last - first, caption });
  }
  return { layout: 'pipe', rows, bounded: true, positional: true };
}
