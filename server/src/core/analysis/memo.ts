/**
 * The analyses several rules and features read, computed once per parsed report and kept together:
 * one weak entry per report instead of one per analysis.
 */
import type { Report } from '../model';
import type { Sentence } from './prose';
import type { ProseClaim } from './prose-claims';
import type { PlacedCell } from './table-cells';

export interface ReportMemo {
  sentences: Sentence[] | undefined;
  claims: ProseClaim[] | undefined;
  cells: PlacedCell[] | undefined;
}

const MEMO = new WeakMap<Report, ReportMemo>();

export function memoOf(report: Report): ReportMemo {
  let memo = MEMO.get(report);
  if (!memo) MEMO.set(report, (memo = { sentences: undefined, claims: undefined, cells: undefined }));
  return memo;
}
