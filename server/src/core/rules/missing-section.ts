/** Each of the six sections must be there; the fix inserts the official heading (and table). */
import { SECTIONS, officialHeading } from '../format/official';
import { sectionTableTemplate } from '../format/template';
import { t } from '../i18n';
import { Rule, RuleFinding } from './rule';

export const missingSection: Rule = {
  code: 'missing-section',
  defaultSeverity: 'error',
  description: '缺少六个部分之一（一、总体情况 … 六、其他需要报告的事项）',
  check({ report }) {
    if (report.legacy) return [];
    const out: RuleFinding[] = [];
    const present = new Set(report.headings.map((h) => h.number));
    const eol = report.eol;
    for (const s of SECTIONS) {
      if (present.has(s.number)) continue;
      const heading = officialHeading(s);
      const next = report.headings.find((h) => h.number > s.number);
      const prev = [...report.headings].reverse().find((h) => h.number < s.number);
      // Tables the report already has elsewhere are not inserted twice.
      const hasTable = (s.number === 2 && report.disclosure) || (s.number === 3 && report.applications) || (s.number === 4 && report.review);
      const table = hasTable ? [] : sectionTableTemplate(s.number, report.format);
      const block = [heading, ...table].join(eol);
      let at: number;
      let newText: string;
      if (next) {
        at = report.lines[next.line].start;
        newText = block + eol + eol;
      } else {
        at = report.text.length;
        newText = (report.text.length && !/[\r\n]$/.test(report.text) ? eol : '') + eol + block + eol;
      }
      const anchor = next ?? prev;
      const span = anchor ? anchor.span : report.title?.span ?? { start: 0, end: Math.min(report.text.length, report.lines[0].end) };
      out.push({
        message: t('缺少第{0}部分“{1}”', s.numeral, heading),
        span,
        fix: { title: t('插入“{0}”', heading), edits: [{ span: { start: at, end: at }, newText }], preferred: true },
      });
    }
    return out;
  },
};
