/**
 * Shapes that keep the table but not its blanks or its cells' lines (issue #19): a web page copied
 * with the mouse (REPORT-FORMAT §6.4: every cell a paragraph, an empty `<td></td>` leaving
 * nothing, a cell's `<br>` a line of its own) and pandoc's plain-text tables (§6.9: cells stacked
 * over lines). Every cell the text places is read, every cell it leaves open stays null with one
 * reason, a printed error in a row the text places is reported, and PDF text of the same shape is
 * never read by the page's order. Cell by cell.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { checkReport } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Paragraph cells of a copied page: each cell a line, an empty line after it. */
const paragraphs = (cells: string[]) => cells.flatMap((c) => [c, '']);

/** A report (tab-row tables elsewhere) whose lines from the one matching `from` up to the one matching `to` are replaced. */
function splice(format: '2019' | '2021', from: (l: string) => boolean, to: (l: string) => boolean, lines: string[], pdf = false): string {
  const all = renderReport(balancedData(format, 7), 'tab').split('\n');
  const a = all.findIndex(from);
  const b = all.findIndex((l, i) => i > a && to(l));
  ok(a >= 0 && b > a);
  return [...all.slice(0, a), ...(pdf ? ['\f'] : []), ...lines, '', ...all.slice(b)].join('\n');
}

const table3 = (lines: string[], pdf = false) => splice('2021', (l) => l.includes('勾稽关系'), (l) => l.startsWith('四、政府信息公开'), lines, pdf);

/**
 * A sparse 2021 表三 as printed (zeros are empty cells, which the copy drops): only the rows
 * listed hold numbers; `full` rows are printed with every cell, zeros written.
 */
const SPARSE: Record<string, number[]> = {
  '1': [5, 0, 0, 0, 0, 1, 6],
  '2': [1, 0, 0, 0, 0, 0, 1],
  '3.1': [3, 0, 0, 0, 0, 1, 4],
  '3.2': [1, 0, 0, 0, 0, 0, 1],
  '3.7': [4, 0, 0, 0, 0, 1, 5],
  '4': [2, 0, 0, 0, 0, 0, 2],
};

function copiedTable3(values: Record<string, number[]>, full: Set<string>, options: { wrap?: boolean; stray?: string } = {}): string[] {
  const cells: string[] = [HEADER, '申请人情况'];
  // Header cells with a `<br>` inside: each piece a line of its own, without an empty line between.
  if (options.wrap) cells.push('自\n然\n人'); else cells.push('自然人');
  cells.push('法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他');
  for (const d of APPLICATION_ROWS['2021']) {
    if (d.id === '3.1') cells.push('三、本年度办理结果');
    if (d.id === '3.3.1') cells.push('（三）不予公开');
    if (d.id === '3.4.1') cells.push('（四）无法提供');
    if (d.id === '3.5.1') cells.push('（五）不予处理');
    if (d.id === '3.6.1') cells.push('（六）其他处理');
    // A label with a `<br>` (`（一）予以` / `公开`): two lines, no empty line between.
    cells.push(options.wrap && d.id === '3.1' ? '（一）予以\n公开' : d.label);
    const v = values[d.id] ?? [0, 0, 0, 0, 0, 0, 0];
    for (const n of v) if (full.has(d.id) || n !== 0) cells.push(String(n));
    if (options.stray && d.id === '3.3.8') cells.push(options.stray, '2', '2');
  }
  return paragraphs(cells);
}

/** What a careful reader places: rows with no cell are blank, rows printed whole are read, the others are not. */
function expected(values: Record<string, number[]>, full: Set<string>): Record<string, Array<number | null>> {
  const out: Record<string, Array<number | null>> = {};
  for (const d of APPLICATION_ROWS['2021']) {
    const v = values[d.id] ?? [0, 0, 0, 0, 0, 0, 0];
    out[d.id] = full.has(d.id) || v.every((n) => n === 0) ? v : v.map(() => null);
  }
  return out;
}

const errors = (text: string) => checkReport(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const badCells = (text: string) => checkReport(text).diagnostics.filter((d) => d.code === 'bad-cell');

describe('a copied page whose empty cells left nothing (§6.4)', () => {
  it('rows with no cell are blank, a row printed whole is read, rows with fewer numbers stay unread with one reason', () => {
    const full = new Set(['3.7']);
    const text = table3(copiedTable3(SPARSE, full));
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications, expected(SPARSE, full));
    const bad = badCells(text);
    strictEqual(bad.length, 1);
    strictEqual(bad[0].severity, 'warning');
    ok(bad[0].message.includes('5 行的数字个数与列数不符'), bad[0].message);
    deepStrictEqual(errors(text), []);
    ok(r.diagnostics.some((d) => d.code === 'blank-cell'));
    // The same text as PDF text (a page break): its order is not the page's, no row is read by it.
    const pdf = checkReport(table3(copiedTable3(SPARSE, full), true)).tables.applications!;
    for (const d of APPLICATION_ROWS['2021']) if (d.id !== '3.7') ok(pdf[d.id].every((v) => v === null), d.id);
  });

  it('wrapped header and label cells (`自` / `然` / `人`, `（一）予以` / `公开`) do not break the reading', () => {
    const full = new Set(['3.1', '3.7']);
    const text = table3(copiedTable3(SPARSE, full, { wrap: true }));
    deepStrictEqual(checkReport(text).tables.applications, expected(SPARSE, full));
    deepStrictEqual(errors(text), []);
  });

  it('a printed error in a row the text places is read as printed and reported', () => {
    // （七）总计 printed whole, its 总计 6 where 4 + 1 = 5.
    const values = { ...SPARSE, '3.7': [4, 0, 0, 0, 0, 1, 6] };
    const full = new Set(['3.7']);
    const text = table3(copiedTable3(values, full));
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications!['3.7'], [4, 0, 0, 0, 0, 1, 6]);
    deepStrictEqual(r.tables.applications!['3.3.1'], [0, 0, 0, 0, 0, 0, 0]);
    ok(errors(text).includes('total-mismatch'), errors(text).join());
  });

  it('words that are no label among the cells: the row they follow is not read, the others are', () => {
    const full = new Set(['3.7']);
    const text = table3(copiedTable3(SPARSE, full, { stray: '9.其他不予公开情形' }));
    const got = checkReport(text).tables.applications;
    const want = expected(SPARSE, full);
    // 8.属于行政查询事项 is followed by an unknown label and its numbers: they may be its own.
    want['3.3.8'] = [null, null, null, null, null, null, null];
    deepStrictEqual(got, want);
  });
});

describe('a copied page whose number cells hold an empty paragraph first (`<p>&nbsp;</p><p>7</p>`)', () => {
  it('a space-only line may be a blank cell or a cell\'s empty paragraph: a row is read only with its exact count', () => {
    // Every number cell copies as a line of spaces and the number; the zero cells of 一 and 二 are empty `<td></td>`.
    const values: Record<string, number[]> = { ...SPARSE, '1': [7, 3, 0, 0, 0, 1, 11], '2': [0, 0, 0, 0, 0, 0, 0] };
    values['3.7'] = [7, 3, 0, 0, 0, 1, 11];
    values['4'] = [0, 0, 0, 0, 0, 0, 0];
    const cells: string[] = [HEADER, '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    for (const d of APPLICATION_ROWS['2021']) {
      if (d.id === '3.1') cells.push('三、本年度办理结果');
      cells.push(d.label);
      const v = values[d.id] ?? [0, 0, 0, 0, 0, 0, 0];
      // 一 lost its zero cells; every other row keeps them (each cell: an NBSP paragraph, then its number).
      for (const n of v) if (d.id !== '1' || n !== 0) cells.push('\u00a0', String(n));
    }
    const got = checkReport(table3(paragraphs(cells))).tables.applications!;
    // Dropping one space-only line of the nine would give seven cells, but which one is not known.
    deepStrictEqual(got['1'], [null, null, null, null, null, null, null]);
    deepStrictEqual(got['3.7'], [7, 3, 0, 0, 0, 1, 11]);
    deepStrictEqual(got['3.3.1'], [0, 0, 0, 0, 0, 0, 0]);
  });

  it('a row with a number in every column and lines of spaces besides shows the lines are no cells: a row of seven lines is not read by them', () => {
    // Number cells are `<p>&nbsp;</p><p>N</p>`, zero cells `<p>0</p>`, and one zero cell of 3.3.3 an empty `<td></td>`:
    // its lines are ` `, 1, 0, 0, 0, ` `, 1 — seven, as if the two space lines were blank cells.
    const cells: string[] = [HEADER, '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    const values: Record<string, number[]> = { '1': [7, 3, 0, 0, 0, 1, 11], '3.3.3': [1, 0, 0, 0, 0, 0, 1] };
    for (const d of APPLICATION_ROWS['2021']) {
      if (d.id === '3.1') cells.push('三、本年度办理结果');
      cells.push(d.label);
      const v = values[d.id] ?? [0, 0, 0, 0, 0, 0, 0];
      v.forEach((n, c) => {
        if (d.id === '3.3.3' && c === 5) return;
        if (n !== 0) cells.push('\u00a0');
        cells.push(String(n));
      });
    }
    const got = checkReport(table3(paragraphs(cells))).tables.applications!;
    deepStrictEqual(got['1'], [7, 3, 0, 0, 0, 1, 11]);
    deepStrictEqual(got['3.3.3'], [null, null, null, null, null, null, null]);
    deepStrictEqual(got['3.3.4'], [0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('a copied 表二 with wrapped cells and dropped blanks', () => {
  // 2019 format: zeros are empty cells; `规范` / `性文件` and `本年新` / `制作数量` wrapped by a `<br>`.
  const cells = [
    '第二十条第（一）项', '信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开\n总数量',
    '规章',
    '规范\n性文件', '3',
    '第二十条第（五）项', '信息内容', '上一年\n项目数量', '本年增/减', '处理决定数量',
    '行政许可', '12', '-2', '37',
    '其他对外管理服务事项',
    '第二十条第（六）项', '信息内容', '上一年\n项目数量', '本年增/减', '处理决定数量',
    '行政处罚', '行政强制',
    '第二十条第（八）项', '信息内容', '上一年\n项目数量', '本年增/减',
    '行政事业性收费',
    '第二十条第（九）项', '信息内容', '采购项目数量', '采购总金额',
    '政府集中采购', '14', '2067.5172',
  ];
  const text = splice('2019', (l) => l.startsWith('第二十条第（一）项'), (l) => l.startsWith('三、收到和处理'), paragraphs(cells));

  it('each row by itself: blank rows, whole rows, and the row with one number of three unread', () => {
    deepStrictEqual(checkReport(text).tables.disclosure, {
      规章: [0, 0, 0],
      规范性文件: [null, null, null],
      行政许可: [12, -2, 37],
      其他对外管理服务事项: [0, 0, 0],
      行政处罚: [0, 0, 0],
      行政强制: [0, 0, 0],
      行政事业性收费: [0, 0],
      政府集中采购: [14, 2067.5172],
    });
    strictEqual(badCells(text).length, 1);
  });
});

describe('a copied review table whose row of empty cells was dropped', () => {
  // The header's cells are bare text (TAB-separated lines); the data row of 15 `<td></td>` left no line.
  const lines = [
    '行政复议\t行政诉讼',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
  ];
  it('every cell is blank; not so in PDF text or under a sub-heading', () => {
    const text = splice('2021', (l) => l === '行政复议\t\t\t\t\t行政诉讼' || l.startsWith('行政复议\t'), (l) => l.startsWith('五、'), lines);
    const r = checkReport(text);
    deepStrictEqual(r.tables.review, { review: [0, 0, 0, 0, 0], suitDirect: [0, 0, 0, 0, 0], suitAfterReview: [0, 0, 0, 0, 0] });
    ok(r.diagnostics.some((d) => d.code === 'blank-cell'));
    strictEqual(badCells(text).length, 0);
    // But not in PDF text, and not under a line `行政复议` that is only a sub-heading above prose.
    const pdf = splice('2021', (l) => l.startsWith('行政复议\t'), (l) => l.startsWith('五、'), lines, true);
    ok(checkReport(pdf).tables.review!.review.every((v) => v === null));
    const sub = splice('2021', (l) => l.startsWith('行政复议\t'), (l) => l.startsWith('五、'), ['行政复议', '', '', '本年度本机关共收到行政复议申请2件，均已办结，复议机关维持原行政行为，未发生行政诉讼。']);
    ok((checkReport(sub).tables.review?.review ?? [null]).every((v) => v === null));
  });
});

/** Display width as pandoc counts it (CJK and full-width forms 2). */
const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef“”]/.test(ch) ? 2 : 1), 0);

/** A cell's text cut into lines of at most `w` display columns, as a narrow column cuts it. */
function cut(t: string, w: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of t) {
    if (width(line + ch) > w) { out.push(line); line = ''; }
    line += ch;
  }
  if (line || !out.length) out.push(line);
  return out;
}

/** A pandoc grid table (`+---+` borders) of columns `w` wide, each cell cut over as many lines as it needs. */
function gridTable(rows: string[][], w: number): string[] {
  const n = Math.max(...rows.map((r) => r.length));
  const border = '+' + Array(n).fill('-'.repeat(w + 2)).join('+') + '+';
  const out = [border];
  for (const r of rows) {
    const cells = Array.from({ length: n }, (_, k) => cut(r[k] ?? '', w));
    const h = Math.max(...cells.map((c) => c.length));
    for (let i = 0; i < h; i++) out.push('|' + cells.map((c) => ' ' + (c[i] ?? '') + ' '.repeat(w - width(c[i] ?? '')) + ' ').join('|') + '|');
    out.push(border);
  }
  return out;
}

describe('pandoc grid tables whose anchor cell a narrow column cut over lines (§6.9)', () => {
  const data = balancedData('2021', 7);
  const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

  it('表三 is found by its cell `（本列数据的勾稽关系为…）` cut into pieces and read cell by cell, its printed error reported', () => {
    const values = Object.fromEntries(Object.entries(data.applications).map(([id, v]) => [id, [...v]]));
    // （七）总计·自然人 and its 总计 printed 2 short: T3-results and T3-balance fail.
    values['3.7'][0] -= 2;
    values['3.7'][6] -= 2;
    const rows = [[HEADER, '申请人情况'], ['', ...COLUMNS]];
    for (const d of APPLICATION_ROWS['2021']) rows.push([d.label, ...values[d.id].map(String)]);
    const lines = gridTable(rows, 6);
    ok(!lines.some((l) => l.includes('勾稽关系')), 'the anchor is cut');
    const text = table3(lines);
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications, values);
    ok(errors(text).includes('total-mismatch'), errors(text).join());
    ok(errors(text).includes('balance-mismatch'), errors(text).join());
    strictEqual(badCells(text).length, 0);
  });

  it('表二 is found by `第二十` / `条第（` / `一）项` and its wrapped labels joined', () => {
    const rows = [
      ['第二十条第（一）项'], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'], ['行政规范性文件', '22（其中修订16件）', '5', '63'],
      ['第二十条第（五）项'], ['信息内容', '本年处理决定数量'], ['行政许可', '2381'],
      ['第二十条第（六）项'], ['信息内容', '本年处理决定数量'], ['行政处罚', '156'], ['行政强制', '23'],
      ['第二十条第（八）项'], ['信息内容', '本年收费金额（单位：万元）'], ['行政事业性收费', '10.5'],
    ];
    const lines = gridTable(rows, 6);
    ok(!lines.some((l) => l.includes('第二十条')) && !lines.some((l) => l.includes('信息内容')), 'the anchors are cut');
    const text = splice('2021', (l) => l.startsWith('第二十条第（一）项'), (l) => l.startsWith('三、收到和处理'), lines);
    deepStrictEqual(checkReport(text).tables.disclosure, {
      规章: [0, 0, 0],
      行政规范性文件: [22, 5, 63],
      行政许可: [2381],
      行政处罚: [156],
      行政强制: [23],
      行政事业性收费: [10.5],
    });
  });
});
