/**
 * Lines → cells. One splitter serves every layout of REPORT-FORMAT.md §6: tab rows, one cell per
 * line, space-aligned PDF text and pipe tables all reduce to a stream of cells with exact spans.
 */
import type { Cell } from '../model';
import { Decimal, Line, WS, foldCompat, trimSpan } from '../text';

const SPACES = new RegExp(`[${WS}]+`, 'g');
const PLACEHOLDER = /^(?:[/\\\-—–―─_~～]+|无)$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|件|条|个|项|次|家|人次|人|宗|起|笔|份|户|批)?(\(.*\)|\[.*\])?$/;
/** Digits mixed with letters that look like digits (`1O`, `l2`, `O`): a damaged number, not a label. */
const DAMAGED_NUMBER = /^(?=.*[\dOoIl])[+-]?[\dOoIl|,.]+$/;
const ORDINAL = /^\d+[.、．]$/;
const PAGE_MARK = new RegExp(`^[${WS}]*(?:[-—–－]+[${WS}]*\\d+[${WS}]*[-—–－]+|第[${WS}]*\\d+[${WS}]*页(?:[${WS}]*共[${WS}]*\\d+[${WS}]*页)?)[${WS}]*$`);
// Each whitespace run is matched by one quantifier only: adjacent `\s*` make long runs quadratic.
const PIPE_SEPARATOR = /^\s*(?:\|\s*)?:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)*(?:\s*\|)?\s*$/;

export function isPageMark(text: string): boolean {
  return PAGE_MARK.test(text);
}

/** Reads one cell's text: a number (with unit and note), a blank, a damaged number or text. */
type Classified = Pick<Cell, 'kind' | 'value' | 'unit' | 'note' | 'placeholder'>;
/** The same few cell texts (`0`, `1`, labels) recur thousands of times: classify each once. */
const CLASSIFIED = new Map<string, Classified>();

export function classifyCell(raw: string): Classified {
  let c = CLASSIFIED.get(raw);
  if (!c) {
    if (CLASSIFIED.size > 20000) CLASSIFIED.clear();
    c = classify(raw);
    CLASSIFIED.set(raw, c);
  }
  return c;
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
  if (!ORDINAL.test(t) && DAMAGED_NUMBER.test(t) && /[\dOo]/.test(t)) return { kind: 'bad' };
  return { kind: 'text' };
}

function isValueLike(raw: string): boolean {
  const k = classifyCell(raw).kind;
  return k === 'number' || k === 'bad' || (k === 'blank' && raw.trim() !== '');
}

export function makeCell(text: string, start: number, line: number): Cell {
  const t = trimSpan(text, start);
  return { raw: t.text, span: { start: t.start, end: t.end }, line, ...classifyCell(t.text) };
}

/**
 * Splits a piece of a line at runs of two or more spaces, then splits off trailing numbers
 * separated by single spaces (`规章 0 0 0`, `0 0 0 0 0`), keeping `结果 维持` and `10 万元` whole.
 */
const UNIT = /^(?:万元|元|件|条|个|项|次|家|人次|人|宗|起|笔|份|户|批)$/;
const GAP = new RegExp(`[${WS}]{2,}|\\u3000`, 'g');
const WORD = new RegExp(`[^${WS}]+`, 'g');

function splitSpaced(seg: string, start: number, line: number, out: Cell[]): void {
  const gap = GAP;
  gap.lastIndex = 0;
  let last = 0;
  const pieces: Array<[string, number]> = [];
  for (let m = gap.exec(seg); m; m = gap.exec(seg)) {
    if (m.index > last) pieces.push([seg.slice(last, m.index), start + last]);
    last = m.index + m[0].length;
  }
  if (last < seg.length) pieces.push([seg.slice(last), start + last]);
  for (const [piece, pstart] of pieces) {
    const words: Array<[string, number]> = [];
    const word = WORD;
    word.lastIndex = 0;
    for (let m = word.exec(piece); m; m = word.exec(piece)) words.push([m[0], pstart + m.index]);
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
      continue;
    }
    if (cut > 0) {
      const labelEnd = words[cut - 1][1] + words[cut - 1][0].length - pstart;
      out.push(makeCell(piece.slice(0, labelEnd), pstart, line));
    }
    for (let i = cut; i < words.length; i++) out.push(makeCell(words[i][0], words[i][1], line));
  }
}

/**
 * The cells of one line. Empty cells between tabs or pipes are kept (they are positions in a
 * row); a leading tab is indentation or a merged label cell and yields no cell.
 */
export function splitLineCells(line: Line): Cell[] {
  const out: Cell[] = [];
  const text = line.text;
  if (isPageMark(text)) return out;
  if (text.includes('|') && /\|.*\|/.test(text)) {
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
  const parts = text.split('\t');
  if (parts.length === 1) {
    if (text.trim() === '') return out;
    splitSpaced(text, line.start, line.index, out);
    return out;
  }
  let pos = line.start;
  parts.forEach((p, i) => {
    // Nothing before the first TAB is indentation; spaces or NBSP there are a blank first cell.
    const indentation = i === 0 && p === '';
    if (!indentation) splitCellsOfSegment(p, pos, line.index, out, true);
    pos += p.length + 1;
  });
  return out;
}

function splitCellsOfSegment(seg: string, start: number, line: number, out: Cell[], keepEmpty: boolean): void {
  if (seg.trim() === '') {
    if (keepEmpty) {
      const t = trimSpan(seg, start);
      out.push({ raw: '', span: { start: t.start, end: t.start }, line, kind: 'blank', placeholder: false });
    }
    return;
  }
  // One word and nothing to split (`0`, `规章`): the common case of a TAB or pipe cell.
  if (!INNER_SPACE.test(seg.trim())) {
    out.push(makeCell(seg, start, line));
    return;
  }
  splitSpaced(seg, start, line, out);
}

const INNER_SPACE = new RegExp(`[${WS}]`);
