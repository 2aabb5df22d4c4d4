/**
 * Reports seen in this workspace (open documents and files the workspace check read), by body and year: a
 * report whose previous year's report of the same body is known gets the cross-year findings
 * (carry-over-mismatch, copied-from-prior-year) live.
 */
import { Finding, Report, crossYearFindings } from '../core/index';
import type { Settings } from '../settings';

export class KnownReports {
  private readonly byUri = new Map<string, Report>();

  /** Remembers a report that can take part in cross-year checks (it has a body and a year). */
  add(uri: string, report: Report): void {
    if (report.body && report.year && !report.legacy) this.byUri.set(uri, report);
  }

  /** The same body's report of the year before, from another file. */
  previous(uri: string, report: Report): Report | undefined {
    if (!report.body || !report.year) return undefined;
    for (const [u, r] of this.byUri) if (u !== uri && r.body === report.body && r.year === report.year - 1) return r;
    return undefined;
  }

  uriOf(report: Report): string | undefined {
    for (const [u, r] of this.byUri) if (r === report) return u;
    return undefined;
  }

  /** The cross-year findings of `report` against last year's, when it is known; sorted into `findings`. */
  withCrossYear(uri: string, report: Report, findings: Finding[], settings: Settings): Finding[] {
    if (report.legacy) return findings;
    this.add(uri, report);
    const prev = this.previous(uri, report);
    if (!prev) return findings;
    const more = crossYearFindings(report, prev, { rules: settings.rules, copiedShare: settings.copiedShare });
    return more.length ? [...findings, ...more].sort((a, b) => a.span.start - b.span.start) : findings;
  }
}
