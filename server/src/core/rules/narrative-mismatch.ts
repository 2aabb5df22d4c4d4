/** Numbers the prose states must agree with the tables (the claims are read in analysis/prose-claims.ts). */
import { t } from '../i18n';
import { proseClaims } from '../analysis/prose-claims';
import { Rule } from './rule';

export const narrativeMismatch: Rule = {
  code: 'narrative-mismatch',
  defaultSeverity: 'warning',
  description: '正文所述数字与统计表不一致',
  check({ report }) {
    return proseClaims(report)
      .filter((c) => !c.agrees)
      .map((c) => ({
        // The name says which sum the number was compared with (`（一）予以公开·总计 + （二）部分公开·总计`).
        message: t('正文“{0}”与表格不符：{1}为 {2}', c.words, c.table.name, c.table.value.toString()),
        span: c.span,
        fix: { title: t('将正文中的 {0} 改为 {1}', c.said.toString(), c.table.value.toString()), edits: [{ span: c.span, newText: c.table.value.toString() }], preferred: false },
      }));
  },
};
