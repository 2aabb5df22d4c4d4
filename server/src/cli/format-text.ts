/**
 * `--format text`: `path:line:col severity code message` (1-based), then a summary line. For a Word file, web
 * page or PDF one line first says the positions are in the report text converted from it (`convert` writes it).
 */
import type { FileResult, Severity } from '../core/index';
import { t } from '../core/i18n';
import { InputKind, kindName } from './input';

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';

export function formatText(results: Array<FileResult & { source?: string }>, options: { color?: boolean } = {}): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    if (r.source && r.source !== 'text') lines.push(t('{0}（来源：{1}）：行:列指从它转换出的报告文本，可用 xxgk-report convert 查看', r.path ?? '', kindName(r.source as InputKind)));
    for (const d of r.diagnostics) {
      const sev = options.color ? `${COLOR[d.severity]}${d.severity}${RESET}` : d.severity;
      const where = `${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${options.color ? `\x1b[4m${where}${RESET}` : where} ${sev} ${d.code} ${d.message}`);
      counts[d.severity]++;
    }
  }
  lines.push(t('检查了 {0} 个文件：{1} 个错误，{2} 个警告，{3} 个提示', results.length, counts.error, counts.warning, counts.information + counts.hint));
  return lines.join('\n');
}
