/**
 * Plain-text tables of document converters (REPORT-FORMAT §6.9): pandoc's simple and multiline
 * tables (column positions from the dashed rule; rows one line each, or blocks between empty
 * lines) and grid tables (`+---+` borders, a row's cell stacked over several lines). Columns are
 * cut by display width (CJK = 2), as the writers pad them.
 */
import { Line, charClass, isBlank, lineHas } from '../../text';
import type { Cell } from '../../model';
import { makeCell } from '../cells';
import { Grid, GridRow, isWide } from '../grid';

const DASH_RULE = /^\s*-{3,}(?:[ ]+-{3,})+\s*$/;
const GRID_BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;
/** A rule is dashes or a border of `+`: a line with neither is none. */
const RULE_CHARS = charClass('-+');

export function scoreTextTable(lines: Line[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    // A rule is dashes or a border of `+`: a line with neither is none (told without a pattern).
    if (t.length > 20 && lineHas(lines[i], RULE_CHARS) && (DASH_RULE.test(t) || GRID_BORDER.test(t))) return 0.85;
  }
  return 0;
}

/** Column start positions (display columns) from a dashed rule or a grid border. */
function columnStarts(rule: string, grid: boolean): number[] {
  const starts: number[] = [];
  if (grid) {
    for (let i = 0; i < rule.length - 1; i++) if (rule[i] === '+') starts.push(i + 1);
    return starts;
  }
  const re = /-+/g;
  for (let m = re.exec(rule); m; m = re.exec(rule)) starts.push(m.index);
  return starts;
}

interface Piece {
  text: string;
  start: number;
  line: number;
}

/** Cuts one line at the column starts; pieces keep exact offsets. */
function cutLine(line: Line, starts: number[], grid: boolean): Piece[] {
  const out: Piece[] = [];
  const text = line.text;
  // Each column start's index in the line, found in one walk along it (starts ascend).
  const at: number[] = [];
  let i = 0;
  let w = 0;
  for (const s of starts) {
    while (i < text.length && w < s) w += isWide(text.charCodeAt(i++)) ? 2 : 1;
    at.push(i);
  }
  for (let k = 0; k < starts.length; k++) {
    const a = at[k];
    let b = k + 1 < starts.length ? at[k + 1] : text.length;
    // In a grid table the border `|` before the next column is not content.
    if (grid && k + 1 < starts.length) b = Math.max(a, b - 1);
    let piece = text.slice(a, b);
    if (grid) piece = piece.replace(/\|\s*$/, (m) => ' '.repeat(m.length));
    out.push({ text: piece, start: line.start + a, line: line.index });
  }
  return out;
}

/**
 * Where a blank cell is in its row's first line, so that a fix writes the value into its column:
 * on its blank mark (an NBSP or ideographic space, replaced by the value), else at the column's
 * start (the value inserted there stays in its column).
 */
function blankAt(piece: Piece | undefined): number | undefined {
  if (!piece) return undefined;
  for (let i = 0; i < piece.text.length; i++) {
    const c = piece.text.charCodeAt(i);
    if (c === 0xa0 || c === 0x3000) return piece.start + i;
  }
  return piece.start;
}

/** One grid cell from the pieces of a column over one or more lines. */
function cellOf(pieces: Piece[], col: number, fallbackLine: number, fallbackAt: number): Cell {
  const filled = pieces.filter((p) => !isBlank(p.text));
  if (filled.length === 0) {
    const c = makeCell('', blankAt(pieces[0]) ?? fallbackAt, pieces[0]?.line ?? fallbackLine);
    c.col = col;
    return c;
  }
  if (filled.length === 1) {
    const c = makeCell(filled[0].text, filled[0].start, filled[0].line);
    c.col = col;
    return c;
  }
  // A cell over several lines: a wrapped label. Two numbers stacked in one cell are never joined.
  const joined = filled.map((p) => p.text.trim()).join('');
  const first = makeCell(filled[0].text, filled[0].start, filled[0].line);
  const last = makeCell(filled[filled.length - 1].text, filled[filled.length - 1].start, filled[filled.length - 1].line);
  const numbers = filled.filter((p) => makeCell(p.text, p.start, p.line).kind === 'number').length;
  const c = makeCell(joined, first.span.start, first.line);
  c.span = { start: first.span.start, end: last.span.end };
  c.inexact = true;
  if (numbers > 0) c.kind = 'text';
  c.col = col;
  return c;
}

/**
 * The first line of a grid table's row whose cell, its pieces joined over the row's lines, passes
 * `test` (a table's anchor cut by a narrow column: `据的勾` / `稽关系`, `第二十` / `条第（` / `一）项`);
 * -1 when none does. Only lines between `from` and `to`; linear in their length.
 */
export function gridAnchor(lines: Line[], from: number, to: number, test: (cellText: string) => boolean): number {
  let starts: number[] | undefined;
  let texts: string[] = [];
  let first = -1;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    const t = l.text;
    if (lineHas(l, RULE_CHARS) && GRID_BORDER.test(t)) {
      if (starts && first >= 0 && texts.some((s) => s !== '' && test(s))) return first;
      starts = columnStarts(t, true);
      if (starts.length > 60) starts = undefined;
      texts = starts ? starts.map(() => '') : [];
      first = -1;
      continue;
    }
    if (!starts || !/^\s*\|/.test(t)) {
      starts = undefined;
      continue;
    }
    if (first < 0) first = i;
    const pieces = cutLine(l, starts, true);
    for (let k = 0; k < pieces.length; k++) texts[k] += pieces[k].text.trim();
  }
  return -1;
}

export function buildTextTable(lines: Line[], from: number, to: number): Grid {
  const rows: GridRow[] = [];
  let i = from;
  while (i < to) {
    const t = lines[i].text;
    const grid = GRID_BORDER.test(t);
    if (!(grid || DASH_RULE.test(t)) || t.length <= 20) {
      i++;
      continue;
    }
    const starts = columnStarts(t, grid);
    i++;
    // No report table has more than a few dozen columns: a longer rule is not one of them.
    if (starts.length > 60) continue;
    // Rows of one table: until a line that is neither content nor a rule, or an empty line
    // followed by text that is not indented like the table.
    let block: Line[] = [];
    const flush = () => {
      if (!block.length) return;
      const cut = block.map((l) => cutLine(l, starts, grid));
      const cells = starts.map((_, k) => cellOf(cut.map((c) => c[k]), k, block[0].index, block[0].start));
      rows.push({ cells, line: block[0].index, width: starts.length });
      block = [];
    };
    // A simple table has one row per line; a multiline table separates rows by empty lines.
    let multiline = false;
    for (let j = i; j < to && j < i + 400; j++) {
      if (isBlank(lines[j].text)) {
        if (j + 1 < to && !isBlank(lines[j + 1].text) && !DASH_RULE.test(lines[j + 1].text)) multiline = true;
        break;
      }
      if (DASH_RULE.test(lines[j].text) || GRID_BORDER.test(lines[j].text)) break;
    }
    for (; i < to; i++) {
      const l = lines[i];
      if (grid) {
        if (GRID_BORDER.test(l.text)) { flush(); continue; }
        if (!/^\s*\|/.test(l.text)) break;
        block.push(l);
        continue;
      }
      if (DASH_RULE.test(l.text)) { flush(); continue; }
      if (isBlank(l.text)) {
        flush();
        if (!multiline) break;
        // A multiline table ends at an empty line followed by the closing rule or by prose.
        const next = lines[i + 1];
        if (!next || !/^\s{2}/.test(next.text)) break;
        continue;
      }
      if (multiline) block.push(l);
      else { block.push(l); flush(); }
    }
    flush();
  }
  return { layout: 'text-table', rows, bounded: true, positional: true };
}
