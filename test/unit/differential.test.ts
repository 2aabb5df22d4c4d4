/**
 * Differential test, old reader vs new: on every generated layout (REPORT-FORMAT §6 as
 * test/support/generate.ts writes it, both formats), the grid reader
 * reads every cell the old stream reader read, with the same number, and never fewer cells.
 * (Where the old reader read a number the grid reader would not, the test fails: that is how its
 * wrong numbers on real shapes were found; the converter corpus covers those shapes.)
 */
import { ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS, REVIEW_GROUPS } from '../../server/src/core/format/official';
import { parseReport } from '../../server/src/core/index';
import type { Report } from '../../server/src/core/model';
import type { Cell } from '../../server/src/core/model';
import { LAYOUTS, balancedData, renderReport } from '../support/generate';
import { parseApplications, parseDisclosure, parseReview } from '../support/stream-reader-v1';

type Cells = Map<string, Array<Cell | null>>;

function newCells(r: Report): Cells {
  const out: Cells = new Map();
  for (const d of APPLICATION_ROWS[r.format]) {
    const row = r.applications?.rows.get(d.id);
    if (row) out.set(`a:${d.id}`, row.cells);
  }
  for (const g of REVIEW_GROUPS) if (r.review) out.set(`r:${g}`, r.review.groups[g]);
  for (const b of r.disclosure?.blocks ?? []) for (const row of b.rows) out.set(`d:${row.id}`, row.cells);
  return out;
}

function oldCells(r: Report): Cells {
  const out: Cells = new Map();
  const end = (line: number) => r.headings.find((h) => h.line > line)?.line ?? r.lines.length;
  if (r.applications) {
    const t = parseApplications(r.lines, r.applications.startLine, end(r.applications.startLine), r.format);
    for (const [id, row] of t.rows as Map<string, { cells: Array<Cell | null> }>) out.set(`a:${id}`, row.cells);
  }
  if (r.review) {
    const t = parseReview(r.lines, r.review.startLine, end(r.review.startLine));
    for (const g of REVIEW_GROUPS) out.set(`r:${g}`, t.groups[g]);
  }
  if (r.disclosure) {
    const t = parseDisclosure(r.lines, r.disclosure.startLine, end(r.disclosure.startLine), r.format);
    for (const b of t.blocks as Array<{ rows: Array<{ id: string; cells: Array<Cell | null> }> }>) for (const row of b.rows) out.set(`d:${row.id}`, row.cells);
  }
  return out;
}

const value = (c: Cell | null | undefined) => (c ? (c.kind === 'blank' ? '0' : (c.value?.toString() ?? `?${c.raw}`)) : null);

describe('old stream reader vs grid reader on the generated layouts', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      for (const seed of [11, 12, 13, 14]) {
        it(`${format} ${layout} #${seed}`, () => {
          const data = balancedData(format, seed * 31 + layout.length);
          const report = parseReport(renderReport(data, layout));
          const before = oldCells(report);
          const after = newCells(report);
          let oldRead = 0;
          let newRead = 0;
          for (const [key, cells] of before) {
            cells.forEach((c, i) => {
              if (!c) return;
              oldRead++;
              strictEqual(value(after.get(key)?.[i]), value(c), `${key}[${i}]`);
            });
          }
          for (const cells of after.values()) newRead += cells.filter(Boolean).length;
          ok(newRead >= oldRead, `${newRead} < ${oldRead}`);
          ok(newRead > 0);
        });
      }
    }
  }
});
