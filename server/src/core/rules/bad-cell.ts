/**
 * A cell that is not a number (`1O`, `l2`), a count that is negative or not whole, and rows
 * whose numbers cannot be aligned with their columns with confidence.
 */
import { t } from '../i18n';
import { Decimal } from '../text';
import { Rule, RuleFinding, tableName } from './rule';
import { PlacedCell, tableCells } from '../analysis/table-cells';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../format/official';
import type { Unbalanced } from '../model';

/** The identity a PDF-order reading breaks, in words. */
function identityWords(u: Unbalanced): string {
  const column = APPLICANT_COLUMNS[u.column ?? 0];
  switch (u.identity) {
    case 'T3-row-total': {
      const def = [...APPLICATION_ROWS['2021'], ...APPLICATION_ROWS['2019']].find((d) => d.id === u.row);
      return t('“{0}”行的总计不等于各列之和', def?.short ?? u.row ?? '');
    }
    case 'T3-results': return t('{0}列的（七）总计不等于各项之和', column);
    case 'T3-balance': return t('{0}列的“一 + 二 = （七）总计 + 四”不成立', column);
    case 'T4-total': return t('{0}的总计不等于各项之和', REVIEW_GROUP_LABELS[REVIEW_GROUPS[u.column ?? 0]]);
  }
}

const LOOKALIKES: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

export const badCell: Rule = {
  code: 'bad-cell',
  defaultSeverity: 'error',
  description: '单元格不是可读的数字，或计数为负数、小数，或表格无法可靠对齐',
  check({ report }) {
    const out: RuleFinding[] = [];
    // Only a cell with a finding is named.
    const where = (p: PlacedCell) => `${p.row}·${p.column}`;
    for (const p of tableCells(report)) {
      const { cell } = p;
      if (cell.kind === 'bad') {
        const guess = Decimal.parse(cell.raw.replace(/[OolI|]/g, (c) => LOOKALIKES[c]).replace(/[,，]/g, ''));
        const finding: RuleFinding = { message: t('{0} 的“{1}”不是数字', where(p), cell.raw), span: cell.span };
        if (guess) finding.fix = { title: t('将“{0}”改为 {1}', cell.raw, guess.toString()), edits: [{ span: cell.span, newText: guess.toString() }], preferred: false };
        out.push(finding);
        continue;
      }
      if (cell.kind !== 'number' || !cell.value) continue;
      if (p.role !== 'amount' && !cell.value.isInteger()) {
        out.push({ message: t('{0} 为 {1}，件数应为整数', where(p), cell.value.toString()), span: cell.span });
      } else if (p.role !== 'signed' && cell.value.isNegative()) {
        out.push({ message: t('{0} 为 {1}，不能为负数', where(p), cell.value.toString()), span: cell.span });
      }
    }
    for (const table of [report.disclosure, report.applications, report.review]) {
      if (!table) continue;
      // One finding per table that says why its unread cells could not be placed, not one per row.
      const unread = table.problems.filter((p) => p.kind !== 'duplicate-row');
      if (unread.length) {
        const rows = unread.filter((p) => p.kind === 'unaligned-row').length;
        const reason = unread.find((p) => p.reason)?.reason;
        // An identity that fails in every placement is the table's error (total-mismatch), not the reading's.
        const unbalanced = unread.find((p) => p.unbalanced && !p.certain)?.unbalanced;
        if (unbalanced) {
          // Readings exist, and the one the text's order gives does not balance: say which identity fails.
          out.push({ message: t('{0}无法可靠读取：文本是 PDF 的阅读顺序，不能确定每个数字所在的单元格，而按文本顺序读出时{1}：或是数字的顺序与表格不同，或是表格本身有误，请对照原文件人工核对。这些单元格未读取', tableName(table.kind), identityWords(unbalanced)), span: unread[0].span, severity: 'warning' });
          continue;
        }
        const strays = unread.filter((p) => p.kind === 'extra-values').reduce((a, p) => a + (p.count ?? 0), 0);
        const why =
          reason === 'glued' ? t('行名与数字连在一起（如“规章012”），无法拆分成单元格')
          : reason === 'interleaved' ? t('有的行数字个数与列数不符，而文本没有标出空白单元格：空白单元格可能在复制时丢失，或数字的先后顺序与表格不同（如 PDF 无版式提取的文本），无法确定每个数字属于哪一行')
          : reason === 'unplaced' ? t('PDF 中这些行的数字无法按列位置确定（空白单元格的位置不明）')
          : reason === 'blanks-lost' ? t('文本是无版式的 PDF 文字，空白单元格不留痕迹：{0} 行的数字少于列数，无法确定各数字所在的列（没有数字的行按空白读取；能由其余数字之和确定的总计已读取）', rows)
          : reason === 'pdf-order' ? t('文本是 PDF 的阅读顺序，按此顺序读出的数字不满足表内勾稽关系，无法确定每个数字所在的单元格')
          : rows === 0 ? t('有 {0} 个数字不在任何一行之内，可能是复制或转换打乱了顺序', strays)
          : t('{0} 行的数字个数与列数不符，可能是复制或转换时丢失了空白单元格', rows);
        out.push({ message: t('{0}无法可靠读取：{1}。这些单元格未读取，也未检查', tableName(table.kind), why), span: unread[0].span, severity: 'warning' });
      }
      for (const p of table.problems) {
        if (p.kind === 'duplicate-row') out.push({ message: t('同一行出现两次，第二次的数字未计入'), span: p.span, severity: 'warning' });
      }
    }
    return out;
  },
};
