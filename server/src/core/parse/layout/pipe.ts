/**
 * Markdown pipe tables (REPORT-FORMAT §6.8): one row per line, cells between pipes, merged cells
 * flattened into the first cell of their span with the others empty. Header rules are skipped;
 * a `### caption` line above a small table is kept as the next row's caption.
 *
 * Markdown converted from PDF (PDF/OCR-to-Markdown services) breaks these tables, and each break is
 * read only as far as the text's structure fixes it:
 * - a page break cuts the table in two: the page number (`— 4 —`, `-5-`, `第 4 页`) stands between
 *   the parts or among the rows, on a line of its own or as a row of its own: never a value;
 * - the header rows repeated after the break are dropped;
 * - a row missing its trailing `|`, or one cell short because a merged label cell was dropped: a
 *   row narrower than its table is placed at the one end where its values fall in value columns
 *   and its words in label columns; where both ends fit (or neither), its columns are unknown;
 * - a label split over two rows (`2.其他法律行政法` / `规禁止公开 | 0 | …`) is joined when neither
 *   piece alone is a label and the two together are; a label-only row followed by a row that
 *   continues it unjoined is not read as a blank row;
 * - a row whose label was lost is named only when its neighbours fix it: the rows just above and
 *   below it are official rows of 表三 with exactly that many official rows between them.
 */
import type { Cell } from '../../model';
import { CLASS_PIPE, Line, lineHas } from '../../text';
import { isPageMark, makeCell } from '../cells';
import { isFilled } from '../grid';
import type { Grid, GridRow } from '../grid';
import {
  applicationRowOf,
  applicationRowsBetween,
  isGroupOrHeader,
  isOfficialText,
  isPureGroup,
  isRowLabel,
  startsWithOrdinal,
} from './official-labels';

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_AT_AN_END = /^\s*\||\|\s*$/;
const PIPE_RULE = /^\s*(?:\|\s*)?:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*(?:\s*\|)?\s*$/;
const CAPTION = /^\s*(?:#{1,6}\s+|\*\*)(.+?)(?:\*\*)?\s*$/;

/** A table row, also one that lost the pipe at one end (`| 2.重复申请 | 0 | 0`). */
function isPipeRow(text: string): boolean {
  // No pipe, no row (the common line, told without a pattern).
  if (!text.includes('|')) return false;
  if (PIPE_ROW.test(text)) return true;
  if (!PIPE_AT_AN_END.test(text)) return false;
  let pipes = 0;
  for (let i = 0; i < text.length && pipes < 2; i++) if (text.charCodeAt(i) === 0x7c) pipes++;
  return pipes >= 2;
}

export function scorePipe(lines: Line[], from: number, to: number): number {
  let rows = 0;
  for (let i = from; i < to; i++) if (lineHas(lines[i], CLASS_PIPE) && isPipeRow(lines[i].text)) rows++;
  return rows >= 3 ? 0.9 : 0;
}

const filled = isFilled;
const words = (r: GridRow) => r.cells.filter((c) => c.kind === 'text');
const isData = (r: GridRow) => r.cells.some(filled);

interface PipeRow extends GridRow {
  /** The table (header row, rule, body) the row belongs to: a rule line starts a new one. */
  table: number;
  /** A page mark, an empty line or a text line stands between this row and the row above. */
  afterBreak: boolean;
}

function splitRow(line: Line): { cells: Cell[]; width: number } {
  const parts = line.text.split('|');
  // The pipes at both ends are borders, not cells; a row may have lost either one.
  const first = parts[0].trim() === '' ? 1 : 0;
  const last = parts.length > 1 && parts[parts.length - 1].trim() === '' ? parts.length - 1 : parts.length;
  let pos = line.start;
  const cells: Cell[] = [];
  for (let k = 0; k < parts.length; k++) {
    if (k >= first && k < last) {
      // A backslash that ends a cell (a Markdown escape of the border) is not its text.
      const part = parts[k];
      const cell = makeCell(part.charCodeAt(part.length - 1) === 0x5c ? part.slice(0, -1) : part, pos, line.index);
      cell.col = k - first;
      cells.push(cell);
    }
    pos += parts[k].length + 1;
  }
  // A page number the converter appended to a row as a cell of its own is no cell of the table.
  while (cells.length > 1 && isPageMark(cells[cells.length - 1].raw) && cells.slice(0, -1).some((c) => c.raw && !isPageMark(c.raw))) cells.pop();
  return { cells, width: cells.length };
}

export function buildPipe(lines: Line[], from: number, to: number): Grid {
  const rows: PipeRow[] = [];
  const ruleWidth: number[] = [0];
  let table = 0;
  let caption: string | undefined;
  let broken = false;
  for (let i = from; i < to; i++) {
    const text = lines[i].text;
    if (PIPE_RULE.test(text)) {
      table++;
      ruleWidth[table] = (text.match(/:?-{2,}:?/g) ?? []).length;
      // The header row right above the rule opens the new table.
      const prev = rows[rows.length - 1];
      if (prev && prev.line === i - 1) prev.table = table;
      continue;
    }
    if (!isPipeRow(text)) {
      if (!text.trim() || isPageMark(text)) { broken = true; continue; }
      const c = CAPTION.exec(text);
      caption = c ? c[1] : undefined;
      broken = true;
      continue;
    }
    const { cells, width } = splitRow(lines[i]);
    // A page number the converter put into the table as a row of its own.
    if (cells.some((c) => c.raw) && cells.every((c) => !c.raw || isPageMark(c.raw))) { broken = true; continue; }
    // The caption stays with every row of its small table, up to the next caption or text line.
    rows.push({ cells, line: i, width, caption, table, afterBreak: broken });
    broken = false;
  }
  const kept = dropRepeatedHeaders(rows);
  alignRows(kept, ruleWidth);
  joinSplitLabels(kept);
  nameLostLabels(kept);
  return { layout: 'pipe', rows: kept.map(({ cells, line, width, caption: cap }) => ({ cells, line, width, caption: cap })), bounded: true, positional: true };
}

/**
 * Rows without numbers that repeat an earlier row, after a page break or at the head of a new
 * table (before its first row of numbers): the header the converter wrote again on the next page.
 */
function dropRepeatedHeaders(rows: PipeRow[]): PipeRow[] {
  const seen = new Set<string>();
  const kept: PipeRow[] = [];
  let head = true;
  let table = -1;
  for (const r of rows) {
    if (r.afterBreak || r.table !== table) head = true;
    table = r.table;
    if (isData(r)) head = false;
    else {
      const key = words(r).map((c) => c.raw.replace(/\s+/g, '')).join('|');
      if (key) {
        if (head && seen.has(key)) continue;
        seen.add(key);
      }
    }
    kept.push(r);
  }
  return kept;
}

/**
 * Puts every row of a table on the table's columns. The table is as wide as its rule (the
 * delimiter row), or as most of its rows of numbers where they are wider. A row of another width
 * lost or gained cells at one end: merged label cells dropped at its start, empty cells dropped at
 * its end (a trailing `|` lost with an empty last cell, a writer that pads short rows on the
 * right), a stray empty cell at either end. It is moved to the end where it fits — numbers only in
 * value columns, words only in label columns, nothing but empty cells pushed off the table — when
 * exactly one does; otherwise its width is 0: no column of it is known, and the reader leaves it
 * unread.
 */
function alignRows(rows: PipeRow[], ruleWidth: number[]): void {
  const tables = new Map<number, PipeRow[]>();
  for (const r of rows) (tables.get(r.table) ?? tables.set(r.table, []).get(r.table)!).push(r);
  const shape = new Map<number, { width: number; values?: number }>();
  for (const [t, list] of tables) {
    const count = new Map<number, number>();
    for (const r of list) if (isData(r)) count.set(r.width ?? 0, (count.get(r.width ?? 0) ?? 0) + 1);
    let common: number | undefined;
    for (const [w, n] of count) if (common === undefined || n > count.get(common)! || (n === count.get(common)! && w > common)) common = w;
    const width = Math.max(ruleWidth[t] ?? 0, common ?? Math.max(0, ...list.map((r) => r.width ?? 0)));
    // The first value column: where numbers start in the rows that have every cell.
    let values: number | undefined;
    for (const r of list) {
      if (r.width !== width) continue;
      for (const c of r.cells) if (filled(c) && c.col !== undefined && (values === undefined || c.col < values)) values = c.col;
    }
    shape.set(t, { width, values });
  }
  for (const [t, list] of tables) {
    const { width } = shape.get(t)!;
    // A table cut off by a page break may have no full row: its columns are those of a part as wide.
    const values = shape.get(t)!.values ?? [...shape.values()].find((x) => x.width === width && x.values !== undefined)?.values;
    const fits = (r: GridRow, shift: number) =>
      values !== undefined &&
      r.cells.every((c) => {
        if (c.col === undefined) return true;
        const at = c.col + shift;
        if (at < 0 || at >= width) return c.raw === '';
        return filled(c) ? at >= values : c.kind !== 'text' || at < values;
      });
    const move = (r: GridRow, shift: number) => {
      r.cells = r.cells.filter((c) => c.col === undefined || (c.col + shift >= 0 && c.col + shift < width));
      for (const c of r.cells) if (c.col !== undefined) c.col += shift;
      r.width = width;
    };
    for (const r of list) {
      const w = r.width ?? r.cells.length;
      if (w === width) continue;
      if (!isData(r)) {
        // Words and blanks only: its blanks are blanks wherever it sits (a writer pads on the right).
        if (fits(r, 0)) move(r, 0);
        continue;
      }
      const shifts = [...new Set([0, width - w])].filter((s) => fits(r, s));
      if (shifts.length === 1) move(r, shifts[0]);
      else r.width = 0;
    }
  }
}

/** The next row after `k` that holds anything. */
function nextRow(rows: PipeRow[], k: number): PipeRow | undefined {
  for (let i = k + 1; i < rows.length; i++) if (rows[i].cells.some((c) => c.raw)) return rows[i];
  return undefined;
}

/** The words of a row before its first number: where its label is. */
function leadingWords(r: GridRow): Cell[] | undefined {
  const firstValue = r.cells.findIndex(filled);
  const ws = words(r);
  return ws.every((c) => r.cells.indexOf(c) < firstValue) ? ws : undefined;
}

/**
 * A label cut over two rows: the first row holds only words, the next one goes on with words that
 * open no label (no ordinal) and then its numbers. The last piece of the first row and the first of
 * the second are joined when neither is an official text and the two together are a row label.
 * A label-only row whose next row goes on like that but does not join is no blank row: its
 * values may be the next row's, so it is left unread (width 0).
 */
function joinSplitLabels(rows: PipeRow[]): void {
  for (const [k, a] of rows.entries()) {
    if (isData(a)) continue;
    const aw = words(a);
    if (!aw.length) continue;
    const piece = aw[aw.length - 1];
    if (isGroupOrHeader(piece.raw) && !isRowLabel(piece.raw)) continue;
    const b = nextRow(rows, k);
    if (!b || !isData(b)) continue;
    const bw = leadingWords(b);
    // A row that opens a group of its own (`（四）无法提供`) continues nothing above it.
    if (!bw || bw.some((c) => isPureGroup(c.raw))) continue;
    const rest = bw.find((c) => !isPureGroup(c.raw));
    if (rest && !startsWithOrdinal(rest.raw) && !isOfficialText(rest.raw) && !isOfficialText(piece.raw) && isRowLabel(piece.raw + rest.raw)) {
      const joined: Cell = { raw: piece.raw + rest.raw, span: { start: piece.span.start, end: rest.span.end }, line: piece.line, kind: 'text', col: rest.col, inexact: true };
      b.cells[b.cells.indexOf(rest)] = joined;
      a.cells.splice(a.cells.indexOf(piece), 1);
      continue;
    }
    // The next row has numbers and no label of its own: the label above may be its label.
    if (!rest || (!startsWithOrdinal(rest.raw) && !isOfficialText(rest.raw))) a.width = 0;
  }
}

/**
 * Rows of numbers with no label (or only a group label) between two official rows of 表三: named
 * when the rows just above and below the run are known rows and the format puts exactly as many
 * rows between them as the run has, the same ones in either format. Group and header rows between
 * are passed over; anything else next to the run leaves it unnamed (the reader then says the
 * numbers belong to no row).
 */
function nameLostLabels(rows: PipeRow[]): void {
  const lost = (r: GridRow) => isData(r) && !r.caption && words(r).every((c) => isPureGroup(c.raw));
  // Rows that stand between neighbours: groups, headers and empty rows do not.
  const seq = rows.filter((r) => isData(r) || words(r).some((c) => !isGroupOrHeader(c.raw) || isRowLabel(c.raw)));
  const rowOf = (r: GridRow) => {
    const ws = words(r);
    for (let i = ws.length - 1; i >= 0; i--) {
      const id = applicationRowOf(ws[i].raw);
      if (id) return id;
    }
    return undefined;
  };
  for (let i = 0; i < seq.length; i++) {
    if (!lost(seq[i])) continue;
    let j = i;
    while (j + 1 < seq.length && lost(seq[j + 1])) j++;
    const above = seq[i - 1];
    const below = seq[j + 1];
    const to = below && rowOf(below);
    // A row above with no numbers may be the label of the run's numbers, unless the run opens a
    // group of its own: then that row is a blank row, and a neighbour like any other.
    const fromId = above && (isData(above) || words(seq[i]).length > 0) ? rowOf(above) : undefined;
    const between = to && (!above || fromId) ? applicationRowsBetween(fromId, to, j - i + 1) : undefined;
    between?.forEach((def, k) => {
      const r = seq[i + k];
      const at = r.cells.find((c) => c.raw) ?? r.cells[0];
      // The label the format gives this place; its source is not in the text, so it is never edited.
      r.cells.unshift({ raw: def.label, span: { start: at.span.start, end: at.span.start }, line: r.line, kind: 'text', inexact: true });
    });
    i = j;
  }
}
