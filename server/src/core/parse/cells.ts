/**
 * Lines → cells. One splitter serves every layout of REPORT-FORMAT.md §6: tab rows, one cell per
 * line, space-aligned PDF text and pipe tables all reduce to a stream of cells with exact spans.
 */
import type { Cell } from '../model';
import { CLASS_PIPE, CLASS_SPACE, CLASS_TAB, Decimal, Line, WS, foldCompat, isTrimmable, lineHas, trimSpan } from '../text';

const SPACES = new RegExp(`[${WS}]+`, 'g');
const PLACEHOLDER = /^(?:[/\\\-—–―─_~～]+|无)$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|件|条|个|项|次|家|人次|人|宗|起|笔|份|户|批)?(\(.*\)|\[.*\])?$/;
/** Digits mixed with letters that look like digits (`1O`, `l2`, `O`): a damaged number, not a label. */
const DAMAGED_NUMBER = /^(?=.*[\dOoIl])[+-]?[\dOoIl|,.]+$/;
const ORDINAL = /^\d+[.、．]$/;
const DIGIT_LIKE = /[\dOo]/;
const TWO_PIPES = /\|.*\|/;
const PAGE_MARK = new RegExp(`^[${WS}]*(?:[-—–－]+[${WS}]*\\d+[${WS}]*[-—–－]+|第[${WS}]*\\d+[${WS}]*页(?:[${WS}]*共[${WS}]*\\d+[${WS}]*页)?)[${WS}]*$`);
// Each whitespace run is matched by one quantifier only: adjacent `\s*` make long runs quadratic.
const PIPE_SEPARATOR = /^\s*(?:\|\s*)?:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*(?:\s*\|)?\s*$/;

export function isPageMark(text: string): boolean {
  // A page mark starts, after spaces, with a dash or 第: any other character rules it out.
  let i = 0;
  while (i < text.length && isTrimmable(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c !== 0x2d && c !== 0x2014 && c !== 0x2013 && c !== 0xff0d && c !== 0x7b2c) return false;
  return PAGE_MARK.test(text);
}

/** Reads one cell's text: a number (with unit and note), a blank, a damaged number or text. */
type Classified = Pick<Cell, 'kind' | 'value' | 'unit' | 'note' | 'placeholder'>;
/**
 * The same few cell texts (`0`, `1`, labels) recur thousands of times: each is classified once, and
 * kept with a slot for what the readers learn of it (see `textSlot`), so one lookup serves both.
 */
interface TextEntry {
  classified: Classified;
  extra: unknown;
}
const TEXTS = new Map<string, TextEntry>();

function textEntry(raw: string): TextEntry {
  let e = TEXTS.get(raw);
  if (!e) {
    if (TEXTS.size > 20000) TEXTS.clear();
    e = { classified: classify(raw), extra: undefined };
    TEXTS.set(raw, e);
  }
  return e;
}

export function classifyCell(raw: string): Classified {
  // A count written plainly (`0`, `12`, `305`: most cells) is looked up by its value, without hashing the text.
  const n = plainCount(raw);
  if (n >= 0) return (PLAIN_COUNTS[n] ??= classify(raw));
  return textEntry(raw).classified;
}

/** A slot kept with a text's classification, for the label readers' own facts about the text. */
export function textSlot(raw: string): { extra: unknown } {
  return textEntry(raw);
}

const PLAIN_COUNTS: Array<Classified | undefined> = new Array(10000).fill(undefined);

/** The value of 1–4 ASCII digits without a leading zero (`0` itself included), else -1. */
function plainCount(raw: string): number {
  const len = raw.length;
  if (len === 0 || len > 4) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = raw.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9 || (d === 0 && i === 0 && len > 1)) return -1;
    n = n * 10 + d;
  }
  return n;
}

function classify(raw: string): Classified {
  const t = foldCompat(raw).replace(SPACES, '');
  if (t === '') return { kind: 'blank', placeholder: false };
  if (PLACEHOLDER.test(t)) return { kind: 'blank', placeholder: true };
  const m = NUMBER.exec(t);
  if (m) {
    const value = Decimal.parse(`${m[1] === '-' ? '-' : ''}${m[2].replace(/,/g, '')}${m[3] ? '.' + m[3] : ''}`);
    if (value) return { kind: 'number', value, unit: m[4], note: m[5] };
  }
  if (!ORDINAL.test(t) && DAMAGED_NUMBER.test(t) && DIGIT_LIKE.test(t)) return { kind: 'bad' };
  return { kind: 'text' };
}

function isValueLike(raw: string): boolean {
  const k = classifyCell(raw).kind;
  return k === 'number' || k === 'bad' || (k === 'blank' && raw.trim() !== '');
}

export function makeCell(text: string, start: number, line: number): Cell {
  // trimSpan inline, and the cell built with the classification's own keys in their order
  // (what `{ raw, span, line, ...classifyCell(raw) }` gives), without the spread.
  let a = 0;
  let b = text.length;
  while (a < b && isTrimmable(text.charCodeAt(a))) a++;
  while (b > a && isTrimmable(text.charCodeAt(b - 1))) b--;
  const raw = text.slice(a, b);
  const span = { start: start + a, end: start + b };
  const c = classifyCell(raw);
  switch (c.kind) {
    case 'number': return { raw, span, line, kind: c.kind, value: c.value, unit: c.unit, note: c.note };
    case 'blank': return { raw, span, line, kind: c.kind, placeholder: c.placeholder };
    default: return { raw, span, line, kind: c.kind };
  }
}

/**
 * Splits a piece of a line at runs of two or more spaces, then splits off trailing numbers
 * separated by single spaces (`规章 0 0 0`, `0 0 0 0 0`), keeping `结果 维持` and `10 万元` whole.
 */
const UNIT = /^(?:万元|元|件|条|个|项|次|家|人次|人|宗|起|笔|份|户|批)$/;

function splitSpaced(seg: string, start: number, line: number, out: Cell[]): void {
  // Pieces between gaps: a run of two or more WS characters, or an ideographic space alone
  // (`[WS]{2,}|\u3000`), found in one walk along the segment.
  let last = 0;
  let i = 0;
  const n = seg.length;
  while (i < n) {
    const c = seg.charCodeAt(i);
    if (!isTrimmable(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isTrimmable(seg.charCodeAt(j))) j++;
    if (j - i >= 2 || c === 0x3000) {
      if (i > last) splitPiece(seg.slice(last, i), start + last, line, out);
      last = j;
    }
    i = j;
  }
  if (last < n) splitPiece(seg.slice(last), start + last, line, out);
}

/** One piece between gaps: a label, values, or a label followed by values set apart by single spaces. */
function splitPiece(piece: string, pstart: number, line: number, out: Cell[]): void {
  // One word (the common case, no WS inside): the piece is its cell, whatever it holds.
  let ws = 0;
  while (ws < piece.length && !isTrimmable(piece.charCodeAt(ws))) ws++;
  if (ws === piece.length && ws > 0) {
    out.push(makeCell(piece, pstart, line));
    return;
  }
  // The words: runs of non-WS characters.
  const words: Array<[string, number]> = [];
  for (let i = 0; i < piece.length; ) {
    if (isTrimmable(piece.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < piece.length && !isTrimmable(piece.charCodeAt(j))) j++;
    words.push([piece.slice(i, j), pstart + i]);
    i = j;
  }
  // One word (the common case): the piece is its cell, whatever it holds.
  if (words.length === 1) {
    out.push(makeCell(piece, pstart, line));
    return;
  }
  // A unit set apart from its number (`125000 元`, `3 笔`) belongs to it.
  const n = words.length;
  if (n >= 3 && UNIT.test(words[n - 1][0]) && classifyCell(words[n - 2][0]).kind === 'number') {
    const at = words[n - 2][1];
    words.splice(n - 2, 2, [piece.slice(at - pstart, words[n - 1][1] - pstart + words[n - 1][0].length), at]);
  }
  let cut = words.length;
  while (cut > 0 && isValueLike(words[cut - 1][0])) cut--;
  if (cut === words.length || (cut === 0 && words.length === 1)) {
    out.push(makeCell(piece, pstart, line));
    return;
  }
  if (cut > 0) {
    const labelEnd = words[cut - 1][1] + words[cut - 1][0].length - pstart;
    out.push(makeCell(piece.slice(0, labelEnd), pstart, line));
  }
  for (let i = cut; i < words.length; i++) out.push(makeCell(words[i][0], words[i][1], line));
}

/**
 * The cells of one line. Empty cells between tabs or pipes are kept (they are positions in a
 * row); a leading tab is indentation or a merged label cell and yields no cell.
 */
export function splitLineCells(line: Line): Cell[] {
  const out: Cell[] = [];
  const text = line.text;
  if (isPageMark(text)) return out;
  if (lineHas(line, CLASS_PIPE) && TWO_PIPES.test(text)) {
    if (PIPE_SEPARATOR.test(text)) return out;
    const parts = text.split('|');
    // A page number a PDF-to-Markdown converter put into a table row (`| — 4 — | | |`) is no cell,
    // and a row holding nothing else is no row.
    if (parts.some(isPageMark) && parts.every((p) => p.trim() === '' || isPageMark(p))) return out;
    let pos = line.start;
    parts.forEach((p, i) => {
      const edge = (i === 0 || i === parts.length - 1) && p.trim() === '';
      if (!edge && !isPageMark(p)) splitCellsOfSegment(p, pos, line.index, out, true);
      pos += p.length + 1;
    });
    return out;
  }
  // No space at all (a cell per line): the line is its one cell (an array of one, not one grown by a push).
  if (!lineHas(line, CLASS_SPACE)) return text !== '' ? [makeCell(text, line.start, line.index)] : out;
  // No TAB (most lines): no split (a split of a sliced string is costly).
  if (!lineHas(line, CLASS_TAB)) {
    if (text.trim() === '') return out;
    splitSpaced(text, line.start, line.index, out);
    return out;
  }
  // The pieces between TABs, found by walking (no split of the line, no piece for an empty cell).
  for (let from = 0, i = 0; ; i++) {
    let tab = from;
    while (tab < text.length && text.charCodeAt(tab) !== 0x09) tab++;
    if (tab === text.length) tab = -1;
    const end = tab < 0 ? text.length : tab;
    // Nothing before the first TAB is indentation; spaces or NBSP there are a blank first cell.
    if (end > from) splitCellsOfSegment(text.slice(from, end), line.start + from, line.index, out, true);
    else if (i > 0) out.push({ raw: '', span: { start: line.start + from, end: line.start + from }, line: line.index, kind: 'blank', placeholder: false });
    if (tab < 0) break;
    from = tab + 1;
  }
  return out;
}

/** What String.prototype.trim removes: WS but the zero-width space. */
const isJsSpace = (c: number) => c !== 0x200b && isTrimmable(c);

function splitCellsOfSegment(seg: string, start: number, line: number, out: Cell[], keepEmpty: boolean): void {
  // `seg.trim()`'s bounds, by walking.
  let a = 0;
  let b = seg.length;
  while (a < b && isJsSpace(seg.charCodeAt(a))) a++;
  if (a === b) {
    if (keepEmpty) {
      const t = trimSpan(seg, start);
      out.push({ raw: '', span: { start: t.start, end: t.start }, line, kind: 'blank', placeholder: false });
    }
    return;
  }
  while (b > a && isJsSpace(seg.charCodeAt(b - 1))) b--;
  // One word and nothing to split (`0`, `规章`): the common case of a TAB or pipe cell.
  let inner = false;
  for (let i = a; i < b && !inner; i++) inner = isTrimmable(seg.charCodeAt(i));
  if (!inner) {
    out.push(makeCell(seg, start, line));
    return;
  }
  splitSpaced(seg, start, line, out);
}
