/** The report's prose: sentences of sections 一–四 outside the tables, with their offsets. */
import type { Report } from '../model';
import { looksLikeReport } from '../parse/document';
import { CLASS_FULL_WIDTH_DIGIT, foldDigits, lineHas } from '../text';

export interface Sentence {
  /** Digits folded to ASCII, same length as the source, so match indexes are offsets. */
  text: string;
  start: number;
  section: number;
  /** The sentence is dated to a year other than the report's (its numbers are not this year's). */
  otherYear?: { year: number; start: number; end: number };
}

// One whitespace run before the item marker and one after it, never two adjacent runs (linear on long runs).
const YEAR_LEAD = /^[\s\u00a0\u3000]*(?:(?:[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]+[、是])[\s\u00a0\u3000]*)?(\d{4})[\s\u00a0]*年(?:度)?(?:以来|全年|上半年|下半年|中|内)?[，,]/;
const COMPARISON = /较|比|同比|相比|上年|去年|上一年/;
/** One sentence: up to its stop (a global pattern, its lastIndex reset for each line). */
const SENTENCE = /[^。；;！!？?]+[。；;！!？?]?/g;


/** Computed once per parsed report: several rules and features read it. */
const PROSESENTENCES_MEMO = new WeakMap<Report, Sentence[]>();

export function proseSentences(report: Report): Sentence[] {
  let memo = PROSESENTENCES_MEMO.get(report);
  if (!memo) PROSESENTENCES_MEMO.set(report, (memo = proseSentencesOf(report)));
  return memo;
}

function proseSentencesOf(report: Report): Sentence[] {
  const out: Sentence[] = [];
  if (!looksLikeReport(report)) return out;
  const headings = report.headings;
  let h = -1;
  for (const line of report.lines) {
    while (h + 1 < headings.length && headings[h + 1].line <= line.index) h++;
    if (h < 0) continue;
    const section = headings[h].number;
    if (section > 4 || headings[h].line === line.index || report.tableLines.has(line.index)) continue;
    const text = lineHas(line, CLASS_FULL_WIDTH_DIGIT) ? foldDigits(line.text) : line.text;
    const re = SENTENCE;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s: Sentence = { text: m[0], start: line.start + m.index, section };
      // A sentence dated with a year holds 年 (most hold none, and the pattern is not tried).
      const y = report.year !== undefined && m[0].includes('年') ? YEAR_LEAD.exec(m[0]) : null;
      if (y && report.year !== undefined && Number(y[1]) !== report.year && !COMPARISON.test(m[0])) {
        const at = m[0].indexOf(y[1], y.index);
        s.otherYear = { year: Number(y[1]), start: s.start + at, end: s.start + at + 4 };
      }
      out.push(s);
    }
  }
  return out;
}
