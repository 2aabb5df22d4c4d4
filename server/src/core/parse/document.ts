/**
 * The document around the tables: section headings, sub-headings, the title (body and year) and
 * whether the report is in a pre-2019 format. Pure functions of the lines.
 */
import { SECTIONS, officialHeading } from '../format/official';
import type { HeadingVariant, SectionHeading, SubHeading, Title } from '../model';
import { Line, WS, labelKey, trimSpan } from '../text';

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

export function findTitle(lines: Line[], before: number): Title | undefined {
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


export function findHeadings(lines: Line[]): SectionHeading[] {
  const headings: SectionHeading[] = [];
  for (const line of lines) {
    const h = matchHeading(line);
    if (h) headings.push(h);
  }
  return headings;
}

/** Sub-headings after the first section heading, outside headings and tables. */
export function findSubHeadings(lines: Line[], firstHeading: number, skip: (line: number) => boolean): SubHeading[] {
  const out: SubHeading[] = [];
  for (const line of lines) {
    if (line.index < firstHeading || skip(line.index)) continue;
    const s = matchSubHeading(line);
    if (s) out.push(s);
  }
  return out;
}

/** The title with the body (机关) and year it names. */
export function readTitle(lines: Line[], firstHeading: number): { title?: Title; year?: number; body?: string } {
  const title = findTitle(lines, firstHeading);
  const titleKey = title ? title.text.normalize('NFKC').replace(/\s+/g, '') : '';
  const ym = /(\d{4})年/.exec(titleKey);
  const year = ym ? Number(ym[1]) : undefined;
  const body = title ? (ym ? titleKey.slice(0, ym.index) : titleKey.split('政府信息公开')[0]) || undefined : undefined;
  return { title, year, body };
}

/** A pre-2019 report: recognised so it is not checked against a format it never used. */
export function isLegacy(lines: Line[], year: number | undefined, hasApplications: boolean): boolean {
  const legacyWording = lines.some((l) => l.text.length < 60 && /收费及减免|^\s*七\s*[、.．，]\s*其他需要报告/.test(l.text));
  return (year !== undefined && year < 2019) || (legacyWording && !hasApplications);
}
