/**
 * A hint, off by default: 五、存在的主要问题及改进情况 says how last year's problems were dealt with
 * (the 2021 format's note: 上年度存在问题的整改情况), not only this year's problems and plans.
 */
import { t } from '../i18n';
import { sectionText } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

/** Last year's problems named: 上年度/上一年度/去年/上年 … 问题, or a year's report's problems. */
const LAST_YEAR = /(?:上年度|上一年度|上一年|上年|去年|往年|前一年)[^。；]{0,30}(?:问题|不足|短板)|(?:问题|不足)[^。；]{0,10}(?:整改|改进)(?:情况|落实)|(?:19|20)\d{2}\s*年度?(?:报告|年报)?[^。；]{0,20}(?:指出|提出|存在|发现)[^。；]{0,10}(?:问题|不足)/;
const DEALT = /整改|改进|解决|落实|完善|提升|加强/;

export const noFollowThrough: Rule = {
  code: 'no-follow-through',
  defaultSeverity: 'off',
  description: '“五、存在的主要问题及改进情况”没有说明上一年度问题的整改情况；默认关闭',
  check({ report }) {
    const out: RuleFinding[] = [];
    const five = report.headings.find((h) => h.number === 5);
    if (report.legacy || !five) return out;
    const text = sectionText(report, 5).replace(/\n/g, '');
    if (!text || text.replace(/[。.\s]/g, '').length <= 3) return out; // empty-section says so
    if (!(LAST_YEAR.test(text) && DEALT.test(text))) out.push({ message: t('“五、存在的主要问题及改进情况”没有说明上一年度存在问题的整改情况'), span: five.span });
    return out;
  },
};
