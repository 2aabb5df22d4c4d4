/** Sections 二, 三 and 四 each carry an official table. */
import { SECTIONS, officialHeading } from '../format/official';
import { sectionTableTemplate } from '../format/template';
import { t } from '../i18n';
import { Rule, RuleFinding, tableName } from './rule';

export const missingTable: Rule = {
  code: 'missing-table',
  defaultSeverity: 'error',
  description: '第二、三、四部分缺少规定的统计表',
  check({ report }) {
    if (report.legacy) return [];
    const out: RuleFinding[] = [];
    const tables = { 2: report.disclosure, 3: report.applications, 4: report.review } as const;
    const names = (n: number) => tableName(n === 2 ? 'disclosure' : n === 3 ? 'applications' : 'review');
    for (const n of [2, 3, 4] as const) {
      if (tables[n]) continue;
      const heading = report.headings.find((h) => h.number === n);
      if (!heading) continue; // missing-section covers it, with the table in its fix
      const next = report.headings.find((h) => h.line > heading.line)?.line ?? report.lines.length;
      const placeholder = report.lines.slice(heading.line + 1, next).find((l) => /^\s*\[(?:TABLE|表格)\]\s*$/i.test(l.text));
      if (placeholder) {
        // A converter replaced the table by a placeholder: the report had one, this text lost it.
        out.push({ message: t('{0}在文本转换中被替换为“{1}”，表格内容已丢失，无法检查；请用原文件（网页、Word 或 PDF）检查', names(n), placeholder.text.trim()), span: { start: placeholder.start, end: placeholder.end }, severity: 'warning' });
        continue;
      }
      const table = sectionTableTemplate(n, report.format).join(report.eol);
      const at = report.lines[heading.line].end;
      out.push({
        message: t('“{0}”下没有找到{1}', officialHeading(SECTIONS[n - 1]), names(n)),
        span: heading.span,
        fix: { title: t('插入空白的{0}', names(n)), edits: [{ span: { start: at, end: at }, newText: report.eol + table }], preferred: true },
      });
    }
    return out;
  },
};
