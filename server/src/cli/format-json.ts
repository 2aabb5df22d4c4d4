/** `--format json`: REPORT-FORMAT.md §8, `{ version: 1, files: [...] }`, 0-based UTF-16 positions. */
import type { FileResult } from '../core/index';

export function formatJson(results: FileResult[]): string {
  return JSON.stringify({ version: 1, files: results }, null, 2);
}
