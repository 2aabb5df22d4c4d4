/**
 * `--format csv`: one row per finding (文件, 行, 列, 级别, 代码, 消息; line and column 1-based), UTF-8 with BOM
 * so spreadsheets read it; the same CSV writer as `export`.
 */
import { csvLine } from '../core/export';
import type { FileResult } from '../core/index';

export const CHECK_CSV_COLUMNS = ['文件', '行', '列', '级别', '代码', '消息'];

export function formatCsv(results: FileResult[]): string {
  let out = '\ufeff' + csvLine(CHECK_CSV_COLUMNS);
  for (const r of results) {
    for (const d of r.diagnostics) {
      out += csvLine([r.path ?? '', String(d.range.start.line + 1), String(d.range.start.character + 1), d.severity, d.code, d.message]);
    }
  }
  return out.replace(/\r\n$/, '');
}
