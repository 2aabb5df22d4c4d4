/**
 * Hard tables that hold real errors (issue "Find every real error"): a reading the text's structure
 * fixes is kept and its failing identity reported; a reading the text only allows is checked by
 * the identities and, when none balances, the table says which identity fails; wrapped label cells
 * are joined; digits stacked by a narrow column are never read as numbers; prose is compared with
 * what the filled cells give when a total was left blank. Every case cell by cell.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { checkReport, fixAll } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const data = balancedData('2021', 7);
const rows = APPLICATION_ROWS['2021'];
const HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** 表三's values with （七）总计·自然人 and its 总计 printed 2 short: T3-results and T3-balance fail. */
function shortTotal(): Record<string, number[]> {
  const out = Object.fromEntries(rows.map((d) => [d.id, [...data.applications[d.id]]]));
  out['3.7'][0] -= 2;
  out['3.7'][6] -= 2;
  return out;
}

/** The report with its 表三 replaced, as PDF text (a form feed between pages). */
function withTable3(lines: string[], pdf = true): string {
  const all = renderReport(data, 'tab').split('\n');
  const from = all.findIndex((l) => l.includes('勾稽关系'));
  const to = all.findIndex((l) => l.startsWith('四、政府信息公开'));
  return [...all.slice(0, from), ...(pdf ? ['\f'] : []), ...lines, '', ...all.slice(to)].join('\n');
}

const codes = (text: string) => checkReport(text).diagnostics.map((d) => d.code);

describe('identities never veto the only reading', () => {
  it('PDF text whose every row sits on its own line: read, and the wrong total reported', () => {
    const values = shortTotal();
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) lines.push(`${d.label} ${values[d.id].join(' ')}`);
    const r = checkReport(withTable3(lines));
    deepStrictEqual(r.tables.applications, values);
    const found = r.diagnostics.map((d) => d.code);
    ok(found.includes('total-mismatch'), found.join());
    ok(found.includes('balance-mismatch'), found.join());
    strictEqual(found.filter((c) => c === 'bad-cell').length, 0);
  });

  it('a label wrapped over two lines with its values on a line of their own: still the row\'s own line', () => {
    const values = shortTotal();
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      if (d.label.length > 12) lines.push(d.label.slice(0, 8), d.label.slice(8), values[d.id].join(' '));
      else lines.push(`${d.label} ${values[d.id].join(' ')}`);
    }
    const r = checkReport(withTable3(lines));
    deepStrictEqual(r.tables.applications, values);
    ok(codes(withTable3(lines)).includes('total-mismatch'));
  });

  it('a reading the text only allows (a row over two lines) and a table that does not balance: unread, the failing identity named', () => {
    const values = shortTotal();
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      const v = values[d.id];
      // 一's values cut over two lines: which line holds which cells is not the text's to say.
      if (d.id === '1') lines.push(d.label, v.slice(0, 3).join(' '), v.slice(3).join(' '));
      else lines.push(`${d.label} ${v.join(' ')}`);
    }
    const r = checkReport(withTable3(lines));
    ok(Object.values(r.tables.applications!).flat().every((v) => v === null), 'nothing read');
    const why = r.diagnostics.filter((d) => d.code === 'bad-cell');
    strictEqual(why.length, 1);
    ok(/按文本顺序读出时.*（七）总计不等于各项之和/.test(why[0].message), why[0].message);
    ok(/人工核对/.test(why[0].message), why[0].message);
    deepStrictEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  });
});

describe('PDF text without layout (pdftotext, copy out of a viewer)', () => {
  it('two labels before their values (`（一）予以公开`, `（二）部分公开…`, then 14 numbers): read in row order', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      if (d.id === '3.1') continue;
      if (d.id === '3.2') lines.push(rows.find((x) => x.id === '3.1')!.label, d.label, ...data.applications['3.1'].map(String), ...data.applications['3.2'].map(String));
      else lines.push(d.label, ...data.applications[d.id].map(String));
    }
    deepStrictEqual(checkReport(withTable3(lines)).tables.applications, data.applications);
  });

  it('the first value of row A, then row B\'s label and first value, then the rest of A and of B', () => {
    const a = data.applications['3.1'];
    const b = data.applications['3.2'];
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      if (d.id === '3.1') lines.push(d.label, String(a[0]));
      else if (d.id === '3.2') lines.push(`${d.label} ${b[0]}`, ...a.slice(1).map(String), ...b.slice(1).map(String));
      else lines.push(d.label, ...data.applications[d.id].map(String));
    }
    deepStrictEqual(checkReport(withTable3(lines)).tables.applications, data.applications);
  });

  it('the same text with a real error: no reading balances, so the table says which identity fails', () => {
    const values = shortTotal();
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      if (d.id === '3.1') continue;
      if (d.id === '3.2') lines.push(rows.find((x) => x.id === '3.1')!.label, d.label, ...values['3.1'].map(String), ...values['3.2'].map(String));
      else lines.push(d.label, ...values[d.id].map(String));
    }
    const r = checkReport(withTable3(lines));
    ok(Object.values(r.tables.applications!).flat().every((v) => v === null), 'nothing read');
    ok(r.diagnostics.some((d) => d.code === 'bad-cell' && /不等于各项之和|不成立/.test(d.message)));
  });

  it('a row label cut short (`2.其他法律行政止公开`) between its official neighbours is that row', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) lines.push(`${d.id === '3.3.2' ? '2.其他法律行政止公开' : d.label} ${data.applications[d.id].join(' ')}`);
    const r = checkReport(withTable3(lines));
    deepStrictEqual(r.tables.applications, data.applications);
    ok(!r.diagnostics.some((d) => d.code === 'missing-row'));
  });
});

describe('cells that wrap', () => {
  it('browser text of a table with bare cells: a label cut by a <br> onto a line without the TAB', () => {
    const tab = renderReport(data, 'tab')
      .replace('\t（一）予以公开\t', '\t（一）予以\n公开\t')
      .replace('\t1.属于国家秘密\t', '\t1.属于国家\n秘密\t')
      .replace(/^行政规范性文件\t/m, '行政规范\n性文件\t');
    ok(/予以\n公开\t/.test(tab), 'the label is wrapped');
    const r = checkReport(tab);
    deepStrictEqual(r.tables.applications, data.applications);
    deepStrictEqual(r.tables.disclosure!['行政规范性文件'], data.disclosure['行政规范性文件'].map(Number));
    deepStrictEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('PDF text without layout: `规范` / `性文件 3 3 25` is the row 规范性文件', () => {
    const d2019 = balancedData('2019', 3);
    const text = renderReport(d2019, 'tab').replace(/^\t*规范性文件\t(.*)$/m, (_, v: string) => `规范\n性文件 ${v.split('\t').join(' ')}`);
    deepStrictEqual(checkReport(text).tables.disclosure!['规范性文件'], d2019.disclosure['规范性文件'].map(Number));
  });
});

describe('never a wrong number', () => {
  it('digits stacked by a narrow column (`2` above the row\'s line, `1` below it, for 21): the row is unread', () => {
    const v = data.applications['3.7'];
    const lines = [HEADER, '                    自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计'];
    for (const d of rows) {
      const pad = (s: string) => s.padEnd(30, ' ');
      if (d.id === '3.7') lines.push(`${' '.repeat(88)}${String(v[6])[0]}`, `${pad(d.label)}${v.slice(0, 6).map((x) => String(x).padStart(6)).join('')}`, `${' '.repeat(88)}${String(v[6]).slice(1) || '0'}`);
      else lines.push(`${pad(d.label)}${data.applications[d.id].map((x) => String(x).padStart(6)).join('')}`);
    }
    const r = checkReport(withTable3(lines, false));
    const got = r.tables.applications!;
    for (const d of rows) got[d.id].forEach((x, c) => x === null || strictEqual(x, data.applications[d.id][c], `${d.id}[${c}]`));
    deepStrictEqual(got['3.7'], [null, null, null, null, null, null, null]);
  });

  it('a value cell cut over lines with a note (`22（其中` / `修订16件）`): not read as 16', () => {
    const text = renderReport(data, 'tab').replace(/^\t*行政规范性文件\t(\d+)\t(\d+)\t(\d+)$/m, (_, a: string, b: string, c: string) => `行政规范性文件\n${a}（其中\n修订 16\n件）\n${b} ${c}`);
    const got = checkReport(text).tables.disclosure!['行政规范性文件'];
    ok(got.every((x) => x === null), JSON.stringify(got));
  });

  it('a unit set apart from its number (`政府集中采购 1 125000 元`) is that number in 万元', () => {
    const d2019 = balancedData('2019', 3);
    const text = renderReport(d2019, 'tab').replace(/^\t*政府集中采购\t.*$/m, '政府集中采购 1 125000 元');
    deepStrictEqual(checkReport(text).tables.disclosure!['政府集中采购'], [1, 12.5]);
  });
});

describe('prose against a blank total', () => {
  it('a blank 总计 is the one finding; prose that states what the filled cells give is no narrative-mismatch', () => {
    const open = data.applications['3.1'].slice(0, 6).reduce((a, b) => a + b, 0) + data.applications['3.2'].slice(0, 6).reduce((a, b) => a + b, 0);
    ok(open > 0);
    // The 总计 cell of （一） and （二） left empty (the cell after the label's six values).
    const blankTotal = (line: string, label: string) => {
      const cells = line.split('\t');
      const at = cells.findIndex((c) => c.startsWith(label));
      if (at < 0) return line;
      cells[at + 7] = '';
      return cells.join('\t');
    };
    const text = renderReport(data, 'tab')
      .split('\n')
      .map((l) => blankTotal(blankTotal(l, '（一）予以公开'), '（二）部分公开'))
      .join('\n')
      .replace('全年主动公开政府信息1200条。', `全年主动公开政府信息1200条。予以公开及部分公开${open}件。`);
    const r = checkReport(text);
    strictEqual(r.tables.applications!['3.1'][6], 0);
    const found = r.diagnostics.map((d) => d.code);
    ok(found.includes('total-mismatch'), found.join());
    ok(!found.includes('narrative-mismatch'), r.diagnostics.filter((d) => d.code === 'narrative-mismatch').map((d) => d.message).join());
  });
});

describe('what a table says when it cannot be checked', () => {
  it('numbers that belong to no row are counted, never “0 行”', () => {
    // A TAB row of numbers with no label between two rows of 表三.
    const text = renderReport(data, 'tab').replace(/^(\t*二、上年结转政府信息公开申请数量.*)$/m, '$1\n\t5\t6');
    const why = checkReport(text).diagnostics.filter((d) => d.code === 'bad-cell');
    strictEqual(why.length, 1, JSON.stringify(why.map((d) => d.message)));
    ok(/2 个数字不在任何一行之内/.test(why[0].message), why[0].message);
    ok(!/0 行/.test(why[0].message));
  });

  it('Word\'s text export of an unfilled 表四: its 15 empty lines are its blank cells', () => {
    const text = renderReport(data, 'tab').replace(/(尚未审结\t总计\n)[^\n]*\n/, `$1${'\n'.repeat(15)}`);
    const r = checkReport(text);
    deepStrictEqual(r.tables.review, { review: [0, 0, 0, 0, 0], suitDirect: [0, 0, 0, 0, 0], suitAfterReview: [0, 0, 0, 0, 0] });
  });
});

describe('PDF text with layout (pdftotext -layout)', () => {
  it('a group label\'s piece beside a row label (`（六）其 1.申请人无正当理`) and the label\'s wrapped rest: the row is read, the error found', () => {
    const values = shortTotal();
    const pad = (s: string) => s.padEnd(24, ' ');
    const row = (id: string) => values[id].map((x) => String(x).padStart(4)).join('');
    const lines = [HEADER, `${' '.repeat(24)}自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计`];
    for (const d of rows) {
      if (d.id === '3.6.1') lines.push(`${pad('（六）其 1.申请人无正当理')}${row(d.id)}`, ' 他处理 由逾期不补正、行', '     政机关不再处理其');
      else lines.push(`${pad(d.label.length > 16 ? d.label.slice(0, 16) : d.label)}${row(d.id)}`, ...(d.label.length > 16 ? [`    ${d.label.slice(16)}`] : []));
    }
    const r = checkReport(withTable3(lines));
    deepStrictEqual(r.tables.applications, values);
    ok(r.diagnostics.some((d) => d.code === 'total-mismatch'));
  });
});

describe('rows the PDF importer could not place by column', () => {
  const MARK = '（此行数值无法按列定位）';
  it('every row marked: never read as an unfilled template of zeros', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) lines.push(d.label, MARK);
    const got = checkReport(withTable3(lines, false)).tables.applications!;
    ok(Object.values(got).flat().every((v) => v === null), JSON.stringify(got['1']));
  });
  it('a marked row ends a label waiting for its values (TAB rows)', () => {
    // `1.属于国家秘密` alone on its line, then a marked row, then another row's numbers.
    const text = renderReport(data, 'tab').replace(/\t1\.属于国家秘密\t[^\n]*\n/, `\t1.属于国家秘密\n\t${MARK}\t？\t？\n`);
    ok(text.includes(MARK));
    const got = checkReport(text).tables.applications!;
    deepStrictEqual(got['3.3.1'], [null, null, null, null, null, null, null]);
    deepStrictEqual(got['3.3.2'], data.applications['3.3.2']);
  });
});

describe('表四 rows whose blanks leave only their positions', () => {
  /** The report (TAB rows) with 表四 replaced by `block` (its lines, the next heading right after). */
  function withReview(block: string[]): string {
    const all = renderReport(data, 'tab').split('\n');
    const from = all.findIndex((l) => l.startsWith('行政复议\t'));
    const to = all.findIndex((l, i) => i > from && l.startsWith('五、'));
    ok(from > 0 && to > from);
    return [...all.slice(0, from), ...block, ...all.slice(to)].join('\n');
  }
  const FIVE = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const tabHeader = ['行政复议\t\t\t\t\t行政诉讼', `${FIVE.join('\t')}\t未经复议直接起诉\t\t\t\t\t复议后起诉`, `\t\t\t\t\t${FIVE.join('\t')}\t${FIVE.join('\t')}`];
  const review = (text: string) => {
    const g = checkReport(text).tables.review!;
    return [...g.review, ...g.suitDirect, ...g.suitAfterReview];
  };

  it('a browser-text row whose first cell is empty: 14 TABs are 15 cells, read by position', () => {
    const text = withReview([...tabHeader, '\t\t\t1\t1\t\t\t\t\t\t\t\t\t\t']);
    deepStrictEqual(review(text), [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    ok(!codes(text).includes('bad-cell'));
  });

  it('the same row with a wrong total: read, and the total reported', () => {
    const text = withReview([...tabHeader, '\t\t\t1\t2\t\t\t\t\t\t\t\t\t\t']);
    deepStrictEqual(review(text).slice(0, 5), [0, 0, 0, 1, 2]);
    ok(codes(text).includes('total-mismatch'));
  });

  it('one TAB fewer: the leading TAB may be indentation, so the row is not read', () => {
    const text = withReview([...tabHeader, '\t\t1\t1\t\t\t\t\t\t\t\t\t\t']);
    ok(review(text).every((v) => v === null));
    ok(codes(text).includes('bad-cell'));
  });

  // Word's / LibreOffice's text export: one cell per line, an empty cell an empty line.
  const cellHeader = ['行政复议', '行政诉讼', ...FIVE, '未经复议直接起诉', '复议后起诉', '', '', '', '', '', ...FIVE, ...FIVE];
  const cells = (values: Array<number | ''>) => values.map(String);

  it('Word text export: exactly 15 lines after the header are the row, empty lines its blanks', () => {
    const text = withReview([...cellHeader, ...cells(['', '', '', 1, 1, '', '', '', '', '', '', '', '', '', ''])]);
    deepStrictEqual(review(text), [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('Word text export with a wrong total: read, and the total reported', () => {
    const text = withReview([...cellHeader, ...cells(['', 1, '', '', 2, '', '', '', '', '', '', '', '', '', ''])]);
    deepStrictEqual(review(text).slice(0, 5), [0, 1, 0, 0, 2]);
    ok(codes(text).includes('total-mismatch'));
  });

  it('one line more than the row (an empty line could be a separator): not read', () => {
    const text = withReview([...cellHeader, ...cells(['', '', '', 1, 1, '', '', '', '', '', '', '', '', '', '', ''])]);
    ok(review(text).every((v) => v === null));
  });
});

describe('a blank cell of a pandoc plain table', () => {
  // 表四 as `pandoc -t plain` draws it (a simple table, columns by the dashed rule), with 总计 of
  // 行政复议 left blank (an NBSP) while its parts say 2.
  const rule = '  ---------- ---------- ---------- ---------- ------ ------------------ ---------- ---------- ---------- ------ ------------ ---------- ---------- ---------- ------';
  const block = [
    rule,
    '  行政复议                                           行政诉讼',
    '  结果维持   结果纠正   其他结果   尚未审结   总计   未经复议直接起诉                                           复议后起诉',
    '                                                     结果维持           结果纠正   其他结果   尚未审结   总计   结果维持     结果纠正   其他结果   尚未审结   总计',
    '  1          1          0          0          \u00a0      0                  0          0          0          0      0            0          0          0          0',
    rule,
    '',
  ];
  function withReview(): string {
    const all = renderReport(data, 'tab').split('\n');
    const from = all.findIndex((l) => l.startsWith('行政复议\t'));
    const to = all.findIndex((l, i) => i > from && l.startsWith('五、'));
    return [...all.slice(0, from), ...block, ...all.slice(to)].join('\n');
  }

  it('is placed in its column, so the fix writes the total there, once', () => {
    const text = withReview();
    const r = checkReport(text);
    deepStrictEqual(r.tables.review!.review, [1, 1, 0, 0, 0]);
    const line = text.split('\n').find((l) => l.startsWith('  1          1'))!;
    const fixed = fixAll(text).text;
    deepStrictEqual(checkReport(fixed).tables.review!.review, [1, 1, 0, 0, 2]);
    ok(fixed.includes(line.replace('\u00a0', '2\u00a0')), 'the 2 is written before the blank mark, in the 总计 column');
    strictEqual(fixAll(fixed).text, fixed);
    ok(!checkReport(fixed).diagnostics.some((d) => d.code === 'total-mismatch'));
  });
});
