/** The three tables of sections 二, 三 and 四, read by their labels in either format. */
import {
  APPLICATION_GROUP_SIGNATURES,
  APPLICATION_ROWS,
  ApplicationRowDef,
  DISCLOSURE_BLOCKS,
  FormatId,
  REVIEW_GROUPS,
} from '../format/official';
import type { ApplicationsTable, DisclosureBlock, DisclosureTable, ReviewTable, TableProblem, Unbalanced } from '../model';
import type { Line } from '../text';
import { closestLabel, labelBody, labelKey } from '../labels';
import type { Grid } from './grid';
import { candidateGrids } from './layout/index';
import { textSlot } from './cells';
import { isFilled, LabelMatch, placeInOrder, ReadOptions, readRows, rowsOnOwnLines } from './read/reader';
import { applicationsFailure, reviewFailure } from './read/verify';
import { countWords, fixedByText, readReviewSparse } from './read/pdf-order';
import type { Cell, TableRow } from '../model';

// Patterns of the per-cell tests, made once (a literal in a loop is a new object each time).
const PROSE_STOP = /[。；]/;
const INNER_WS = /[\s\u00a0\u3000]/;
const WS_RUN = /[\s\u00a0\u3000]+/;
const WS_ALL = /[\s\u00a0\u3000]+/g;
const NUMBERED_WORD = /^(?:\d{1,2}[.、．]|[（(][一二三四五六七][)）])\S{3,}/;
const NUMBERED_KEY = /^(\d)\D/;
const HAS_DIGIT = /\d/;
const ITEM = /第二十条第([一二三四五六七八九十]+)项/;

/** A text cell that is prose, not a label: tables end there once their last row is read. */
function isProse(cell: Cell): boolean {
  return cell.raw.length > 60 || PROSE_STOP.test(cell.raw);
}

/**
 * What the label matchers ask of a cell's text, once per text (labels and headers recur in every
 * report): whether it is prose, its label key, whether it has spaces inside, and per format what
 * its words say in 表三 (`wordsOf`).
 */
interface TextInfo {
  prose: boolean;
  key: string;
  innerSpace: boolean;
  words: Partial<Record<FormatId, LabelWords>>;
}
function textInfo(raw: string): TextInfo {
  // Kept in the slot beside the text's classification: one lookup for both.
  const slot = textSlot(raw);
  return (slot.extra ??= { prose: raw.length > 60 || PROSE_STOP.test(raw), key: labelKey(raw), innerSpace: INNER_WS.test(raw), words: {} }) as TextInfo;
}

/** Cells whose source text is not their text (markup inside) are never edited by a fix. */
function markInexact(text: string, rows: Iterable<TableRow>): void {
  for (const r of rows) {
    for (const c of r.labelCells) markIfInexact(text, c);
    for (const c of r.cells) if (c) markIfInexact(text, c);
  }
}

/** The span's text is not the cell's (compared in place, without slicing it out). */
function markIfInexact(text: string, c: Cell): void {
  if (!c.inexact && !(c.span.end - c.span.start === c.raw.length && text.startsWith(c.raw, c.span.start))) c.inexact = true;
}

function lastLine(from: number, rows: TableRow[]): number {
  let last = from;
  for (const r of rows) {
    for (const c of r.cells) if (c && c.line > last) last = c.line;
    for (const c of r.labelCells) if (c.line > last) last = c.line;
  }
  return last;
}

function spanOf(lines: Line[], from: number, to: number) {
  return { start: lines[from].start, end: lines[Math.max(from, to - 1)].end };
}

/** A grid whose cell order is a PDF's reading order, with nothing else to place values by. */
function pdfOrdered(grid: Grid, pdfText: boolean): boolean {
  if (!pdfText || grid.bounded || grid.spaced) return false;
  for (const r of grid.rows) for (const c of r.cells) if (c.kind === 'blank' && !c.placeholder) return false;
  return true;
}

/**
 * A PDF-order reading whose order the text does not fix and whose numbers break an identity: the
 * numbers may sit in other cells than the text's order puts them, or the table is wrong. Nothing
 * is read, and the identity that fails is said, so the table is checked by hand.
 */
function distrust(rows: Iterable<{ cells: Array<Cell | null>; labelCells?: Cell[] }>, problems: TableProblem[], at: Cell | undefined, unbalanced: Unbalanced): void {
  for (const r of rows) r.cells = r.cells.map(() => null);
  problems.length = 0;
  if (at) problems.push({ kind: 'unaligned-row', span: at.span, reason: 'pdf-order', unbalanced });
}

/**
 * Reads a region with each candidate grid and keeps the reading that places the most cells,
 * then has the fewest problems. Every reader is safe (it never guesses), so more is better.
 */
function bestReading(text: string, lines: Line[], from: number, to: number, read: (grid: Grid, problems: TableProblem[]) => Map<string, TableRow>, complete: number, verify?: (rows: Map<string, TableRow>) => Unbalanced | null, pdfText = false) {
  let best: { rows: Map<string, TableRow>; problems: TableProblem[]; layout: string; placed: number; grid: Grid; last: boolean } | undefined;
  for (const grid of candidateGrids(text, lines, from, to)) {
    if (best) best.last = false;
    const problems: TableProblem[] = [];
    const rows = read(grid, problems);
    if (verify && pdfOrdered(grid, pdfText)) {
      const unbalanced = verify(rows);
      // Identities choose between readings the text leaves open; they never veto one it fixes.
      if (unbalanced && !(problems.length === 0 && rowsOnOwnLines(grid, rows.values())) && !fixedByText(rows)) distrust(rows.values(), problems, [...rows.values()][0]?.labelCells[0], unbalanced);
    }
    let placed = 0;
    for (const r of rows.values()) for (const c of r.cells) if (c) placed++;
    if (!best || placed > best.placed || (placed === best.placed && problems.length < best.problems.length)) best = { rows, problems, layout: grid.layout, placed, grid, last: true };
    // Every row found placed whole without a problem (every cell of the table, or the table lacks
    // rows no shape would find): no other shape reads more, and the stream reader is not built.
    let whole = 0;
    for (const r of rows.values()) whole += r.cells.length;
    if (problems.length === 0 && placed > 0 && (placed >= complete || placed === whole)) break;
  }
  return best!;
}

/** How many characters of `s` occur in `official` in the same order (greedy; labels are short). */
function inOrder(s: string, official: string): number {
  let n = 0;
  let at = 0;
  for (const ch of s) {
    const k = official.indexOf(ch, at);
    if (k < 0) continue;
    n++;
    at = k + 1;
  }
  return n;
}

/**
 * What a label key of 表三 says by its words alone (memoised per key: labels recur): its body
 * without the ordinal, whether it is a group label, and the row it names by signature, by the
 * start of its official label, or misspelt.
 */
interface LabelWords {
  body: string;
  group: boolean;
  row: string | null;
}
const WORDS: Partial<Record<FormatId, Map<string, LabelWords>>> = {};

function wordsOf(format: FormatId, key: string, bodies: string[]): LabelWords {
  const memo = (WORDS[format] ??= new Map());
  let words = memo.get(key);
  if (words === undefined) {
    if (memo.size > 20000) memo.clear();
    const body = labelBody(key);
    words = {
      body,
      group: APPLICATION_GROUP_SIGNATURES.some((g) => key.endsWith(g) || body === g || key === g),
      row: rowByWordsOf(APPLICATION_ROWS[format], key, body, bodies),
    };
    memo.set(key, words);
  }
  return words;
}

function rowByWordsOf(defs: ApplicationRowDef[], key: string, body: string, bodies: string[]): string | null {
  for (const d of defs) if (d.signatures.some((s) => key.includes(s))) return d.id;
  if (body.length >= 4) {
    const hits = defs.filter((_, i) => bodies[i].startsWith(body));
    if (hits.length === 1) return hits[0].id;
    // A misspelt label (`6.属于四类过程信息`): the one official label within a character or two.
    if (body.length <= 40) {
      const near = closestLabel(body, bodies);
      if (near >= 0) return defs[near].id;
    }
  }
  return null;
}

/** Row label keys per format, computed once (and one array each, so their lookups can be memoised). */
const BODIES: Partial<Record<FormatId, string[]>> = {};
const DISCLOSURE_KEYS: Partial<Record<FormatId, string[]>> = {};
const DISCLOSURE_LABELS: Partial<Record<FormatId, Array<{ key: string; id: string; block: number }>>> = {};

/** 表二's row labels and their variants by key, the same for every report of a format. */
function disclosureLabels(format: FormatId): Array<{ key: string; id: string; block: number }> {
  const labels: Array<{ key: string; id: string; block: number }> = [];
  DISCLOSURE_BLOCKS[format].forEach((d, b) =>
    d.rows.forEach((r) => {
      labels.push({ key: labelKey(r.label), id: r.label, block: b });
      for (const v of r.variants) labels.push({ key: labelKey(v), id: r.label, block: b });
    }),
  );
  // Longer labels first, so 行政规范性文件 is not read as 规范性文件.
  return labels.sort((a, b) => b.key.length - a.key.length);
}
const RESULT_IDS: Partial<Record<FormatId, string[]>> = {};
const DISCLOSURE_ROW_BY_KEY: Partial<Record<FormatId, Map<string, { id: string; block: number } | null>>> = {};

export function parseApplications(text: string, lines: Line[], from: number, to: number, format: FormatId, pdfText = false): ApplicationsTable {
  const defs = APPLICATION_ROWS[format];
  const problems: TableProblem[] = [];
  const bodies = (BODIES[format] ??= defs.map((d) => labelBody(labelKey(d.label))));
  const match = (cell: Cell, seen: ReadonlySet<string>): LabelMatch => matchLabel(cell, seen) ?? matchLastWord(cell, seen);
  // PDF text with layout joins a merged group label's piece and the row's label with one space
  // (`（六）其 1.申请人无正当理`): the numbered last word is the row's label.
  const matchLastWord = (cell: Cell, seen: ReadonlySet<string>): LabelMatch => {
    // A cell of one word (most cells) has no last word of its own.
    if (!textInfo(cell.raw).innerSpace) return null;
    const words = cell.raw.trim().split(WS_RUN);
    const last = words[words.length - 1];
    if (words.length < 2 || !NUMBERED_WORD.test(last)) return null;
    const m = matchLabel({ ...cell, raw: last }, seen);
    return m?.type === 'row' ? m : null;
  };
  const matchLabel = (cell: Cell, seen: ReadonlySet<string>): LabelMatch => {
    const info = textInfo(cell.raw);
    if (info.prose) return seen.has('4') ? { type: 'end' } : null;
    const key = info.key;
    if (!key) return null;
    // What the words alone say (their body, a group label, the row they name), once per key.
    const words = (info.words[format] ??= wordsOf(format, key, bodies));
    const body = words.body;
    if (words.group) return { type: 'group' };
    if (body === '其他处理' || key.endsWith('其他处理')) {
      // In 2021 this is the group over 3.6.1–3.6.3, unless the report kept the 2019 single row:
      // then values follow it, and it is read as 3.6.
      return { type: 'row', id: '3.6', columns: 7, optional: format === '2021' };
    }
    if (body === '总计' || key.includes('七总计')) {
      return seen.has('3.1') || seen.has('1') || key.includes('七') ? { type: 'row', id: '3.7', columns: 7 } : null;
    }
    if (body === '其他') {
      return format === '2021' && (seen.has('3.6.1') || seen.has('3.6.2')) ? { type: 'row', id: '3.6.3', columns: 7 } : null;
    }
    const id = words.row;
    if (id !== null) return { type: 'row', id, columns: 7 };
    // A label cut short or misprinted (`2.其他法律法规禁`, `2.其他法律行政止公开`) right after its
    // official predecessor: the format fixes the order of the rows, so it is the next row when it
    // carries that row's number and most of its characters, in order.
    const numbered = NUMBERED_KEY.exec(key);
    if (numbered && body.length >= 3 && seen.size) {
      let last = '';
      for (const id of seen) last = id;
      const i = defs.findIndex((d) => d.id === last);
      const next = i >= 0 ? defs[i + 1] : undefined;
      if (next && !seen.has(next.id) && next.label.startsWith(numbered[1]) && inOrder(body, bodies[i + 1]) * 3 >= body.length * 2) return { type: 'row', id: next.id, columns: 7 };
    }
    return null;
  };
  // The format's result rows, and 3.6 for a 2021 table that kept the 2019 single row: each once.
  const resultIds = (RESULT_IDS[format] ??= [...new Set([...APPLICATION_ROWS[format], ...APPLICATION_ROWS['2019']].filter((d) => d.result).map((d) => d.id))]);
  const options: ReadOptions = { match, anchor: 'right', isComplete: (seen) => seen.has('4'), inOrder: pdfText ? (rows) => applicationsFailure(rows, resultIds) : undefined, labelLines: pdfText ? { rowTotal: true } : undefined, ordered: !pdfText };
  const failure = (rows: Map<string, TableRow>) => applicationsFailure(new Map([...rows].map(([id, r]) => [id, r.cells])), resultIds);
  const best = bestReading(text, lines, from, to, (grid, p) => readRows(grid, options, p), defs.length * 7, failure, pdfText);
  const rows = best.rows;
  problems.push(...best.problems);
  let rowDefs = defs;
  if (format === '2021' && rows.has('3.6')) {
    if (['3.6.1', '3.6.2', '3.6.3'].some((id) => rows.has(id))) rows.delete('3.6');
    else rowDefs = defs.flatMap((d) => (d.id === '3.6.1' ? [APPLICATION_ROWS['2019'].find((x) => x.id === '3.6')!] : d.id.startsWith('3.6.') ? [] : [d]));
  }
  markInexact(text, rows.values());
  const last = lastLine(from, [...rows.values()]);
  return { kind: 'applications', rowDefs, layout: best.layout, startLine: from, endLine: Math.min(to - 1, Math.max(last, from)), span: spanOf(lines, from, Math.min(to, last + 1)), problems, rows };
}

const REVIEW_CAPTIONS: Array<[RegExp, number]> = [[/复议后/, 2], [/未经复议|直接起诉/, 1], [/行政复议/, 0]];

/** The 15 cells of the review table from one grid: one row of 15, or three small tables of 5. */
function readReviewGrid(grid: Grid, problems: TableProblem[], lines: Line[], pdfText: boolean): Array<Cell | null> | undefined {
  if (!grid.bounded) {
    // A stream: the values after the header, up to prose.
    const seq: Cell[] = [];
    let started = false;
    let header: Cell | undefined;
    // The header names the review's columns (a line `行政复议` alone may be a sub-heading above prose).
    let columns = false;
    const emptyLines: Cell[] = [];
    // Every line after the header, one cell each (an empty line a blank), while no line holds two:
    // Word's text export of the data row (see finishStream). Null once a line holds more.
    let cellLines: Cell[] | null = [];
    const emptyAt = (line: number): Cell => ({ raw: '', span: { start: lines[line].start, end: lines[line].start }, line, kind: 'blank', placeholder: false });
    // PDF text: the header's words, which must show the three groups' 总计 (a table wider than the
    // page loses its right columns from the text), and no empty line after them (plain pdftotext's
    // blocks, which may put the table's numbers after the next heading).
    let words = '';
    let lastHeader: Cell | undefined;
    const finish = () =>
      finishStream(seq, started, problems, emptyLines, pdfText ? null : cellLines, pdfText && !emptyLines.length && countWords(words.replace(WS_ALL, ''), '总计') >= 3 ? lastHeader : undefined, !pdfText && columns ? header : undefined);
    for (const row of grid.rows) {
      // Word's text export writes an empty cell as an empty line: in a table with no number at
      // all, the empty lines after the header are its cells.
      if (!row.cells.length && header && !started) emptyLines.push(emptyAt(row.line));
      if (header && cellLines) {
        if (!row.cells.length) cellLines.push(emptyAt(row.line));
        else if (row.cells.length === 1 && row.cells[0].kind !== 'text') cellLines.push(row.cells[0]);
        else if (row.cells.some((c) => c.kind !== 'text')) cellLines = null;
      }
      for (const c of row.cells) {
        if (c.kind === 'text') {
          if (isProse(c)) return finish();
          header = c;
          if (!columns && textInfo(c.raw).key === '结果维持') columns = true;
          if (started && seq.some(isFilled)) return finish();
          if (cellLines) cellLines = [];
          lastHeader = c;
          if (pdfText) words += c.raw;
          continue;
        }
        if (isFilled(c)) started = true;
        if (started || c.raw === '') seq.push(c);
      }
    }
    return finish();
  }
  // Data rows follow the header: an empty row above it (a pipe table's blank header) is not one.
  const firstHeader = grid.rows.findIndex((r) => r.cells.some((c) => c.kind === 'text'));
  const data = grid.rows.filter((r, i) => i > firstHeader && r.cells.length > 0 && r.cells.every((c) => c.kind !== 'text'));
  if (!data.length) return undefined;
  const valuesOf = (r: (typeof data)[number], n: number): Array<Cell | null> | undefined => {
    if (grid.positional) {
      const width = r.width ?? r.cells.length;
      const first = width - n;
      const out: Array<Cell | null> = Array(n).fill(null);
      for (const c of r.cells) {
        const k = (c.col ?? -1) - first;
        if (k < 0 || k >= n) { if (isFilled(c)) return undefined; continue; }
        out[k] = c;
      }
      const at = r.cells[0];
      return out.map((c) => c ?? { raw: '', span: { start: at.span.start, end: at.span.start }, line: at.line, kind: 'blank' as const, placeholder: false });
    }
    // A row of empty cells only: whether a leading TAB was one more cell or indentation (`<td></td>`
    // ×15 is 14 TABs in a browser's text, a template writes 15), every cell is blank either way.
    const at = r.cells[0];
    if (r.cells.every((c) => c.kind === 'blank' && !c.placeholder) && Math.abs(r.cells.length - n) <= 1) {
      return Array.from({ length: n }, (_, k) => r.cells[k] ?? { raw: '', span: { start: at.span.start, end: at.span.start }, line: at.line, kind: 'blank' as const, placeholder: false });
    }
    // A line of exactly n − 1 TABs that starts with one holds n cells only if that TAB ends an
    // empty first cell (as indentation it would leave n − 1): the row's cells by position.
    const line = lines[r.line];
    if (r.cells.length === n - 1 && line.text.charCodeAt(0) === 0x09 && tabCount(line.text) === n - 1) {
      const first: Cell = { raw: '', span: { start: line.start, end: line.start }, line: r.line, kind: 'blank', placeholder: false };
      return placeInOrder([first, ...r.cells], n);
    }
    return placeInOrder(r.cells, n);
  };
  const full = valuesOf(data[0], 15);
  if (full && (data[0].width ?? data[0].cells.length) >= 15) return full;
  if (data.length >= 3) {
    // Three small tables (行政复议 / 未经复议直接起诉 / 复议后起诉), in that order unless captioned.
    const out: Array<Cell | null> = Array(15).fill(null);
    const used = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const r = data[i];
      const cap = r.caption ? REVIEW_CAPTIONS.find(([re]) => re.test(r.caption!)) : undefined;
      const g = cap ? cap[1] : i;
      const five = valuesOf(r, 5);
      if (!five || used.has(g)) return unreadReview(problems, data[0].cells[0], 0);
      used.add(g);
      five.forEach((c, k) => (out[g * 5 + k] = c));
    }
    return out;
  }
  if (full) return full;
  return unreadReview(problems, data[0].cells[0], data[0].cells.filter(isFilled).length);
}

function tabCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x09) n++;
  return n;
}

function unreadReview(problems: TableProblem[], at: Cell, count: number): undefined {
  problems.push({ kind: 'unaligned-row', span: at.span, count, expected: 15 });
  return undefined;
}

/**
 * `cellLines`: the lines after the header one cell each (Word's text export); `pdfHeader`: PDF text
 * without layout, where a blank cell leaves nothing (the header's last cell); `copiedHeader`: text in
 * the page's own order whose header names the review's columns (its last cell).
 */
function finishStream(seq: Cell[], started: boolean, problems: TableProblem[], emptyLines: Cell[], cellLines: Cell[] | null, pdfHeader?: Cell, copiedHeader?: Cell): Array<Cell | null> | undefined {
  if (!started) {
    // No number at all (an unfilled table): its empty cells are its row (blank cells, or the empty
    // lines of Word's text export).
    const empties = seq.filter((c) => c.raw === '');
    if (empties.length >= 15) return empties.slice(0, 15);
    if (emptyLines.length >= 15) return emptyLines.slice(0, 15);
    // In PDF text a blank cell leaves nothing: a header with no number under it is a row of blanks.
    if (pdfHeader && !seq.length) return Array.from({ length: 15 }, () => ({ raw: '', span: { start: pdfHeader.span.end, end: pdfHeader.span.end }, line: pdfHeader.line, kind: 'blank' as const, placeholder: false }));
    // Text in the page's order with the header and no value after it (a copied page drops a row
    // of empty <td></td>): the one data row is blank.
    if (copiedHeader) return Array.from({ length: 15 }, () => ({ raw: '', span: { start: copiedHeader.span.end, end: copiedHeader.span.end }, line: copiedHeader.line, kind: 'blank' as const, placeholder: false }));
    return undefined;
  }
  const placed = placeInOrder(seq, 15);
  if (placed) return placed;
  // Word's text export of a row with blanks: exactly 15 lines from the header to the table's end,
  // each one cell or empty, are the row's 15 cells in order (one line more or less, and the empty
  // lines could be separators: not read). Never in PDF text, whose empty lines are layout.
  if (cellLines?.length === 15) return cellLines;
  const sparse = pdfHeader ? readReviewSparse(seq) : undefined;
  if (sparse) {
    problems.push(...sparse.problems);
    return sparse.cells;
  }
  const first = seq.find(isFilled)!;
  return unreadReview(problems, first, seq.filter(isFilled).length);
}

export function parseReview(text: string, lines: Line[], from: number, to: number, pdfText = false): ReviewTable {
  let best: { cells: Array<Cell | null>; problems: TableProblem[]; layout: string; placed: number } | undefined;
  for (const grid of candidateGrids(text, lines, from, to)) {
    const problems: TableProblem[] = [];
    const read = readReviewGrid(grid, problems, lines, pdfText);
    let cells: Array<Cell | null> = read ?? Array(15).fill(null);
    const unbalanced = read && pdfOrdered(grid, pdfText) ? reviewFailure(read) : null;
    if (read && unbalanced && !rowsOnOwnLines(grid, [{ labelCells: [], cells: read }])) {
      cells = Array(15).fill(null);
      distrust([], problems, read.find((c): c is Cell => !!c), unbalanced);
    }
    const placed = cells.filter(Boolean).length;
    if (!best || placed > best.placed || (placed === best.placed && problems.length < best.problems.length)) best = { cells, problems, layout: grid.layout, placed };
    if (placed === 15 && problems.length === 0) break;
  }
  const { cells, problems } = best!;
  // A table whose data row cannot be found (every blank dropped, no number left) still says so.
  if (cells.some((c) => !c) && !problems.length) problems.push({ kind: 'unaligned-row', span: { start: lines[from].start, end: lines[from].end }, count: 0, expected: 15 });
  markInexact(text, [{ id: 'review', labelCells: [], cells }]);
  // An unfilled table with no value cells at all is not a problem of alignment: nothing to read.
  const groups = {} as ReviewTable['groups'];
  REVIEW_GROUPS.forEach((g, i) => (groups[g] = cells.slice(i * 5, i * 5 + 5)));
  const used = cells.filter((c): c is Cell => !!c);
  const last = used.length ? Math.max(...used.map((c) => c.line)) : from;
  return { kind: 'review', layout: best!.layout, startLine: from, endLine: Math.max(from, last), span: spanOf(lines, from, last + 1), problems, groups };
}

export function parseDisclosure(text: string, lines: Line[], from: number, to: number, format: FormatId, pdfText = false): DisclosureTable {
  const problems: TableProblem[] = [];
  const defs = DISCLOSURE_BLOCKS[format];
  const blocks: DisclosureBlock[] = defs.map((d) => ({ item: d.item, amountUnit: '万元', rows: [] }));
  let currentBlock = -1;
  const rowBlock = new Map<string, number>();
  const labels = (DISCLOSURE_LABELS[format] ??= disclosureLabels(format));
  // The row a key names depends on the key alone (memoised per format: labels recur).
  const memo = (DISCLOSURE_ROW_BY_KEY[format] ??= new Map());
  const labelOf = (key: string): { id: string; block: number } | undefined => {
    let hit = memo.get(key);
    if (hit === undefined) {
      if (memo.size > 20000) memo.clear();
      let found = labels.find((l) => key === l.key || (key.startsWith(l.key) && key.length <= l.key.length + 4));
      if (!found && key.length >= 4 && key.length <= 14 && !HAS_DIGIT.test(key)) {
        const near = closestLabel(key, (DISCLOSURE_KEYS[format] ??= labels.map((l) => l.key)));
        if (near >= 0) found = labels[near];
      }
      hit = found ? { id: found.id, block: found.block } : null;
      memo.set(key, hit);
    }
    return hit ?? undefined;
  };
  const match = (cell: Cell): LabelMatch => {
    const info = textInfo(cell.raw);
    if (info.prose) return { type: 'end' };
    const key = info.key;
    const item = ITEM.exec(key);
    if (item) {
      currentBlock = defs.findIndex((d) => d.item === item[1]);
      if (currentBlock >= 0) blocks[currentBlock].labelCell = cell;
      return { type: 'group' };
    }
    if (currentBlock >= 0 && defs[currentBlock].amountColumns.length && key.includes('元')) {
      blocks[currentBlock].amountUnit = key.includes('万元') ? '万元' : '元';
    }
    const hit = labelOf(key);
    if (!hit) return null;
    rowBlock.set(hit.id, hit.block);
    return { type: 'row', id: hit.id, columns: defs[hit.block].columns.length };
  };
  const best = bestReading(text, lines, from, to, (grid, p) => {
    currentBlock = -1;
    for (const b of blocks) { b.labelCell = undefined; b.amountUnit = '万元'; }
    rowBlock.clear();
    return readRows(grid, { match, anchor: 'after-label', labelLines: pdfText ? { rowTotal: false } : undefined, ordered: !pdfText }, p);
  }, defs.reduce((a, d) => a + d.rows.length * d.columns.length, 0));
  // The block state (units, item labels) belongs to the reading kept: read that grid once more.
  const rows = best.last ? best.rows : (() => {
    currentBlock = -1;
    rowBlock.clear();
    for (const b of blocks) { b.labelCell = undefined; b.amountUnit = '万元'; }
    return readRows(best.grid, { match, anchor: 'after-label', labelLines: pdfText ? { rowTotal: false } : undefined, ordered: !pdfText }, []);
  })();
  problems.push(...best.problems);
  for (const row of rows.values()) blocks[rowBlock.get(row.id) ?? DISCLOSURE_BLOCKS[format].findIndex((d) => d.rows.some((r) => r.label === row.id))].rows.push(row);
  markInexact(text, rows.values());
  const last = lastLine(from, [...rows.values()]);
  return { kind: 'disclosure', layout: best.layout, startLine: from, endLine: last, span: spanOf(lines, from, last + 1), problems, blocks };
}
