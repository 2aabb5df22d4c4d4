/** The shape every rule has: one file each, registered in index.ts. */
import type { Code, Finding, Severity, TextEdit } from '../findings';
import type { Report } from '../model';
import type { Cell } from '../model';
import type { Decimal } from '../text';
import { Arithmetic, computeArithmetic } from '../analysis/arithmetic';
import { t } from '../i18n';

export type RuleFinding = Omit<Finding, 'severity' | 'code'> & { severity?: Severity };

export interface RuleContext {
  report: Report;
  /** Identities and their repair, computed on first use. */
  arithmetic(): Arithmetic;
}

export interface Rule {
  code: Code;
  /** `off`: a hint users turn on (its precision on real reports is not yet shown). */
  defaultSeverity: Severity | 'off';
  /** One line for the README table and the rule's documentation page. */
  description: string;
  check(ctx: RuleContext): RuleFinding[];
}

export function createContext(report: Report): RuleContext {
  let memo: Arithmetic | undefined;
  return { report, arithmetic: () => (memo ??= computeArithmetic(report)) };
}

/** A table's name in messages, translated only when a message needs it. */
export function tableName(kind: 'disclosure' | 'applications' | 'review'): string {
  switch (kind) {
    case 'disclosure': return t('主动公开情况表');
    case 'applications': return t('收到和处理政府信息公开申请情况表');
    case 'review': return t('行政复议、行政诉讼情况表');
  }
}

/** Replaces the number in a cell, keeping its unit and note (`22（其中修订16件）`). */
export function setCellEdit(cell: Cell, value: Decimal): TextEdit {
  const m = /^[+-]?[0-9０-９,，.．]+/.exec(cell.raw);
  const len = cell.kind === 'number' && m ? m[0].length : cell.raw.length;
  return { span: { start: cell.span.start, end: cell.span.start + len }, newText: value.toString() };
}
