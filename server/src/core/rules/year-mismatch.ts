/**
 * This year's work (sections 一–四) dated with another year: `2019年，区政府办受理3件` in a 2020 report.
 * Plans are not this year's work: a later year in a sentence that says what will be done
 * (`2022年，我局将…` in a 2021 report) is fine, and section 五 (problems and plans) is not read at all.
 */
import { t } from '../i18n';
import { proseSentences } from '../analysis/prose';
import { Rule, RuleFinding } from './rule';

/** Words of a plan: what the body will do, not what it did. */
const PLAN = /将|拟|计划|下一步|力争|着力|持续|继续|进一步|要|打算|预计|明年/;

export const yearMismatch: Rule = {
  code: 'year-mismatch',
  defaultSeverity: 'warning',
  description: '正文叙述本年度工作时写成了其他年份',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (report.year === undefined) return out;
    for (const s of proseSentences(report)) {
      if (!s.otherYear) continue;
      if (s.otherYear.year > report.year && PLAN.test(s.text)) continue;
      const excerpt = s.text.trim().slice(0, 30);
      out.push({
        message: t('这是{0}年度报告，但正文写“{1}”', report.year, excerpt),
        span: { start: s.otherYear.start, end: s.otherYear.end },
        fix: { title: t('将 {0} 改为 {1}', s.otherYear.year, report.year), edits: [{ span: { start: s.otherYear.start, end: s.otherYear.end }, newText: String(report.year) }], preferred: false },
      });
    }
    return out;
  },
};
