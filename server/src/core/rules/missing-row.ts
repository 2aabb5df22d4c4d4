/** Every official row of the 二 and 三 tables must be found by its label. */
import { applicationRowDefs } from '../model';
import { DISCLOSURE_BLOCKS } from '../format/official';
import { t } from '../i18n';
import { Rule, RuleFinding } from './rule';

export const missingRow: Rule = {
  code: 'missing-row',
  defaultSeverity: 'warning',
  description: '统计表缺少规定的行（按行名查找）',
  check({ report }) {
    const out: RuleFinding[] = [];
    const a = report.applications;
    if (a) {
      for (const def of applicationRowDefs(report)) {
        if (a.rows.has(def.id)) continue;
        out.push({ message: t('收到和处理政府信息公开申请情况表缺少行“{0}”', def.label), span: a.span.start === a.span.end ? a.span : { start: a.span.start, end: report.lines[a.startLine].end } });
      }
    }
    const d = report.disclosure;
    if (d) {
      const found = new Set<string>();
      for (const b of d.blocks) for (const r of b.rows) found.add(r.id);
      for (const block of DISCLOSURE_BLOCKS[report.format]) {
        for (const row of block.rows) {
          if (found.has(row.label)) continue;
          out.push({ message: t('主动公开情况表缺少第二十条第（{0}）项的行“{1}”', block.item, row.label), span: { start: d.span.start, end: report.lines[d.startLine].end } });
        }
      }
    }
    return out;
  },
};
