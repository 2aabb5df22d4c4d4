/**
 * Markdown converted from PDF (REPORT-FORMAT §6.8: PDF/OCR-to-Markdown services), written by hand
 * the way such converters emit it — no PDF-to-Markdown converter runs here. What their pipe tables
 * do: a table cut in two by a page break, with the page number between (`— 4 —`, `-5-`, `第 4 页`)
 * or even among its lines; header rows repeated after the break; rows missing their trailing `|`;
 * rows shifted because a merged label cell was dropped; labels split over two table rows; labels
 * lost entirely. Cell by cell: no wrong number, the cells the structure places are read, a real
 * error is reported, and a table left partly unread says why once.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS, DISCLOSURE_BLOCKS, FormatId } from '../../server/src/core/format/official';
import { checkReport, parseReport } from '../../server/src/core/index';
import { balancedData, ReportData } from '../support/generate';

type Tables = ReturnType<typeof checkReport>['tables'];

/** Adds `six` (and its sum as 总计) to a result row, and the same to （七）总计 and 一: the table stays balanced. */
function bump(d: ReportData, id: string, six: number[]): void {
  const v = [...six, six.reduce((a, b) => a + b, 0)];
  for (const row of [id, '3.7', '1']) d.applications[row] = d.applications[row].map((x, c) => x + v[c]);
}

/** Data whose rows the cases below cut, shift or lose all hold numbers, so a misplaced row shows. */
function data(format: FormatId): ReportData {
  const d = balancedData(format, 41);
  bump(d, '3.2', [2, 1, 0, 0, 0, 0]);
  bump(d, '3.3.2', [3, 0, 0, 1, 0, 0]);
  bump(d, '3.3.3', [1, 0, 2, 0, 0, 0]);
  bump(d, '3.4.2', [4, 0, 0, 0, 1, 0]);
  bump(d, '3.5.2', [2, 0, 0, 0, 0, 3]);
  bump(d, format === '2021' ? '3.6.2' : '3.6', [1, 1, 0, 0, 0, 0]);
  d.applications['4'] = d.applications['4'].map((x, c) => x + [2, 0, 0, 0, 0, 0, 2][c]);
  d.applications['1'] = d.applications['1'].map((x, c) => x + [2, 0, 0, 0, 0, 0, 2][c]);
  return d;
}

/** Zeros left blank in these rows, as published tables often leave them. */
const BLANK_ROWS = new Set(['2', '3.4.3', '3.5.3']);

const HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const pipe = (cells: string[], trailing = true) => `| ${cells.join(' | ')}${trailing ? ' |' : ''}`;
const rule = (n: number) => `|${'---|'.repeat(n)}`;

/** 表三 as a PDF-to-Markdown service writes it: three label columns, merged labels in the first cell of their span. */
function table3Rows(d: ReportData): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const def of APPLICATION_ROWS[d.format]) {
    const values = d.applications[def.id].map((v) => (v === 0 && BLANK_ROWS.has(def.id) ? '' : String(v)));
    let labels: string[];
    if (!def.group) labels = [def.label, '', ''];
    else if (def.group === '三、本年度办理结果') labels = [def.id === '3.1' ? def.group : '', def.label, ''];
    else labels = ['', seen.has(def.group) ? '' : def.group, def.label];
    if (def.group) seen.add(def.group);
    rows.set(def.id, [...labels, ...values]);
  }
  return rows;
}

const TABLE3_HEAD = [
  pipe([HEADER, '', '', '申请人情况', '', '', '', '', '', '']),
  rule(10),
  pipe(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']),
  pipe(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']),
];

function table2(d: ReportData): string[] {
  const out: string[] = [];
  for (const [i, b] of DISCLOSURE_BLOCKS[d.format].entries()) {
    const pad = (cells: string[]) => [...cells, '', '', '', ''].slice(0, 4);
    out.push(pipe(pad([`第二十条第（${b.item}）项`])));
    if (i === 0) out.push(rule(4));
    out.push(pipe(pad(['信息内容', ...b.columns])));
    for (const r of b.rows) out.push(pipe(pad([r.label, ...d.disclosure[r.label]])));
    // The page ends inside table 二: its number sits among the table's lines.
    if (i === 1) out.push('', '第 3 页', '');
  }
  return out;
}

function review(d: ReportData): string[] {
  const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    pipe(['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']),
    rule(15),
    pipe(['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']),
    pipe([...five, ...five, ...five]),
    '-7-',
    pipe(d.review.map(String)),
  ];
}

/** The whole report as Markdown, with 表三 written by `table3`. */
function report(d: ReportData, table3: string[]): string {
  const total = (id: string) => d.applications[id][6];
  return [
    `# ${d.body}${d.year}年政府信息公开工作年度报告`,
    '',
    '## 一、总体情况',
    '',
    `${d.year}年，我区认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${total('1')}件，办结申请${total('3.7')}件。`,
    '',
    '## 二、主动公开政府信息情况',
    '',
    ...table2(d),
    '',
    '## 三、收到和处理政府信息公开申请情况',
    '',
    ...table3,
    '',
    '## 四、政府信息公开行政复议、行政诉讼情况',
    '',
    ...review(d),
    '',
    '## 五、存在的主要问题及改进情况',
    '',
    '一是公开内容不够全面；二是队伍建设有待加强。',
    '',
    '## 六、其他需要报告的事项',
    '',
    d.format === '2021' ? '本年度未收取信息处理费。' : '无。',
    '',
  ].join('\n');
}

function expectedApplications(d: ReportData): Record<string, number[]> {
  return Object.fromEntries(APPLICATION_ROWS[d.format].map((def) => [def.id, d.applications[def.id]]));
}

/** 表二 and 表四 are read whole in every case (their page marks are skipped). */
function checkOtherTables(tables: Tables, d: ReportData): void {
  deepStrictEqual(tables.disclosure, Object.fromEntries(Object.entries(d.disclosure).map(([k, v]) => [k, v.map(Number)])));
  deepStrictEqual(tables.review, { review: d.review.slice(0, 5), suitDirect: d.review.slice(5, 10), suitAfterReview: d.review.slice(10, 15) });
}

/** Every cell of 表三 read, every table whole, no error and no unread-table finding. */
function readsWhole(d: ReportData, table3: string[]): void {
  const text = report(d, table3);
  const r = checkReport(text);
  deepStrictEqual(r.tables.applications, expectedApplications(d));
  checkOtherTables(r.tables, d);
  // Read as the pipe table it is, not by a fallback that happened to get the same numbers.
  strictEqual(parseReport(text).applications?.layout, 'pipe');
  deepStrictEqual(r.diagnostics.filter((x) => x.severity === 'error' || x.code === 'bad-cell' || x.code === 'missing-row').map((x) => `${x.code} ${x.message}`), []);
}

/**
 * 表三 partly unread: every cell read is right, exactly the rows `unread` are null, and one
 * finding says why.
 */
function readsExcept(d: ReportData, table3: string[], unread: string[], why: RegExp) {
  const r = checkReport(report(d, table3));
  const want = expectedApplications(d);
  for (const [id, vals] of Object.entries(want)) {
    if (unread.includes(id)) deepStrictEqual(r.tables.applications?.[id] ?? [null, null, null, null, null, null, null], [null, null, null, null, null, null, null], id);
    else deepStrictEqual(r.tables.applications?.[id], vals, id);
  }
  checkOtherTables(r.tables, d);
  const reasons = r.diagnostics.filter((x) => x.code === 'bad-cell');
  strictEqual(reasons.length, 1, JSON.stringify(reasons.map((x) => x.message)));
  ok(/收到和处理政府信息公开申请情况表无法可靠读取/.test(reasons[0].message), reasons[0].message);
  ok(why.test(reasons[0].message), reasons[0].message);
  return r;
}

/** The rows of 表三 in order, each transformed by `edit` (which may return several lines or none). */
function rowsOf(d: ReportData, edit: (id: string, cells: string[]) => string[] | undefined = () => undefined): string[] {
  const out: string[] = [];
  for (const [id, cells] of table3Rows(d)) out.push(...(edit(id, cells) ?? [pipe(cells)]));
  return out;
}

/** A page break after row `after`: the page number, then a new table with its own (empty) header row. */
function pageBreak(mark: string, repeatHeader: boolean, width = 10): string[] {
  return ['', mark, '', ...(repeatHeader ? [TABLE3_HEAD[2], rule(10), TABLE3_HEAD[3]] : [pipe(Array(width).fill('')), rule(width)])];
}

for (const format of ['2021', '2019'] as const) {
  describe(`Markdown from PDF, ${format} format`, () => {
    const d = data(format);

    it('a sound table as the converter writes it', () => {
      readsWhole(d, [...TABLE3_HEAD, ...rowsOf(d)]);
    });

    it('cut in two by a page break (`— 4 —`), the second part narrower with its own empty header', () => {
      // The second page's table drops the two empty label columns its rows do not use.
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          const i = APPLICATION_ROWS[format].findIndex((x) => x.id === id);
          const cut = APPLICATION_ROWS[format].findIndex((x) => x.id === '3.4.1');
          if (i < cut) return undefined;
          const label = cells.slice(0, 3).filter(Boolean);
          const row = [label.join(' '), ...cells.slice(3)];
          return i === cut ? [...pageBreak('— 4 —', false, 8), pipe(row)] : [pipe(row)];
        }),
      ]);
    });

    it('the header rows repeated after the break are skipped', () => {
      readsWhole(d, [...TABLE3_HEAD, ...rowsOf(d, (id, cells) => (id === '3.3.4' ? [...pageBreak('第 4 页', true), pipe(cells)] : undefined))]);
    });

    it('page marks among the table lines, as a line and as a table row, are never values', () => {
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.3.1') return [pipe(cells), '-5-'];
          if (id === '3.5.1') return [pipe(cells), pipe(['第 6 页', '', '', '', '', '', '', '', '', ''])];
          if (id === '3.5.4') return [pipe(['', '', '— 7 —', '', '', '', '', '', '', '']), pipe(cells)];
          // The footer read into the row as a cell of its own.
          if (id === '3.5.5') return [pipe([...cells, '第 7 页'])];
          return undefined;
        }),
      ]);
    });

    it('rows missing their trailing `|`, also where the last cell is empty', () => {
      readsWhole(d, [...TABLE3_HEAD, ...rowsOf(d, (_id, cells) => [pipe(cells, false)])]);
    });

    it('rows shifted because a merged label cell was dropped', () => {
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.2') return [pipe(cells.slice(1))];
          if (id === '3.3.2' || id === '3.4.2' || id === '4') return [pipe(cells.filter((c, i) => i >= 3 || c !== ''))];
          return undefined;
        }),
      ]);
    });

    it('a stray empty cell at either end of a row', () => {
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.3.3') return [pipe([...cells, ''])];
          if (id === '3.4.2') return [pipe(['', ...cells])];
          return undefined;
        }),
      ]);
    });

    it('the second part of a cut table: a full-width header, its rows without the empty label columns', () => {
      // Its rows are narrower than its header: each is placed where its numbers fall in value
      // columns — all but 3.5.3, whose first values are blank, so it fits at either end.
      readsExcept(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          const i = APPLICATION_ROWS[format].findIndex((x) => x.id === id);
          const cut = APPLICATION_ROWS[format].findIndex((x) => x.id === '3.5.1');
          if (i < cut) return undefined;
          const row = pipe([cells.slice(0, 3).filter(Boolean).join(' '), ...cells.slice(3)]);
          return i === cut ? [...pageBreak('— 5 —', false), row] : [row];
        }),
      ], ['3.5.3'], /1 行的数字个数与列数不符/);
    });

    it('a label split over two table rows is joined', () => {
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.3.2') return [pipe(['2.其他法律行政法', '', '', '']), pipe(['规禁止公开', ...cells.slice(3)])];
          if (id === '3.2') return [pipe(['', '（二）部分公开（区分处理的，只计这一情形，', '', '', '', '', '', '', '', '']), pipe(['', '不计其他情形）', '', ...cells.slice(3)])];
          // Split by the page break: the second piece on the next page.
          if (id === '3.5.5') return [pipe(['', '', '5.要求行政机关确认或重新', '', '', '', '', '', '', '']), ...pageBreak('- 8 -', false), pipe(['', '', '出具已获取信息', ...cells.slice(3)])];
          return undefined;
        }),
      ]);
    });

    it('a row whose label was lost, between its official neighbours, is read as the row between them', () => {
      readsWhole(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.3.3' || id === '3.5.2') return [pipe(['', '', '', ...cells.slice(3)])];
          // Right after a page break, the label column dropped too.
          if (id === '3.4.2') return [...pageBreak('— 5 —', true), pipe(cells.slice(3))];
          return undefined;
        }),
      ]);
    });

    it('a lost label under its group label, after a blank row: read as the group\'s first row', () => {
      const e = data(format);
      bump(e, '3.3.8', e.applications['3.3.8'].slice(0, 6).map((v) => -v));
      bump(e, '3.4.1', [1, 0, 0, 2, 0, 0]);
      readsWhole(e, [
        ...TABLE3_HEAD,
        ...rowsOf(e, (id, cells) => {
          if (id === '3.3.8') return [pipe([...cells.slice(0, 3), '', '', '', '', '', '', ''])];
          if (id === '3.4.1') return [pipe(['', cells[1], '', ...cells.slice(3)])];
          return undefined;
        }),
      ]);
    });

    it('a lost label whose place is not certain: unread, with the reason', () => {
      // The page break lost 3.3.2 whole and 3.3.3's label: the row left between 1. and 4. is one of two.
      readsExcept(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => {
          if (id === '3.3.2') return [];
          if (id === '3.3.3') return [...pageBreak('— 4 —', false), pipe(['', '', '', ...cells.slice(3)])];
          return undefined;
        }),
      ], ['3.3.2', '3.3.3'], /不在任何一行之内|数字个数与列数不符/);
    });

    it('the last row\'s label lost: no neighbour below it, so unread with the reason', () => {
      readsExcept(d, [...TABLE3_HEAD, ...rowsOf(d, (id, cells) => (id === '4' ? [pipe(['', '', '', ...cells.slice(3)])] : undefined))], ['4'], /不在任何一行之内|数字个数与列数不符/);
    });

    it('a label-only row followed by a row of values without a label: neither is guessed', () => {
      readsExcept(d, [
        ...TABLE3_HEAD,
        ...rowsOf(d, (id, cells) => (id === '3.4.2' ? [pipe([...cells.slice(0, 3), '', '', '', '', '', '', '']), pipe(['', '', '', ...cells.slice(3)])] : undefined)),
      ], ['3.4.2'], /数字个数与列数不符|不在任何一行之内/);
    });

    it('a short row that could sit at either end of the table: unread, never shifted', () => {
      // 总计 left blank and its cell dropped with the trailing `|`: the row is one cell short,
      // and nothing tells whether the missing cell was at its start or its end.
      const e = data(format);
      e.applications['2'] = [1, 0, 0, 0, 0, 0, 0];
      const r = readsExcept(e, [
        ...TABLE3_HEAD,
        ...rowsOf(e, (id) => (id === '2' ? [pipe(['二、上年结转政府信息公开申请数量', '', '', '1', '', '', '', '', ''])] : undefined)),
      ], ['2'], /数字个数与列数不符/);
      ok(!r.diagnostics.some((x) => x.code === 'total-mismatch' && /二、上年结转/.test(x.message)));
    });

    it('a real error in a broken table is reported: （七）总计 not the sum of its rows', () => {
      const e = data(format);
      e.applications['3.7'] = e.applications['3.7'].map((v, c) => (c === 0 || c === 6 ? v - 2 : v));
      const lines = [
        ...TABLE3_HEAD,
        ...rowsOf(e, (id, cells) => {
          if (id === '3.2') return [pipe(cells.slice(1))];
          if (id === '3.3.2') return [pipe(['', '', '2.其他法律行政法', '', '', '', '', '', '', '']), pipe(['', '', '规禁止公开', ...cells.slice(3)])];
          if (id === '3.3.3') return [pipe(['', '', '', ...cells.slice(3)])];
          if (id === '3.4.1') return [...pageBreak('— 4 —', true), pipe(cells, false)];
          return [pipe(cells, false)];
        }),
      ];
      const r = checkReport(report(e, lines));
      deepStrictEqual(r.tables.applications, expectedApplications(e));
      checkOtherTables(r.tables, e);
      deepStrictEqual(r.diagnostics.filter((x) => x.code === 'bad-cell'), []);
      const totals = r.diagnostics.filter((x) => x.code === 'total-mismatch');
      ok(totals.some((x) => /七/.test(x.message) || /总计/.test(x.message)), JSON.stringify(totals.map((x) => x.message)));
      ok(r.diagnostics.some((x) => x.code === 'balance-mismatch'));
    });
  });
}
