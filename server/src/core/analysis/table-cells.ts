/** Every cell of the three tables with its row and column names and what it may hold. */
import { applicationRowDefs } from '../model';
import {
  APPLICANT_COLUMNS,
  DISCLOSURE_BLOCKS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_GROUP_LABELS,
} from '../format/official';
import type { Report, TableRow } from '../model';
import type { Cell } from '../model';
import { memoOf } from './memo';

export type CellRole = 'count' | 'signed' | 'amount';

export interface PlacedCell {
  cell: Cell;
  table: 'disclosure' | 'applications' | 'review';
  row: string;
  column: string;
  role: CellRole;
  tableRow?: TableRow;
}

/** Computed once per parsed report: several rules and features read it. */

export function tableCells(report: Report): PlacedCell[] {
  const memo = memoOf(report);
  return (memo.cells ??= tableCellsOf(report));
}

function tableCellsOf(report: Report): PlacedCell[] {
  const out: PlacedCell[] = [];
  const d = report.disclosure;
  if (d) {
    const defs = DISCLOSURE_BLOCKS[report.format];
    d.blocks.forEach((b, i) => {
      const def = defs[i];
      for (const row of b.rows) {
        row.cells.forEach((cell, c) => {
          if (!cell) return;
          const role: CellRole = def.amountColumns.includes(c) ? 'amount' : def.signedColumns.includes(c) ? 'signed' : 'count';
          out.push({ cell, table: 'disclosure', row: row.id, column: def.columns[c], role, tableRow: row });
        });
      }
    });
  }
  const a = report.applications;
  if (a) {
    for (const def of applicationRowDefs(report)) {
      const row = a.rows.get(def.id);
      row?.cells.forEach((cell, c) => {
        if (cell) out.push({ cell, table: 'applications', row: def.short, column: APPLICANT_COLUMNS[c], role: 'count', tableRow: row });
      });
    }
  }
  const r = report.review;
  if (r) {
    for (const g of REVIEW_GROUPS) {
      r.groups[g].forEach((cell, c) => {
        if (cell) out.push({ cell, table: 'review', row: REVIEW_GROUP_LABELS[g], column: REVIEW_COLUMNS[c], role: 'count' });
      });
    }
  }
  return out;
}
