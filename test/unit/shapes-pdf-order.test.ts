/**
 * PDF text without layout (`pdftotext -raw`, REPORT-FORMAT §6.7), where a blank cell leaves no
 * trace: what the text still fixes is read cell by cell — a row with every value, a row with none
 * (blank), a 总计 that is the sum of the row's other numbers — and nothing else; a row whose
 * numbers add up in no placement is a real error; an open placement stays unread with its reason.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { checkReport } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const rows = APPLICATION_ROWS['2021'];
const HEADER = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然', '人', '法人或其他组织 总', '计', '商业', '企业', '科研', '机构', '社会公', '益组织', '法律服', '务机构', '其', '他'];
const REVIEW_HEADER = ['行政复议 行政诉讼', ...'结果 维持 结果 纠正 其他 结果 尚未 审结 总 计'.split(' '), '未经复议直接起诉 复议后起诉', ...'结果 维持 结果 纠正 其他 结果 尚未 审结 总 计 结果 维持 结果 纠正 其他 结果 尚未 审结 总 计'.split(' ')];

/** A sound sparse 表三: most cells blank, three rows filled in every column. */
function sparse(): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(rows.map((d) => [d.id, [0, 0, 0, 0, 0, 0, 0]]));
  out['1'] = [6, 1, 1, 1, 1, 2, 12];
  out['3.1'] = [2, 0, 0, 0, 0, 1, 3];
  out['3.2'] = [1, 0, 0, 0, 0, 0, 1];
  out['3.3.4'] = [1, 1, 1, 1, 1, 1, 6];
  out['3.4.1'] = [1, 0, 0, 0, 0, 0, 1];
  out['3.5.1'] = [1, 0, 0, 0, 0, 0, 1];
  out['3.7'] = [6, 1, 1, 1, 1, 2, 12];
  return out;
}

/** 表三 as `pdftotext -raw` writes it: each row's label and its numbers on one line, blanks gone. */
function rawLines(values: Record<string, Array<number | ''>>): string[] {
  return [...HEADER, ...rows.map((d) => [d.label, ...values[d.id].filter((v) => v !== 0 && v !== '')].join(' '))];
}

/** A report whose 表三 (and 表四, when given) are replaced by PDF text lines (a form feed between pages). */
function report(table3: string[], review?: string[]): string {
  const all = renderReport(balancedData('2021', 7), 'tab').split('\n');
  const from = all.findIndex((l) => l.includes('勾稽关系'));
  const to = all.findIndex((l) => l.startsWith('四、政府信息公开'));
  const five = all.findIndex((l) => l.startsWith('五、'));
  const tail = review ? [all[to], '本年度未发生行政复议、行政诉讼案件。', ...REVIEW_HEADER, ...review, ...all.slice(five)] : all.slice(to);
  return [...all.slice(0, from), '\f', ...table3, ...tail].join('\n');
}

const known = (v: number[]) => v.every((x) => x !== 0) || v.every((x) => x === 0);
const errors = (r: ReturnType<typeof checkReport>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('PDF text without layout, rows on their label lines', () => {
  it('a sound sparse table: full rows and blank rows read, a 总计 fixed by its row read, the rest unread; no error', () => {
    const values = sparse();
    const r = checkReport(report(rawLines(values)));
    const want = Object.fromEntries(rows.map((d) => {
      const v = values[d.id];
      return [d.id, known(v) ? v : [null, null, null, null, null, null, v[6]]];
    }));
    deepStrictEqual(r.tables.applications, want);
    deepStrictEqual(errors(r), []);
    const bad = r.diagnostics.filter((d) => d.code === 'bad-cell');
    strictEqual(bad.length, 1);
    ok(bad[0].message.includes('空白单元格不留痕迹'), bad[0].message);
    ok(r.diagnostics.some((d) => d.code === 'blank-cell'));
  });

  it('a row left without its 总计 adds up in no placement: total-mismatch, and no partial total is trusted', () => {
    const values: Record<string, Array<number | ''>> = sparse();
    values['3.1'] = [2, 0, 0, 0, 0, 1, ''];
    const r = checkReport(report(rawLines(values)));
    const found = r.diagnostics.filter((d) => d.code === 'total-mismatch');
    strictEqual(found.length, 1);
    strictEqual(found[0].severity, 'error');
    ok(found[0].message.includes('（一）予以公开'), found[0].message);
    // Full and blank rows are still fixed by the text; the partial rows' totals are not.
    deepStrictEqual(r.tables.applications!['3.3.4'], [1, 1, 1, 1, 1, 1, 6]);
    deepStrictEqual(r.tables.applications!['3.3.1'], [0, 0, 0, 0, 0, 0, 0]);
    deepStrictEqual(r.tables.applications!['3.2'], Array(7).fill(null));
    deepStrictEqual(r.tables.applications!['3.1'], Array(7).fill(null));
  });

  it('a label wrapped over lines with its values on the next line: the row\'s own', () => {
    const values = sparse();
    const lines = [...HEADER];
    for (const d of rows) {
      const v = values[d.id].filter((x) => x !== 0);
      if (d.id === '3.2' || d.id === '3.3.4') lines.push(d.label.slice(0, 8), d.label.slice(8), v.join(' '));
      else lines.push([d.label, ...v].join(' '));
    }
    const r = checkReport(report(lines));
    deepStrictEqual(r.tables.applications!['3.3.4'], [1, 1, 1, 1, 1, 1, 6]);
    deepStrictEqual(r.tables.applications!['3.2'], [null, null, null, null, null, null, 1]);
    deepStrictEqual(errors(r), []);

    // Not this shape: digits of one number stacked over two lines by a narrow column are never two
    // numbers (nothing but a row whose every value shares its label's line is read, no error) ...
    const stacked = rawLines(values).flatMap((l) => (l.startsWith('4.保护第三方') ? ['4.保护第三方合法权 1 1 1 1 1 1', '益', '6'] : l.startsWith('（七）总计') ? ['（七）总计 6 1 1 1 1 2 1', '2'] : [l]));
    const s = checkReport(report(stacked));
    for (const d of rows) deepStrictEqual(s.tables.applications![d.id], d.id === '1' ? values['1'] : Array(7).fill(null), d.id);
    deepStrictEqual(errors(s), []);
    // ... and in reading order (empty lines between blocks) a row without numbers is not taken as blank.
    const plain = checkReport(report(rawLines(values).flatMap((l) => [l, ''])));
    deepStrictEqual(plain.tables.applications!['3.3.1'], Array(7).fill(null));
    deepStrictEqual(errors(plain), []);
  });

});

describe('PDF text without layout, 表四', () => {
  it('no number under the header: every cell blank', () => {
    const r = checkReport(report(rawLines(sparse()), []));
    deepStrictEqual(r.tables.review, { review: [0, 0, 0, 0, 0], suitDirect: [0, 0, 0, 0, 0], suitAfterReview: [0, 0, 0, 0, 0] });
  });

  it('one split into groups balances: each group\'s 总计 read, a group of five whole, the rest unread', () => {
    const r = checkReport(report(rawLines(sparse()), ['2 1 1 4 1 1 1 1 4 1 1']));
    deepStrictEqual(r.tables.review, { review: [null, null, null, null, 4], suitDirect: [1, 1, 1, 1, 4], suitAfterReview: [null, null, null, null, 1] });
    deepStrictEqual(errors(r), []);
  });

  it('a placement the text leaves open stays unread, with one reason and its blanks said', () => {
    const r = checkReport(report(rawLines(sparse()), ['1 1']));
    deepStrictEqual(r.tables.review, { review: Array(5).fill(null), suitDirect: Array(5).fill(null), suitAfterReview: Array(5).fill(null) });
    const bad = r.diagnostics.filter((d) => d.code === 'bad-cell' && d.message.includes('行政复议'));
    strictEqual(bad.length, 1);
    ok(bad[0].message.includes('空白单元格不留痕迹'), bad[0].message);
    ok(r.diagnostics.some((d) => d.code === 'blank-cell' && d.message.includes('行政复议') && d.message.includes('13')));
    deepStrictEqual(errors(r), []);
  });

  it('numbers that balance in no split: total-mismatch', () => {
    const r = checkReport(report(rawLines(sparse()), ['2 1 4']));
    ok(r.diagnostics.some((d) => d.code === 'total-mismatch' && d.severity === 'error' && d.message.includes('行政复议')), r.diagnostics.map((d) => d.message).join('\n'));
  });
});

describe('plain pdftotext, blocks in reading order', () => {
  const full = balancedData('2021', 7).applications;
  /** Rows in the table's order whose values are `values`. */
  const table = (values: Record<string, number[]>) => rows.map((d) => ({ label: d.label, v: values[d.id] }));

  /** The label column with the first two values, then the other five columns row by row; the last three rows' columns one at a time. */
  function columnBlocks(values: Record<string, number[]>): string[] {
    const t = table(values);
    const head = t.slice(0, -3);
    const tail = t.slice(-3);
    const lines = [...HEADER];
    for (const r of head) lines.push(`${r.label} ${r.v[0]} ${r.v[1]}`);
    lines.push('');
    for (const r of head) lines.push(r.v.slice(2).join(' '));
    lines.push('');
    for (const r of tail) lines.push(`${r.label} ${r.v[0]}`);
    for (let c = 1; c < 7; c++) lines.push('', ...tail.map((r) => String(r.v[c])));
    lines.push('');
    return lines;
  }

  it('the label column with the first values, then the other columns by rows and by columns: every cell', () => {
    const r = checkReport(report(columnBlocks(full)));
    deepStrictEqual(r.tables.applications, full);
    deepStrictEqual(errors(r), []);
  });

  it('a row\'s run cut over two lines of one block, the last rows\' labels alone and their columns after them: every cell', () => {
    const t = table(full);
    const lines = [...HEADER];
    for (const { label, v } of t.slice(0, -3)) lines.push(label, v.slice(0, 4).join(' '), v.slice(4).join(' '));
    const tail = t.slice(-3);
    lines.push(...tail.map((r) => r.label));
    for (let c = 0; c < 7; c++) lines.push('', ...tail.map((r) => String(r.v[c])));
    const r = checkReport(report([...lines, '']));
    deepStrictEqual(r.tables.applications, full);
  });

  it('a wrong total: no reading balances, nothing is read, and the identity that fails is named', () => {
    const wrong = Object.fromEntries(Object.entries(full).map(([id, v]) => [id, [...v]]));
    wrong['3.1'][6] += 1;
    const r = checkReport(report(columnBlocks(wrong)));
    for (const d of rows) deepStrictEqual(r.tables.applications![d.id], Array(7).fill(null), d.id);
    const bad = r.diagnostics.filter((d) => d.code === 'bad-cell' && d.message.includes('申请情况表'));
    strictEqual(bad.length, 1);
    ok(bad[0].message.includes('“（一）予以公开”行的总计不等于各列之和'), bad[0].message);
    deepStrictEqual(errors(r), []);
  });
});
