/**
 * 照搬/雷同: a section (一 总体情况, 五 存在的主要问题及改进情况) whose own sentences are, once years
 * and numbers are masked, mostly last year's sentences of the same section. What is the same every
 * year by design is left out: the preamble above 一, headings and sub-headings, table labels and
 * 六 (often one sentence such as `2023年，无收取信息处理费情况。`). Linear: each sentence is hashed
 * once and looked up in last year's set.
 */
import { t } from '../i18n';
import type { Report } from '../model';
import { officialHeading, SECTIONS } from '../format/official';
import { sectionLines } from '../analysis/sections';
import type { RuleFinding } from './rule';

export const copiedRule = {
  code: 'copied-from-prior-year' as const,
  defaultSeverity: 'information' as const,
  description: '一、五部分的句子大多与同一机关上一年度报告相同（年份、数字除外），即评估所说的照搬、雷同',
};

/** Share of a section's sentences found in last year's same section from which it is reported. */
export const COPIED_SHARE = 0.5;
/** Sentences this short (after masking) are phrases every report has (`（一）主动公开`), not text. */
const MIN_SENTENCE = 12;
/** Fewer sentences than this and a share says nothing. */
const MIN_SENTENCES = 3;

/** A sentence with its years, numbers and spacing masked, so a text copied with the years changed is the same. */
function masked(s: string): string {
  return s
    .replace(/[0-9０-９〇零一二三四五六七八九十百千万两]+(?=[年月日件条个项次家人户份起宗批%％万元])/g, '#')
    .replace(/[0-9０-９.,，％%]+/g, '#')
    .replace(/[\s\u00a0\u3000“”"'‘’《》〈〉（）()【】、，,：:；;。.！!？?·—-]/g, '');
}

function sentences(report: Report, section: number): string[] {
  const out: string[] = [];
  for (const line of sectionLines(report, section)) {
    for (const s of line.text.split(/[。；;！!？?]/)) {
      const m = masked(s);
      if (m.length >= MIN_SENTENCE) out.push(m);
    }
  }
  return out;
}

/** Findings for `current` given the same body's report of the year before. */
export function checkCopied(current: Report, previous: Report, share = COPIED_SHARE): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const n of [1, 5]) {
    const heading = current.headings.find((h) => h.number === n);
    if (!heading) continue;
    const mine = sentences(current, n);
    if (mine.length < MIN_SENTENCES) continue;
    const before = new Set(sentences(previous, n));
    const same = mine.filter((s) => before.has(s)).length;
    if (same / mine.length < share) continue;
    const theirs = previous.headings.find((h) => h.number === n)!;
    out.push({
      message: t('“{0}”的 {1} 句中有 {2} 句与{3}年度报告的同一部分相同（年份、数字除外），可能照搬了上一年的内容', officialHeading(SECTIONS[n - 1]), mine.length, same, previous.year ?? ''),
      span: heading.span,
      related: [{ span: theirs.span, message: t('{0}年度报告的这一部分', previous.year ?? ''), report: previous }],
    });
  }
  return out;
}
