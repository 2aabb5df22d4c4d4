/**
 * Each of the six sections must be there; the fix inserts the official heading (and table).
 *
 * A section counts as present under any spelling the parser recognises (markup, typos, other wordings,
 * heading and content merged), so the fix never creates a second heading for a section. The insertion
 * is the safe (preferred) fix only when it is just a heading line and its numeral is not already
 * written on another heading; a fix that also inserts an empty table is a suggestion.
 *
 * A document that does not look like a report (see `looksLikeReport`) gets one information note
 * instead of six errors.
 */
import { SECTIONS, officialHeading } from '../format/official';
import { sectionTableTemplate } from '../format/template';
import { t } from '../i18n';
import { looksLikeReport, writtenNumeral } from '../parse/document';
import { Rule, RuleFinding } from './rule';

export const missingSection: Rule = {
  code: 'missing-section',
  defaultSeverity: 'error',
  description: '缺少六个部分之一（一、总体情况 … 六、其他需要报告的事项）',
  check({ report }) {
    if (report.legacy) return [];
    const out: RuleFinding[] = [];
    if (!looksLikeReport(report)) {
      const span = report.title?.span ?? { start: 0, end: report.lines[0].end };
      return [{ message: t('没有找到年度报告的部分标题和统计表：此文件看起来不是政府信息公开工作年度报告，未作检查'), span, severity: 'information' }];
    }
    const present = new Set(report.headings.map((h) => h.number));
    const written = new Set(report.headings.map(writtenNumeral));
    const eol = report.eol;
    const tables = { 2: report.disclosure, 3: report.applications, 4: report.review } as Record<number, { startLine: number } | undefined>;
    interface Insert { at: number; heading: string; table: string[]; safe: boolean; span: RuleFinding['span']; message: string }
    const inserts: Insert[] = [];
    for (const s of SECTIONS) {
      if (present.has(s.number)) continue;
      const heading = officialHeading(s);
      const next = report.headings.find((h) => h.number > s.number);
      const prev = [...report.headings].reverse().find((h) => h.number < s.number);
      // Tables the report already has elsewhere are not inserted twice; the heading goes above it.
      const own = tables[s.number];
      const table = own ? [] : sectionTableTemplate(s.number, report.format);
      let at: number;
      if (own && own.startLine > (prev?.line ?? -1) && (!next || own.startLine < next.line)) at = report.lines[own.startLine].start;
      else if (next) at = report.lines[next.line].start;
      else at = report.text.length;
      const anchor = next ?? prev;
      const span = anchor ? anchor.span : report.title?.span ?? { start: 0, end: Math.min(report.text.length, report.lines[0].end) };
      inserts.push({ at, heading, table, safe: !table.length && !written.has(s.numeral), span, message: t('缺少第{0}部分“{1}”', s.numeral, heading) });
    }
    const atEnd = (at: number) => at === report.text.length;
    const wrap = (at: number, block: string) =>
      atEnd(at) ? (report.text.length && !/[\r\n]$/.test(report.text) ? eol : '') + eol + block + eol : block + eol + eol;
    // Sections missing at one place are inserted together, in order, by the first one's fix: two
    // insertions at one offset would otherwise be applied one per pass.
    for (let i = 0; i < inserts.length; i++) {
      const ins = inserts[i];
      const group = inserts.filter((o) => o.at === ins.at);
      const first = group[0] === ins;
      const blockOf = (o: Insert) => [o.heading, ...o.table].join(eol);
      const together = first && group.length > 1;
      const newText = wrap(ins.at, together ? group.map(blockOf).join(eol + eol) : blockOf(ins));
      const preferred = first && (together ? group.every((o) => o.safe) : ins.safe);
      const title = together ? t('插入“{0}”', group.map((o) => o.heading).join('”“')) : t('插入“{0}”', ins.heading);
      out.push({ message: ins.message, span: ins.span, fix: { title, edits: [{ span: { start: ins.at, end: ins.at }, newText }], preferred } });
    }
    return out;
  },
};
