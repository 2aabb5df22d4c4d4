/**
 * A section with nothing in it: no text before the next heading, or only `无` where the format
 * asks for content (一 总体情况 and 五 存在的主要问题及改进情况 always have something to say).
 * 二–四 are never empty when their table is there; 六 may honestly be 无其他需要报告的事项.
 */
import { t } from '../i18n';
import { officialHeading, SECTIONS } from '../format/official';
import { looksLikeReport } from '../parse/document';
import { sectionLines } from '../analysis/sections';
import { Rule, RuleFinding } from './rule';

/** Words that say nothing: `无`, `无。`, `暂无`, `（无）`. */
const NOTHING = /^[（(]?(?:无|暂无|没有)[）)]?[。.]?$/;
/** The longest text NOTHING matches. */
const NOTHING_MAX = 5;
/** The closing block under the last section: a date, or the body that signs. */
const SIGNATURE_OR_DATE = /^[\s\u3000]*(?:[0-9０-９〇零一二三四五六七八九]{4}\s*年.*日|.{2,30}(?:局|委|办|厅|院|会|室|处|所|中心|政府|街道|管委会|办事处))[\s\u3000]*$/;

export const emptySection: Rule = {
  code: 'empty-section',
  defaultSeverity: 'warning',
  description: '某一部分没有内容（五、存在的主要问题及改进情况只写“无”也算）',
  check({ report }) {
    const out: RuleFinding[] = [];
    if (report.legacy || !looksLikeReport(report)) return out;
    const tables: Record<number, unknown> = { 2: report.disclosure, 3: report.applications, 4: report.review };
    const seen = new Set<number>();
    for (const [i, h] of report.headings.entries()) {
      if (seen.has(h.number)) continue;
      seen.add(h.number);
      // A heading that carries its content (`六、无其他需要报告的事项`) is not empty.
      if (h.variant === 'merged') continue;
      if (tables[h.number]) continue;
      // The last section is followed by the signature and date, which are not its content. Only the
      // start of the words is needed (whether there are any, and whether they say nothing).
      const last = i === report.headings.length - 1;
      let body = '';
      for (const line of sectionLines(report, h.number)) {
        const l = line.text.trim();
        if (!l || (last && SIGNATURE_OR_DATE.test(l))) continue;
        body += l;
        if (body.length > NOTHING_MAX) break;
      }
      const official = officialHeading(SECTIONS[h.number - 1]);
      if (!body) {
        out.push({ message: t('“{0}”下没有内容', official), span: h.span });
      } else if (NOTHING.test(body) && (h.number === 1 || h.number === 5)) {
        out.push({ message: t('“{0}”只写了“{1}”：这一部分应写明本年度的情况', official, body), span: h.span });
      }
    }
    return out;
  },
};
