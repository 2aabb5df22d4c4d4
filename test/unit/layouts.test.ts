/** Every layout of REPORT-FORMAT.md §6, both formats: each cell read right, no finding on a sound report. */
import { deepStrictEqual, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { checkReport } from '../../server/src/core/index';
import { LAYOUTS, balancedData, expectedTables, renderReport } from '../support/generate';

describe('layouts', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      for (const seed of [1, 2, 3]) {
        it(`${format} ${layout} #${seed}: tables read cell by cell, no finding`, () => {
          const data = balancedData(format, seed * 97 + layout.length);
          const result = checkReport(renderReport(data, layout));
          strictEqual(result.format, format);
          deepStrictEqual(result.tables, expectedTables(data));
          deepStrictEqual(result.diagnostics.map((d) => `${d.code} ${d.message}`), []);
        });
      }
    }
  }
  it('CRLF line ends and a BOM change nothing but offsets', () => {
    const data = balancedData('2021', 5);
    const plain = checkReport(renderReport(data, 'tab'));
    const crlf = checkReport(renderReport(data, 'tab', { eol: '\r\n', bom: true }));
    deepStrictEqual(crlf.tables, plain.tables);
    deepStrictEqual(crlf.diagnostics, []);
  });
  it('CR-only line ends are lines too', () => {
    const data = balancedData('2019', 6);
    const result = checkReport(renderReport(data, 'cells', { eol: '\r' }));
    deepStrictEqual(result.tables, expectedTables(data));
  });
  it('format is detected from the labels, the year only breaking a tie', () => {
    const d2021in2020 = { ...balancedData('2021', 8), year: 2020 };
    const r = checkReport(renderReport(d2021in2020, 'tab'));
    strictEqual(r.format, '2021');
    deepStrictEqual(r.diagnostics.map((d) => d.code), ['format-mismatch']);
  });
  it('full-width digits, thousands separators, units and notes inside cells', () => {
    const data = balancedData('2021', 9);
    data.disclosure['规章'] = ['２２（其中修订16件）', '1,204', '3'];
    const result = checkReport(renderReport(data, 'tab'));
    deepStrictEqual(result.tables.disclosure!['规章'], [22, 1204, 3]);
  });
});
