/**
 * Plain `pdftotext` (reading order, REPORT-FORMAT §6.7) cuts a table into blocks, each a
 * rectangle of consecutive rows and columns, and writes block after block, separated by empty
 * lines: within a block each line is one row's run of cells (one baseline), top to bottom. So the
 * label column with the first values (`一、本年新收… 5 0`), then the other columns row by row
 * (`0 0 0 0 5` per row), or one column at a time (`0` / `0` / `0` / `0` down four rows).
 *
 * The reading this gives, in a table whose every cell holds a value (a blank leaves nothing, and
 * then no block says where it was): a line with a row's label puts its values at that row's next
 * free columns, and so does the line after a label with none; any other line of values goes to
 * the row below the one the block's previous line filled, or, first in its block, to the first row
 * not yet full. It is one reading the text allows, never certain by itself: the caller takes it
 * only when the table's identities hold.
 */
import type { Cell } from '../../model';
import type { Grid } from '../grid';

export interface BlockRow {
  columns: number;
  labelCells: Cell[];
  /** The values the stream reader found after the row's label: all the table's values are theirs. */
  seq: Cell[];
}

export function blockReading<R extends BlockRow>(grid: Grid, rows: R[]): Map<R, Cell[]> | undefined {
  if (!rows.length) return undefined;
  const own = new Set<Cell>();
  let lastLine = -1;
  for (const r of rows) for (const c of r.seq) { own.add(c); if (c.line > lastLine) lastLine = c.line; }
  const labelAt = new Map<Cell, number>();
  rows.forEach((r, i) => { for (const c of r.labelCells) labelAt.set(c, i); });
  const filled: Cell[][] = rows.map(() => []);
  const firstLine = rows[0].labelCells[0].line;
  // The row the block's previous line of values went to, and a label still waiting for its values.
  let previous = -1;
  let waiting = -1;
  const put = (i: number, values: Cell[]): boolean => {
    if (i < 0 || i >= rows.length || filled[i].length + values.length > rows[i].columns) return false;
    filled[i].push(...values);
    return true;
  };
  for (const g of grid.rows) {
    if (g.line < firstLine) continue;
    if (g.line > lastLine) break;
    if (!g.cells.length) {
      // An empty line ends a block.
      previous = -1;
      waiting = -1;
      continue;
    }
    let label = -1;
    const values: Cell[] = [];
    for (const c of g.cells) {
      const at = labelAt.get(c);
      if (at !== undefined) label = at;
      else if (own.has(c)) values.push(c);
    }
    if (label >= 0) {
      if (values.length) {
        if (!put(label, values)) return undefined;
        previous = label;
        waiting = -1;
      } else {
        waiting = label;
      }
      continue;
    }
    if (!values.length) continue;
    let row: number;
    if (waiting >= 0) row = waiting;
    else if (previous >= 0) row = previous + 1;
    else row = filled.findIndex((f, i) => f.length < rows[i].columns);
    if (!put(row, values)) return undefined;
    previous = row;
    waiting = -1;
  }
  const out = new Map<R, Cell[]>();
  for (const [i, r] of rows.entries()) {
    if (filled[i].length !== r.columns) return undefined;
    out.set(r, filled[i]);
  }
  return out;
}
