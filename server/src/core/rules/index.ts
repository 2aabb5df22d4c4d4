/** The rule registry: every rule the checker runs, in the order findings are listed. */
import type { Code, Severity } from '../findings';
import { badCell } from './bad-cell';
import { balanceMismatch } from './balance-mismatch';
import { blankCell } from './blank-cell';
import { carryOverRule } from './carry-over-mismatch';
import { copiedRule } from './copied-from-prior-year';
import { disclosureInconsistent } from './disclosure-inconsistent';
import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { feeStatementMissing } from './fee-statement-missing';
import { formatMismatch } from './format-mismatch';
import { headingVariant } from './heading-variant';
import { labelVariant } from './label-variant';
import { lateReport } from './late-report';
import { missingRow } from './missing-row';
import { noFollowThrough } from './no-follow-through';
import { overviewTopics } from './overview-topics';
import { missingSection } from './missing-section';
import { missingTable } from './missing-table';
import { narrativeMismatch } from './narrative-mismatch';
import type { Rule } from './rule';
import { sectionOrder } from './section-order';
import { signatureMismatch } from './signature-mismatch';
import { thinSection } from './thin-section';
import { totalMismatch } from './total-mismatch';
import { variantChar } from './variant-char';
import { yearMismatch } from './year-mismatch';

export const RULES: Rule[] = [
  missingSection, duplicateSection, sectionOrder, headingVariant, missingTable, missingRow,
  badCell, blankCell, totalMismatch, balanceMismatch, disclosureInconsistent, narrativeMismatch,
  yearMismatch, formatMismatch, variantChar, labelVariant,
  feeStatementMissing, lateReport, signatureMismatch, emptySection,
  overviewTopics, noFollowThrough, thinSection,
];

/** Code, default severity and description of every rule, the cross-file one included. */
export const RULE_INFO: Array<{ code: Code; defaultSeverity: Severity | 'off'; description: string }> = [
  ...RULES.map(({ code, defaultSeverity, description }) => ({ code, defaultSeverity, description })),
  carryOverRule, copiedRule,
];

/** Rules whose findings are about the tables' arithmetic. */
export const ARITHMETIC_CODES: Code[] = ['total-mismatch', 'balance-mismatch'];
