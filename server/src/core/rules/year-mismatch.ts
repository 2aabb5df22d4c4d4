/**
 * This year's work (sections 一–四) dated with another year: `2019年，区政府办受理3件` in a 2020 report.
 * Plans are not this year's work: a later year in a sentence that says what will be done
 * (`2022年，我局将…` in a 2021 report) is fine; section 五 (problems and plans) is read only for a
 * plan dated with the report's own year (`2023年，我区将…` in the 2023 report: a hint, the next year
 * suggested). The statistics period (`统计期限自2023年1月1日起至2023年12月31日止`) names the report's year.
 */
import { t } from '../i18n';
import { proseSentences } from '../analysis/prose';
import { sectionLines } from '../analysis/sections';
import { charClass, foldDigits, lineHas } from '../text';
import { Rule, RuleFinding } from './rule';
import { tableLineFlags } from '../model';

/** The statistics period (`本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止`). */
const PERIOD = /统计(?:期限|时限|区间|时间|期间|周期)/;
const PERIOD_CHAR = charClass('统');
/** The period's own dates: its start (1月1日) and end (12月31日), not a date it was compiled on. */
const PERIOD_YEAR = /([0-9０-９]{4})[\s\u00a0]*年[\s\u00a0]*(?:1[\s\u00a0]*月[\s\u00a0]*1|12[\s\u00a0]*月[\s\u00a0]*31)[\s\u00a0]*日/g;
/** A plan in 五 opened with a year: `2023年，我区将采取以下措施`. */
// `将` alone is also a preposition (`将政务公开纳入考核`, what was done): only a 将 that opens a plan counts.
const PLAN_LEAD = /^[\s\u00a0\u3000]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)?[\s\u00a0\u3000]*([0-9０-９]{4})[\s\u00a0]*年(?:度)?[，,]?[^。；]{0,30}?(?:拟|计划|下一步|打算|将(?:继续|进一步|着力|持续|重点|采取|从以下|围绕|聚焦|全面|不断|积极|切实|大力|加大|深入|坚持|强化|推进|推动|完善|做好|抓好|提升|提高|加强))/;
const ascii = (s: string) => Number(foldDigits(s));

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
    // The statistics period names the report's year, wherever it is written (often above 一).
    for (let li = 0; li < report.lines.length; li++) {
      const line = report.lines[li];
      if (!lineHas(line, PERIOD_CHAR) || tableLineFlags(report)[line.index] || !PERIOD.test(line.text)) continue;
      for (const m of line.text.matchAll(PERIOD_YEAR)) {
        const year = ascii(m[1]);
        if (year === report.year) continue;
        const at = line.start + m.index!;
        const span = { start: at, end: at + 4 };
        out.push({
          message: t('这是{0}年度报告，但数据统计期限写的是 {1} 年', report.year, year),
          span,
          fix: { title: t('将 {0} 改为 {1}', year, report.year), edits: [{ span, newText: String(report.year) }], preferred: false },
        });
        break;
      }
    }
    // A plan in 五 dated with the report's own year is almost always meant for the next year.
    for (const line of sectionLines(report, 5)) {
      const m = PLAN_LEAD.exec(line.text);
      if (!m || ascii(m[1]) !== report.year) continue;
      const at = line.start + line.text.indexOf(m[1], m.index);
      const span = { start: at, end: at + 4 };
      out.push({
        message: t('“五、存在的主要问题及改进情况”中的打算写的是 {0} 年：这是{0}年度报告，打算通常是下一年（{1}年）的', report.year, report.year + 1),
        span,
        severity: 'hint',
        fix: { title: t('将 {0} 改为 {1}', report.year, report.year + 1), edits: [{ span, newText: String(report.year + 1) }], preferred: false },
      });
    }
    return out;
  },
};
