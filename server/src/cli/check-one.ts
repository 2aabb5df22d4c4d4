/**
 * The work for one file, the same in a worker thread and in the main thread (so a parallel run prints
 * exactly what a sequential one does): read, fix if asked, parse, run the rules, the JSON result.
 */
import { CheckOptions, FileResult, Locale, fixAll, parseReport, runRules, setLocale, toFileResult } from '../core/index';
import { t } from '../core/i18n';
import { ExportRow, TableNumber, exportRows } from '../core/export';
import { Input, STDIN, readInput } from './input';
import { writeFix } from './write-fix';

export interface Job {
  /** Position in the output. */
  index: number;
  /** As found (used to read and write). */
  path: string;
  /** Real folder the file was found in: fixes are written only inside it. */
  root: string;
  /** As shown in the output. */
  shown: string;
  options: CheckOptions;
  fix: boolean;
  locale: Locale;
  /** Bytes read from stdin (path `-`). */
  stdin?: Uint8Array;
  /** `export`: the tables' rows instead of the findings. */
  export?: TableNumber[];
}

export interface Outcome {
  index: number;
  result?: FileResult;
  /** For the cross-file rule (carry-over-mismatch): which reports to pair. */
  body?: string;
  year?: number;
  /** The text that was checked (only kept for stdin, which cannot be read again). */
  text?: string;
  /** `export`: the report's table rows. */
  rows?: ExportRow[];
  /** Lines for stderr, in order: said when the file is reached. */
  notes: string[];
  /** Problems that make the exit code 2, said at the end. */
  errors: string[];
}

/** Reads a job's input (the parallel run reads in the worker, the set pass reads again in the main thread). */
export function jobInput(job: Job): Input | string {
  return readInput(job.path, job.path === STDIN && job.stdin ? Buffer.from(job.stdin) : undefined);
}

export function checkOne(job: Job): Outcome {
  setLocale(job.locale);
  const out: Outcome = { index: job.index, notes: [], errors: [] };
  const input = jobInput(job);
  if (typeof input === 'string') {
    out.errors.push(input);
    return out;
  }
  out.notes.push(...input.notes);
  let text = input.text;
  if (job.fix && job.path !== STDIN) {
    const fixed = fixAll(text, job.options);
    if (fixed.text !== text) {
      if (input.encoding !== 'utf-8' || !input.source) out.errors.push(t('{0}：GB18030 编码的文件不写回，请先转为 UTF-8', job.path));
      else {
        const refused = writeFix({ path: job.path, root: job.root }, input.source, Buffer.from((input.bom ? '\ufeff' : '') + fixed.text, 'utf8'));
        if (refused) out.errors.push(refused);
        else {
          out.notes.push(t('{0}：已修复 {1} 处', job.path, fixed.fixed));
          text = fixed.text;
        }
      }
    }
  }
  const report = parseReport(text, { format: job.options.format });
  if (job.export) {
    out.rows = exportRows(job.shown, report, job.export);
    return out;
  }
  out.result = toFileResult(report, runRules(report, job.options), job.shown);
  out.body = report.body;
  out.year = report.year;
  if (job.path === STDIN) out.text = text;
  return out;
}
