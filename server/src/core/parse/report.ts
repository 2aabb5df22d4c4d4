/** Text → Report: title, year, sections, sub-headings and the three tables, in either format. */
import { FORMAT_MARKERS, FormatId } from '../format/official';
import { Report, SectionHeading, tableLineFlags } from '../model';
import { CLASS_LT, CLASS_PIPE, CLASS_TAB, Line, LineIndex, charClass, detectEol, lineHas, maskMarkup, splitLines } from '../text';
import { labelKey } from '../labels';
import { splitLineCells } from './cells';
import { findHeadings, findSubHeadings, isLegacy, readTitle } from './document';
import { parseApplications, parseDisclosure, parseReview } from './tables';
import { gridAnchor } from './layout/text-table';
import { looksLikePdfText } from './read/verify';
export interface ParseOptions {
  /** Force a format instead of detecting it (`auto` detects). */
  format?: FormatId | 'auto';
}

/** Every format marker in one pattern (one scan of a line instead of one per marker). */
const MARKER_FORMAT = new Map<string, FormatId>((['2019', '2021'] as const).flatMap((f) => FORMAT_MARKERS[f].map((m) => [m, f] as [string, FormatId])));
const MARKER_RE = new RegExp([...MARKER_FORMAT.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');

/** A line whose key holds a marker holds the marker's last character (or one folding may turn into it). */
const MARKER_CHARS = charClass([...new Set([...MARKER_FORMAT.keys()].map((m) => m.slice(-1)))].join(''), true);

function detectFormat(lines: Line[], from: number, to: number, year: number | undefined, option: ParseOptions['format'], keyOf: (i: number) => string): Pick<Report, 'format' | 'formatSource'> {
  if (option && option !== 'auto') return { format: option, formatSource: 'setting' };
  const found: Record<FormatId, Set<string>> = { '2019': new Set(), '2021': new Set() };
  for (let li = from; li < to; li++) {
    const line = lines[li];
    // Most table lines (values, other labels) cannot hold a marker: they are not keyed.
    if (!lineHas(line, MARKER_CHARS)) continue;
    const key = keyOf(line.index);
    // Padded table rows are long; prose is long in words.
    if (key.length > 120) continue;
    MARKER_RE.lastIndex = 0;
    for (let m = MARKER_RE.exec(key); m; m = MARKER_RE.exec(key)) found[MARKER_FORMAT.get(m[0])!].add(m[0]);
  }
  const a = found['2019'].size;
  const b = found['2021'].size;
  if (a !== b) return { format: a > b ? '2019' : '2021', formatSource: 'labels' };
  if (year !== undefined) return { format: year >= 2021 ? '2021' : '2019', formatSource: 'year' };
  return { format: '2021', formatSource: 'default' };
}

interface Anchors {
  disclosure: (key: string) => boolean;
  applications: (key: string) => boolean;
  review: (key: string, line: Line) => boolean;
}

const ANCHORS: Anchors = {
  disclosure: (key) => /^第二十条第/.test(key) || key === '信息内容' || key.startsWith('信息内容本年'),
  applications: (key) => key.includes('勾稽关系') || key.startsWith('申请人情况') || key.startsWith('一本年新收政府信息公开申请'),
  review: (key, line) =>
    (key.includes('行政复议') || key.includes('行政诉讼') || key.includes('结果维持')) &&
    splitLineCells(line).some((c) => {
      const k = labelKey(c.raw);
      return ['行政复议', '行政诉讼', '结果维持'].includes(k) || (k.startsWith('行政复议') && k.length <= 12 && !c.raw.includes('。') && !c.raw.includes('，'));
    }),
};

/**
 * A line whose key an anchor test accepts holds one of these, or a character folding may turn into
 * one: other lines are not keyed. 表二 and 表三: 第二十条, 信息内容; 勾稽, 申请人, 申请. 表四: 复议, 诉讼, 维持.
 */
const TABLE_ANCHOR_CHARS = charClass('条内稽申', true);
const REVIEW_ANCHOR_CHARS = charClass('复诉维', true);

function findAnchor(lines: Line[], from: number, to: number, test: (key: string, line: Line) => boolean, headingLines: Set<number>, keyOf: (i: number) => string, chars: number, cellTest: (key: string) => boolean): number {
  let at = -1;
  for (let i = from; i < to; i++) {
    if (!lineHas(lines[i], chars) || headingLines.has(i) || keyOf(i).length > 100) continue;
    if (test(keyOf(i), lines[i])) { at = i; break; }
  }
  // A grid table's cell cut over lines by a narrow column holds an anchor no line holds whole.
  const inGrid = gridAnchor(lines, from, at >= 0 ? at : to, (s) => s.length <= 100 && cellTest(labelKey(s)));
  return inGrid >= 0 ? inGrid : at;
}

const REVIEW_CELLS = ['行政复议', '行政诉讼', '结果维持'];

/**
 * Where a table region ends: the next section heading, or earlier, the first line of prose (a
 * sentence) some lines below the anchor — no table cell is a sentence, so the layout builders
 * need not cut the section's prose into cells.
 */
function regionEnd(lines: Line[], anchor: number, headingEnd: number): number {
  for (let i = anchor + 3; i < headingEnd; i++) {
    const t = lines[i].text;
    if (t.length >= 30 && !lineHas(lines[i], CLASS_TAB | CLASS_PIPE | CLASS_LT) && t.includes('。')) return i;
  }
  return headingEnd;
}

function nextHeadingAfter(line: number, headings: SectionHeading[], end: number): number {
  for (const h of headings) if (h.line > line) return h.line;
  return end;
}

/** Parses report text. Never throws on any input; linear in the length of the text. */
export function parseReport(text: string, options: ParseOptions = {}): Report {
  // Lines of the markup-masked view: tags and entities read as spaces, offsets unchanged.
  const lines = splitLines(maskMarkup(text));
  const index = new LineIndex(lines, text.length);
  const headings = findHeadings(lines);
  const firstHeading = headings.length ? headings[0].line : lines.length;
  const { title, year, body } = readTitle(lines, firstHeading);
  // Each line's label key is computed at most once, however many passes look at it.
  const keys: Array<string | undefined> = new Array(lines.length);
  const keyOf = (i: number) => (keys[i] ??= labelKey(lines[i].text));
  const headingLines = new Set(headings.map((h) => h.line));
  const sectionLine = (n: number) => headings.find((h) => h.number === n)?.line ?? -1;
  const end = lines.length;
  // The tables' anchors first: the format markers are table words, so only the lines from the
  // first table to section 五 are searched for them (the prose around them is not keyed).
  const dAt = findAnchor(lines, Math.max(0, sectionLine(2)), end, ANCHORS.disclosure, headingLines, keyOf, TABLE_ANCHOR_CHARS, ANCHORS.disclosure);
  const aAt = findAnchor(lines, Math.max(0, sectionLine(3), dAt), end, ANCHORS.applications, headingLines, keyOf, TABLE_ANCHOR_CHARS, ANCHORS.applications);
  const tablesFrom = dAt >= 0 ? dAt : aAt >= 0 ? aAt : 0;
  const s5 = sectionLine(5);
  const tablesTo = dAt < 0 && aAt < 0 ? end : s5 > tablesFrom ? s5 : end;
  const { format, formatSource } = detectFormat(lines, Math.max(0, tablesFrom), Math.min(lines.length, tablesTo), year, options.format, keyOf);

  const report: Report = {
    text, lines, index, eol: detectEol(text), title, body, year, format, formatSource,
    legacy: false, headings, subHeadings: [], tableRanges: [],
  };

  // The table regions, in order (the per-line flags are made from them when first asked).
  const tableRanges: Array<[number, number]> = [];
  report.tableRanges = tableRanges;
  const markTable = (from: number, to: number) => {
    tableRanges.push([from, to]);
  };

  const pdfText = looksLikePdfText(text, lines);
  if (dAt >= 0) {
    const stop = Math.min(regionEnd(lines, dAt, nextHeadingAfter(dAt, headings, end)), aAt > dAt ? aAt : end);
    report.disclosure = parseDisclosure(text, lines, dAt, stop, format, pdfText);
    markTable(dAt, report.disclosure.endLine);
  }
  if (aAt >= 0) {
    report.applications = parseApplications(text, lines, aAt, regionEnd(lines, aAt, nextHeadingAfter(aAt, headings, end)), format, pdfText);
    markTable(aAt, report.applications.endLine);
  }
  const rFrom = Math.max(0, sectionLine(4), report.applications ? report.applications.endLine + 1 : 0);
  const rAt = findAnchor(lines, rFrom, end, ANCHORS.review, headingLines, keyOf, REVIEW_ANCHOR_CHARS, (k) => REVIEW_CELLS.includes(k));
  if (rAt >= 0) {
    report.review = parseReview(text, lines, rAt, regionEnd(lines, rAt, nextHeadingAfter(rAt, headings, end)), pdfText);
    markTable(rAt, report.review.endLine);
  }

  const inTable = tableLineFlags(report);
  report.subHeadings = findSubHeadings(lines, firstHeading, (i) => headingLines.has(i) || inTable[i] === 1);

  report.legacy = isLegacy(lines, year, !!report.applications);
  return report;
}
