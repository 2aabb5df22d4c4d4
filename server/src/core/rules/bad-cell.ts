/**
 * A cell that is not a number (`1O`, `l2`), a count that is negative or not whole, and rows
 * whose numbers cannot be aligned with their columns with confidence.
 */
import { t } from '../i18n';
import { Decimal } from '../text';
import { Rule, RuleFinding } from './rule';
import { tableCells } from '../analysis/table-cells';

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
    const names = { disclosure: t('主动公开情况表'), applications: t('收到和处理政府信息公开申请情况表'), review: t('行政复议、行政诉讼情况表') };
    for (const table of [report.disclosure, report.applications, report.review]) {
      if (!table) continue;
      // One finding per table that says why its unread cells could not be placed, not one per row.
      const unread = table.problems.filter((p) => p.kind !== 'duplicate-row');
      if (unread.length) {
        const rows = unread.filter((p) => p.kind === 'unaligned-row').length;
        const reason = unread.find((p) => p.reason)?.reason;
        const why =
          reason === 'glued' ? t('行名与数字连在一起（如“规章012”），无法拆分成单元格')
          : reason === 'interleaved' ? t('有的行数字个数与列数不符，而文本没有标出空白单元格：空白单元格可能在复制时丢失，或数字的先后顺序与表格不同（如 PDF 无版式提取的文本），无法确定每个数字属于哪一行')
          : reason === 'unplaced' ? t('PDF 中这些行的数字无法按列位置确定（空白单元格的位置不明）')
          : reason === 'pdf-order' ? t('文本是 PDF 的阅读顺序，按此顺序读出的数字不满足表内勾稽关系，无法确定每个数字所在的单元格')
          : t('{0} 行的数字个数与列数不符，可能是复制或转换时丢失了空白单元格', rows);
        out.push({ message: t('{0}无法可靠读取：{1}。这些单元格未读取，也未检查', names[table.kind], why), span: unread[0].span, severity: 'warning' });
      }
      for (const p of table.problems) {
        if (p.kind === 'duplicate-row') out.push({ message: t('同一行出现两次，第二次的数字未计入'), span: p.span, severity: 'warning' });
      }
    }
    return out;
  },
};
