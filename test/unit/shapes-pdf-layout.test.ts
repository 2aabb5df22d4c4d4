/**
 * `pdftotext -layout` text (REPORT-FORMAT §6.6) with blank cells: a blank cell is only spaces, so
 * a row shows fewer numbers than columns. Each number is placed by its column on the page (a
 * fragment after two or more spaces starts where the converter put it, the same place as in the
 * page's full rows; a number one space after the label is in the first column, one space after
 * another number in the next), never by order; digits stacked over lines are never read. Cell by
 * cell.
 */
import { deepStrictEqual, ok } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { checkReport } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const data = balancedData('2021', 7);
const rows = APPLICATION_ROWS['2021'];
const HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** Character columns where the seven value columns' numbers start. */
const AT = [40, 46, 52, 58, 64, 70, 76];
/** Rows printed with every cell filled (zeros as `0`): the page's columns are learnt from them. */
const FULL = new Set(['1', '2', '3.1']);

/** One printed line: the label, then each value at its column (blank: nothing), or one space after `glue`. */
function line(label: string, cells: Array<number | null>, glued = false): string {
  let s = label;
  cells.forEach((v, c) => {
    if (v === null) return;
    if (glued && c === 0) s += ` ${v}`;
    else s = s.padEnd(AT[c], ' ') + String(v);
  });
  return s;
}

/** 表三 as pdftotext -layout text: full rows where FULL says, else zeros left blank. */
function layoutTable(values: Record<string, number[]>, edit: (id: string, cells: Array<number | null>, label: string) => string[] | undefined = () => undefined): string[] {
  const out = [HEADER, `${' '.repeat(38)}自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计`];
  for (const d of rows) {
    const label = d.label.length > 16 ? d.label.slice(0, 16) : d.label;
    const cells = values[d.id].map((v) => (FULL.has(d.id) || v !== 0 ? v : null));
    const custom = edit(d.id, cells, label);
    if (custom) out.push(...custom);
    else out.push(line(label, cells));
    if (d.label.length > 16) out.push(`    ${d.label.slice(16)}`);
  }
  return out;
}

/** The report with its 表三 replaced by `lines`, on a page of its own. */
function withTable3(lines: string[]): string {
  const all = renderReport(data, 'tab').split('\n');
  const from = all.findIndex((l) => l.includes('勾稽关系'));
  const to = all.findIndex((l) => l.startsWith('四、政府信息公开'));
  return [...all.slice(0, from), '\f', ...lines, '', ...all.slice(to)].join('\n');
}

const copy = (v: Record<string, number[]>) => Object.fromEntries(Object.entries(v).map(([k, a]) => [k, [...a]]));

describe('pdftotext -layout: rows with blank cells', () => {
  it('each number is read in the column its position on the page gives', () => {
    // The premise: rows with blank cells among filled ones.
    const sparse = rows.filter((d) => !FULL.has(d.id) && data.applications[d.id].some((v) => v === 0) && data.applications[d.id].some((v) => v !== 0));
    ok(sparse.length >= 3, `${sparse.length} sparse rows`);
    const r = checkReport(withTable3(layoutTable(data.applications)));
    deepStrictEqual(r.tables.applications, data.applications);
    ok(!r.diagnostics.some((d) => d.code === 'total-mismatch' || d.code === 'balance-mismatch'));
    ok(r.diagnostics.some((d) => d.code === 'blank-cell'));
  });

  it('a number one space after the label is in the first column, one space after a number in the next', () => {
    const values = copy(data.applications);
    // A row whose first two cells are filled, the rest blank but the total.
    values['3.5.2'] = [2, 1, 0, 0, 0, 0, 3];
    values['3.7'] = values['3.7'].map((v, c) => v + values['3.5.2'][c]);
    values['4'] = values['4'].map((v, c) => v - values['3.5.2'][c]);
    if (values['4'].some((v) => v < 0)) values['2'] = values['2'].map((v, c) => v + Math.max(0, -values['4'][c]));
    values['4'] = values['4'].map((v) => Math.max(0, v));
    const text = withTable3(layoutTable(values, (id, cells, label) => (id === '3.5.2' ? [`${label} 2 1`.padEnd(AT[6], ' ') + '3'] : undefined)));
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications!['3.5.2'], [2, 1, 0, 0, 0, 0, 3]);
    deepStrictEqual(r.tables.applications!['3.3.1'], values['3.3.1']);
  });

  it('a real error in a row with blank cells is read as printed and reported', () => {
    const values = copy(data.applications);
    // 3.4.1's total printed one more than its filled cells: T3-row-total and T3-results fail.
    const id = rows.find((d) => !FULL.has(d.id) && d.id !== '3.7' && d.id !== '4' && values[d.id].slice(0, 6).some((v) => v !== 0) && values[d.id].some((v) => v === 0))!.id;
    values[id][6] += 1;
    const r = checkReport(withTable3(layoutTable(values)));
    deepStrictEqual(r.tables.applications![id], values[id]);
    ok(r.diagnostics.some((d) => d.code === 'total-mismatch'), JSON.stringify(r.diagnostics.map((d) => d.code)));
  });

  it('digits of one number stacked over lines stay unread; the other rows are read', () => {
    // 3.4.1's 自然人 cell holds 21, printed as `2` above the row's line and `1` below it.
    const values = copy(data.applications);
    values['3.4.1'][0] = 21;
    const stacked = values['3.4.1'];
    const r = checkReport(
      withTable3(
        layoutTable(values, (id, cells, label) => {
          if (id !== '3.4.1') return undefined;
          const rest: Array<number | null> = cells.map((v, c) => (c === 0 ? null : v));
          return [line('', [2]), line(label, rest), line('', [1])];
        }),
      ),
    );
    const got = r.tables.applications!;
    ok(got['3.4.1'][0] === null, JSON.stringify(got['3.4.1']));
    ok(!got['3.4.1'].some((v, c) => v !== null && v !== stacked[c]), JSON.stringify(got['3.4.1']));
    // No number read anywhere differs from the printed table but the stacked cell's rows.
    for (const d of rows) {
      if (d.id === '3.4.1') continue;
      for (const [c, v] of got[d.id].entries()) ok(v === null || v === values[d.id][c], `${d.id}[${c}] = ${v}`);
    }
    // A row with blank cells away from the stacked digits is still read (the row above them may not be).
    const other = rows.find((d) => !FULL.has(d.id) && !['3.3.8', '3.4.1'].includes(d.id) && values[d.id].some((v) => v === 0) && values[d.id].some((v) => v !== 0))!;
    deepStrictEqual(got[other.id], values[other.id]);
  });
});

describe('pdftotext -layout: no row holds every cell', () => {
  // 表三 of a small office: values only in 自然人, 其他 and 总计; zeros left blank; no full row.
  const truth: Record<string, number[]> = Object.fromEntries(rows.map((d) => [d.id, [0, 0, 0, 0, 0, 0, 0]]));
  truth['1'] = [5, 0, 0, 0, 0, 1, 6];
  truth['3.1'] = [2, 0, 0, 0, 0, 1, 3];
  truth['3.2'] = [1, 0, 0, 0, 0, 0, 1];
  truth['3.4.1'] = [1, 0, 0, 0, 0, 0, 1];
  truth['3.5.1'] = [1, 0, 0, 0, 0, 0, 1];
  truth['3.7'] = [5, 0, 0, 0, 0, 1, 6];
  /** How each filled row is printed: `g` a value one space after the label, `@c` a value at column c, `+` one space after the value before. */
  const printed: Record<string, string[]> = { '1': ['g', '@5', '+'], '3.1': ['@0', '@5', '+'], '3.2': ['g', '@6'], '3.4.1': ['@0', '@6'], '3.5.1': ['g', '@6'], '3.7': ['@0', '@5', '+'] };
  const table = (blankTotal: boolean) =>
    layoutTable(truth, (id, _cells, label) => {
      const how = printed[id];
      if (!how) return [label];
      const values = truth[id].filter((v, c) => v !== 0 && !(blankTotal && c === 6));
      let s = label;
      how.slice(0, values.length).forEach((h, i) => {
        if (h === 'g' || h === '+') s += ` ${values[i]}`;
        else s = s.padEnd(AT[Number(h.slice(1))], ' ') + String(values[i]);
      });
      return [s];
    });

  it('the one reading that keeps the page\'s positions and the table\'s identities is read', () => {
    const r = checkReport(withTable3(table(false)));
    deepStrictEqual(r.tables.applications, truth);
  });

  it('the same table with its 总计 column left blank: no reading balances, no number is read in a wrong cell', () => {
    const r = checkReport(withTable3(table(true)));
    const got = r.tables.applications!;
    for (const d of rows) for (const [c, v] of got[d.id].entries()) ok(v === null || v === (c === 6 ? 0 : truth[d.id][c]), `${d.id}[${c}] = ${v}`);
    // The positive case's reading still holds where the text fixes it: the rows' first values.
    const ok1 = checkReport(withTable3(table(false))).tables.applications!;
    deepStrictEqual(ok1['3.7'], truth['3.7']);
  });
});
