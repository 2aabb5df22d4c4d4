/** xxgk-report: check annual reports from the command line (text, JSON, SARIF), same core. */
import { Stats, realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ChangedMeanwhile, writeFileAtomicSync } from './atomic-write';
import { FoundFile, collectFiles, inside, isProblem, problemMessage, readRegularFileSync } from './fs-walk';
import {
  CheckOptions,
  FileResult,
  Finding,
  RULE_INFO,
  Report,
  fixAll,
  parseReport,
  runRules,
  runSetRules,
  setLocale,
  toFileResult,
} from './core/index';
import { t } from './core/i18n';

type OutputFormat = 'text' | 'json' | 'sarif';
const VERSION = '0.1.0';

export function usage(): string {
  return [
    t('用法：xxgk-report check [选项] <文件或文件夹…>'),
    '',
    t('选项：'),
    t('  --format text|json|sarif   输出格式（默认 text）'),
    t('  --fix                      把安全的修复写回文件'),
    t('  --report-format auto|2019|2021  报告格式（默认 auto，按表格识别）'),
    t('  --lang zh-cn|en            消息语言（默认 zh-cn）'),
    t('  -h, --help                 显示帮助'),
    '',
    t('退出码：0 没有错误；1 发现错误；2 用法或读写错误'),
  ].join('\n');
}

interface Args {
  format: OutputFormat;
  fix: boolean;
  reportFormat: CheckOptions['format'];
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { format: 'text', fix: false, reportFormat: 'auto', paths: [] };
  if (argv[0] !== 'check') return argv.length && !['-h', '--help'].includes(argv[0]) ? t('未知命令“{0}”', argv[0]) : '';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? '';
    if (a === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return t('--format 只能是 text、json 或 sarif');
      args.format = v;
    } else if (a === '--fix') args.fix = true;
    else if (a === '--report-format') {
      const v = value();
      if (v !== 'auto' && v !== '2019' && v !== '2021') return t('--report-format 只能是 auto、2019 或 2021');
      args.reportFormat = v;
    } else if (a === '--lang') {
      const v = value();
      if (v !== 'zh-cn' && v !== 'en') return t('--lang 只能是 zh-cn 或 en');
      setLocale(v);
    } else if (a === '-h' || a === '--help') return '';
    else if (a.startsWith('-')) return t('未知选项“{0}”', a);
    else args.paths.push(a);
  }
  if (!args.paths.length) return t('请给出要检查的文件或文件夹');
  return args;
}

const isTxt = (name: string) => name.toLowerCase().endsWith('.txt');

/**
 * Writes a fixed text back: only a writable regular file inside the checked folder, atomically (a temporary
 * file beside it, fsync, rename), and only if nobody changed it since it was read. A message when refused.
 */
function writeFix(file: FoundFile, read: { bytes: Buffer; stats: Stats }, data: Buffer): string | undefined {
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(file.path);
    st = statSync(real);
  } catch (e) {
    return t('{0}：写回失败（{1}），原文件未改动', file.path, (e as Error).message);
  }
  if (!inside(real, file.root)) return t('{0}：符号链接指向所检查的文件夹之外，未写回修复', file.path);
  if (!st.isFile() || st.ino !== read.stats.ino || st.dev !== read.stats.dev) {
    // Replaced since it was read: fine if another run already wrote this very fix, else left alone.
    const now = readRegularFileSync(real);
    return !isProblem(now) && now.bytes.equals(data) ? undefined : t('{0}：检查期间文件被其他程序修改，未写回修复', file.path);
  }
  // Checked by mode, not access(2): root may write anything, but a read-only report is meant to stay as it is.
  if ((st.mode & 0o222) === 0) return t('{0}：文件是只读的，未写回修复', file.path);
  let current: Buffer | undefined;
  try {
    writeFileAtomicSync(real, data, () => {
      const now = readRegularFileSync(real);
      current = isProblem(now) ? undefined : now.bytes;
      return !!current && current.equals(read.bytes);
    });
  } catch (e) {
    if (e instanceof ChangedMeanwhile) {
      // Another run wrote the very same fix first: that is success, not a conflict.
      return current?.equals(data) ? undefined : t('{0}：检查期间文件被其他程序修改，未写回修复', file.path);
    }
    return t('{0}：写回失败（{1}），原文件未改动', file.path, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  return undefined;
}

export interface Decoded {
  text: string;
  bom: boolean;
  encoding: 'utf-8' | 'gb18030';
}

/** UTF-8 (with or without BOM); GB18030 when the bytes are not UTF-8; binary is refused. */
export function decode(bytes: Buffer): Decoded | string {
  if (bytes.includes(0)) return t('不是文本文件（含有 NUL 字节）');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom, encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), bom: false, encoding: 'gb18030' };
    } catch {
      return t('无法识别文件编码（既不是 UTF-8 也不是 GB18030）');
    }
  }
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function sarif(results: FileResult[]): unknown {
  const rules = RULE_INFO.map((r) => ({
    id: r.code,
    name: r.code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: `https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/${r.code}.md`,
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'xxgk-report', version: VERSION, informationUri: 'https://github.com/xxgk-report/xxgk-report', rules } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: (f.path ?? '').split('\\').join('/') },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    if (parsed) err(parsed);
    (parsed ? err : out)(usage());
    return parsed ? 2 : 0;
  }
  const errors: string[] = [];
  const { files, problems } = collectFiles(parsed.paths, isTxt);
  for (const p of problems) errors.push(problemMessage(p));
  const options: CheckOptions = { format: parsed.reportFormat };
  const checked: Array<{ path: string; report: Report; findings: Finding[] }> = [];
  // A long batch on a terminal shows its progress on stderr (never in the output proper).
  const progress = files.length > 100 && process.stderr.isTTY;
  for (const [n, found] of files.entries()) {
    if (progress && n % 50 === 0) process.stderr.write(`\r${t('已检查 {0}/{1}', n, files.length)}`);
    const file = found.path;
    // Only regular files, never more than MAX_FILE_BYTES: a FIFO or /dev/zero named *.txt is refused, not read.
    const read = readRegularFileSync(file);
    if (isProblem(read)) {
      errors.push(problemMessage(read));
      continue;
    }
    const decoded = decode(read.bytes);
    if (typeof decoded === 'string') {
      errors.push(`${file}：${decoded}`);
      continue;
    }
    if (decoded.encoding === 'gb18030') err(t('{0}：按 GB18030 编码读取', file));
    let text = decoded.text;
    if (parsed.fix) {
      const fixed = fixAll(text, options);
      if (fixed.text !== text) {
        if (decoded.encoding !== 'utf-8') errors.push(t('{0}：GB18030 编码的文件不写回，请先转为 UTF-8', file));
        else {
          const refused = writeFix(found, read, Buffer.from((decoded.bom ? '\ufeff' : '') + fixed.text, 'utf8'));
          if (refused) errors.push(refused);
          else {
            err(t('{0}：已修复 {1} 处', file, fixed.fixed));
            text = fixed.text;
          }
        }
      }
    }
    const report = parseReport(text, options);
    const shown = relative(process.cwd(), resolve(file)) || file;
    checked.push({ path: shown, report, findings: runRules(report, options) });
  }
  if (progress) process.stderr.write('\r\x1b[K');
  const cross = runSetRules(checked.map((c) => c.report), options);
  for (const c of checked) {
    const extra = cross.get(c.report);
    if (extra?.length) c.findings.push(...extra);
  }
  const results = checked.map((c) => toFileResult(c.report, c.findings, c.path));
  for (const e of errors) err(e);
  if (parsed.format === 'json') out(JSON.stringify({ version: 1, files: results }, null, 2));
  else if (parsed.format === 'sarif') out(JSON.stringify(sarif(results), null, 2));
  else {
    const lines: string[] = [];
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const r of results) {
      for (const d of r.diagnostics) {
        lines.push(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
        counts[d.severity]++;
      }
    }
    lines.push(t('检查了 {0} 个文件：{1} 个错误，{2} 个警告，{3} 个提示', results.length, counts.error, counts.warning, counts.information + counts.hint));
    out(lines.join('\n'));
  }
  if (errors.length) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
