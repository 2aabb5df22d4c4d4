/**
 * The work for one file, the same in a worker thread and in the main thread (so a parallel run prints
 * exactly what a sequential one does): read (or import), fix if asked, parse, run the rules, the JSON result.
 */
import { CheckOptions, FileResult, ImportLocation, JsonDiagnostic, Locale, checkText, fixAll, setLocale, toFileResult } from '../core/index';
import { t } from '../core/i18n';
import { ExportRow, TableNumber, exportRows } from '../core/export';
import { Input, InputFailure, InputKind, STDIN, SourcePlace, isFailure, readInput, sourcePlace } from './input';
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

/** A finding in the CLI's output: for an imported document also where it is in the original file. */
export type CliDiagnostic = JsonDiagnostic & { source?: SourcePlace };

/** One file of the CLI's JSON `files`: what the text was read from, the importer's warnings, the findings. */
export type CliFileResult = Omit<FileResult, 'diagnostics'> & { source: InputKind; warnings?: string[]; diagnostics: CliDiagnostic[] };

/** A file that could not be imported (damaged, scanned PDF): an entry of the JSON `files` with the error. */
export interface FailedFile {
  path: string;
  source: InputKind;
  error: string;
}

export interface Outcome {
  index: number;
  result?: CliFileResult;
  /** What the file was read as. */
  kind?: InputKind;
  /** An importer refused the file: the JSON entry with its error (the message is also in `errors`). */
  failed?: FailedFile;
  /** For the cross-file rule (carry-over-mismatch): which reports to pair. */
  body?: string;
  year?: number;
  /** The text that was checked (kept for stdin and imported documents, which are not read again). */
  text?: string;
  /** Imported documents: where each line came from (source places are attached after the cross-file pass). */
  locations?: ImportLocation[];
  /** `--fix` was asked but the file is a document the CLI never writes into. */
  notFixed?: boolean;
  /** `export`: the report's table rows. */
  rows?: ExportRow[];
  /** Lines for stderr, in order: said when the file is reached. */
  notes: string[];
  /** Problems that make the exit code 2, said at the end. */
  errors: string[];
}

/** Reads a job's input (the parallel run reads in the worker, the set pass reads again in the main thread). */
export function jobInput(job: Job): Promise<Input | InputFailure> {
  return readInput(job.path, job.path === STDIN && job.stdin ? Buffer.from(job.stdin) : undefined);
}

export async function checkOne(job: Job): Promise<Outcome> {
  setLocale(job.locale);
  const out: Outcome = { index: job.index, notes: [], errors: [] };
  const input = await jobInput(job);
  if (isFailure(input)) {
    out.errors.push(input.message);
    if (input.kind) out.failed = { path: job.shown, source: input.kind, error: input.detail ?? input.message };
    return out;
  }
  out.kind = input.kind;
  out.notes.push(...input.notes);
  let text = input.text;
  if (job.fix && input.kind !== 'text') out.notFixed = true;
  else if (job.fix && job.path !== STDIN) {
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
  const { report, findings } = checkText(text, job.options);
  if (job.export) {
    out.rows = exportRows(job.shown, report, job.export, findings);
    return out;
  }
  const { path, ...result } = toFileResult(report, findings, job.shown);
  out.result = { path, source: input.kind, ...(input.kind !== 'text' ? { warnings: input.warnings } : {}), ...result };
  out.body = report.body;
  out.year = report.year;
  if (job.path === STDIN || input.kind !== 'text') out.text = text;
  if (input.locations) out.locations = input.locations;
  return out;
}

/** Adds to each finding of an imported document its place in the original file (page, paragraph or cell). */
export function attachSources(o: Outcome): void {
  if (!o.result || !o.locations || !o.text || !o.kind) return;
  const lines = o.text.split('\n');
  for (const d of o.result.diagnostics) {
    const place = sourcePlace(o.kind, o.locations, lines, d.range.start.line, d.range.start.character);
    if (place) d.source = place;
  }
}
