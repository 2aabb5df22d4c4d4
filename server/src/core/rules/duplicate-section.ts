/** A section heading written twice (a heading for prose, then again above the tables). */
import { SECTIONS, officialHeading } from '../format/official';
import { t } from '../i18n';
import { looksLikeReport } from '../parse/document';
import { Rule, RuleFinding } from './rule';

export const duplicateSection: Rule = {
  code: 'duplicate-section',
  defaultSeverity: 'warning',
  description: '同一部分的标题出现不止一次',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (!looksLikeReport(report)) return out;
    const first = new Map<number, number>();
    for (const h of report.headings) {
      const seen = first.get(h.number);
      if (seen === undefined) {
        first.set(h.number, h.line);
        continue;
      }
      const s = SECTIONS[h.number - 1];
      out.push({ message: t('“{0}”重复出现（第 {1} 行已有此标题）', officialHeading(s), seen + 1), span: h.span });
    }
    return out;
  },
};
