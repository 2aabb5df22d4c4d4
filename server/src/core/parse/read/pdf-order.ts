/**
 * PDF text without layout (`pdftotext -raw`, REPORT-FORMAT §6.7) where a blank cell leaves no
 * trace: what the text still fixes.
 *
 * Rows on their label's line. When every value of a table sits on one line together with its
 * row's label (or the label's last wrapped piece) — in PDF text a line is one baseline of the
 * page, and rows do not share baselines — each row's values are known as a set, but not their
 * columns when there are fewer values than columns. Then:
 * - a row with as many values as columns is read in order;
 * - a row with no value is blank in every column;
 * - in a table with a total column (表三), a row whose last value is the sum of the others has
 *   that value as its 总计 (the only other reading, 总计 blank, breaks the row's total); its
 *   other values stay unread;
 * - a row whose values cannot add up in any placement (the last is not the sum of the others,
 *   and they are not all zero) has a wrong total wherever its numbers are: said as certain;
 * - any other row stays unread, and the table says why.
 *
 * 表四's one row: its values split, in order, into the three groups; where exactly one split lets
 * every group's last value be the sum of its others, each group's 总计 is known (a group with no
 * value is blank, a group with five is read whole); no split balancing, some group's total is
 * wrong wherever the numbers are.
 *
 * A narrow column can stack one number's digits over lines (LibreOffice's PDFs): values on more
 * than one line of a row, or on a line without words, are not this shape, and nothing is read.
 */
import type { Cell, TableProblem } from '../../model';
import { Decimal, sumDecimals } from '../../text';
import { isFilled } from '../grid';
import type { Grid, GridRow } from '../grid';

/** A labelled row of stream text: its label's cells and the value cells that followed it. */
export interface LineRow {
  id: string;
  columns: number;
  labelCells: Cell[];
  seq: Cell[];
}

function blankAt(at: number, line: number): Cell {
  return { raw: '', span: { start: at, end: at }, line, kind: 'blank', placeholder: false };
}

function valueOf(c: Cell): Decimal | undefined {
  if (c.kind === 'blank') return c.placeholder ? new Decimal(0n, 0) : undefined;
  return c.kind === 'number' ? c.value : undefined;
}

/** Values in order whose last is the sum of the others (all values numbers). */
function lastIsSum(values: Cell[]): boolean | undefined {
  const vs = values.map(valueOf);
  if (vs.some((v) => !v)) return undefined;
  const parts = vs.slice(0, -1) as Decimal[];
  return sumDecimals(parts).cmp(vs[vs.length - 1]!) === 0;
}

/**
 * Whether every value of the rows sits on one line of its row holding the row's label words and
 * nothing of another row's label: the line starts with words, and the values follow them.
 */
function onLabelLines(grid: Grid, rows: LineRow[]): boolean {
  const byLine = new Map<number, GridRow>();
  for (const r of grid.rows) byLine.set(r.line, r);
  const owner = new Map<number, number>();
  rows.forEach((r, i) => { for (const c of r.labelCells) owner.set(c.line, owner.has(c.line) && owner.get(c.line) !== i ? -1 : i); });
  let any = false;
  let last = -1;
  for (const [i, r] of rows.entries()) {
    if (!r.seq.length) continue;
    any = true;
    const line = r.seq[0].line;
    if (r.seq.some((c) => c.line !== line || !isFilled(c))) return false;
    const first = Math.min(...r.labelCells.map((c) => c.line));
    if (line < first) return false;
    const o = owner.get(line);
    if (o !== undefined && o !== i) return false;
    // From the label's first line to the values' line: lines of words (the label wrapped), none
    // empty; the values follow the words on the last of them, or have the next line to themselves
    // (a row taller than its values: their baseline is none of the label's).
    for (let l = first; l < line; l++) {
      const g = byLine.get(l);
      if (!g || !g.cells.length || g.cells[0].kind !== 'text') return false;
    }
    // On the values' line: words or nothing, then this row's values and nothing else.
    const cells = byLine.get(line)!.cells;
    const start = cells.indexOf(r.seq[0]);
    if (start < 0 || cells.length - start !== r.seq.length || cells.slice(0, start).some((c) => c.kind !== 'text')) return false;
    last = Math.max(last, line);
  }
  // No empty line inside the table: text in reading order (plain `pdftotext`) separates blocks
  // by empty lines and may move values between rows; text in content-stream order has none.
  const from = Math.min(...rows[0].labelCells.map((c) => c.line));
  for (const g of grid.rows) if (g.line > from && g.line < last && !g.cells.length) return false;
  return any;
}

/** The words of the grid's text cells on lines before `line`, without spaces (a header cut over lines). */
export function headerText(grid: Grid, line: number): string {
  let s = '';
  for (const r of grid.rows) {
    if (r.line >= line) break;
    for (const c of r.cells) if (c.kind === 'text') s += c.raw;
  }
  return s.replace(/[\s\u00a0\u3000]+/g, '');
}

export function countWords(s: string, w: string): number {
  let n = 0;
  for (let at = s.indexOf(w); at >= 0; at = s.indexOf(w, at + w.length)) n++;
  return n;
}

export interface LineReading {
  cells: Map<LineRow, Array<Cell | null>>;
  problems: TableProblem[];
}

/**
 * Reads rows whose values sit on their labels' lines (see above); undefined when the text is not
 * that shape. `rowTotal`: the last column is the total of the others (表三).
 */
export function readOnLabelLines(grid: Grid, rows: LineRow[], rowTotal: boolean): LineReading | undefined {
  if (!rows.length || !onLabelLines(grid, rows)) return undefined;
  // A table wider than the page loses its right columns from the text (LibreOffice): the header
  // must show the total column, or no row is known to hold all its values.
  if (rowTotal && countWords(headerText(grid, rows[0].labelCells[0].line), '总计') < 1) return undefined;
  const cells = new Map<LineRow, Array<Cell | null>>();
  const problems: TableProblem[] = [];
  const totals: Array<[Array<Cell | null>, Cell]> = [];
  for (const r of rows) {
    const n = r.columns;
    const k = r.seq.length;
    const at = r.labelCells[r.labelCells.length - 1];
    if (k > n) return undefined;
    if (k === n) { cells.set(r, r.seq.slice()); continue; }
    if (k === 0) { cells.set(r, Array.from({ length: n }, () => blankAt(at.span.end, at.line))); continue; }
    const out: Array<Cell | null> = Array(n).fill(null);
    const problem: TableProblem = { kind: 'unaligned-row', span: r.labelCells[0].span, rowId: r.id, count: k, expected: n, reason: 'blanks-lost' };
    const sum = rowTotal ? lastIsSum(r.seq) : undefined;
    if (sum === true) totals.push([out, r.seq[k - 1]]);
    else if (sum === false && !r.seq.every((c) => valueOf(c)?.cmp(new Decimal(0n, 0)) === 0)) {
      problem.unbalanced = { identity: 'T3-row-total', row: r.id };
      problem.certain = true;
    }
    problems.push(problem);
    cells.set(r, out);
  }
  // A last value that is the sum of the others is the row's 总计 because the other reading (总计
  // blank) breaks the row's total; in a table where some row's total is wrong in every reading,
  // that is no longer evidence, and those rows stay unread.
  if (!problems.some((p) => p.certain)) for (const [out, total] of totals) out[out.length - 1] = total;
  return { cells, problems };
}

/**
 * 表四's values in order (fewer than 15, all on one line of their own): the groups' totals when
 * one split of them into the three groups balances; the certain failure when none does.
 */
export function readReviewSparse(values: Cell[]): { cells: Array<Cell | null>; problems: TableProblem[] } | undefined {
  const k = values.length;
  if (!k || k >= 15 || values.some((c) => c.line !== values[0].line || !isFilled(c))) return undefined;
  const balanced = (from: number, to: number): boolean | undefined => (from === to ? true : lastIsSum(values.slice(from, to)));
  const splits: Array<[number, number]> = [];
  for (let a = 0; a <= Math.min(5, k); a++) {
    for (let b = a; b <= Math.min(a + 5, k); b++) {
      if (k - b > 5) continue;
      const ok = [balanced(0, a), balanced(a, b), balanced(b, k)];
      if (ok.some((x) => x === undefined)) return undefined;
      if (ok.every(Boolean)) splits.push([a, b]);
    }
  }
  const at = values[0];
  const out: Array<Cell | null> = Array(15).fill(null);
  const problem: TableProblem = { kind: 'unaligned-row', span: at.span, count: k, expected: 15, reason: 'blanks-lost' };
  if (splits.length === 1) {
    const [a, b] = splits[0];
    [[0, a], [a, b], [b, k]].forEach(([from, to], g) => {
      if (to - from === 5) for (let i = 0; i < 5; i++) out[g * 5 + i] = values[from + i];
      else if (from === to) for (let i = 0; i < 5; i++) out[g * 5 + i] = blankAt(at.span.start, at.line);
      else out[g * 5 + 4] = values[to - 1];
    });
  } else if (!splits.length) {
    problem.unbalanced = { identity: 'T4-total' };
    problem.certain = true;
  }
  return { cells: out, problems: out.every(Boolean) ? [] : [problem] };
}

/** Readings whose every placed value the text's lines fix: the table's identities do not veto them. */
const FIXED = new WeakSet<object>();
export function markFixed(rows: object): void {
  FIXED.add(rows);
}
export function fixedByText(rows: object): boolean {
  return FIXED.has(rows);
}
