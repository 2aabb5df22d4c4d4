/**
 * A cell that is not a number (`1O`, `l2`), a count that is negative or not whole, and rows
 * whose numbers cannot be aligned with their columns with confidence.
 */
import { t } from '../i18n';
import { Decimal } from '../text';
import { Rule, RuleFinding } from './rule';
import { tableCells } from './table-cells';

const LOOKALIKES: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

export const badCell: Rule = {
  code: 'bad-cell',
  defaultSeverity: 'error',
  description: '单元格不是可读的数字，或计数为负数、小数，或表格无法可靠对齐',
  check({ report }) {
    const out: RuleFinding[] = [];
    for (const p of tableCells(report)) {
      const where = `${p.row}·${p.column}`;
      const { cell } = p;
      if (cell.kind === 'bad') {
        const guess = Decimal.parse(cell.raw.replace(/[OolI|]/g, (c) => LOOKALIKES[c]).replace(/[,，]/g, ''));
        const finding: RuleFinding = { message: t('{0} 的“{1}”不是数字', where, cell.raw), span: cell.span };
        if (guess) finding.fix = { title: t('将“{0}”改为 {1}', cell.raw, guess.toString()), edits: [{ span: cell.span, newText: guess.toString() }], preferred: false };
        out.push(finding);
        continue;
      }
      if (cell.kind !== 'number' || !cell.value) continue;
      if (p.role !== 'amount' && !cell.value.isInteger()) {
        out.push({ message: t('{0} 为 {1}，件数应为整数', where, cell.value.toString()), span: cell.span });
      } else if (p.role !== 'signed' && cell.value.isNegative()) {
        out.push({ message: t('{0} 为 {1}，不能为负数', where, cell.value.toString()), span: cell.span });
      }
    }
    for (const table of [report.disclosure, report.applications, report.review]) {
      for (const p of table?.problems ?? []) {
        const message =
          p.kind === 'unaligned-row'
            ? t('无法可靠对齐：此行有 {0} 个数，应为 {1} 个，无法确定空白单元格的位置', p.count ?? 0, p.expected ?? 0)
            : p.kind === 'extra-values'
              ? t('无法可靠对齐：有 {0} 个数不属于任何已识别的行', p.count ?? 0)
              : t('同一行出现两次，第二次的数字未计入');
        out.push({ message, span: p.span, severity: 'warning' });
      }
    }
    return out;
  },
};
