/** Findings as LSP diagnostics: severity, rule page, ranges and related places. */
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding, Report } from '../core/index';

export const SOURCE = 'xxgk-report';
/** A damaged file can produce thousands of findings; the editor gets the first MAX_DIAGNOSTICS. */
export const MAX_DIAGNOSTICS = 1000;

/** The rule pages shipped in the .vsix (docs/rules/<code>.md next to dist/): VS Code opens them in the editor. */
const docsHref = (code: string) => pathToFileURL(nodePath.join(__dirname, '..', 'docs', 'rules', `${code}.md`)).toString();

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function severityCounts(findings: Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * One finding of `report` (the document at `uri`) as a diagnostic. Ranges come from the report's own line
 * index, so they belong to the text the finding was computed from. `uriOf` names the file of another report
 * (last year's, for cross-year findings); a related place in a report it cannot name is left out.
 */
export function toDiagnostic(uri: string, report: Report, f: Finding, uriOf: (other: Report) => string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: report.index.range(f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsHref(f.code) },
    source: SOURCE,
    message: f.message,
  };
  const related = (f.related ?? []).flatMap((r) => {
    if (!r.report) return [{ location: { uri, range: report.index.range(r.span) }, message: r.message }];
    const other = uriOf(r.report);
    return other ? [{ location: { uri: other, range: r.report.index.range(r.span) }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}
