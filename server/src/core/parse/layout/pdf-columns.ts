/**
 * `pdftotext -layout` text (REPORT-FORMAT §6.6): the values of a row with blank cells, placed by
 * their columns. A blank cell is only spaces there, so a row may show fewer numbers than columns.
 *
 * What the text keeps of the page, as pdftotext writes it: a line is cut into fragments (runs of
 * words one space apart); a fragment after a gap of two or more spaces starts at a column the
 * converter computed from its x position on the page, while a word one space after another word
 * is merely written after it. So only a fragment's first word says where it sits, and then only
 * against other fragments of the same page (each page is laid out on its own): on one page a
 * fragment further right is never in a column further left, and two fragments starting at the
 * same character column are in the same table column. A word one space after a value is in the
 * next column (the gap is smaller than a cell), a value one space after the row's label is in the
 * first value column. Header words give no position: they are centred over cells of other
 * widths, and one space apart they are not placed at all.
 *
 * Columns are learnt per page from rows whose every cell holds a value (their k-th value is in
 * the k-th column). A row with blank cells is read only when every value has exactly one column
 * these facts allow; values on several lines (a cell of two paragraphs, or digits of one number
 * stacked in a narrow column) only when the row is complete and each value sits exactly at a
 * known column, and no value of another line sits at its place right next to it or as far on the
 * other side of the label (stacked digits).
 *
 * Where no full row fixes a page's columns, the table's identities may choose between the readings
 * the text allows (`solve`): every reading of the open rows that keeps the order of the page's
 * positions and each row's total, then the table's identities; exactly one is read. None (a table
 * with a real error, a blank total column) or several (a column no value pins): nothing.
 */
import type { Cell } from '../../model';
import type { Line } from '../../text';
import { isFilled } from '../grid';
import type { GridRow } from '../grid';

/**
 * How a value is set off from what precedes it on its line: after two or more spaces or at the
 * line start (placed by its x on the page), one space after the row label's words (in the first
 * value column), one space after another value (in the column after that value's).
 */
const Link = { Start: 0, Label: 1, Next: 2 } as const;
type Link = (typeof Link)[keyof typeof Link];

interface Token {
  cell: Cell;
  page: number;
  /** Character column in its line (a page's form feed not counted). */
  col: number;
  link: Link;
}

/** Places a row's value cells into `n` columns, or says it cannot (undefined). */
export type SparsePlacer = (labelCells: Cell[], seq: Cell[], n: number) => Array<Cell | null> | undefined;

/** A table's rows, read (`cells`) or not; whether one row's cells, and the whole table's, keep the identities. */
export type SparseSolver = (
  table: Array<{ labelCells: Cell[]; seq: Cell[]; cells?: Array<Cell | null> }>,
  n: number,
  rowHolds: (row: number, cells: Array<Cell | null>) => boolean,
  tableHolds: (cells: Array<Array<Cell | null> | undefined>) => boolean,
) => Array<Array<Cell | null> | undefined> | undefined;

export function pdfColumnPlacer(lines: Line[], rows: GridRow[]): { place: SparsePlacer; solve: SparseSolver } {
  // Built on the first row that needs it, once per width: most tables have no blank cell.
  let pages: Map<number, number> | undefined;
  const anchorsByWidth = new Map<number, Map<number, Map<number, number>>>();
  const pageOf = (line: number): number => {
    if (!pages) {
      pages = new Map();
      if (rows.length) {
        let page = 0;
        for (let i = rows[0].line; i <= rows[rows.length - 1].line; i++) {
          if (lines[i].text.includes('\f')) page++;
          pages.set(i, page);
        }
      }
    }
    return pages.get(line) ?? -1;
  };
  const anchorsFor = (n: number): Map<number, Map<number, number>> => {
    let byPage = anchorsByWidth.get(n);
    if (byPage) return byPage;
    byPage = new Map();
    // Conflicting facts about a column position (two table columns at one place) void it.
    const conflict = new Set<string>();
    for (const row of rows) {
      // A row whose every cell holds a value: the n values after its words, on one line.
      let k = row.cells.length;
      while (k > 0 && row.cells[k - 1].kind !== 'text') k--;
      const values = row.cells.slice(k);
      if (values.length !== n || !values.every(isFilled)) continue;
      for (let c = 0; c < n; c++) {
        const t = tokenOf(lines, row.cells, k + c, pageOf);
        if (!t || t.link !== Link.Start) continue;
        let m = byPage.get(t.page);
        if (!m) byPage.set(t.page, (m = new Map()));
        const had = m.get(t.col);
        if (had !== undefined && had !== c) conflict.add(`${t.page}:${t.col}`);
        m.set(t.col, c);
      }
    }
    for (const key of conflict) {
      const [p, col] = key.split(':').map(Number);
      byPage.get(p)?.delete(col);
    }
    anchorsByWidth.set(n, byPage);
    return byPage;
  };
  const cellsOfLine = new Map<number, Cell[]>();
  for (const r of rows) cellsOfLine.set(r.line, r.cells);

  /** The value tokens of a row and every column assignment the text allows them (up to `cap`). */
  const readingsOf = (labelCells: Cell[], seq: Cell[], n: number, cap: number): { tokens: Token[]; options: number[][] } | undefined => {
    const filled = seq.filter(isFilled);
    if (filled.length === 0 || filled.length > n || labelCells.length === 0) return undefined;
    const labelLine = labelCells[labelCells.length - 1].line;
    const tokens: Token[] = [];
    for (const c of filled) {
      const cells = cellsOfLine.get(c.line);
      const at = cells ? cells.indexOf(c) : -1;
      const t = at >= 0 ? tokenOf(lines, cells!, at, pageOf) : undefined;
      if (!t) return undefined;
      // A value one space after words is in the first column only when the words are the row's
      // label, or the label's wrapped rest (words alone at the start of their line).
      if (t.link === Link.Label && !labelCells.includes(cells![at - 1]) && at !== 1) return undefined;
      tokens.push(t);
    }
    const page = tokens[0].page;
    if (page < 0 || tokens.some((t) => t.page !== page)) return undefined;
    const anchors = anchorsFor(n).get(page);
    const labelLines = new Set(labelCells.map((c) => c.line));
    const oneLine = tokens.every((t) => t.cell.line === tokens[0].cell.line);
    // Digits of one number stacked in a narrow column sit above and below the row's line (`2`
    // over the label, `1` under it, for 21): a value off the label's line with another value at
    // its place on the line as far on the other side, or right next to it, may be such a digit.
    {
      const mine = new Set(filled);
      for (const t of tokens) {
        if (labelLines.has(t.cell.line)) continue;
        // The label's line nearest the value: the stacked digits' middle.
        let m = labelLine;
        for (const l of labelLines) if (Math.abs(l - t.cell.line) < Math.abs(m - t.cell.line)) m = l;
        for (const l of [2 * m - t.cell.line, t.cell.line - 1, t.cell.line + 1]) {
          // Another row's own line (its numbered label on it): its values are that row's.
          if (labelLines.has(l) || numberedLine(cellsOfLine.get(l))) continue;
          for (const c of cellsOfLine.get(l) ?? []) if (isFilled(c) && !mine.has(c) && Math.abs(colOf(lines, c) - t.col) <= 1) return undefined;
        }
      }
    }
    // The columns each value may be in, by its own position.
    const range = tokens.map((t): [number, number] => {
      if (t.link === Link.Label) return [0, 0];
      if (t.link === Link.Next) return [1, n - 1];
      const exact = anchors?.get(t.col);
      if (exact !== undefined) return [exact, exact];
      if (!oneLine) return [1, 0]; // values over lines: only known positions
      let lo = 0;
      let hi = n - 1;
      if (anchors) for (const [col, c] of anchors) {
        if (col < t.col && c > lo) lo = c;
        if (col > t.col && c < hi) hi = c;
      }
      return [lo, hi];
    });
    // Values over several lines are read only when they fill the row, each where a full row puts it.
    if (!oneLine && (tokens.length !== n || tokens.some((t) => t.link === Link.Next))) return undefined;
    const options: number[][] = [];
    const chosen: number[] = [];
    // Every reading the facts allow (a handful of values over a few columns).
    const walk = (i: number, min: number): void => {
      if (options.length >= cap) return;
      if (i === tokens.length) {
        options.push([...chosen]);
        return;
      }
      const t = tokens[i];
      const [lo, hi] = range[i];
      for (let c = Math.max(lo, oneLine ? min : 0); c <= hi; c++) {
        if (t.link === Link.Next && (i === 0 || tokens[i - 1].cell.line !== t.cell.line || chosen[i - 1] !== c - 1)) continue;
        if (!oneLine && chosen.includes(c)) continue;
        chosen.push(c);
        walk(i + 1, c + 1);
        chosen.pop();
      }
    };
    walk(0, 0);
    return { tokens, options };
  };

  const place: SparsePlacer = (labelCells, seq, n) => {
    const r = readingsOf(labelCells, seq, n, 2);
    return r && r.options.length === 1 ? build(labelCells, r.tokens, r.options[0], n) : undefined;
  };

  /**
   * Rows the text leaves open (each value has several columns it may be in): the readings of the
   * whole table that keep the page's order of positions (a value further right never in a column
   * further left; values at one position in one column), each row's own identity, and then the
   * table's identities. Exactly one such reading is read; none or several, nothing.
   */
  const solve: SparseSolver = (table, n, rowHolds, tableHolds) => {
    /** A reading of a row: its values' columns and the cells they make (built once). */
    interface Reading { cols: number[]; cells: Array<Cell | null> }
    interface Open { row: number; tokens: Token[]; options: Reading[] }
    const open: Open[] = [];
    // A row with no value on its lines is blank in a reading that places every other value.
    const base = table.map((r) => r.cells ?? (r.seq.some(isFilled) ? undefined : build(r.labelCells, [], [], n)));
    // Positions already known: tokens of the rows read, with their columns.
    const known: Array<{ page: number; col: number; column: number }> = [];
    for (const [i, r] of table.entries()) {
      if (r.cells) {
        for (const [k, c] of r.cells.entries()) {
          if (!c || !isFilled(c)) continue;
          const cells = cellsOfLine.get(c.line);
          const at = cells ? cells.indexOf(c) : -1;
          const t = at >= 0 ? tokenOf(lines, cells!, at, pageOf) : undefined;
          if (t && t.link === Link.Start) known.push({ page: t.page, col: t.col, column: k });
        }
        continue;
      }
      if (!r.seq.some(isFilled)) continue;
      const got = readingsOf(r.labelCells, r.seq, n, 64);
      if (!got || got.options.length === 0 || got.options.length >= 64) return undefined;
      // Each row's own identity first (its total), as far as the row alone decides it.
      const options = got.options.map((cols) => ({ cols, cells: build(r.labelCells, got.tokens, cols, n) })).filter((o) => rowHolds(i, o.cells));
      if (options.length === 0) return undefined;
      open.push({ row: i, tokens: got.tokens, options });
    }
    if (open.length === 0) return undefined;
    // Positions placed so far, per page (each position once, with how many values hold it), in
    // parallel arrays (no allocation while searching): a new position must keep their order.
    const placed = new Map<number, { cols: number[]; columns: number[]; counts: number[] }>();
    const pageSet = (page: number) => {
      let m = placed.get(page);
      if (!m) placed.set(page, (m = { cols: [], columns: [], counts: [] }));
      return m;
    };
    const put = (page: number, col: number, column: number) => {
      const m = pageSet(page);
      const i = m.cols.indexOf(col);
      if (i >= 0) m.counts[i]++;
      else {
        m.cols.push(col);
        m.columns.push(column);
        m.counts.push(1);
      }
    };
    const take = (page: number, col: number) => {
      const m = placed.get(page)!;
      const i = m.cols.indexOf(col);
      if (--m.counts[i] === 0) {
        const last = m.cols.length - 1;
        m.cols[i] = m.cols[last];
        m.columns[i] = m.columns[last];
        m.counts[i] = m.counts[last];
        m.cols.length = m.columns.length = m.counts.length = last;
      }
    };
    for (const k of known) {
      const m = pageSet(k.page);
      const i = m.cols.indexOf(k.col);
      // Two columns at one position in the rows read: the page's positions say nothing.
      if (i >= 0 && m.columns[i] !== k.column) return undefined;
      put(k.page, k.col, k.column);
    }
    const fits = (t: Token, column: number): boolean => {
      if (t.link !== Link.Start) return true;
      const m = placed.get(t.page);
      if (!m) return true;
      const { cols, columns } = m;
      for (let i = 0; i < cols.length; i++) {
        const col = cols[i];
        const c = columns[i];
        if (col === t.col ? c !== column : col < t.col ? c > column : c < column) return false;
      }
      return true;
    };
    // One array of the table's rows, the open rows' cells set for each reading tried.
    const leaf = [...base];
    let found: Reading[][] = [];
    const choice: Reading[] = [];
    let nodes = 0;
    // Rows with the fewest readings first; each reading must keep the positions placed before it.
    const order = open.map((_, k) => k).sort((x, y) => open[x].options.length - open[y].options.length);
    const walk = (depth: number): void => {
      if (found.length > 1 || ++nodes > LIMIT) return;
      if (depth === order.length) {
        for (let k = 0; k < open.length; k++) leaf[open[k].row] = choice[k].cells;
        if (tableHolds(leaf)) found.push([...choice]);
        return;
      }
      const next = order[depth];
      const o = open[next];
      const tokens = o.tokens;
      for (const opt of o.options) {
        let ok = true;
        for (let i = 0; i < tokens.length && ok; i++) ok = fits(tokens[i], opt.cols[i]);
        if (!ok) continue;
        for (let i = 0; i < tokens.length; i++) if (tokens[i].link === Link.Start) put(tokens[i].page, tokens[i].col, opt.cols[i]);
        choice[next] = opt;
        walk(depth + 1);
        for (let i = 0; i < tokens.length; i++) if (tokens[i].link === Link.Start) take(tokens[i].page, tokens[i].col);
      }
    };
    walk(0);
    if (nodes > LIMIT || found.length !== 1) return undefined;
    const out = [...base];
    open.forEach((o, k) => (out[o.row] = found[0][k].cells));
    found = [];
    return out;
  };

  return { place, solve };
}

/** The most partial readings a table's search looks at before it gives up (nothing read). */
const LIMIT = 200;

/**
 * A row's cells from its tokens' columns: the others blank, at the label's end. A blank has no
 * place of its own in the line (only spaces whose width is layout), so it is inexact: a fix never
 * writes a value there (it would be glued to the label and read as part of it).
 */
function build(labelCells: Cell[], tokens: Token[], columns: number[], n: number): Array<Cell | null> {
  const out: Array<Cell | null> = Array(n).fill(null);
  columns.forEach((c, i) => (out[c] = tokens[i].cell));
  const at = labelCells[labelCells.length - 1];
  for (let k = 0; k < n; k++) if (!out[k]) out[k] = { raw: '', span: { start: at.span.end, end: at.span.end }, line: at.line, kind: 'blank', placeholder: false, inexact: true };
  return out;
}

/** A row's number at the start of a word: `1.`, `（一）`, `一、`. */
const ROW_NUMBER = /(?:^|\s)(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)/;

/** A line that holds a numbered row label (a table row's own line). */
function numberedLine(cells: Cell[] | undefined): boolean {
  return !!cells && cells.some((c) => c.kind === 'text' && ROW_NUMBER.test(c.raw));
}

/** A cell's character column in its line, a form feed not counted. */
function colOf(lines: Line[], cell: Cell): number {
  const line = lines[cell.line];
  const i = cell.span.start - line.start;
  let feeds = 0;
  for (let j = 0; j < i; j++) if (line.text.charCodeAt(j) === 0x0c) feeds++;
  return i - feeds;
}

/** A value cell's page, character column and how it is set off from what precedes it on its line. */
function tokenOf(lines: Line[], cells: Cell[], k: number, pageOf: (line: number) => number): Token | undefined {
  const cell = cells[k];
  const line = lines[cell.line];
  if (!line) return undefined;
  const text = line.text;
  const i = cell.span.start - line.start;
  if (i < 0 || i > text.length) return undefined;
  let feeds = 0;
  for (let j = 0; j < i; j++) if (text.charCodeAt(j) === 0x0c) feeds++;
  const col = i - feeds;
  let link: Link = Link.Start;
  if (i >= 2 && text.charCodeAt(i - 1) === 0x20 && text.charCodeAt(i - 2) !== 0x20 && text.charCodeAt(i - 2) !== 0x0c) {
    const prev = k > 0 ? cells[k - 1] : undefined;
    // One space after something: the cell before it on the line (it ends right there).
    if (!prev || prev.line !== cell.line || prev.span.end !== line.start + i - 1) return undefined;
    link = prev.kind === 'text' ? Link.Label : Link.Next;
  } else if (i >= 1 && text.charCodeAt(i - 1) !== 0x20 && text.charCodeAt(i - 1) !== 0x0c) {
    return undefined; // glued to what precedes it: no position
  }
  return { cell, page: pageOf(cell.line), col, link };
}
