/** Command-line arguments on node:util parseArgs: `--opt value` and `--opt=value`, validated into one object. */
import { parseArgs } from 'node:util';
import { CODES, Code, Locale, SeveritySetting } from '../core/index';
import { t } from '../core/i18n';
import { TABLE_NUMBERS, TableNumber } from '../core/export';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'csv';

export interface CommonArgs {
  paths: string[];
  config?: string;
  noConfig: boolean;
  /** Worker threads asked for (undefined: by the cores). */
  jobs?: number;
  locale: Locale;
}

export interface CheckArgs extends CommonArgs {
  command: 'check';
  format: CheckFormat;
  fix: boolean;
  /** Only when given on the command line (it then overrides the config file). */
  reportFormat?: 'auto' | '2019' | '2021';
  rules: Partial<Record<Code, SeveritySetting>>;
  maxWarnings?: number;
  quiet: boolean;
  color?: boolean;
}

export interface ExportArgs extends CommonArgs {
  command: 'export';
  format: 'csv' | 'jsonl';
  tables: TableNumber[];
  output?: string;
  reportFormat?: 'auto' | '2019' | '2021';
}

export interface ConvertArgs {
  command: 'convert';
  path: string;
  output?: string;
  locale: Locale;
}

export type Args = CheckArgs | ExportArgs | ConvertArgs | { command: 'help' | 'version'; locale: Locale } | { command: 'error'; message: string; locale: Locale };

const OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  'report-format': { type: 'string' },
  lang: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  tables: { type: 'string' },
  output: { type: 'string', short: 'o' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LEVELS = ['off', 'hint', 'information', 'warning', 'error'];
const CHECK_ONLY = ['fix', 'rule', 'max-warnings', 'quiet', 'color', 'no-color'] as const;
const EXPORT_ONLY = ['tables', 'output'] as const;

/** The locale asked for, found before anything else so that every message is in it. */
function preLocale(argv: string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--lang=en' || (argv[i] === '--lang' && argv[i + 1] === 'en')) return 'en';
  }
  return 'zh-cn';
}

export function parseCliArgs(argv: string[]): Args {
  const locale = preLocale(argv);
  const error = (message: string): Args => ({ command: 'error', message, locale });
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const name = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error(t('未知选项“{0}”', name));
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return error(t('选项 {0} 需要一个值', name));
    return error(err.message);
  }
  const v = parsed.values;
  if (v.lang !== undefined && v.lang !== 'zh-cn' && v.lang !== 'en') return error(t('--lang 只能是 zh-cn 或 en'));
  const [command, ...paths] = parsed.positionals;
  if (v.help) return { command: 'help', locale };
  if (v.version) return { command: 'version', locale };
  if (command === undefined) return { command: 'help', locale };
  if (command === 'convert') return convertArgs(v, paths, locale);
  if (command !== 'check' && command !== 'export') return error(t('未知命令“{0}”', command));
  const other = command === 'check' ? EXPORT_ONLY : CHECK_ONLY;
  for (const o of other) if (v[o] !== undefined) return error(t('选项 --{0} 不能用于 {1} 命令', o, command));
  if (!paths.length) return error(t('请给出要检查的文件或文件夹'));

  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    if (!/^\d+$/.test(v.jobs) || +v.jobs < 1) return error(t('--jobs 应为正整数'));
    jobs = +v.jobs;
  }
  const rf = v['report-format'];
  if (rf !== undefined && rf !== 'auto' && rf !== '2019' && rf !== '2021') return error(t('--report-format 只能是 auto、2019 或 2021'));
  const reportFormat: CheckArgs['reportFormat'] = rf;
  if (v.config !== undefined && v['no-config']) return error(t('--config 与 --no-config 不能同时使用'));
  const common = { paths, config: v.config, noConfig: !!v['no-config'], jobs, locale, reportFormat };

  if (command === 'export') {
    const format = v.format ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl') return error(t('export 的 --format 只能是 csv 或 jsonl'));
    let tables: TableNumber[] = TABLE_NUMBERS;
    if (v.tables !== undefined) {
      const list = v.tables.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
      const known: Record<string, TableNumber> = { '2': 2, '3': 3, '4': 4, 二: 2, 三: 3, 四: 4 };
      if (!list.length || list.some((s) => !(s in known))) return error(t('--tables 只能是 2、3、4 中的一个或几个，用逗号分隔'));
      tables = TABLE_NUMBERS.filter((n) => list.some((s) => known[s] === n));
    }
    return { command: 'export', ...common, format, tables, output: v.output };
  }

  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'csv') return error(t('--format 只能是 text、json、sarif 或 csv'));
  const rules: Partial<Record<Code, SeveritySetting>> = {};
  for (const r of v.rule ?? []) {
    const m = /^([^=:]+)[=:](.+)$/.exec(r.trim());
    if (!m) return error(t('--rule 应写成 代码=级别，例如 --rule blank-cell=off'));
    const [code, level] = [m[1].trim(), m[2].trim()];
    if (!(CODES as readonly string[]).includes(code)) return error(t('没有代码为“{0}”的规则', code));
    if (!LEVELS.includes(level)) return error(t('“{0}”的级别只能是 off、hint、information、warning 或 error', code));
    rules[code as Code] = level as SeveritySetting;
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) return error(t('--max-warnings 应为非负整数'));
    maxWarnings = +v['max-warnings'];
  }
  if (v.color && v['no-color']) return error(t('--color 与 --no-color 不能同时使用'));
  if (v.fix && paths.includes('-')) return error(t('--fix 不能用于标准输入'));
  const color = v.color ? true : v['no-color'] ? false : undefined;
  return { command: 'check', ...common, format, fix: !!v.fix, rules, maxWarnings, quiet: !!v.quiet, color };
}

const CONVERT_OPTIONS = ['output', 'lang', 'help', 'version'];

/** `convert <file> [-o out.txt]`: one file, only -o/--output (and --lang). */
function convertArgs(v: Record<string, unknown>, paths: string[], locale: Locale): Args {
  const error = (message: string): Args => ({ command: 'error', message, locale });
  for (const [k, value] of Object.entries(v)) if (value !== undefined && !CONVERT_OPTIONS.includes(k)) return error(t('选项 --{0} 不能用于 {1} 命令', k, 'convert'));
  if (paths.length !== 1 || paths[0] === '-') return error(t('convert 需要一个文件（.docx、.html、.htm、.pdf 或 .txt）'));
  return { command: 'convert', path: paths[0], output: v.output as string | undefined, locale };
}
