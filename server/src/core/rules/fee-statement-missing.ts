/**
 * 2021 format on: the report must say whether 信息处理费 was charged (国办函〔2020〕109号; the
 * format's note under 六). Any sentence outside the tables that speaks of the fee is a statement
 * (`未收取信息处理费`, `未产生信息公开处理费`, `未发生收费情况`, `收取信息处理费3940元`); the 表二 row
 * 行政事业性收费 is another matter (the body's own fees) and is not one. When 表三's
 * `（六）2.逾期未缴纳费用` is above 0 a fee notice was issued: a report that says nothing of fees, or
 * that no fee matter arose, contradicts its table.
 */
import { t } from '../i18n';
import { looksLikeReport } from '../parse/document';
import { sectionLines } from '../analysis/sections';
import { cellValue } from '../analysis/arithmetic';
import { charClass, lineHas } from '../text';
import { Rule, RuleFinding } from './rule';

/** A sentence about the information-processing fee (not the 行政事业性收费 of 表二). */
const FEE = /信息处理费|处理费|收费|缴费|收取[^。；]{0,12}费|(?:收|缴)[^。；]{0,10}费用|免费/;
const NOT_FEE = /行政事业性收费/g;
const FEE_CHAR = charClass('费');
const SENTENCES = /[^。；;]+[。；;]?/g;
/** A statement that no fee matter arose at all. */
const NO_FEE_MATTER = /未(?:发生|产生|涉及)[^。；]{0,12}(?:收费|缴费|费用)|无[^。；]{0,8}(?:收费|缴费)(?:情况|事项)|不涉及[^。；]{0,8}(?:收费|费用)/;

export const feeStatementMissing: Rule = {
  code: 'fee-statement-missing',
  defaultSeverity: 'warning',
  description: '2021 年格式起，报告未说明是否收取信息处理费（国办函〔2020〕109号），或说法与表三“逾期未缴纳费用”不符',
  check({ report }) {
    const out: RuleFinding[] = [];
    // The fee rules apply from 2021 (国办函〔2020〕109号): by the report's year, or by its format when the year is unknown.
    const applies = report.year !== undefined ? report.year >= 2021 : report.format === '2021';
    if (report.legacy || !applies || !looksLikeReport(report)) return out;
    const statements: Array<{ text: string; start: number }> = [];
    for (let n = 1; n <= 6; n++) {
      for (const line of sectionLines(report, n)) {
        // Every fee pattern holds 费: a line without it states nothing about fees.
        if (!lineHas(line, FEE_CHAR)) continue;
        const sentences = line.text.match(SENTENCES) ?? [];
        let at = line.start;
        for (const s of sentences) {
          if (FEE.test(s.replace(NOT_FEE, ''))) statements.push({ text: s, start: at });
          at += s.length;
        }
      }
    }
    // Also a heading that carries its content (`六、本年度未收取信息处理费`).
    for (const h of report.headings) if (FEE.test(h.text.replace(NOT_FEE, ''))) statements.push({ text: h.text, start: h.span.start });
    const six = report.headings.find((h) => h.number === 6);
    const at = six?.span ?? report.headings[report.headings.length - 1]?.span ?? report.title?.span;
    if (!at) return out;
    const unpaidCell = report.applications?.rows.get('3.6.2')?.cells[6] ?? null;
    const unpaid = cellValue(unpaidCell);
    if (!statements.length) {
      if (unpaid && unpaid.toNumber() > 0 && unpaidCell) {
        out.push({ message: t('表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为 {0}，说明发出过收费通知，但报告没有说明信息处理费的收取情况', unpaid.toString()), span: at, related: [{ span: unpaidCell.span, message: t('表三（六）2.逾期未缴纳费用·总计') }] });
      } else {
        out.push({ message: t('报告没有说明本年度是否收取信息处理费（国办函〔2020〕109号，2021 年格式“六、其他需要报告的事项”要求写明）'), span: at });
      }
      return out;
    }
    if (unpaid && unpaid.toNumber() > 0 && unpaidCell) {
      const none = statements.find((s) => NO_FEE_MATTER.test(s.text));
      if (none) out.push({ message: t('正文说“{0}”，但表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为 {1}，说明发出过收费通知', none.text.trim().slice(0, 40), unpaid.toString()), span: { start: none.start, end: none.start + none.text.length }, related: [{ span: unpaidCell.span, message: t('表三（六）2.逾期未缴纳费用·总计') }] });
    }
    return out;
  },
};
