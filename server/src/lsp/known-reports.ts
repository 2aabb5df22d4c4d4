/**
 * Reports known by body and year: open documents, files the workspace check read, and (through `onDisk`)
 * every report of the workspace folders. A report whose previous year's report of the same body is known
 * gets the cross-year findings (carry-over-mismatch, copied-from-prior-year) live.
 */
import { Finding, Report, crossYearFindings } from '../core/index';
import type { Settings } from '../settings';

/** Where reports that are not open come from (the workspace index). */
export interface ReportsOnDisk {
  previous(body: string, year: number, except: string): Report | undefined;
  uriOf(report: Report): string | undefined;
}

export class KnownReports {
  private readonly byUri = new Map<string, Report>();
  /** Set once the workspace index exists. */
  onDisk: ReportsOnDisk | undefined;

  /** Remembers a report that can take part in cross-year checks (it has a body and a year). */
  add(uri: string, report: Report): void {
    if (report.body && report.year && !report.legacy) this.byUri.set(uri, report);
  }

  /** The same body's report of the year before, from another file. */
  previous(uri: string, report: Report): Report | undefined {
    if (!report.body || !report.year) return undefined;
    for (const [u, r] of this.byUri) if (u !== uri && r.body === report.body && r.year === report.year - 1) return r;
    return this.onDisk?.previous(report.body, report.year, uri);
  }

  uriOf(report: Report): string | undefined {
    for (const [u, r] of this.byUri) if (r === report) return u;
    return this.onDisk?.uriOf(report);
  }

  /** A document was closed: its text on disk (in the index) counts from now on, not its last edited text. */
  forget(uri: string): void {
    this.byUri.delete(uri);
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
