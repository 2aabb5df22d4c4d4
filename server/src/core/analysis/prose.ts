/** The report's prose: sentences of sections 一–四 outside the tables, with their offsets. */
import { Report, tableLineFlags } from '../model';
import { looksLikeReport } from '../parse/document';
import { CLASS_FULL_WIDTH_DIGIT, foldDigits, lineHas } from '../text';
import { memoOf } from './memo';

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
/** 。；;！!？? */
const isStop = (c: number) => c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0x21 || c === 0xff1f || c === 0x3f;
const STOP = /[。；;！!？?]/g;


/** Computed once per parsed report: several rules and features read it. */

export function proseSentences(report: Report): Sentence[] {
  const memo = memoOf(report);
  return (memo.sentences ??= proseSentencesOf(report));
}

function proseSentencesOf(report: Report): Sentence[] {
  const out: Sentence[] = [];
  if (!looksLikeReport(report)) return out;
  const headings = report.headings;
  const inTable = tableLineFlags(report);
  let h = -1;
  for (let li = 0; li < report.lines.length; li++) {
    const line = report.lines[li];
    while (h + 1 < headings.length && headings[h + 1].line <= line.index) h++;
    if (h < 0) continue;
    const section = headings[h].number;
    if (section > 4 || headings[h].line === line.index || inTable[line.index]) continue;
    const text = lineHas(line, CLASS_FULL_WIDTH_DIGIT) ? foldDigits(line.text) : line.text;
    // Sentences as `/[^。；;！!？?]+[。；;！!？?]?/g` finds them: a run of words and the stop after it
    // (a stop with no words before it starts none), found by walking the line.
    for (let i = 0; i < text.length; ) {
      if (isStop(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const from = i;
      // The sentence runs to the next stop (searched by the pattern engine: prose lines are long).
      STOP.lastIndex = i;
      const stop = STOP.exec(text);
      i = stop ? stop.index + 1 : text.length;
      const sentence = text.slice(from, i);
      const s: Sentence = { text: sentence, start: line.start + from, section };
      // A sentence dated with a year holds 年 (most hold none, and the pattern is not tried).
      const y = report.year !== undefined && sentence.includes('年') ? YEAR_LEAD.exec(sentence) : null;
      if (y && report.year !== undefined && Number(y[1]) !== report.year && !COMPARISON.test(sentence)) {
        const at = sentence.indexOf(y[1], y.index);
        s.otherYear = { year: Number(y[1]), start: s.start + at, end: s.start + at + 4 };
      }
      out.push(s);
    }
  }
  return out;
}
