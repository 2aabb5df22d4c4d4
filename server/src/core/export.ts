/**
 * The tables of many reports as one dataset: one row per report × table row, CSV (UTF-8 with BOM, CRLF,
 * RFC 4180 quoting) or JSON Lines. The one serializer for the CLI's `export` and the editor's export command.
 *
 * Columns: 文件, 机关, 年度, 格式, 表, 行, then the values, then 本表读取可靠 (是/否), 说明 and 评估问题 (the
 * report's findings of what evaluators check, as codes).
 * - 表三 (收到和处理政府信息公开申请): one row per row of the report's format, 行 = the official label with
 *   its groups (`三、本年度办理结果·（三）不予公开·1.属于国家秘密`); values 自然人 … 总计.
 * - 表四 (行政复议、行政诉讼): one row, 行 = `行政复议、行政诉讼`; values `行政复议·结果维持` …
 *   `行政诉讼·复议后起诉·总计` (15).
 * - 表二 (主动公开): one row per row of 条例第二十条, 行 = `第二十条第（一）项·规章`; the values sit under the
 *   format's column names (2019: 本年新制作数量 …; 2021: 本年制发件数 …), columns the two formats share
 *   are one column, amounts are in 万元 (a cell in 元 is converted exactly).
 * A CSV carries the value columns of the tables asked for only (in the order 二, 三, 四); a row leaves the
 * other tables' columns empty. An unread cell is empty (null in JSON Lines); a blank cell or “/” is 0, as in
 * the JSON output. 本表读取可靠 is 否 when the table was not found or has rows that could not be read with
 * confidence (its `problems`); 说明 says why, or that a row was not found.
 */
import { runRules, tablesJson } from './check';
import type { Code, Finding } from './findings';
import { APPLICANT_COLUMNS, ApplicationRowDef, DISCLOSURE_BLOCKS, FormatId, REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_GROUP_LABELS } from './format/official';
import { Report, Table, applicationRowDefs } from './model';

export type TableNumber = 2 | 3 | 4;
export const TABLE_NUMBERS: TableNumber[] = [2, 3, 4];
export type ExportFormat = 'csv' | 'jsonl';

const TABLE_NAMES: Record<TableNumber, string> = { 2: '表二', 3: '表三', 4: '表四' };
const FORMAT_NAMES: Record<FormatId | 'pre-2019', string> = { '2019': '2019', '2021': '2021', 'pre-2019': '2019年以前' };
const REVIEW_ROW = '行政复议、行政诉讼';
const RESULTS_GROUP = '三、本年度办理结果';

/** A value column name of 表二: the format's own, amounts marked 万元. */
function disclosureColumn(name: string, amount: boolean): string {
  const base = name.replace(/（单位：万元）$/, '');
  return amount ? `${base}（万元）` : base;
}

const DISCLOSURE_COLUMNS: string[] = (() => {
  const names: string[] = [];
  for (const f of ['2019', '2021'] as const) {
    for (const b of DISCLOSURE_BLOCKS[f]) {
      b.columns.forEach((c, i) => {
        const n = disclosureColumn(c, b.amountColumns.includes(i));
        if (!names.includes(n)) names.push(n);
      });
    }
  }
  return names;
})();
const APPLICATION_COLUMNS: string[] = [...APPLICANT_COLUMNS];
const REVIEW_VALUE_COLUMNS: string[] = REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `${REVIEW_GROUP_LABELS[g]}·${c}`));

/** The value columns of a table, in order. */
export function valueColumns(table: TableNumber): string[] {
  return table === 2 ? DISCLOSURE_COLUMNS : table === 3 ? APPLICATION_COLUMNS : REVIEW_VALUE_COLUMNS;
}

const LEAD_COLUMNS = ['文件', '机关', '年度', '格式', '表', '行'] as const;
const TAIL_COLUMNS = ['本表读取可靠', '说明', '评估问题'] as const;
/** What evaluators check beyond arithmetic (REPORT-FORMAT §10): the codes the dataset carries per report. */
const EVALUATOR_CODES = new Set<Code>(['fee-statement-missing', 'year-mismatch', 'late-report', 'signature-mismatch', 'empty-section', 'copied-from-prior-year', 'overview-topics', 'no-follow-through', 'thin-section']);

export interface ExportRow {
  文件: string;
  机关: string;
  年度: number | null;
  格式: string;
  表: string;
  行: string;
  /** The table's value columns, in order; null where the cell was not read. */
  值: Record<string, number | null>;
  本表读取可靠: boolean;
  说明: string;
  /** The report's findings of what evaluators check (codes, space-separated), the same on each of its rows. */
  评估问题: string;
}

/** The official label of a 表三 row with its groups. */
function applicationRowLabel(d: ApplicationRowDef): string {
  if (!d.group) return d.label;
  return d.group === RESULTS_GROUP ? `${RESULTS_GROUP}·${d.label}` : `${RESULTS_GROUP}·${d.group}·${d.label}`;
}

function tableState(table: Table | undefined): { ok: boolean; note: string } {
  if (!table) return { ok: false, note: '未找到此表' };
  if (!table.problems.length) return { ok: true, note: '' };
  return { ok: false, note: `${table.problems.length} 处无法可靠读取` };
}

/**
 * The rows of one report for the tables asked for (in the order 二, 三, 四). `findings`: the report's
 * findings as checked with the user's rule levels (the rules run at their defaults when absent).
 */
export function exportRows(file: string, report: Report, tables: TableNumber[] = TABLE_NUMBERS, findings?: Finding[]): ExportRow[] {
  const rows: ExportRow[] = [];
  const format = report.legacy ? 'pre-2019' : report.format;
  const 评估问题 = [...new Set((findings ?? runRules(report)).filter((f) => EVALUATOR_CODES.has(f.code)).map((f) => f.code))].join(' ');
  const base = { 文件: file, 机关: report.body ?? '', 年度: report.year ?? null, 格式: FORMAT_NAMES[format], 评估问题 };
  const json = report.legacy ? {} : tablesJson(report);
  const empty = (cols: string[]) => Object.fromEntries(cols.map((c) => [c, null])) as Record<string, number | null>;
  for (const table of TABLE_NUMBERS.filter((n) => tables.includes(n))) {
    const 表 = TABLE_NAMES[table];
    const cols = valueColumns(table);
    if (report.legacy) {
      rows.push({ ...base, 表, 行: '', 值: empty(cols), 本表读取可靠: false, 说明: '2019年以前的旧格式，未读取' });
      continue;
    }
    if (table === 3) {
      const state = tableState(report.applications);
      for (const d of applicationRowDefs(report)) {
        const values = json.applications?.[d.id];
        const 值 = empty(cols);
        values?.forEach((v, i) => (值[cols[i]] = v));
        const note = state.note || (values ? '' : '未找到此行');
        rows.push({ ...base, 表, 行: applicationRowLabel(d), 值, 本表读取可靠: state.ok, 说明: note });
      }
    } else if (table === 4) {
      const state = tableState(report.review);
      const 值 = empty(cols);
      REVIEW_GROUPS.forEach((g, gi) => json.review?.[g]?.forEach((v, i) => (值[cols[gi * REVIEW_COLUMNS.length + i]] = v)));
      rows.push({ ...base, 表, 行: REVIEW_ROW, 值, 本表读取可靠: state.ok, 说明: state.note });
    } else {
      const state = tableState(report.disclosure);
      for (const block of DISCLOSURE_BLOCKS[report.format]) {
        const names = block.columns.map((c, i) => disclosureColumn(c, block.amountColumns.includes(i)));
        for (const r of block.rows) {
          const values = json.disclosure?.[r.label];
          const 值 = Object.fromEntries(names.map((n, i) => [n, values?.[i] ?? null])) as Record<string, number | null>;
          const note = state.note || (values ? '' : '未找到此行');
          rows.push({ ...base, 表, 行: `第二十条第（${block.item}）项·${r.label}`, 值, 本表读取可靠: state.ok, 说明: note });
        }
      }
    }
  }
  return rows;
}

/** A CSV field: quoted when it must be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell that a spreadsheet would run as a formula (=, +, -, @) is kept as text with a leading '. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** The CSV header for the tables asked for; the file starts with a BOM so spreadsheets read UTF-8. */
export function csvHeader(tables: TableNumber[] = TABLE_NUMBERS, bom = true): string {
  const values = TABLE_NUMBERS.filter((n) => tables.includes(n)).flatMap(valueColumns);
  return (bom ? '\ufeff' : '') + csvLine([...LEAD_COLUMNS, ...values, ...TAIL_COLUMNS]);
}

export function csvRows(rows: ExportRow[], tables: TableNumber[] = TABLE_NUMBERS): string {
  const values = TABLE_NUMBERS.filter((n) => tables.includes(n)).flatMap(valueColumns);
  let out = '';
  for (const r of rows) {
    const cells = values.map((c) => (r.值[c] === undefined || r.值[c] === null ? '' : String(r.值[c])));
    out += csvLine([inert(r.文件), inert(r.机关), r.年度 === null ? '' : String(r.年度), r.格式, r.表, r.行, ...cells, r.本表读取可靠 ? '是' : '否', r.说明, r.评估问题]);
  }
  return out;
}

/** One JSON object per line (keys as the CSV's; the values of the row's own table under 值). */
export function jsonLines(rows: ExportRow[]): string {
  let out = '';
  for (const r of rows) out += JSON.stringify(r) + '\n';
  return out;
}

/** Every report's tables as one CSV or JSON Lines text. */
export function serializeTables(reports: Array<{ file: string; report: Report }>, options: { tables?: TableNumber[]; format?: ExportFormat } = {}): string {
  const tables = options.tables ?? TABLE_NUMBERS;
  const rows = reports.flatMap((r) => exportRows(r.file, r.report, tables));
  return options.format === 'jsonl' ? jsonLines(rows) : csvHeader(tables) + csvRows(rows, tables);
}
