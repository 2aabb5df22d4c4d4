/**
 * The text shapes of REPORT-FORMAT §6, written by hand around one 表三 with blank cells, including
 * the lossy ones: each either reads every cell right or leaves the table unread with its reason.
 * The converter corpus covers the same shapes as real tools write them; these pin the edges.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { describe, it } from 'node:test';
import { APPLICATION_ROWS } from '../../server/src/core/format/official';
import { checkReport, fixAll } from '../../server/src/core/index';
import { balancedData, renderReport } from '../support/generate';

const data = balancedData('2021', 41);
// Blank cells where the data has zeros in a few rows, as published tables leave them.
const BLANK_ROWS = new Set(['1', '3.1', '3.7', '2']);
const rows = APPLICATION_ROWS['2021'];
const cell = (id: string, c: number) => {
  const v = data.applications[id][c];
  return v === 0 && BLANK_ROWS.has(id) ? '' : String(v);
};
const expected = Object.fromEntries(rows.map((d) => [d.id, data.applications[d.id]]));

/** The report with its 表三 (from the header line to the line before 四、) replaced. */
function withTable3(lines: string[]): string {
  const text = renderReport(data, 'tab');
  const all = text.split('\n');
  const from = all.findIndex((l) => l.includes('勾稽关系'));
  const to = all.findIndex((l) => l.startsWith('四、政府信息公开'));
  return [...all.slice(0, from), ...lines, '', ...all.slice(to)].join('\n');
}

const HEADER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function readApplications(text: string) {
  const r = checkReport(text);
  return { tables: r.tables.applications, diagnostics: r.diagnostics };
}

const unreadWithReason = (text: string, pattern: RegExp) => {
  const { tables, diagnostics } = readApplications(text);
  const read = Object.values(tables ?? {}).flat().filter((v) => v !== null);
  // Whatever was read is right; the table says once why the rest is not.
  for (const [id, vals] of Object.entries(tables ?? {})) vals.forEach((v, c) => v === null || strictEqual(v, expected[id][c], `${id}[${c}]`));
  ok(read.length < rows.length * 7, 'some cells unread');
  const why = diagnostics.filter((d) => d.code === 'bad-cell');
  strictEqual(why.length, 1, JSON.stringify(why.map((d) => d.message)));
  ok(pattern.test(why[0].message), why[0].message);
  deepStrictEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
};

describe('text shapes, cell by cell', () => {
  it('Word text export: one cell per line, an empty cell an empty line', () => {
    const lines = [HEADER, '申请人情况', '', '自然人', '法人或其他组织', '总计', ...COLUMNS.slice(1, 6)];
    for (const d of rows) lines.push(d.label, ...data.applications[d.id].map((_, c) => cell(d.id, c)));
    deepStrictEqual(readApplications(withTable3(lines)).tables, expected);
  });
  it('one cell per line with a blank line after each row, a blank cell dropped: unread, never shifted', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) lines.push(d.label, ...data.applications[d.id].map((_, c) => cell(d.id, c)).filter((v) => v !== ''), '');
    unreadWithReason(withTable3(lines), /无法可靠读取/);
  });
  it('mouse copy: cells between empty lines, NBSP blank cells', () => {
    const lines = [HEADER, '', ...COLUMNS.flatMap((c) => [c, ''])];
    for (const d of rows) lines.push(d.label, '', ...data.applications[d.id].flatMap((_, c) => [cell(d.id, c) || '\u00a0', '']));
    deepStrictEqual(readApplications(withTable3(lines)).tables, expected);
  });
  it('mouse copy of empty <td>s: the blanks are gone, the table says so', () => {
    const lines = [HEADER, '', ...COLUMNS.flatMap((c) => [c, ''])];
    for (const d of rows) lines.push(d.label, '', ...data.applications[d.id].map((_, c) => cell(d.id, c)).filter((v) => v !== '').flatMap((v) => [v, '']));
    unreadWithReason(withTable3(lines), /空白单元格/);
  });
  it('browser innerText of paragraph cells: TAB lines between cells, empty runs between rows', () => {
    const para = (cells: string[]) => cells.map((c) => c || '\u00a0').join('\n\n\t\n\n') + '\n\n\n\n';
    const text = [HEADER, ...rows.map((d) => para([d.label, ...data.applications[d.id].map((_, c) => cell(d.id, c))]))].join('\n\n\t\n\n');
    deepStrictEqual(readApplications(withTable3(text.split('\n'))).tables, expected);
  });
  it('raw HTML table with rowspan/colspan and <p> cells', () => {
    const td = (s: string, attrs = '') => `<td ${attrs}><p>${s || '&nbsp;'}</p></td>`;
    const lines = ['<table>', `<tr>${td(HEADER, 'colspan="3" rowspan="3"')}${td('申请人情况', 'colspan="7"')}</tr>`, `<tr>${td('自然人', 'rowspan="2"')}${td('法人或其他组织', 'colspan="5"')}${td('总计', 'rowspan="2"')}</tr>`, `<tr>${COLUMNS.slice(1, 6).map((c) => td(c)).join('')}</tr>`];
    for (const d of rows) {
      const label = ['1', '2', '4'].includes(d.id) ? td(d.label, 'colspan="3"') : d.id === '3.1' ? td('三、本年度办理结果', `rowspan="${rows.length - 3}"`) + td(d.label, 'colspan="2"') : td(d.label, 'colspan="2"');
      lines.push(`<tr>${label}${data.applications[d.id].map((_, c) => td(cell(d.id, c))).join('')}</tr>`);
    }
    lines.push('</table>');
    deepStrictEqual(readApplications(withTable3(lines)).tables, expected);
  });
  it('Markdown pipe table split into small tables with captions and generic headers', () => {
    const lines: string[] = [HEADER];
    for (const d of rows) lines.push('', `### ${d.label}`, '', '| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |', '|---|---|---|---|---|---|---|', `| ${data.applications[d.id].map((_, c) => cell(d.id, c)).join(' | ')} |`);
    deepStrictEqual(readApplications(withTable3(lines)).tables, expected);
  });
  it('PDF text without layout, a row whose blanks were dropped: the whole table unread', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) lines.push(d.label, data.applications[d.id].map((_, c) => cell(d.id, c)).filter((v) => v !== '').join(' '));
    unreadWithReason(withTable3(lines), /无法确定每个数字属于哪一行/);
  });
  it('PDF text in reading order (pdftotext -raw): rows whose values share their label\'s line are read, the rest unread', () => {
    const lines = [HEADER, ...COLUMNS];
    for (const d of rows) {
      const vals = data.applications[d.id].map((_, c) => cell(d.id, c)).filter((v) => v !== '');
      // A row with a dropped blank is cut by the PDF: label on one line, values on the next.
      lines.push(vals.length === 7 ? `${d.label} ${vals.join(' ')}` : d.label, ...(vals.length === 7 ? [] : [vals.join(' ')]));
    }
    const text = withTable3(lines);
    const { tables, diagnostics } = readApplications(text);
    let read = 0;
    for (const d of rows) {
      const full = data.applications[d.id].every((_, c) => cell(d.id, c) !== '');
      if (full) { deepStrictEqual(tables![d.id], expected[d.id], d.id); read++; }
      else deepStrictEqual(tables![d.id], [null, null, null, null, null, null, null], d.id);
    }
    ok(read > 10, `${read} rows read`);
    strictEqual(diagnostics.filter((x) => x.code === 'bad-cell').length, 1);
  });
  it('a row the PDF importer could not place by column: unread, said as such', () => {
    const text = renderReport(data, 'tab').replace(/^(\t*二、上年结转政府信息公开申请数量)\t.*$/m, '$1\t（此行数值无法按列定位）');
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications!['2'], [null, null, null, null, null, null, null]);
    const why = r.diagnostics.filter((d) => d.code === 'bad-cell');
    strictEqual(why.length, 1);
    ok(/无法按列位置确定/.test(why[0].message), why[0].message);
  });
  it('a tab row with an empty cell at both ends of its values: which one is padding is unknown, so unread', () => {
    const text = renderReport(data, 'tab').replace(/^(\t*二、上年结转政府信息公开申请数量)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t(\d+)\t?$/m, '$1\t\t$2\t$3\t$4\t$5\t$6\t$7\t');
    ok(/二、上年结转政府信息公开申请数量\t\t/.test(text));
    deepStrictEqual(checkReport(text).tables.applications!['2'], [null, null, null, null, null, null, null]);
  });
  it('glued text (`规章012`): nothing read, said once, and no fix deletes the digits', () => {
    const text = renderReport(data, 'tab').replace(/^(行政规范性文件)\t(\d+)\t(\d+)\t(\d+)$/m, '$1$2$3$4');
    const r = checkReport(text);
    deepStrictEqual(r.tables.disclosure!['行政规范性文件'], [null, null, null]);
    ok(r.diagnostics.some((d) => d.code === 'bad-cell' && /连在一起/.test(d.message)));
    const fixed = fixAll(text).text;
    ok(fixed.includes(`行政规范性文件${data.disclosure['行政规范性文件'].join('')}`));
  });
  it('a 2021 table that keeps the 2019 single row （六）其他处理', () => {
    const d19 = balancedData('2019', 7);
    const d21 = { ...balancedData('2021', 7), applications: {} as Record<string, number[]> };
    for (const def of APPLICATION_ROWS['2021']) d21.applications[def.id] = d19.applications[def.id] ?? [0, 0, 0, 0, 0, 0, 0];
    d21.applications['3.6.1'] = d19.applications['3.6'];
    d21.applications['3.6.2'] = [0, 0, 0, 0, 0, 0, 0];
    d21.applications['3.6.3'] = [0, 0, 0, 0, 0, 0, 0];
    const text = renderReport(d21, 'tab')
      .split('\n')
      .filter((l) => !/逾期未按收费|^\t*3\.其他/.test(l))
      .map((l) => (/逾期不补正/.test(l) ? l.replace(/^.*逾期不补正[^\t]*/, '（六）其他处理') : l.replace(/^\t*（六）其他处理\t*$/, '')))
      .join('\n');
    const r = checkReport(text);
    deepStrictEqual(r.tables.applications!['3.6'], d19.applications['3.6']);
    deepStrictEqual(r.diagnostics.filter((x) => x.severity === 'error' || x.code === 'bad-cell').map((x) => x.message), []);
    strictEqual(r.diagnostics.filter((x) => x.code === 'label-variant').length, 1);
  });
});
