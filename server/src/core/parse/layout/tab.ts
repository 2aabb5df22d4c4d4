/**
 * Word copy as tab rows (REPORT-FORMAT §6.1): one table row per line, cells between TABs. Rows
 * under a merged label may lose their leading empty cells, so the reader aligns a row by its
 * label and the cells after it, never by column index.
 */
import { CLASS_TAB, Line, lineHas } from '../../text';
import { splitLineCells } from '../cells';
import type { Grid, GridRow } from '../grid';

const TAB_ROW = /[^\s]\t+[ \u00a0]*[^\s]/;

export function scoreTab(lines: Line[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && n < 3; i++) if (lineHas(lines[i], CLASS_TAB) && TAB_ROW.test(lines[i].text)) n++;
  return n >= 3 ? 0.7 : 0;
}

export function buildTab(lines: Line[], from: number, to: number): Grid {
  const rows: GridRow[] = [];
  for (let i = from; i < to; i++) {
    const cells = splitLineCells(lines[i]);
    if (cells.length) rows.push({ cells, line: i });
  }
  return { layout: 'tab', rows, bounded: true, positional: false };
}
