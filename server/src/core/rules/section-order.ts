/** Sections must come in the official order 一 … 六. */
import { SECTIONS, officialHeading } from '../format/official';
import { t } from '../i18n';
import { looksLikeReport } from '../parse/document';
import { Rule, RuleFinding } from './rule';

export const sectionOrder: Rule = {
  code: 'section-order',
  defaultSeverity: 'warning',
  description: '六个部分的顺序与规定格式不同',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (!looksLikeReport(report)) return out;
    let max = 0;
    const seen = new Set<number>();
    for (const h of report.headings) {
      if (seen.has(h.number)) continue;
      seen.add(h.number);
      if (h.number < max) {
        out.push({ message: t('“{0}”应在“{1}”之前', officialHeading(SECTIONS[h.number - 1]), officialHeading(SECTIONS[max - 1])), span: h.span });
      }
      max = Math.max(max, h.number);
    }
    return out;
  },
};
