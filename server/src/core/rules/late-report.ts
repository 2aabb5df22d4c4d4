/**
 * 条例 第五十条: a body's own report (a department, an office, a township) is published by 1月31日
 * of the following year; the report of a county-level or higher 人民政府 itself (compiled by its
 * disclosure office) by 3月31日. The date under the signature shows when it was issued; a date
 * before the year ended cannot be the report of that whole year either.
 */
import { t } from '../i18n';
import { closing } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

/** A county-level or higher government itself (`某某县人民政府`, `某某市`, `某某区`), not its offices or a township. */
function isGovernment(body: string): boolean {
  const b = body.replace(/[\s\u3000]/g, '');
  if (/(?:乡|镇|街道)(?:人民政府)?$|办事处$/.test(b)) return false;
  return /(?:省|市|县|区|旗|州|盟)人民政府$/.test(b) || /^[\u4e00-\u9fff]{2,12}(?:省|市|县|区|旗|自治州|盟)$/.test(b);
}

export const lateReport: Rule = {
  code: 'late-report',
  defaultSeverity: 'warning',
  description: '落款日期晚于条例第五十条规定的公布期限（部门 1月31日前，县级以上人民政府 3月31日前），或早于年度结束',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (report.legacy || report.year === undefined) return out;
    const end = closing(report);
    if (!end) return out;
    const { year, month, day, line } = end.date;
    const span = { start: line.start + (line.text.length - line.text.trimStart().length), end: line.end };
    // Written out only for a finding.
    const date = () => t('{0}年{1}月{2}日', year, month, day);
    const when = year * 10000 + month * 100 + day;
    if (when < (report.year + 1) * 10000 + 101) {
      out.push({ message: t('落款日期 {0} 在 {1} 年结束之前：年度报告应在年度结束后编制', date(), report.year), span });
      return out;
    }
    const government = isGovernment(report.body ?? '');
    const deadline = (report.year + 1) * 10000 + (government ? 331 : 131);
    if (when > deadline) {
      const by = government ? t('{0}年3月31日', report.year + 1) : t('{0}年1月31日', report.year + 1);
      const whose = government ? t('县级以上人民政府的年度报告') : t('本机关的年度报告');
      out.push({ message: t('落款日期 {0} 晚于公布期限：{1}应在 {2} 前公布（《政府信息公开条例》第五十条）', date(), whose, by), span });
    }
    return out;
  },
};
