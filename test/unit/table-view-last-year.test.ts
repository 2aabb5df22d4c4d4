/** The table view compared with last year's report: each cell's last-year value and change, cross-year breaks. */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { parseReport } from '../../server/src/core/index';
import { ViewCell, ViewTable, tableViewModel } from '../../server/src/core/features/table-view';
import { checkCarryOver } from '../../server/src/core/rules/carry-over-mismatch';
import { ReportData, balancedData, renderReport } from '../support/generate';

/** The value cells of a table row whose label (the last header cell) is `label`. */
function rowOf(table: ViewTable, label: string): ViewCell[] {
  const row = table.rows.find((r) => {
    const labels = r.filter((c) => c.header);
    return labels.length && labels[labels.length - 1].text === label;
  });
  ok(row, `no row ${label}`);
  return row.filter((c) => !c.header);
}

const report = (d: ReportData) => parseReport(renderReport(d, 'tab'));

/** Two consecutive years of one body: last year's 结转下年度 carried over, the 现行有效 counts that follow. */
function pair(format: '2019' | '2021') {
  const y1 = balancedData(format, 40, format === '2021' ? 2022 : 2019);
  const y2 = balancedData(format, 41, format === '2021' ? 2023 : 2020);
  y1.body = y2.body = '某某县交通运输局';
  // 上年结转 = last year's 结转下年度, kept balanced (一 + 二 = 三(七) + 四): 一 absorbs the difference.
  const row2 = y1.applications['4'];
  y2.applications['1'] = y2.applications['1'].map((v, c) => v + y2.applications['2'][c] - row2[c]);
  if (y2.applications['1'].some((v) => v < 0)) throw new Error('seed gives a negative 一');
  y2.applications['2'] = [...row2];
  if (format === '2021') {
    // 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y).
    for (const label of ['规章', '行政规范性文件']) {
      const [made, repealed] = y2.disclosure[label].map(Number);
      y2.disclosure[label][2] = String(Number(y1.disclosure[label][2]) + made - repealed);
    }
  }
  return { y1, y2 };
}

describe('table view: last year', () => {
  it('without last year: no comparison fields (the model is what it was)', () => {
    const { y2 } = pair('2021');
    const m = tableViewModel(report(y2));
    strictEqual(m.lastYear, undefined);
    for (const tb of m.tables) {
      strictEqual(tb.crossYear, undefined);
      ok(tb.rows.flat().every((c) => c.lastYear === undefined && c.change === undefined && c.crossYear === undefined));
    }
  });

  it('2021 → 2021: every value cell has last year’s value of the same row and column and the exact change', () => {
    const { y1, y2 } = pair('2021');
    const prev = report(y1);
    const cur = report(y2);
    deepStrictEqual(checkCarryOver(cur, prev), [], 'the pair carries over');
    const m = tableViewModel(cur, undefined, prev);
    deepStrictEqual(m.lastYear, { year: 2022, format: '2021', broken: 0 });
    const [disclosure, applications, review] = m.tables;
    // 表二: 行政规范性文件 · 现行有效件数, and the amount column (万元) exactly.
    const doc = rowOf(disclosure, '行政规范性文件');
    strictEqual(doc[2].lastYear, Number(y1.disclosure['行政规范性文件'][2]));
    const d = Number(y2.disclosure['行政规范性文件'][2]) - Number(y1.disclosure['行政规范性文件'][2]);
    strictEqual(doc[2].change, d > 0 ? `+${d}` : String(d));
    ok(doc[2].title!.includes(`上年 ${y1.disclosure['行政规范性文件'][2]}，本年增/减 ${doc[2].change}`), doc[2].title);
    const fee = rowOf(disclosure, '行政事业性收费')[0];
    strictEqual(fee.lastYear, Number(y1.disclosure['行政事业性收费'][0]));
    // Decimal arithmetic, not floats: 1234.5678 − 234.5679 is 999.9999, not 999.9998999999999.
    const exact = (a: string, b: string) => {
      const scale = 10000n;
      const toUnits = (s: string) => BigInt(s.replace('.', '').replace(/^0+(?=\d)/, ''));
      const diff = toUnits(a) - toUnits(b);
      const abs = diff < 0n ? -diff : diff;
      const frac = (abs % scale).toString().padStart(4, '0').replace(/0+$/, '');
      return `${diff < 0n ? '-' : diff > 0n ? '+' : ''}${abs / scale}${frac ? `.${frac}` : ''}`;
    };
    strictEqual(fee.change, exact(y2.disclosure['行政事业性收费'][0], y1.disclosure['行政事业性收费'][0]));
    // 表三: every row, every column; 二、上年结转 equals last year's 四 here, so its change is last year's 二 → 四.
    for (const [label, id] of [['一、本年新收政府信息公开申请数量', '1'], ['（一）予以公开', '3.1'], ['（七）总计', '3.7'], ['四、结转下年度继续办理', '4']] as const) {
      const cells = rowOf(applications, label);
      deepStrictEqual(cells.map((c) => c.lastYear), y1.applications[id], label);
      deepStrictEqual(cells.map((c) => Number(c.change)), y2.applications[id].map((v, i) => v - y1.applications[id][i]), label);
    }
    // 表四: one row of 15.
    deepStrictEqual(lastRow(review).map((c) => c.lastYear), y1.review);
    strictEqual(m.tables.reduce((n, tb) => n + tb.crossYear!, 0), 0);
    ok(m.tables.every((tb) => tb.rows.flat().every((c) => !c.crossYear)));
  });

  it('a broken carry-over marks exactly the cells carry-over-mismatch names, with its message', () => {
    const { y1, y2 } = pair('2021');
    y2.applications['2'][6] += 3; // 上年结转·总计 (一 + 二 no longer balances either; that is in-year)
    y2.disclosure['行政规范性文件'][2] = String(Number(y2.disclosure['行政规范性文件'][2]) + 5);
    const prev = report(y1);
    const cur = report(y2);
    const findings = checkCarryOver(cur, prev);
    strictEqual(findings.length, 2);
    const m = tableViewModel(cur, undefined, prev);
    strictEqual(m.lastYear!.broken, 2);
    const marked = m.tables.flatMap((tb) => tb.rows.flat()).filter((c) => c.crossYear?.length);
    deepStrictEqual(marked.map((c) => c.span).sort(), findings.map((f) => [f.span.start, f.span.end]).sort());
    deepStrictEqual(marked.flatMap((c) => c.crossYear).sort(), findings.map((f) => f.message).sort());
    deepStrictEqual(m.tables.map((tb) => tb.crossYear), [1, 1, 0]);
    const valid = rowOf(m.tables[0], '行政规范性文件')[2];
    ok(valid.crossYear![0].startsWith('行政规范性文件·现行有效件数 为 '), valid.crossYear![0]);
    ok(valid.title!.includes(valid.crossYear![0]));
    const carried = rowOf(m.tables[1], '二、上年结转政府信息公开申请数量')[6];
    ok(carried.crossYear![0].startsWith('二、上年结转·总计 为 '), carried.crossYear![0]);
    // The in-year marks are what they were without last year.
    const alone = tableViewModel(cur);
    deepStrictEqual(m.tables.map((tb) => tb.rows.flat().map((c) => c.state)), alone.tables.map((tb) => tb.rows.flat().map((c) => c.state)));
  });

  it('2019 → 2019: 本年增/减 of the 第二十条 rows, the same rows and columns', () => {
    const { y1, y2 } = pair('2019');
    const m = tableViewModel(report(y2), undefined, report(y1));
    deepStrictEqual(m.lastYear, { year: 2019, format: '2019', broken: 0 });
    const permits = rowOf(m.tables[0], '行政许可');
    deepStrictEqual(permits.map((c) => c.lastYear), y1.disclosure['行政许可'].map(Number));
    deepStrictEqual(rowOf(m.tables[1], '（六）其他处理').map((c) => c.lastYear), y1.applications['3.6']);
  });

  it('2019 → 2021: only the rows and columns both formats name alike', () => {
    const y1 = balancedData('2019', 42, 2020);
    const y2 = balancedData('2021', 43, 2021);
    const [prev, cur] = [report(y1), report(y2)];
    const m = tableViewModel(cur, undefined, prev);
    // The generated years do not carry over: 二、上年结转·总计 is marked, as carry-over-mismatch says.
    strictEqual(checkCarryOver(cur, prev).length, 1);
    deepStrictEqual(m.lastYear, { year: 2020, format: '2019', broken: 1 });
    const [disclosure, applications, review] = m.tables;
    // 表二's columns were renamed (本年新制作数量 → 本年制发件数, 处理决定数量 → 本年处理决定数量): nothing compares.
    ok(disclosure.rows.flat().every((c) => c.lastYear === undefined), JSON.stringify(disclosure.rows.flat().filter((c) => c.lastYear !== undefined)));
    // 表三: the shared rows compare; （六）'s three 2021 rows have no 2019 counterpart (2019 has one （六）其他处理).
    deepStrictEqual(rowOf(applications, '（一）予以公开').map((c) => c.lastYear), y1.applications['3.1']);
    deepStrictEqual(rowOf(applications, '四、结转下年度继续办理').map((c) => c.lastYear), y1.applications['4']);
    for (const label of ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '3.其他']) ok(rowOf(applications, label).every((c) => c.lastYear === undefined && c.change === undefined), label);
    deepStrictEqual(lastRow(review).map((c) => c.lastYear), y1.review);
  });

  it('last year’s unread cells are null (no change), amounts in 元 converted to this year’s unit', () => {
    const { y1, y2 } = pair('2021');
    // Last year's 行政许可 value is not a number; its fee is given in 元.
    const prevText = renderReport(y1, 'tab')
      .replace(/(行政许可\t)\d+/, '$1l2')
      .replace('本年收费金额（单位：万元）', '本年收费金额（单位：元）')
      .replace(/(行政事业性收费\t)[\d.]+/, '$1123400');
    const m = tableViewModel(report(y2), undefined, parseReport(prevText));
    const permit = rowOf(m.tables[0], '行政许可')[0];
    strictEqual(permit.lastYear, null);
    strictEqual(permit.change, undefined);
    ok(permit.title!.includes('上年未能读取'), permit.title);
    strictEqual(rowOf(m.tables[0], '行政事业性收费')[0].lastYear, 12.34);
  });

  it('last year’s report without a table: its rows are there in the format but unread (null)', () => {
    const { y1, y2 } = pair('2021');
    const text = renderReport(y1, 'tab');
    const prev = parseReport(text.slice(0, text.indexOf('第二十条第（一）项')) + text.slice(text.indexOf('三、收到和处理')));
    strictEqual(prev.disclosure, undefined);
    const m = tableViewModel(report(y2), undefined, prev);
    const values = m.tables[0].rows.flat().filter((c) => !c.header);
    ok(values.length > 0 && values.every((c) => c.lastYear === null && c.change === undefined), JSON.stringify(values.slice(0, 2)));
    deepStrictEqual(rowOf(m.tables[1], '（一）予以公开').map((c) => c.lastYear), y1.applications['3.1']);
  });

  it('a report whose last year is a pre-2019 report: said, nothing compared', () => {
    const { y2 } = pair('2019');
    const old = parseReport('某某县交通运输局2018年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n');
    ok(old.legacy);
    const m = tableViewModel(report(y2), undefined, old);
    deepStrictEqual(m.lastYear, { year: 2018, format: 'pre-2019', broken: 0 });
    ok(m.tables.every((tb) => tb.rows.flat().every((c) => c.lastYear === undefined)));
  });
});

/** 表四's one value row (it has no row label). */
function lastRow(table: ViewTable): ViewCell[] {
  return table.rows[table.rows.length - 1].filter((c) => !c.header);
}
