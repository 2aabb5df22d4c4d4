/** The CLI's options and config file, as a process (dist/cli.js) and in-process (progress bar, TTY colour). */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli';
import { ROOT, SEEDS, seedNames } from '../support/fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const run = (args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', input: opts.input, env: { ...process.env, ...opts.env } });
const SHUNHE = join(SEEDS, 'shunhe-district-2020.txt');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-cli-'));

describe('cli options', () => {
  it('--version prints package.json’s version; -v too', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    strictEqual(run(['--version']).stdout.trim(), pkg.version);
    strictEqual(run(['-v']).stdout.trim(), pkg.version);
  });
  it('help in Chinese, in English with --lang en; no arguments is help, exit 0', () => {
    const zh = run(['--help']);
    strictEqual(zh.status, 0);
    ok(zh.stdout.includes('用法') && zh.stdout.includes('--max-warnings'));
    const en = run(['--help', '--lang', 'en']);
    ok(en.stdout.startsWith('Usage:') && en.stdout.includes('--max-warnings'));
    strictEqual(run([]).status, 0);
    ok(run(['check', '--lang=en', '--frobnicate', 'x']).stderr.includes('Usage:'));
  });
  it('--format=json is the same as --format json', () => {
    const a = run(['check', '--format=json', SHUNHE]);
    strictEqual(a.status, 0);
    strictEqual(a.stdout, run(['check', '--format', 'json', SHUNHE]).stdout);
  });
  it('usage errors exit 2 with a message', () => {
    for (const [args, text] of [
      [['check', '--format', 'xml', SHUNHE], '--format'],
      [['check', '--rule', 'nope=off', SHUNHE], 'nope'],
      [['check', '--rule', 'blank-cell=loud', SHUNHE], 'blank-cell'],
      [['check', '--rule', 'blank-cell', SHUNHE], '--rule'],
      [['check', '--max-warnings', 'x', SHUNHE], '--max-warnings'],
      [['check', '--jobs', '0', SHUNHE], '--jobs'],
      [['check', '--tables', '3', SHUNHE], '--tables'],
      [['export', '--fix', SHUNHE], '--fix'],
      [['check', '--fix', '-'], '--fix'],
      [['check', '--color', '--no-color', SHUNHE], '--color'],
      [['check', '--format'], '--format'],
      [['check'], '文件或文件夹'],
      [['frobnicate'], 'frobnicate'],
      [['check', '--bogus', SHUNHE], '--bogus'],
    ] as const) {
      const r = run([...args]);
      strictEqual(r.status, 2, args.join(' '));
      ok(r.stderr.includes(text), `${args.join(' ')}: ${r.stderr.slice(0, 200)}`);
    }
  });
  it('--rule code=level, repeatable, changes levels and turns rules off', () => {
    const r = run(['check', '--format', 'json', '--rule', 'narrative-mismatch=error', '--rule', 'blank-cell=off', SHUNHE]);
    strictEqual(r.status, 1);
    deepStrictEqual(JSON.parse(r.stdout).files[0].diagnostics.map((d: { severity: string }) => d.severity), ['error', 'error']);
    strictEqual(run(['check', '--rule', 'narrative-mismatch=off', '--format', 'json', SHUNHE]).stdout.includes('narrative-mismatch'), false);
  });
  it('--max-warnings N: exit 1 over N, 0 at N', () => {
    strictEqual(run(['check', '--max-warnings', '2', SHUNHE]).status, 0);
    const r = run(['check', '--max-warnings', '1', SHUNHE]);
    strictEqual(r.status, 1);
    ok(r.stderr.includes('--max-warnings 1'));
  });
  it('--quiet shows errors only (exit code unchanged)', () => {
    const r = run(['check', '--quiet', 'test/fixtures/seeds']);
    strictEqual(r.status, 0);
    strictEqual(r.stdout.trim().split('\n').length, 1);
    const loud = run(['check', '--quiet', '--rule', 'narrative-mismatch=error', SHUNHE]);
    strictEqual(loud.status, 1);
    strictEqual(loud.stdout.trim().split('\n').length, 3);
  });
  it('- reads stdin (shown as <stdin>), config searched from the working folder', () => {
    const text = readFileSync(SHUNHE, 'utf8');
    const r = run(['check', '-'], { input: text });
    strictEqual(r.status, 0);
    ok(r.stdout.startsWith('<stdin>:21:46 warning narrative-mismatch'), r.stdout);
    const dir = tmp();
    writeFileSync(join(dir, '.xxgk-report.json'), '{"rules": {"narrative-mismatch": "off"}}');
    ok(!run(['check', '-'], { input: text, cwd: dir }).stdout.includes('narrative-mismatch'));
  });
  it('colour only on a terminal or with --color; --no-color and NO_COLOR turn it off', async () => {
    const capture = async (args: string[], tty: boolean, env: Record<string, string> = {}) => {
      let out = '';
      await main(args, { out: (s) => (out += s), err: () => undefined, stdoutTty: tty, env }, join(ROOT, 'out', 'server', 'src', 'cli.js'));
      return out;
    };
    ok((await capture(['check', SHUNHE], true)).includes('\x1b[33mwarning'));
    ok(!(await capture(['check', SHUNHE], false)).includes('\x1b['));
    ok(!(await capture(['check', '--no-color', SHUNHE], true)).includes('\x1b['));
    ok(!(await capture(['check', SHUNHE], true, { NO_COLOR: '1' })).includes('\x1b['));
    ok((await capture(['check', '--color', SHUNHE], false)).includes('\x1b['));
    ok(!run(['check', SHUNHE]).stdout.includes('\x1b['), 'piped: no colour');
  });
  it('a progress bar on stderr only on a terminal, for a long batch', async () => {
    const dir = tmp();
    for (let i = 0; i < 120; i++) copyFileSync(join(SEEDS, seedNames()[i % 5]), join(dir, `r${i}.txt`));
    for (const tty of [true, false]) {
      const bars: string[] = [];
      const errs: string[] = [];
      await main(['check', '-j', '1', dir], { out: () => undefined, err: (s) => errs.push(s), stderrTty: tty, progress: (s) => bars.push(s) });
      if (tty) ok(bars.some((b) => b.includes('120/120')) && bars[bars.length - 1] === '\r\x1b[K', JSON.stringify(bars.slice(-2)));
      else strictEqual(bars.length, 0);
      deepStrictEqual(errs, []);
    }
  });
});

describe('cli config file', () => {
  const setup = (config: string, name = '.xxgk-report.json') => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    copyFileSync(SHUNHE, join(dir, 'sub', 'deeper', 'shunhe.txt'));
    writeFileSync(join(dir, name), config);
    return dir;
  };
  it('a config file above the report changes the result', () => {
    const dir = setup('{"rules": {"narrative-mismatch": "error"}}');
    const r = run(['check', dir]);
    strictEqual(r.status, 1, r.stderr);
    ok(r.stdout.includes('error narrative-mismatch'));
    const off = run(['check', join(dir, 'sub')], { cwd: tmpdir() });
    strictEqual(off.status, 1);
  });
  it('.jsonc with comments; the command line wins; --no-config ignores it', () => {
    const dir = setup('// 关闭\n{"rules": {"narrative-mismatch": "off",},}', '.xxgk-report.jsonc');
    ok(!run(['check', dir]).stdout.includes('narrative-mismatch'));
    ok(run(['check', '--rule', 'narrative-mismatch=warning', dir]).stdout.includes('warning narrative-mismatch'));
    ok(run(['check', '--no-config', dir]).stdout.includes('warning narrative-mismatch'));
  });
  it('--config names one (no search)', () => {
    const dir = setup('{"rules": {"narrative-mismatch": "off"}}');
    const other = join(tmp(), 'strict.json');
    writeFileSync(other, '{"rules": {"narrative-mismatch": "error"}}');
    const r = run(['check', '--config', other, dir]);
    strictEqual(r.status, 1);
    ok(r.stdout.includes('error narrative-mismatch'));
  });
  it('a config file format applies (2019 forced on a 2020 report gives format-mismatch)', () => {
    const dir = setup('{"format": "2019"}');
    const j = JSON.parse(run(['check', '--format', 'json', dir]).stdout);
    strictEqual(j.files[0].format, '2019');
  });
  it('a broken config file: exit 2, a message naming the file and the key; files under it are not checked, others are', () => {
    const dir = setup('{\n  "rules": {"narrative-mismatch": "of"}\n}');
    const r = run(['check', '--format', 'json', dir, SHUNHE]);
    strictEqual(r.status, 2);
    ok(r.stderr.includes(`${join(dir, '.xxgk-report.json')}:2:13：配置键“rules.narrative-mismatch”`), r.stderr);
    strictEqual(JSON.parse(r.stdout).files.length, 1);
    const bad = run(['check', '--config', join(dir, 'nope.json'), SHUNHE]);
    strictEqual(bad.status, 2);
    ok(bad.stderr.includes('nope.json') && bad.stderr.includes('配置文件不存在'));
    const syntax = setup('{"rules": ');
    ok(run(['check', syntax]).stderr.includes('不是有效的 JSON'));
    const editorOnly = setup('{"run": "onSave"}');
    const e = run(['check', '--lang', 'en', editorOnly]);
    strictEqual(e.status, 2);
    ok(e.stderr.includes('config key "run"') && e.stderr.includes('editor setting'), e.stderr);
  });
});

describe('cli worker threads', () => {
  it('parallel output is byte-identical to the sequential run, carry-over pairs included', () => {
    const dir = tmp();
    const names = seedNames();
    for (let i = 0; i < 60; i++) copyFileSync(join(SEEDS, names[i % names.length]), join(dir, `r${String(i).padStart(2, '0')}.txt`));
    // A pair of one body's adjacent years, so the cross-file rule has work to do.
    const shunhe = readFileSync(SHUNHE, 'utf8');
    writeFileSync(join(dir, 'z2021.txt'), shunhe.replace(/2020/g, '2021'));
    writeFileSync(join(dir, 'gb.txt'), 'x');
    const seq = run(['check', '--format', 'json', '-j', '1', dir]);
    const par = run(['check', '--format', 'json', '-j', '2', dir]);
    strictEqual(par.status, seq.status);
    strictEqual(par.stdout, seq.stdout);
    strictEqual(par.stderr, seq.stderr);
    ok(seq.stdout.includes('carry-over-mismatch'));
    strictEqual(JSON.parse(seq.stdout).files.length, 62);
    strictEqual(run(['check', '-j', '3', dir]).stdout, run(['check', '-j', '1', dir]).stdout);
  });
});
