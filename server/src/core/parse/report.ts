/** Text → Report: title, year, sections, sub-headings and the three tables, in either format. */
import { FORMAT_MARKERS, FormatId, SECTIONS, officialHeading } from '../format/official';
import type { HeadingVariant, Report, SectionHeading, SubHeading, Title } from '../model';
import { Line, LineIndex, WS, detectEol, labelKey, splitLines, trimSpan } from '../text';
import { splitLineCells } from './cells';
import { parseApplications, parseDisclosure, parseReview } from './tables';

export interface ParseOptions {
  /** Force a format instead of detecting it (`auto` detects). */
  format?: FormatId | 'auto';
}

const HEADING = new RegExp(`^[${WS}]*([一二三四五六七八])([${WS}]*)([、，,.．:：])?[${WS}]*(.*)$`);
const NUMERAL_VALUE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 };

/** Recognises a section heading line; table rows such as `三、本年度办理结果` are not headings. */
export function matchHeading(line: Line): SectionHeading | undefined {
  const text = line.text;
  if (text.length > 120 || /\t.*\d/.test(text)) return undefined;
  const m = HEADING.exec(text);
  // The numeral must be followed by punctuation or a space: `一是…` is not a heading.
  if (!m || (!m[3] && !m[2])) return undefined;
  const numeral = NUMERAL_VALUE[m[1]];
  const rest = labelKey(m[4]);
  if (!rest || /[。；]/.test(m[4].replace(/[。；]\s*$/, ''))) return undefined;
  const section = SECTIONS.find((s) => rest.startsWith(labelKey(s.title))) ?? SECTIONS.find((s) => s.signatures.some((g) => rest.includes(g)));
  if (!section) return undefined;
  const officialKey = labelKey(section.title);
  if (rest.length > officialKey.length + 12 && !rest.startsWith(officialKey)) return undefined;
  const t = trimSpan(text, line.start);
  let variant: HeadingVariant | undefined;
  if (section.number !== numeral) variant = 'number';
  else if (rest !== officialKey) variant = rest.startsWith(officialKey) || rest === '无' + officialKey ? 'merged' : 'wording';
  else if (t.text !== officialHeading(section)) variant = 'punctuation';
  return { number: section.number, text: t.text, span: { start: t.start, end: t.end }, line: line.index, variant };
}

const SUBHEADING = new RegExp(`^[${WS}]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,2}是|\\d{1,2}[.、．](?!\\d))`);

function matchSubHeading(line: Line): SubHeading | undefined {
  const m = SUBHEADING.exec(line.text);
  if (!m) return undefined;
  const t = trimSpan(line.text, line.start);
  // The outline shows the sub-heading's own words: up to the first full stop or colon.
  const cut = t.text.search(/[。：:；]/);
  const shown = (cut > 0 ? t.text.slice(0, cut) : t.text).slice(0, 40);
  const level = /^[（(]/.test(t.text) ? 1 : 2;
  return { text: shown, span: { start: t.start, end: t.start + shown.length }, line: line.index, level };
}

function findTitle(lines: Line[], before: number): Title | undefined {
  const limit = Math.min(before, lines.length, 15);
  for (let i = 0; i < limit; i++) {
    if (!/年度报告|年报/.test(lines[i].text)) continue;
    const t = trimSpan(lines[i].text, lines[i].start);
    let start = t.start;
    let text = t.text;
    // The body's name often sits on the line above (`铜川市耀州区人民政府办公室` / `2020年…年度报告`).
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const p = trimSpan(lines[j].text, lines[j].start);
      if (!p.text) continue;
      if (p.text.length <= 30 && !/[。，；：]/.test(p.text) && !/\d{4}\s*年/.test(p.text) && /\d{4}\s*年/.test(text)) {
        start = p.start;
        text = p.text + text;
      }
      break;
    }
    return { text, span: { start, end: t.end }, line: lines.findIndex((l) => l.start <= start && start <= l.end) };
  }
  return undefined;
}

function detectFormat(lines: Line[], year: number | undefined, option: ParseOptions['format'], keyOf: (i: number) => string): Pick<Report, 'format' | 'formatSource'> {
  if (option && option !== 'auto') return { format: option, formatSource: 'setting' };
  const found: Record<FormatId, Set<string>> = { '2019': new Set(), '2021': new Set() };
  for (const line of lines) {
    if (line.text.length > 200) continue;
    const key = keyOf(line.index);
    for (const f of ['2019', '2021'] as const) for (const m of FORMAT_MARKERS[f]) if (key.includes(m)) found[f].add(m);
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
      return ['行政复议', '行政诉讼', '结果维持'].includes(k) || (k.startsWith('行政复议') && k.length <= 12 && !/[。，]/.test(c.raw));
    }),
};

function findAnchor(lines: Line[], from: number, to: number, test: (key: string, line: Line) => boolean, headingLines: Set<number>, keyOf: (i: number) => string): number {
  for (let i = from; i < to; i++) {
    if (headingLines.has(i) || lines[i].text.length > 160) continue;
    if (test(keyOf(i), lines[i])) return i;
  }
  return -1;
}

function nextHeadingAfter(line: number, headings: SectionHeading[], end: number): number {
  for (const h of headings) if (h.line > line) return h.line;
  return end;
}

/** Parses report text. Never throws on any input; linear in the length of the text. */
export function parseReport(text: string, options: ParseOptions = {}): Report {
  const lines = splitLines(text);
  const index = new LineIndex(lines, text.length);
  const headings: SectionHeading[] = [];
  for (const line of lines) {
    const h = matchHeading(line);
    if (h) headings.push(h);
  }
  const firstHeading = headings.length ? headings[0].line : lines.length;
  const title = findTitle(lines, firstHeading);
  const titleKey = title ? title.text.normalize('NFKC').replace(/\s+/g, '') : '';
  const ym = /(\d{4})年/.exec(titleKey);
  const year = ym ? Number(ym[1]) : undefined;
  const body = title ? (ym ? titleKey.slice(0, ym.index) : titleKey.split('政府信息公开')[0]) || undefined : undefined;
  // Each line's label key is computed at most once, however many passes look at it.
  const keys: Array<string | undefined> = new Array(lines.length);
  const keyOf = (i: number) => (keys[i] ??= labelKey(lines[i].text));
  const { format, formatSource } = detectFormat(lines, year, options.format, keyOf);
  const headingLines = new Set(headings.map((h) => h.line));

  const report: Report = {
    text, lines, index, eol: detectEol(text), title, body, year, format, formatSource,
    legacy: false, headings, subHeadings: [], tableLines: new Set(),
  };

  const sectionLine = (n: number) => headings.find((h) => h.number === n)?.line ?? -1;
  const end = lines.length;
  const markTable = (from: number, to: number) => {
    for (let i = from; i <= to; i++) report.tableLines.add(i);
  };

  const s2 = sectionLine(2);
  const dAt = findAnchor(lines, Math.max(0, s2), end, ANCHORS.disclosure, headingLines, keyOf);
  const aAt = findAnchor(lines, Math.max(0, sectionLine(3), dAt), end, ANCHORS.applications, headingLines, keyOf);
  if (dAt >= 0) {
    const stop = Math.min(nextHeadingAfter(dAt, headings, end), aAt > dAt ? aAt : end);
    report.disclosure = parseDisclosure(lines, dAt, stop, format);
    markTable(dAt, report.disclosure.endLine);
  }
  if (aAt >= 0) {
    report.applications = parseApplications(lines, aAt, nextHeadingAfter(aAt, headings, end), format);
    markTable(aAt, report.applications.endLine);
  }
  const rFrom = Math.max(0, sectionLine(4), report.applications ? report.applications.endLine + 1 : 0);
  const rAt = findAnchor(lines, rFrom, end, ANCHORS.review, headingLines, keyOf);
  if (rAt >= 0) {
    report.review = parseReview(lines, rAt, nextHeadingAfter(rAt, headings, end));
    markTable(rAt, report.review.endLine);
  }

  for (const line of lines) {
    if (headingLines.has(line.index) || report.tableLines.has(line.index) || line.index < firstHeading) continue;
    const s = matchSubHeading(line);
    if (s) report.subHeadings.push(s);
  }

  const legacyWording = lines.some((l) => l.text.length < 60 && /收费及减免|^\s*七\s*[、.．，]\s*其他需要报告/.test(l.text));
  report.legacy = (year !== undefined && year < 2019) || (legacyWording && !report.applications);
  return report;
}
