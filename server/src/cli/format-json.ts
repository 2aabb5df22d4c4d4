/**
 * `--format json`: REPORT-FORMAT.md §8, `{ version: 1, files: [...] }`, 0-based UTF-16 positions. Each file says
 * what its text was read from (`source`: text, docx, html, pdf); an imported document adds the importer's
 * `warnings` and per finding its place in the original file (`source: { page }` or `{ paragraph }` or
 * `{ table, row, cell }`); a document that could not be imported is `{ path, source, error }`.
 */
import type { FileResult } from '../core/index';
import type { CliFileResult, FailedFile } from './check-one';

export function formatJson(results: Array<FileResult | CliFileResult | FailedFile>): string {
  return JSON.stringify({ version: 1, files: results }, null, 2);
}
