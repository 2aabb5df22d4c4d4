/**
 * The text of each section outside its tables, and the closing block (signature and date) under
 * the last section: what the content rules (REPORT-FORMAT §10) read.
 */
import { Report, tableLineFlags } from '../model';
import { foldDigits, Line } from '../text';

/** The lines of section `n` (1–6) after its heading and up to the next heading, tables left out. */
export function sectionLines(report: Report, n: number): Line[] {
  const headings = report.headings;
  const out: Line[] = [];
  const inTable = tableLineFlags(report);
  for (let h = 0; h < headings.length; h++) {
    if (headings[h].number !== n) continue;
    const end = h + 1 < headings.length ? headings[h + 1].line : report.lines.length;
    for (let i = headings[h].line + 1; i < end; i++) if (!inTable[i]) out.push(report.lines[i]);
  }
  return out;
}

/** A section's own words, joined (tables and blank lines left out). */
export function sectionText(report: Report, n: number): string {
  return sectionLines(report, n).map((l) => l.text.trim()).filter(Boolean).join('\n');
}

export interface Closing {
  /** The date under the signature. */
  date: { year: number; month: number; day: number; line: Line };
  /** The line above the date: the body that signs the report, when it is a name. */
  signature?: Line;
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `2024`, `２０２４`, `二〇二四`; `12`, `十二`, `二十一`, `三十`. */
function numberOf(s: string): number | undefined {
  const t = foldDigits(s);
  if (/^\d+$/.test(t)) return Number(t);
  if (/^[〇零ＯO○一二三四五六七八九]{4}$/.test(t)) return Number([...t].map((c) => DIGITS[c]).join(''));
  if (/^[一二三四五六七八九]$/.test(t)) return DIGITS[t];
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || (!m[2] && !m[3]) || (m[1] && !m[2])) return undefined;
  return (m[2] ? (m[1] ? DIGITS[m[1]] : 1) * 10 : 0) + (m[3] ? DIGITS[m[3]] : 0);
}

const DATE = /^[\s\u00a0\u3000]*([0-9０-９]{4}|[〇零ＯO○一二三四五六七八九]{4})[\s\u00a0]*年[\s\u00a0]*([0-9０-９]{1,2}|[一二三]?十?[一二三四五六七八九]?)[\s\u00a0]*月[\s\u00a0]*([0-9０-９]{1,2}|[一二三]?十?[一二三四五六七八九]?)[\s\u00a0]*日[\s\u00a0\u3000]*$/;
const NAME = /^[\s\u00a0\u3000]*[\u4e00-\u9fff（）()·]{4,40}[\s\u00a0\u3000]*$/;

/** The signature and date under the last section, if the report ends with them. */
export function closing(report: Report): Closing | undefined {
  const last = report.headings[report.headings.length - 1];
  if (!last) return undefined;
  // The closing block is the last few lines with text: a name, then a date.
  let seen = 0;
  for (let i = report.lines.length - 1; i > last.line && seen < 4; i--) {
    const line = report.lines[i];
    if (!line.text.trim()) continue;
    seen++;
    const m = DATE.exec(line.text);
    if (!m) continue;
    const year = numberOf(m[1]);
    const month = numberOf(m[2]);
    const day = numberOf(m[3]);
    if (year === undefined || !month || !day || month > 12 || day > 31) return undefined;
    let signature: Line | undefined;
    for (let j = i - 1; j > last.line; j--) {
      const above = report.lines[j];
      if (!above.text.trim()) continue;
      if (NAME.test(above.text) && !/[。，；：]/.test(above.text)) signature = above;
      break;
    }
    return { date: { year, month, day, line }, signature };
  }
  return undefined;
}
