/**
 * The one function that decides a text's findings: the editor's live check, the workspace check and the CLI
 * all call it, so the same text gives the same findings everywhere (test/lsp/load.test.ts compares them).
 * Cross-year findings are added by the caller that knows last year's report (crossYearFindings).
 */
import type { Arithmetic } from './analysis/arithmetic';
import { CheckOptions, runRules } from './check';
import type { Finding } from './findings';
import type { Report } from './model';
import { parseReport } from './parse/report';
import { createContext } from './rules/rule';

export interface TextCheck {
  report: Report;
  findings: Finding[];
  /** The identities, computed once and shared by the rules, hover and code lens. */
  arithmetic: () => Arithmetic;
}

export function checkText(text: string, options: CheckOptions = {}): TextCheck {
  const report = parseReport(text, { format: options.format });
  const ctx = createContext(report);
  return { report, findings: runRules(report, options, ctx), arithmetic: ctx.arithmetic };
}
