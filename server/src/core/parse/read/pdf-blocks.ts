/**
 * Plain `pdftotext` (reading order, REPORT-FORMAT §6.7) cuts a table into blocks, each a
 * rectangle of consecutive rows and columns, and writes block after block, mostly separated by
 * empty lines: within a block each line is one row's run of cells (one baseline), top to bottom.
 * So the label column with the first values (`一、本年新收… 5 0`), then the other columns row by
 * row (`0 0 0 0 5` per row), or one column at a time (`0` / `0` / `0` / `0` down four rows); a
 * row's label with its first values may come after the row's other values.
 *
 * The readings this gives, in a table whose every cell holds a value (a blank leaves nothing, and
 * then no block says where it was): the values on a label's line, or on the first line of values
 * after a label alone on its line, are that row's first columns (tied to the label: within its
 * block, or — a second reading — across empty lines too); any other line of values goes to the
 * next free columns of the row below the one the block's previous line filled, or, first in its
 * block, of the first row (in the table's order) not yet full — or, in a block whose lines hold
 * different numbers of values (a row's run cut over lines), to the row above while it has room. They are readings the text allows,
 * never certain by themselves: the caller takes one only when the table's identities hold.
 */
import type { Cell } from '../../model';
import type { Grid } from '../grid';

export interface BlockRow {
  /** 表三's row id (`3.3.1`): blocks go down the rows in the table's order, not the labels' order in the text. */
  id: string;
  columns: number;
  labelCells: Cell[];
}

/**
 * One reading of the rows' values from the blocks, or undefined when the text does not fill every
 * row exactly. `isEnd`: words after the table (prose), where reading stops. `across`: a label
 * alone on its line ties the next line of values to it even across empty lines.
 */
export function blockReading<R extends BlockRow>(grid: Grid, rows: R[], isEnd: (c: Cell) => boolean, across: boolean): Map<R, Cell[]> | undefined {
  if (!rows.length) return undefined;
  rows = rows.slice().sort((a, b) => byId(a.id, b.id));
  const labelAt = new Map<Cell, number>();
  let firstLine = Infinity;
  rows.forEach((r, i) => { for (const c of r.labelCells) { labelAt.set(c, i); firstLine = Math.min(firstLine, c.line); } });
  // The table's lines: the row whose label is on it (or -1), its values, or an empty line (null).
  const lines: Array<{ label: number; values: Cell[] } | null> = [];
  for (const g of grid.rows) {
    if (g.line < firstLine) continue;
    if (!g.cells.length) { lines.push(null); continue; }
    let label = -1;
    let end = false;
    const values: Cell[] = [];
    for (const c of g.cells) {
      const at = labelAt.get(c);
      if (at !== undefined) label = at;
      else if (c.kind !== 'text') values.push(c);
      else if (isEnd(c)) { end = true; break; }
    }
    if (end) break;
    lines.push({ label, values });
  }
  // Pass 1: the lines of values tied to a label, and how many first columns each row's ties take.
  const tiedTo = new Map<number, number>();
  const tiedCount = rows.map(() => 0);
  let alone = -1;
  lines.forEach((l, k) => {
    if (!l) { if (!across) alone = -1; return; }
    if (l.label >= 0) {
      alone = l.values.length ? -1 : l.label;
      if (l.values.length) { tiedTo.set(k, l.label); tiedCount[l.label] += l.values.length; }
      return;
    }
    if (l.values.length && alone >= 0) {
      tiedTo.set(k, alone);
      tiedCount[alone] += l.values.length;
      alone = -1;
    }
  });
  // Pass 2: every line of values into its row's columns.
  const slots: Array<Array<Cell | undefined>> = rows.map((r) => Array(r.columns));
  const nextTied = rows.map(() => 0);
  const nextFree = tiedCount.slice();
  if (rows.some((r, i) => tiedCount[i] > r.columns)) return undefined;
  // A block whose lines of values all hold as many values is rows of the same columns: each line
  // goes down a row. One whose lines differ is a row's run cut over lines: a line stays in the
  // row above while it has room.
  const stays: boolean[] = [];
  for (let k = 0; k < lines.length;) {
    let end = k;
    const counts = new Set<number>();
    while (end < lines.length && lines[end]) { const n = lines[end]!.values.length; if (n) counts.add(n); end++; }
    for (let j = k; j <= end && j < lines.length; j++) stays[j] = counts.size > 1;
    k = end + 1;
  }
  let previous = -1;
  for (const [k, l] of lines.entries()) {
    if (!l) { previous = -1; continue; }
    if (!l.values.length) continue;
    const tied = tiedTo.get(k);
    let row: number;
    if (tied !== undefined) {
      row = tied;
      for (const c of l.values) slots[row][nextTied[row]++] = c;
    } else {
      if (previous >= 0) row = stays[k] && nextFree[previous] + l.values.length <= rows[previous].columns ? previous : previous + 1;
      else row = nextFree.findIndex((f, i) => f < rows[i].columns);
      if (row < 0 || row >= rows.length || nextFree[row] + l.values.length > rows[row].columns) return undefined;
      for (const c of l.values) slots[row][nextFree[row]++] = c;
    }
    previous = row;
  }
  const out = new Map<R, Cell[]>();
  for (const [i, r] of rows.entries()) {
    const cells = slots[i];
    for (let c = 0; c < r.columns; c++) if (!cells[c]) return undefined;
    out.set(r, cells as Cell[]);
  }
  return out;
}

/** Dotted row ids in the table's order (`3.3.8` < `3.4.1` < `4`). */
function byId(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = Number(x[i] ?? -1) - Number(y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}
