/** xxgk-report: check annual reports from the command line (text, JSON, SARIF, CSV), export their tables. */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigResolver, LoadedConfig, configProblemMessage, loadConfigFile } from './config';
import { TableNumber, csvHeader, csvRows, jsonLines } from './core/export';
import { CheckOptions, Code, FileResult, Report, SeveritySetting, parseReport, runSetRules, setLocale } from './core/index';
import { t } from './core/i18n';
import { collectFiles, problemMessage } from './fs-walk';
import { Args, CheckArgs, ExportArgs, parseCliArgs } from './cli/args';
import { Job, Outcome, jobInput } from './cli/check-one';
import { formatCsv } from './cli/format-csv';
import { formatJson } from './cli/format-json';
import { formatSarif } from './cli/format-sarif';
import { formatText } from './cli/format-text';
import { helpText } from './cli/help';
import { STDIN, acceptsName } from './cli/input';
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
    return { format: args.reportFormat ?? config?.settings.format ?? 'auto', rules, locale: args.locale };
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
function crossFileFindings(jobs: Job[], outcomes: Outcome[]): void {
  const key = (o: Outcome) => (o.result && o.body && o.year ? `${o.body}|${o.year}` : undefined);
  const keys = new Set(outcomes.map(key).filter((k): k is string => !!k));
  const involved = outcomes.filter((o) => key(o) && (keys.has(`${o.body}|${o.year! - 1}`) || keys.has(`${o.body}|${o.year! + 1}`)));
  if (!involved.length) return;
  const reports: Report[] = [];
  const owner = new Map<Report, Outcome>();
  for (const o of involved) {
    const job = jobs[o.index];
    const input = o.text !== undefined ? o.text : jobInput(job);
    if (typeof input !== 'string' || o.text !== undefined) {
      const report = parseReport(typeof input === 'string' ? input : input.text, { format: job.options.format });
      reports.push(report);
      owner.set(report, o);
    }
  }
  for (const [report, findings] of runSetRules(reports)) {
    const o = owner.get(report)!;
    const setting = jobs[o.index].options.rules?.['carry-over-mismatch'];
    if (setting === 'off') continue;
    for (const f of findings) o.result!.diagnostics.push({ code: f.code, severity: setting ?? f.severity, message: f.message, range: report.index.range(f.span) });
  }
}

async function run(args: CheckArgs | ExportArgs, io: Io, script: string): Promise<number> {
  const { jobs, errors } = prepare(args, args.command === 'check' ? args.rules : {}, args.command === 'check' && args.fix);
  if (args.command === 'export') for (const j of jobs) j.export = args.tables;
  const bar = progressBar(io, jobs.length);
  const outcomes = await runJobs(jobs, workerCount(jobs.length, args.jobs), script, bar.tick);
  bar.end();
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

  crossFileFindings(jobs, outcomes);
  const all: FileResult[] = outcomes.flatMap((o) => (o.result ? [o.result] : []));
  const count = (sev: string) => all.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === sev).length, 0);
  const shown = args.quiet ? all.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : all;
  for (const e of errors) io.err(e);
  const env = io.env ?? process.env;
  const color = args.color ?? (!!io.stdoutTty && env.NO_COLOR === undefined);
  if (args.format === 'json') io.out(formatJson(shown));
  else if (args.format === 'sarif') io.out(formatSarif(shown));
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
