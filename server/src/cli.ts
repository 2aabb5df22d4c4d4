/**
 * xxgk-report: check annual reports from the command line (text, JSON, SARIF, CSV), export their tables,
 * convert a Word file, web page or PDF into the report text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigResolver, LoadedConfig, configProblemMessage, loadConfigFile } from './config';
import { TableNumber, csvHeader, csvRows, jsonLines } from './core/export';
import { CheckOptions, Code, Report, SeveritySetting, crossYearFindings, jsonDiagnostic, parseReport, previousYearPairs, setLocale } from './core/index';
import { t } from './core/i18n';
import { collectFiles, problemMessage } from './fs-walk';
import { Args, CheckArgs, ConvertArgs, ExportArgs, parseCliArgs } from './cli/args';
import { CliFileResult, FailedFile, Job, Outcome, attachSources, jobInput } from './cli/check-one';
import { formatCsv } from './cli/format-csv';
import { formatJson } from './cli/format-json';
import { formatSarif } from './cli/format-sarif';
import { formatText } from './cli/format-text';
import { helpText } from './cli/help';
import { STDIN, acceptsName, isFailure, kindName, readInput } from './cli/input';
import { isCheckWorker, runJobs, serveJobs, workerCount } from './cli/pool';
import { VERSION } from './version';

export { decode } from './cli/input';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Is stdout / stderr a terminal (colour, progress bar)? */
  stdoutTty?: boolean;
  stderrTty?: boolean;
  /** Progress bar text (stderr, no newline). */
  progress?: (s: string) => void;
  env?: Record<string, string | undefined>;
}

/** The usage text in the current language (kept for callers of the old API). */
export function usage(locale: 'zh-cn' | 'en' = 'zh-cn'): string {
  return helpText(locale);
}

interface Prepared {
  jobs: Job[];
  errors: string[];
}

/**
 * The jobs for a run: the files under the paths (folders walked for the known file types), stdin for `-`,
 * each with its options: the defaults, the config file's (named by --config or the nearest one), then the
 * command line's. A file under a broken config file is not checked (its problems are in `errors`).
 */
function prepare(args: CheckArgs | ExportArgs, cliRules: Partial<Record<Code, SeveritySetting>>, fix: boolean): Prepared {
  const errors: string[] = [];
  const resolver = new ConfigResolver();
  const reported = new Set<string>();
  const named: LoadedConfig | undefined = args.config !== undefined ? loadConfigFile(args.config) : undefined;
  const configFor = (file: string): LoadedConfig | undefined => (args.noConfig ? undefined : (named ?? resolver.forFile(file)));
  const optionsFor = (file: string): CheckOptions | undefined => {
    const config = configFor(file);
    if (config?.problems.length) {
      if (!reported.has(config.path)) {
        reported.add(config.path);
        for (const p of config.problems) errors.push(configProblemMessage(config.path, p));
      }
      return undefined;
    }
    const rules = { ...(config?.settings.rules ?? {}), ...cliRules };
    return { format: args.reportFormat ?? config?.settings.format ?? 'auto', rules, locale: args.locale, copiedShare: config?.settings.copiedShare };
  };
  if (named?.problems.length) {
    optionsFor('');
    return { jobs: [], errors };
  }
  const jobs: Job[] = [];
  const cwd = process.cwd();
  if (args.paths.includes(STDIN)) {
    let stdin: Buffer | undefined;
    try {
      stdin = readFileSync(0);
    } catch (e) {
      errors.push(t('{0}：无法读取（{1}）', '<stdin>', (e as NodeJS.ErrnoException).code ?? String(e)));
    }
    const options = stdin && optionsFor(resolve(cwd, '<stdin>'));
    if (stdin && options) jobs.push({ index: jobs.length, path: STDIN, root: cwd, shown: '<stdin>', options, fix: false, locale: args.locale, stdin });
  }
  const { files, problems } = collectFiles(args.paths.filter((p) => p !== STDIN), acceptsName);
  for (const p of problems) errors.push(problemMessage(p));
  for (const f of files) {
    const options = optionsFor(f.path);
    if (!options) continue;
    const shown = relative(cwd, resolve(f.path)) || f.path;
    jobs.push({ index: jobs.length, path: f.path, root: f.root, shown, options, fix, locale: args.locale });
  }
  return { jobs, errors };
}

/** A progress bar on stderr for a long batch on a terminal; nothing otherwise. */
function progressBar(io: Io, total: number): { tick: (done: number) => void; end: () => void } {
  if (!io.stderrTty || total <= 100) return { tick: () => undefined, end: () => undefined };
  const write = io.progress ?? ((s: string) => process.stderr.write(s));
  let last = -1;
  return {
    tick: (done) => {
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const bar = '█'.repeat(Math.round(pct / 5)).padEnd(20, '░');
      write(`\r${bar} ${t('已检查 {0}/{1}', done, total)}`);
    },
    end: () => write('\r\x1b[K'),
  };
}

/**
 * carry-over-mismatch needs two reports of the same body: the outcomes say which files pair up, and only
 * those are read and parsed again here, in order, so the findings are the ones a sequential run makes.
 */
async function crossFileFindings(jobs: Job[], outcomes: Outcome[]): Promise<void> {
  const key = (o: Outcome) => (o.result && o.body && o.year ? `${o.body}|${o.year}` : undefined);
  const keys = new Set(outcomes.map(key).filter((k): k is string => !!k));
  const involved = outcomes.filter((o) => key(o) && (keys.has(`${o.body}|${o.year! - 1}`) || keys.has(`${o.body}|${o.year! + 1}`)));
  if (!involved.length) return;
  const reports: Report[] = [];
  const owner = new Map<Report, Outcome>();
  for (const o of involved) {
    const job = jobs[o.index];
    // Stdin and imported documents keep their text; a text file is read again.
    const input = o.text !== undefined ? o.text : await jobInput(job);
    if (typeof input === 'string' || !isFailure(input)) {
      const report = parseReport(typeof input === 'string' ? input : input.text, { format: job.options.format });
      reports.push(report);
      owner.set(report, o);
    }
  }
  for (const [report, previous] of previousYearPairs(reports)) {
    const o = owner.get(report)!;
    for (const f of crossYearFindings(report, previous, jobs[o.index].options)) o.result!.diagnostics.push(jsonDiagnostic(report, f, (other) => owner.get(other)?.result?.path));
  }
}

/** `convert`: a Word file, web page or PDF (or a text file) as the normalized report text, to a file or stdout. */
async function convert(args: ConvertArgs, io: Io): Promise<number> {
  const input = await readInput(args.path);
  if (isFailure(input)) {
    io.err(input.message);
    return 2;
  }
  for (const n of input.notes) io.err(n);
  if (args.output === undefined) {
    io.out(input.text.replace(/\r?\n$/, ''));
    return 0;
  }
  if (resolve(args.output) === resolve(args.path)) {
    io.err(t('{0}：输出文件不能是输入文件本身', args.output));
    return 2;
  }
  try {
    writeFileSync(args.output, input.text);
  } catch (e) {
    io.err(t('{0}：无法写入（{1}）', args.output, (e as NodeJS.ErrnoException).code ?? String(e)));
    return 2;
  }
  io.err(t('{0}（来源：{1}）：已转换为报告文本，写入 {2}', args.path, kindName(input.kind), args.output));
  return 0;
}

async function run(args: CheckArgs | ExportArgs, io: Io, script: string): Promise<number> {
  const { jobs, errors } = prepare(args, args.command === 'check' ? args.rules : {}, args.command === 'check' && args.fix);
  if (args.command === 'export') for (const j of jobs) j.export = args.tables;
  const bar = progressBar(io, jobs.length);
  const outcomes = await runJobs(jobs, workerCount(jobs.length, args.jobs), script, bar.tick);
  bar.end();
  // --fix never writes into a Word file, a web page or a PDF: said once, the other files are still fixed.
  const notFixed = outcomes.filter((o) => o.notFixed).length;
  if (notFixed) io.err(t('--fix 不会写入 Word、网页或 PDF 文件：{0} 个这样的文件只检查、未修改（可先用 xxgk-report convert 转为 .txt 再修复）', notFixed));
  for (const o of outcomes) {
    for (const n of o.notes) io.err(n);
    errors.push(...o.errors);
  }

  if (args.command === 'export') {
    for (const e of errors) io.err(e);
    const rows = outcomes.flatMap((o) => o.rows ?? []);
    const text = args.format === 'jsonl' ? jsonLines(rows) : csvHeader(args.tables) + csvRows(rows, args.tables as TableNumber[]);
    if (args.output !== undefined) {
      try {
        writeFileSync(args.output, text);
      } catch (e) {
        io.err(t('{0}：无法写入（{1}）', args.output, (e as NodeJS.ErrnoException).code ?? String(e)));
        return 2;
      }
    } else io.out(text.replace(/\r?\n$/, ''));
    return errors.length ? 2 : 0;
  }

  await crossFileFindings(jobs, outcomes);
  for (const o of outcomes) attachSources(o);
  const all: CliFileResult[] = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const count = (sev: string) => all.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === sev).length, 0);
  const shown = args.quiet ? all.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : all;
  for (const e of errors) io.err(e);
  const env = io.env ?? process.env;
  const color = args.color ?? (!!io.stdoutTty && env.NO_COLOR === undefined);
  if (args.format === 'json') {
    // A document an importer refused is an entry with its error, in its place.
    const shownOf = new Map(all.map((r, i) => [r, shown[i]]));
    io.out(formatJson(outcomes.flatMap((o): Array<CliFileResult | FailedFile> => (o.result ? [shownOf.get(o.result)!] : o.failed ? [o.failed] : []))));
  } else if (args.format === 'sarif') io.out(formatSarif(shown));
  else if (args.format === 'csv') io.out(formatCsv(shown));
  else io.out(formatText(shown, { color }));
  if (errors.length) return 2;
  if (count('error')) return 1;
  if (args.maxWarnings !== undefined && count('warning') > args.maxWarnings) {
    io.err(t('警告有 {0} 个，超过 --max-warnings {1}', count('warning'), args.maxWarnings));
    return 1;
  }
  return 0;
}

/** Runs the CLI; resolves with the exit code. `script` is the module worker threads start (this one). */
export async function main(argv: string[], io: Io, script = __filename): Promise<number> {
  const args: Args = parseCliArgs(argv);
  setLocale(args.locale);
  if (args.command === 'error') {
    io.err(args.message);
    io.err(helpText(args.locale));
    return 2;
  }
  if (args.command === 'help') {
    io.out(helpText(args.locale));
    return 0;
  }
  if (args.command === 'version') {
    io.out(VERSION);
    return 0;
  }
  if (args.command === 'convert') return convert(args, io);
  return run(args as CheckArgs | ExportArgs, io, script);
}

if (isCheckWorker()) serveJobs();
else if (require.main === module) {
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    stdoutTty: process.stdout.isTTY,
    stderrTty: process.stderr.isTTY,
  }).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
