/**
 * One label-anchored reader for every Grid (TABLE-READER.md). Rows are found by their labels,
 * values are placed by column where the layout gives columns, by explicit blank cells where it
 * keeps them, and otherwise only when a row holds exactly its number of values. Whatever cannot
 * be placed with confidence is left null and recorded as a problem: never a guessed number.
 */
import type { TableProblem, TableRow, Unbalanced } from '../../model';
import type { Cell } from '../../model';
import { isFilled } from '../grid';
import type { Grid, GridRow } from '../grid';
import { markFixed, readOnLabelLines } from './pdf-order';
import { blockReading } from './pdf-blocks';
import { copiedRow, exactCount, paragraphCells } from './copied';

export { isFilled };

export type LabelMatch =
  /** `optional`: a label that is a row only when values follow it (else a group label). */
  | { type: 'row'; id: string; columns: number; optional?: boolean }
  | { type: 'group' }
  | { type: 'end' }
  | null;

type Matcher = (cell: Cell, seen: ReadonlySet<string>) => LabelMatch;

export interface ReadOptions {
  match: Matcher;
  /**
   * Where the value columns start in a positional row: `right` — the table's last n columns
   * (表三, 表四); `after-label` — the columns right after the label cell (表二, whose merged
   * value cells span to the right edge).
   */
  anchor: 'right' | 'after-label';
  /** Reading may stop once the table is complete (prose numbers follow it). */
  isComplete?: (seen: ReadonlySet<string>) => boolean;
  /**
   * PDF reading-order text: values whose rows the text leaves open may be read in reading order,
   * row after row, in the first of the few readings the text allows whose identities hold (this
   * gives the identity a reading breaks, or null).
   */
  inOrder?: (rows: Map<string, Array<Cell | null>>) => Unbalanced | null;
  /** PDF text: rows whose values sit on their labels' lines are read as far as that fixes them (read/pdf-order.ts). */
  labelLines?: { rowTotal: boolean };
  /** Text in the page's own order (not PDF text): copied paragraph cells may be read row by row (read/copied.ts). */
  ordered?: boolean;
}

const COLUMN_WORDS = /^[\s\u00a0]*(?:总计|合计|其他)[\s\u00a0]*$/;
const STARTS_WITH_NUMBER = /^[+-]?[0-9０-９]/;
/** The PDF importer's mark on a row whose values it could not place by column. */
const UNPLACED_MARK = '无法按列定位';
const isUnplaced = (c: Cell) => c.kind === 'text' && c.raw.includes(UNPLACED_MARK);
/** A label that starts with its own row number (`1.`, `（二）`, `四、`). */
const NUMBERED = /^[\s\u00a0\u3000]*(?:\d+[.、．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/;


function blankAt(at: number, line: number): Cell {
  return { raw: '', span: { start: at, end: at }, line, kind: 'blank', placeholder: false };
}

/**
 * Places the cells after a label into `n` columns when the order alone is certain: exactly n
 * filled cells, or exactly n cells counting explicit blanks (padding blanks beyond them dropped).
 */
export function placeInOrder(seq: Cell[], n: number): Array<Cell | null> | undefined {
  const filled = seq.filter(isFilled);
  if (filled.length > n) return undefined;
  if (filled.length === n && (seq.length === n || filled.length === seq.length)) return filled;
  // Padding blanks (a trailing TAB, an empty cell before the values) may be dropped, but when
  // dropping them from the end or from the start gives two different rows, which is which is
  // unknown: the row is not read.
  const trimmed = (endFirst: boolean): [number, number] => {
    let a = 0;
    let b = seq.length;
    for (let pass = 0; pass < 2; pass++) {
      if (endFirst === (pass === 0)) while (b - a > n && !isFilled(seq[b - 1])) b--;
      else while (b - a > n && !isFilled(seq[a])) a++;
    }
    return [a, b];
  };
  const [a1, b1] = trimmed(true);
  const [a2, b2] = trimmed(false);
  if (b1 - a1 === n && b2 - a2 === n) return a1 === a2 ? seq.slice(a1, b1) : undefined;
  if (filled.length === n) return filled;
  return undefined;
}

interface Pending {
  id: string;
  columns: number;
  optional?: boolean;
  /** Stream text: what each line after the label holds, and whether values share the label's line. */
  slots?: Slot[];
  sameLine?: boolean;
  /** Stream text: a value cell of the row is cut over lines (its number is not known). */
  cut?: boolean;
  /** Stream text: words after the label that are no label (the cells after them may be another row's). */
  strays?: Cell[];
  labelCells: Cell[];
  seq: Cell[];
  /** Column of the label cell in a positional row. */
  labelCol?: number;
  row?: GridRow;
}

export function readRows(grid: Grid, options: ReadOptions, problems: TableProblem[]): Map<string, TableRow> {
  return grid.bounded ? readBounded(grid, options, problems) : readStream(grid, options, problems);
}

function unaligned(problems: TableProblem[], p: Pending, count: number, reason?: TableProblem['reason']): void {
  problems.push({ kind: 'unaligned-row', span: p.labelCells[0].span, rowId: p.id, count, expected: p.columns, reason });
}

function store(rows: Map<string, TableRow>, p: Pending, cells: Array<Cell | null>, problems: TableProblem[], hasValues: boolean): void {
  if (rows.has(p.id)) {
    if (hasValues) problems.push({ kind: 'duplicate-row', span: p.labelCells[0].span, rowId: p.id });
    return;
  }
  rows.set(p.id, { id: p.id, labelCells: p.labelCells, cells });
}

/** Places a positional row: each value cell by its column. */
function placePositional(p: Pending, row: GridRow, anchor: ReadOptions['anchor']): Array<Cell | null> | undefined {
  const n = p.columns;
  const width = row.width ?? row.cells.length;
  const first = anchor === 'right' && width >= n + 1 ? width - n : (p.labelCol ?? -1) + 1;
  // A row too narrow for its values after the label (a column header such as `总计`) is no data row.
  if (first < 0 || first + n > width) return undefined;
  const out: Array<Cell | null> = Array(n).fill(null);
  // A row the importer marked as not placeable by column is unread, wherever the mark sits.
  if (row.cells.some(isUnplaced)) return undefined;
  for (const c of row.cells) {
    if (c.col === undefined || c === p.labelCells[p.labelCells.length - 1]) continue;
    const k = c.col - first;
    if (k < 0) {
      if (c.kind !== 'text' && isFilled(c)) return undefined; // a value left of the value columns
      continue;
    }
    if (k >= n) {
      if (isFilled(c) || c.kind === 'text') return undefined; // a value right of them: misaligned
      continue;
    }
    if (c.kind === 'text') return undefined; // words where a number belongs
    out[k] = c;
  }
  // Columns a merged cell covers hold no cell of their own: blank, at the row's end.
  const at = p.labelCells[p.labelCells.length - 1];
  for (let k = 0; k < n; k++) if (!out[k]) out[k] = blankAt(at.span.end, at.line);
  return out;
}

function readBounded(grid: Grid, options: ReadOptions, problems: TableProblem[]): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  const seen = new Set<string>();
  let pending: Pending | null = null;
  const finish = (p: Pending, values: Cell[], row: GridRow | undefined) => {
    if (p.optional && !values.some(isFilled)) return;
    let cells: Array<Cell | null> | undefined;
    if (grid.positional && row) cells = placePositional(p, row, options.anchor);
    else if (values.length === 0) cells = undefined;
    else cells = placeInOrder(values, p.columns);
    let filled = 0;
    for (const c of values) if (isFilled(c)) filled++;
    if (!cells) {
      unaligned(problems, p, filled, values.some((c) => c.glued) ? 'glued' : undefined);
      cells = Array(p.columns).fill(null);
    }
    store(rows, p, cells, problems, filled > 0);
  };
  const handle = (label: Pending | null, values: Cell[], row: GridRow) => {
    const hasText = values.some((c) => c.kind === 'text');
    // The values but words (the row's own array when it has none: finish only reads it).
    const nonText = () => (hasText ? values.filter((c) => c.kind !== 'text') : values);
    let filledCount = 0;
    let firstFilled: Cell | undefined;
    for (const c of values) if (isFilled(c)) { filledCount++; firstFilled ??= c; }
    if (label && label.labelCells.some((c) => c.glued)) {
      // Label and numbers glued together (`规章012`): the digits cannot be split into cells.
      if (pending) { finish(pending, [], undefined); pending = null; }
      seen.add(label.id);
      unaligned(problems, label, 0, 'glued');
      store(rows, label, Array(label.columns).fill(null), problems, false);
    } else if (label) {
      if (pending) { finish(pending, [], undefined); pending = null; }
      seen.add(label.id);
      if (values.length === 0 && !grid.positional) {
        pending = label; // values may follow on the next row (a label cell over two lines)
      } else if (hasText && !grid.positional) {
        // The PDF importer marks a row whose values it could not place by column.
        unaligned(problems, label, filledCount, values.some(isUnplaced) ? 'unplaced' : undefined);
        store(rows, label, Array(label.columns).fill(null), problems, filledCount > 0);
      } else {
        finish(label, nonText(), row);
      }
    } else if (pending && row.cells.some(isUnplaced)) {
      // A row the importer could not place ends a label waiting for its values: they are not these.
      unaligned(problems, pending, 0, 'unplaced');
      store(rows, pending, Array(pending.columns).fill(null), problems, false);
      pending = null;
    } else if (filledCount) {
      if (pending) {
        finish(pending, nonText(), grid.positional ? row : undefined);
        pending = null;
      } else if (rows.size > 0) {
        problems.push({ kind: 'extra-values', span: firstFilled!.span, count: filledCount });
      }
    }
  };
  // The first cell of a row that was read as the end of the row above's wrapped label.
  let consumed: Cell | undefined;
  for (let r = 0; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    let label: Pending | null = null;
    let ended = false;
    let values: Cell[] = [];
    let header = false;
    for (let k = 0; k < row.cells.length; k++) {
      const cell = row.cells[k];
      if (cell === consumed) continue;
      if (cell.kind === 'text') {
        // `总计` or `其他` after other words in a row is a column header, not the row label.
        if (!label && COLUMN_WORDS.test(cell.raw)) {
          if (header) continue;
        }
        let m = options.match(cell, seen);
        const next = grid.rows[r + 1]?.cells[0];
        if (!m && !grid.positional && k === row.cells.length - 1 && next?.kind === 'text' && next.line === cell.line + 1 && !options.match(next, seen)) {
          // A label cell wrapped onto the next line (`规范` / `性文件`, `（一）予以` / `公开`: a `<br>`
          // or a narrow column in the page): neither piece is a label, the two together are.
          const joined = wrappedLabel(cell, next);
          const j = options.match(joined, seen);
          if (j?.type === 'row' || j?.type === 'group') {
            m = j;
            consumed = next;
            if (j.type === 'row') {
              label = { id: j.id, columns: j.columns, optional: j.optional, labelCells: [cell, next], seq: [], labelCol: cell.col, row };
              values = [];
              continue;
            }
          }
        }
        if (!m && !label) header = true;
        if (!m && label && isUnplaced(cell)) { values.push(cell); continue; }
        if (m?.type === 'end') { ended = true; break; }
        if (m?.type === 'row') {
          if (label && label.id === m.id) { label.labelCells.push(cell); continue; }
          // A second labelled row inside one grid row: the shape lost a row end; read each.
          if (label && values.length && !grid.positional) handle(label, values, row);
          label = { id: m.id, columns: m.columns, optional: m.optional, labelCells: [cell], seq: [], labelCol: cell.col, row };
          values = [];
        } else if (label && values.length) {
          values.push(cell); // words among the values
        }
        continue;
      }
      values.push(cell);
    }
    // A small table's caption names the row of its one data row (`### 一、本年新收…` above `| 12 | … |`).
    if (!label && row.caption && row.cells.length && row.cells.every((c) => c.kind !== 'text')) {
      const m = options.match({ raw: row.caption, span: row.cells[0]?.span ?? { start: 0, end: 0 }, line: row.line, kind: 'text' }, seen);
      // The label is the caption's: a cell of its own (never one of the row's value cells), not editable here.
      const at = row.cells[0].span.start;
      const caption: Cell = { raw: row.caption, span: { start: at, end: at }, line: row.line, kind: 'text', inexact: true };
      if (m?.type === 'row') label = { id: m.id, columns: m.columns, labelCells: [caption], seq: [], labelCol: -1, row };
    }
    handle(label, values, row);
    if (ended && rows.size > 0) break;
    // Everything read: what follows (prose, a second copy) is not this table.
    if (!pending && options.isComplete?.(seen)) break;
  }
  if (pending) finish(pending, [], undefined);
  return rows;
}

/** A label cut over two lines, as one cell for matching: its source is two pieces, so it is never edited. */
function wrappedLabel(a: Cell, b: Cell): Cell {
  return { raw: a.raw + b.raw, span: { start: a.span.start, end: b.span.end }, line: a.line, kind: 'text', inexact: true };
}

/**
 * A row's values on several lines of space-aligned text are not placed: a cell of two paragraphs
 * puts its number a line lower than its neighbours', but a narrow column cuts a number into
 * digits stacked over lines (`2` above the row's line, `1` below it, for 21), and the text cannot
 * tell the two apart. Only a row whose values share one line is read.
 */
function orderByColumn(seq: Cell[]): Cell[] | undefined {
  if (seq.some((c) => c.x === undefined)) return seq;
  return seq.every((c) => c.line === seq[0].line) ? seq : undefined;
}

/** One line after a row label in stream text: a lone value cell, an empty line, or anything else. */
type Slot = Cell | 'empty' | 'other';

/**
 * Word's text export (LibreOffice, Word “save as text”) writes every table cell as one line, an
 * empty cell as an empty line: there the n lines after a label are the row, blanks included.
 * Empty lines can also be mere separators (a blank line after each row, or between every cell of
 * a copied page), so this reading is used for a table only when its own text proves the shape:
 * every row is exactly n cell lines followed by nothing but empty lines, at least one row is
 * followed directly by the next label (empty lines are not row separators), no line holds two
 * cells, and the rows the ordinary reading did read agree with it.
 */
function windowReading(records: Array<{ o: Pending; cells?: Array<Cell | null> }>, spaced: boolean): Map<Pending, Array<Cell | null>> | undefined {
  if (spaced || !records.some((r) => !r.cells)) return undefined;
  let tight = false;
  const out = new Map<Pending, Array<Cell | null>>();
  for (const [k, { o, cells }] of records.entries()) {
    const n = o.columns;
    const slots = o.slots ?? [];
    if (o.sameLine || slots.length < n) return undefined;
    const head = slots.slice(0, n);
    if (head.some((x) => x === 'other') || slots.slice(n).some((x) => x !== 'empty')) return undefined;
    if (slots.length === n && k < records.length - 1) tight = true;
    const at = o.labelCells[o.labelCells.length - 1];
    const read = head.map((x) => (x === 'empty' ? blankAt(at.span.end, at.line) : (x as Cell)));
    if (cells && cells.some((c, i) => (c?.value?.toString() ?? c?.kind) !== (read[i].value?.toString() ?? read[i].kind))) return undefined;
    out.set(o, read);
  }
  return tight ? out : undefined;
}

/** The records' lines (first label to last cell) are paragraph cells of a copied page. */
function copiedText(grid: Grid, records: Array<{ o: Pending }>): boolean {
  const from = records[0].o.labelCells[0].line;
  let to = from;
  for (const { o } of records) {
    for (const c of o.labelCells) if (c.line > to) to = c.line;
    for (const c of o.seq) if (c.line > to) to = c.line;
  }
  return paragraphCells(grid, from, to);
}

function readStream(grid: Grid, options: ReadOptions, problems: TableProblem[]): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  const seen = new Set<string>();
  let open: Pending | null = null;
  // Whether blanks show (a line of spaces/NBSP) and whether the table holds any value at all.
  let explicitBlanks = false;
  let anyValue = false;
  outer0: for (const r of grid.rows) for (const c of r.cells) {
    if (c.kind === 'blank' && !c.placeholder) explicitBlanks = true;
    // A row the importer could not place has values: the table is no unfilled template.
    else if (!anyValue && (isFilled(c) || isUnplaced(c))) anyValue = true;
    if (explicitBlanks && anyValue) break outer0;
  }
  // Text an importer wrote (TAB rows, rows it marked as not placeable) is not pdftotext's.
  const imported = () => grid.rows.some((r) => r.cells.some((c) => isUnplaced(c) || c.raw === '？' || c.raw === '?'));
  const records: Array<{ o: Pending; cells?: Array<Cell | null> }> = [];
  const recorded = new Set<string>();
  let orphans = 0;
  const close = () => {
    if (!open) return;
    const o = open;
    open = null;
    let filled = 0;
    for (const c of o.seq) if (isFilled(c)) filled++;
    if (o.optional && filled === 0) return;
    if (recorded.has(o.id)) {
      if (filled > 0) problems.push({ kind: 'duplicate-row', span: o.labelCells[0].span, rowId: o.id });
      return;
    }
    let cells: Array<Cell | null> | undefined;
    if (o.seq.length === 0 && !anyValue) {
      // An unfilled table (a fresh template): every column of its rows is blank.
      const at = o.labelCells[o.labelCells.length - 1];
      cells = Array.from({ length: o.columns }, () => blankAt(at.span.end, at.line));
    } else if (o.seq.length && !o.cut) {
      const ordered = grid.spaced ? orderByColumn(o.seq) : o.seq;
      cells = ordered && placeInOrder(ordered, o.columns);
      // PDF text with layout: a row with blank cells, placed by its values' columns on the page.
      if (!cells && grid.placeSparse) cells = grid.placeSparse(o.labelCells, o.seq, o.columns);
    }
    records.push({ o, cells });
    recorded.add(o.id);
  };
  // Words alone at the end of the line above: maybe the first piece of a wrapped label.
  let wrapped: Cell | undefined;
  outer: for (const row of grid.rows) {
    if (row.cells.length === 0) {
      const cur = open as Pending | null;
      if (cur) cur.slots!.push('empty');
      continue;
    }
    let labelled = false;
    let complete = false;
    for (let k = 0; k < row.cells.length; k++) {
      const cell = row.cells[k];
      if (complete) break;
      if (cell.kind === 'text') {
        let m = options.match(cell, seen);
        // The label's first piece when it was cut over two lines (the array of pieces is made only for a label).
        let before: Cell | undefined;
        if (!m && k === 0 && wrapped && wrapped.line === cell.line - 1) {
          // A label cut over two lines (`规范` / `性文件 3 3 25`): neither piece is a label, the two together are.
          const j = options.match(wrappedLabel(wrapped, cell), seen);
          if (j?.type === 'row' || j?.type === 'group') { m = j; before = wrapped; }
        }
        wrapped = !m && k === row.cells.length - 1 ? cell : undefined;
        if (!m) {
          // Words that start with a number after the label (`22（其中` over `修订16件）`): a value
          // cell cut over lines, whose number cannot be told from the note's numbers.
          const cur = open as Pending | null;
          if (cur && STARTS_WITH_NUMBER.test(cell.raw)) cur.cut = true;
          else if (cur) (cur.strays ??= []).push(cell);
          continue;
        }
        if (m.type === 'end') break outer;
        if (m.type === 'group') { close(); continue; }
        const cur = open as Pending | null;
        // The first piece of a wrapped label is the label's, not a stray of the row above.
        if (before && cur?.strays?.[cur.strays.length - 1] === before) cur.strays.pop();
        // The same row's label again: its wrapped continuation (`他处理 由逾期不补正、行` under
        // `1.申请人无正当理`), unless it is numbered as a row of its own (a row printed twice).
        if (cur && cur.id === m.id && (!cur.seq.some(isFilled) || !NUMBERED.test(cell.raw))) {
          if (before) cur.labelCells.push(before);
          cur.labelCells.push(cell);
          labelled = true;
          continue;
        }
        close();
        seen.add(m.id);
        open = { id: m.id, columns: m.columns, optional: m.optional, labelCells: before ? [before, cell] : [cell], seq: [], slots: [] };
        labelled = true;
        continue;
      }
      const cur = open as Pending | null;
      if (cur) {
        cur.seq.push(cell);
        if (labelled) cur.sameLine = true;
        if (options.isComplete?.(seen) && cur.seq.filter(isFilled).length >= cur.columns) complete = true;
      } else if (isFilled(cell)) {
        // Values before the first row label: the text's order is not the table's.
        orphans++;
        if (records.length > 0) problems.push({ kind: 'extra-values', span: cell.span, count: 1 });
      }
    }
    const cur = open as Pending | null;
    if (cur && !labelled) {
      const only = row.cells.length === 1 && row.cells[0].kind !== 'text' ? row.cells[0] : undefined;
      // Words right under the label before any value continue the label; later they break the row.
      if (only) cur.slots!.push(only);
      else if (cur.slots!.length || row.cells.some((c) => c.kind !== 'text')) cur.slots!.push('other');
    }
    if (complete) break;
  }
  close();
  // PDF text with layout: a row with no value on its lines is blank in every column, once every
  // other row's values were placed (none is left over that could be this row's).
  if (grid.placeSparse && !orphans && records.some((r) => r.cells) && records.every((r) => r.cells || (r.o.seq.length === 0 && !r.o.cut))) {
    for (const r of records) {
      const at = r.o.labelCells[r.o.labelCells.length - 1];
      // Inexact: the blank has no place of its own in the line (see pdf-columns' `build`).
      r.cells ??= Array.from({ length: r.o.columns }, () => ({ ...blankAt(at.span.end, at.line), inexact: true }));
    }
  }
  // The rows still open, when the table's identities tell which one reading of them the text allows.
  const check = options.inOrder;
  if (grid.solveSparse && check && !orphans && records.some((r) => !r.cells) && records.every((r) => r.cells || !r.o.cut) && new Set(records.map((r) => r.o.columns)).size === 1) {
    // One map of the rows, refilled for each reading tried (readings differ only in the open rows).
    const byId = new Map<string, Array<Cell | null>>();
    const asMap = (cells: Array<Array<Cell | null> | undefined>) => {
      records.forEach((r, i) => (cells[i] ? byId.set(r.o.id, cells[i]!) : byId.delete(r.o.id)));
      return byId;
    };
    const solved = grid.solveSparse(
      records.map((r) => ({ labelCells: r.o.labelCells, seq: r.o.seq, cells: r.cells })),
      records[0].o.columns,
      (i, cells) => check(new Map([[records[i].o.id, cells]])) === null,
      (cells) => cells.every(Boolean) && check(asMap(cells)) === null,
    );
    if (solved) records.forEach((r, i) => (r.cells = solved[i]));
  }
  const window = orphans ? undefined : windowReading(records, !!grid.spaced);
  let disorder = orphans > 0;
  // Text in the page's order: a space-only line may be a blank cell or a cell's empty paragraph, so
  // a row is read only with exactly its count of cells or of numbers (read/copied.ts).
  const exact = options.ordered && !grid.spaced;
  // A row with more cells than columns and a number in every column: its space-only lines are
  // paragraphs inside cells, so in this table such a line marks no blank cell.
  const padded = !!exact && records.some(({ o }) => o.seq.length > o.columns && o.seq.filter(isFilled).length === o.columns);
  const readOf = (o: Pending, read: Array<Cell | null> | undefined) => window?.get(o) ?? (exact ? exactCount(o.seq, o.columns, read, padded) : read);
  // A page copied with the mouse (paragraph cells) where some rows lost their blanks: each row by itself.
  const copied = exact && !orphans && !explicitBlanks && records.some(({ o, cells }) => !readOf(o, cells)) && copiedText(grid, records);
  for (const { o, cells: read } of records) {
    let cells = readOf(o, read);
    if (copied) cells = copiedRow(o.seq, cells, o.columns, o.labelCells[o.labelCells.length - 1], o.strays?.length ?? 0);
    if (!cells) {
      disorder = true;
      const filled = o.seq.filter(isFilled).length;
      unaligned(problems, o, filled, o.seq.some((c) => c.glued) ? 'glued' : undefined);
      if (filled > o.columns) {
        const extra = o.seq.filter(isFilled);
        problems.push({ kind: 'extra-values', span: { start: extra[o.columns].span.start, end: extra[extra.length - 1].span.end }, rowId: o.id, count: filled - o.columns });
      }
      cells = Array(o.columns).fill(null);
    }
    rows.set(o.id, { id: o.id, labelCells: o.labelCells, cells });
  }
  if (disorder && options.inOrder && !orphans && !explicitBlanks && !grid.spaced) {
    // PDF text whose labels and values interleave (two labels before their values; the first
    // value of row A, then row B's label and first value, then the rest of A): when every value of
    // the table is there — as many as its rows have cells, none marking a blank — each row takes
    // its first values (those on its label's own line — a line is one baseline — or else the value
    // right after its label), then the others in reading order, row after row. These are readings
    // the text allows; the caller's identities choose among them, and refuse them all when none
    // balances.
    const total = records.reduce((a, { o }) => a + o.columns, 0);
    // The values are gathered only when there are as many as the rows have cells (else no reading is tried).
    let count = 0;
    for (const { o } of records) count += o.seq.length;
    const values: Cell[] = [];
    if (count === total) for (const { o } of records) for (const c of o.seq) values.push(c);
    const onLabelLine = (o: Pending) => {
      const lines = new Set(o.labelCells.map((c) => c.line));
      return o.seq.filter((c) => lines.has(c.line));
    };
    const candidate = (firstOf: (o: Pending) => Cell[]): Map<Pending, Cell[]> | undefined => {
      const first = new Map<Pending, Cell[]>();
      const taken = new Set<Cell>();
      for (const { o } of records) {
        const own = firstOf(o);
        first.set(o, own);
        for (const c of own) taken.add(c);
      }
      const rest = values.filter((c) => !taken.has(c));
      const out = new Map<Pending, Cell[]>();
      let at = 0;
      for (const { o } of records) {
        const own = first.get(o)!;
        if (own.length > o.columns) return undefined;
        const need = o.columns - own.length;
        out.set(o, own.concat(rest.slice(at, at + need)));
        at += need;
      }
      return out;
    };
    const accept = options.inOrder;
    const asRows = (r: Map<Pending, Cell[]>) => {
      const m = new Map<string, Cell[]>();
      for (const [o, cells] of r) m.set(o.id, cells);
      return m;
    };
    // The readings in their order, each tried as it is made: the first that balances is taken.
    // None balancing, the reading kept (and refused by the caller) is one whose rows add up, so
    // the identity then named is the table's, not a row put together from two rows' numbers.
    const makers: Array<(o: Pending) => Cell[]> = values.length === total && values.every(isFilled) && !records.some(({ o }) => o.cut)
      ? [(o) => { const own = onLabelLine(o); return own.length ? own : o.seq.slice(0, 1); }, onLabelLine, () => []]
      : [];
    const tried: Array<{ reading: Map<Pending, Cell[]>; failure: Unbalanced | null }> = [];
    let chosen: Map<Pending, Cell[]> | undefined;
    // Plain pdftotext's blocks (read/pdf-blocks.ts): a reading that balances is taken when every
    // reading that balances (the blocks' two, the orders' above) gives the same numbers.
    const isEnd = (c: Cell) => options.match(c, seen)?.type === 'end';
    const balanced: Array<Map<Pending, Cell[]>> = [];
    // A block reading that does not balance is the one kept (and refused by the caller): the
    // identity it names is the table's when the blocks are read right.
    let unbalancedBlocks: Map<Pending, Cell[]> | undefined;
    if (!imported()) {
      for (const across of [false, true]) {
        const reading = blockReading(grid, records.map(({ o }) => o), isEnd, across);
        if (reading && accept(asRows(reading)) === null) balanced.push(reading);
        else if (reading) unbalancedBlocks ??= reading;
      }
    }
    if (balanced.length) {
      for (const make of makers) {
        const reading = candidate(make);
        if (reading && accept(asRows(reading)) === null) balanced.push(reading);
      }
      if (balanced.every((r) => sameReading(r, balanced[0]))) chosen = balanced[0];
    }
    for (const make of balanced.length ? [] : makers) {
      const reading = candidate(make);
      if (!reading) continue;
      const failure = accept(asRows(reading));
      if (failure === null) { chosen = reading; break; }
      tried.push({ reading, failure });
    }
    chosen ??= unbalancedBlocks ?? (tried.find((r) => r.failure?.identity !== 'T3-row-total') ?? tried[0])?.reading;
    if (chosen) {
      for (const [o, cells] of chosen) rows.get(o.id)!.cells = cells;
      const kept = problems.filter((p) => p.kind === 'duplicate-row');
      problems.length = 0;
      problems.push(...kept);
      disorder = false;
    }
  }
  if (disorder && options.labelLines && !orphans && !explicitBlanks && !grid.spaced && !records.some(({ o }) => o.cut) && !imported()) {
    const reading = readOnLabelLines(grid, records.map(({ o }) => o), options.labelLines.rowTotal);
    if (reading) {
      for (const { o } of records) rows.get(o.id)!.cells = reading.cells.get(o)!;
      const kept = problems.filter((p) => p.kind === 'duplicate-row');
      problems.length = 0;
      problems.push(...kept, ...reading.problems);
      markFixed(rows);
      disorder = false;
    }
  }
  if (disorder && !explicitBlanks && !grid.spaced && !copied) {
    // Text in stream order with no blank markers (PDF text without layout): one misplaced row
    // means values may have moved between rows anywhere, and a row that happens to get the
    // right count may hold another row's numbers. Nothing in the table is read, except a row whose
    // every value sits on its label's own line: a text line is one baseline of the page, and table
    // rows do not share baselines, so those numbers are that row's.
    const ownLine = new Set(records.filter(({ o }) => {
      const filled = o.seq.filter(isFilled);
      return o.sameLine && filled.length === o.columns && filled.length === o.seq.length && filled.every((c) => c.line === o.labelCells[o.labelCells.length - 1].line);
    }).map(({ o }) => o.id));
    for (const r of rows.values()) if (!ownLine.has(r.id)) r.cells = r.cells.map(() => null);
    const first = [...rows.values()][0];
    problems.length = 0;
    if (first) problems.push({ kind: 'unaligned-row', span: first.labelCells[0].span, reason: 'interleaved' });
  }
  return rows;
}

/** Two readings that put the same numbers in every cell. */
function sameReading<K>(a: Map<K, Cell[]>, b: Map<K, Cell[]>): boolean {
  const text = (c: Cell) => c.value?.toString() ?? c.raw;
  for (const [k, cells] of a) {
    const other = b.get(k);
    if (!other || other.length !== cells.length || cells.some((c, i) => text(c) !== text(other[i]))) return false;
  }
  return a.size === b.size;
}

/**
 * Whether the text's structure alone places every value of a reading: each row read whole, its
 * values on one line of the text that holds nothing else but the row's own label. In PDF text a
 * line is one baseline of the page and table rows do not share baselines, so such a line is that
 * row, in column order; table identities may not overrule it (REPORT-FORMAT §6.7).
 */
export function rowsOnOwnLines(grid: Grid, rows: Iterable<{ labelCells: Cell[]; cells: Array<Cell | null> }>): boolean {
  const list = [...rows];
  // Value cells per line, and the lines where a row's label sits (words that continue a wrapped
  // label may share the line with the values; another row's label may not).
  const values = new Map<number, number>();
  for (const r of grid.rows) for (const c of r.cells) if (c.kind !== 'text') values.set(c.line, (values.get(c.line) ?? 0) + 1);
  const labelOf = new Map<number, number>();
  list.forEach((r, i) => { for (const c of r.labelCells) labelOf.set(c.line, labelOf.has(c.line) && labelOf.get(c.line) !== i ? -1 : i); });
  if (!list.length) return false;
  for (const [i, r] of list.entries()) {
    if (r.cells.some((c) => !c)) return false;
    const line = r.cells[0]!.line;
    if (r.cells.some((c) => c!.line !== line || (c!.kind === 'blank' && !c!.placeholder))) return false;
    if (values.get(line) !== r.cells.length) return false;
    const owner = labelOf.get(line);
    if (owner !== undefined && owner !== i) return false;
  }
  return true;
}
