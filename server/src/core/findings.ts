/** What the rules produce: findings with a code, a severity, a message, a span and maybe a fix. */
import type { Span } from './text';
import type { Report } from './model';

export const CODES = [
  'missing-section', 'duplicate-section', 'section-order', 'heading-variant', 'missing-table',
  'missing-row', 'bad-cell', 'blank-cell', 'total-mismatch', 'balance-mismatch',
  'disclosure-inconsistent', 'narrative-mismatch', 'year-mismatch', 'format-mismatch',
  'variant-char', 'label-variant', 'carry-over-mismatch',
  'fee-statement-missing', 'copied-from-prior-year', 'late-report', 'signature-mismatch', 'empty-section',
  'overview-topics', 'no-follow-through', 'thin-section',
] as const;
export type Code = (typeof CODES)[number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  /** Says the action (`将总计改为 25`), not the problem. */
  title: string;
  edits: TextEdit[];
  /** The obvious fix: editors offer it first and fix-all applies it. */
  preferred: boolean;
}

/** A place that explains a finding: a table cell it contradicts, or the same section in last year's report. */
export interface Related {
  span: Span;
  message: string;
  /** Another report (cross-year findings); absent: the finding's own report. */
  report?: Report;
}

export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  span: Span;
  fix?: Fix;
  related?: Related[];
}
