/**
 * A hint, off by default: 一 or 五 far thinner than the format asks for (a line or two where the
 * year's work, or its problems and their remedies, are to be told). Empty sections are
 * `empty-section`'s.
 */
import { t } from '../i18n';
import { officialHeading, SECTIONS } from '../format/official';
import { sectionText } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

/** Characters below which a section is thin: 一 tells a whole year's work, 五 problems and remedies. */
const MIN_CHARS: Record<number, number> = { 1: 150, 5: 60 };

export const thinSection: Rule = {
  code: 'thin-section',
  defaultSeverity: 'off',
  description: '“一、总体情况”或“五、存在的主要问题及改进情况”过于简略；默认关闭',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (report.legacy) return out;
    for (const n of [1, 5]) {
      const h = report.headings.find((x) => x.number === n);
      if (!h) continue;
      const chars = sectionText(report, n).replace(/[\s\u3000]/g, '').length;
      if (chars > 3 && chars < MIN_CHARS[n]) out.push({ message: t('“{0}”只有 {1} 个字，过于简略', officialHeading(SECTIONS[n - 1]), chars), span: h.span });
    }
    return out;
  },
};
