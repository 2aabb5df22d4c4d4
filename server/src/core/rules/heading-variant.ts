/**
 * A section heading that departs from the official wording or punctuation (typos included).
 *
 * The fix replaces only the heading's words (the span never covers `##`, `**` or tags around them).
 * It is not offered as the safe fix when it would write a numeral another heading already has
 * (`一、主动公开…` beside an existing `二、…`: renumbering needs a person), when markup sits inside the
 * heading, or when the wording differs so much that replacing it would drop words.
 */
import { NUMERALS, SECTIONS, officialHeading } from '../format/official';
import { t } from '../i18n';
import { looksLikeReport, writtenNumeral } from '../parse/document';
import { labelKey } from '../labels';
import { Rule, RuleFinding } from './rule';

export const headingVariant: Rule = {
  code: 'heading-variant',
  defaultSeverity: 'hint',
  description: '部分标题与规定格式的写法不同（措辞、标点、标题与内容合写）',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (!looksLikeReport(report)) return out;
    const numerals = report.headings.map(writtenNumeral);
    const misnumbered = report.headings.filter((h) => h.variant === 'number').length;
    for (let i = 0; i < report.headings.length; i++) {
      const h = report.headings[i];
      if (!h.variant) continue;
      const section = SECTIONS[h.number - 1];
      const official = officialHeading(section);
      const rest = labelKey(h.text.replace(/^[^、，,.．:：]*[、，,.．:：]/, ''));
      const mergedNone = h.variant === 'merged' && (rest === '无' + labelKey(section.title) || (rest.startsWith('无') && rest.length <= labelKey(section.title).length + 3));
      let message: string;
      if (mergedNone) message = t('标题与内容合写：“{0}”应写作标题“{1}”，内容“无”另起一行', h.text, official);
      else if (h.variant === 'merged') message = t('标题与内容写在同一行：“{0}”', h.text);
      else if (h.variant === 'punctuation') message = t('标题“{0}”的标点或空格与规定格式“{1}”不同', h.text, official);
      else if (h.variant === 'unnumbered') message = t('标题“{0}”没有序号（Word 的自动编号在复制或转换时会丢失），规定格式为“{1}”', h.text, official);
      else message = t('标题“{0}”与规定格式“{1}”不同', h.text, official);
      const finding: RuleFinding = { message, span: h.span };
      const target = NUMERALS[section.number - 1];
      // Renumbering into a numeral another heading is written with would make two headings with one number.
      // Several misnumbered headings (numbering shifted by a missing section) need a person too: fixing
      // them one at a time would renumber in a cascade.
      const collides = numerals.some((n, j) => j !== i && n === target && numerals[i] !== target) || (h.variant === 'number' && misnumbered > 1);
      // The parser reads a markup-masked view: tags inside the heading's span read as spaces there.
      const original = report.text.slice(h.span.start, h.span.end);
      const innerMarkup = /[<>]|&[a-zA-Z#0-9]+;/.test(original);
      if (innerMarkup && h.variant === 'punctuation' && original.replace(/<[^<>]*>|&[a-zA-Z#0-9]+;/g, '') === official) continue;
      // Replacing a wording that says much more than the official heading would drop words; a qualifier
      // around the official words (`政府信息公开工作存在的主要问题及改进情况`) or a few characters' difference is fine.
      const officialKey = labelKey(section.title);
      const close = Math.abs(rest.length - officialKey.length) <= 4 || rest.includes(officialKey);
      const line = report.lines[h.line];
      if (innerMarkup) {
        // No fix: the words are interleaved with markup that must stay.
      } else if (mergedNone) {
        // The markup after the words (`**`, `</strong>`) stays on the heading's line; 无 goes below it.
        const after = report.text.slice(h.span.end, line.end);
        finding.fix = { title: t('改为标题“{0}”并另起一行写“无”', official), edits: [{ span: { start: h.span.start, end: line.end }, newText: official + after + report.eol + '无' }], preferred: !collides };
      } else if (h.variant !== 'merged') {
        // Writing the numeral into an unnumbered heading is a suggestion: the Word original numbers it.
        finding.fix = { title: t('改为“{0}”', official), edits: [{ span: h.span, newText: official }], preferred: !collides && close && h.variant !== 'unnumbered' };
      }
      out.push(finding);
    }
    return out;
  },
};
