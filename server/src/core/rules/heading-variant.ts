/** A section heading that departs from the official wording or punctuation. */
import { SECTIONS, officialHeading } from '../format/official';
import { t } from '../i18n';
import { labelKey } from '../text';
import { Rule, RuleFinding } from './rule';

export const headingVariant: Rule = {
  code: 'heading-variant',
  defaultSeverity: 'hint',
  description: '部分标题与规定格式的写法不同（措辞、标点、标题与内容合写）',
  check({ report }) {
    const out: RuleFinding[] = [];
    for (const h of report.headings) {
      if (!h.variant) continue;
      const official = officialHeading(SECTIONS[h.number - 1]);
      const rest = labelKey(h.text.replace(/^[^、，,.．:：]*[、，,.．:：]/, ''));
      const mergedNone = h.variant === 'merged' && rest === '无' + labelKey(SECTIONS[h.number - 1].title);
      let message: string;
      if (mergedNone) message = t('标题与内容合写：“{0}”应写作标题“{1}”，内容“无”另起一行', h.text, official);
      else if (h.variant === 'merged') message = t('标题与内容写在同一行：“{0}”', h.text);
      else if (h.variant === 'punctuation') message = t('标题“{0}”的标点或空格与规定格式“{1}”不同', h.text, official);
      else message = t('标题“{0}”与规定格式“{1}”不同', h.text, official);
      const finding: RuleFinding = { message, span: h.span };
      if (mergedNone) {
        finding.fix = { title: t('改为标题“{0}”并另起一行写“无”', official), edits: [{ span: h.span, newText: official + report.eol + '无' }], preferred: true };
      } else if (h.variant !== 'merged') {
        finding.fix = { title: t('改为“{0}”', official), edits: [{ span: h.span, newText: official }], preferred: true };
      }
      out.push(finding);
    }
    return out;
  },
};
