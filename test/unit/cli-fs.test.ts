/**
 * The CLI on hostile folders (symlink loops, dangling links, links to a parent, bad names, unreadable folders,
 * FIFOs, devices, huge files) and --fix writing safely (atomic, inside the folder, read-only respected,
 * concurrent runs). Always as a process, as a user runs it.
 */
import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, SEEDS, seedNames } from '../support/fixtures';
import { balancedData, renderReport } from '../support/generate';

const CLI = join(ROOT, 'dist', 'cli.js');
// A timeout: a CLI that hangs (on a FIFO, on /dev/zero) fails the test instead of stalling the suite.
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-fs-'));

/** A folder holding the five seeds: the files that must still be checked whatever else is there. */
function seededFolder(): string {
  const dir = tmp();
  for (const name of seedNames()) copyFileSync(join(SEEDS, name), join(dir, name));
  return dir;
}

/** Runs the CLI with --format json on `dir`: exit 2, JSON with exactly the seeds, and the stderr lines. */
function checkHostile(dir: string): string[] {
  const r = run(['check', '--format', 'json', dir]);
  strictEqual(r.error, undefined, `the CLI did not finish: ${r.error}`);
  strictEqual(r.status, 2, r.stderr);
  const files = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path.split(/[\\/]/).pop());
  deepStrictEqual(files, seedNames(), r.stderr);
  return r.stderr.trim().split('\n');
}

/** A report with one wrong total (--fix repairs it) and its repaired text. */
function damagedReport(seed: number, padding = 0): { bad: string; good: string } {
  const data = balancedData('2021', seed);
  const prose = padding ? `${'本机关持续做好政府信息公开工作。'.repeat(padding)}\n` : ''; // more prose in section 六
  const good = renderReport(data, 'tab') + prose;
  data.applications['3.7'][0] += 2;
  return { bad: renderReport(data, 'tab') + prose, good };
}

describe('cli on hostile folders', () => {
  it('symlink loop, dangling link, links to a parent and to the folder itself: one message each, exit 2, the rest checked', () => {
    const dir = seededFolder();
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    symlinkSync('nowhere.txt', join(dir, 'dangling.txt'));
    symlinkSync('..', join(dir, 'up'));
    symlinkSync('.', join(dir, 'self'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync('../..', join(dir, 'sub', 'upup'));
    const lines = checkHostile(dir);
    strictEqual(lines.length, 5, lines.join('\n'));
    ok(lines.some((l) => l.endsWith('loop.txt：符号链接循环（指向自身），已跳过')), lines.join('\n'));
    ok(lines.some((l) => l.endsWith('dangling.txt：符号链接指向不存在的文件，已跳过')), lines.join('\n'));
    for (const link of ['up', 'self', join('sub', 'upup')]) ok(lines.some((l) => l.endsWith(`${link}：符号链接指向上级文件夹（会无限循环），未进入`)), lines.join('\n'));
  });

  it('a file name that is not UTF-8 and folders that cannot be read: one message each, exit 2, the rest checked', () => {
    const dir = seededFolder();
    // "bad\xff.txt": Node shows such a name with U+FFFD, so it cannot be opened by the name it gives.
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'bad')), Buffer.from([0xff]), Buffer.from('.txt')]), readFileSync(join(SEEDS, seedNames()[0])));
    // A folder path longer than PATH_MAX: readdir/lstat fail with ENAMETOOLONG, whoever runs the test.
    const long = 'd'.repeat(250);
    const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 20); do mkdir ${long} && cd ${long} || exit 1; done && echo x > deep.txt`, 'bash', dir]);
    strictEqual(made.status, 0, String(made.stderr));
    // Mode 000: refuses a normal user; root (uid 0, as in CI containers) reads it anyway, so there it is checked.
    mkdirSync(join(dir, 'locked'));
    copyFileSync(join(SEEDS, seedNames()[0]), join(dir, 'locked', 'inside.txt'));
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const r = run(['check', '--format', 'json', dir]);
      strictEqual(r.status, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      const files = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path.split(/[\\/]/).pop());
      ok(lines.some((l) => l.endsWith('.txt：文件名不是有效的 UTF-8，已跳过') && l.includes('bad')), r.stderr);
      ok(lines.some((l) => /ENAMETOOLONG/.test(l) && l.includes(long)), r.stderr);
      if (process.getuid?.() === 0) {
        strictEqual(lines.length, 2, r.stderr);
        deepStrictEqual(files, ['inside.txt', ...seedNames()]);
      } else {
        strictEqual(lines.length, 3, r.stderr);
        ok(lines.some((l) => l.endsWith('locked：无法读取文件夹（EACCES），已跳过')), r.stderr);
        deepStrictEqual(files, seedNames());
      }
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
      spawnSync('rm', ['-rf', dir]);
    }
  });

  it('a FIFO and a link to /dev/zero named *.txt are refused, not read; a file over the size limit is not read', () => {
    const dir = seededFolder();
    strictEqual(spawnSync('mkfifo', [join(dir, 'fifo.txt')]).status, 0);
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 60 * 1024 * 1024); // sparse: costs no disk
    const started = Date.now();
    const lines = checkHostile(dir);
    ok(Date.now() - started < 10000);
    strictEqual(lines.length, 3, lines.join('\n'));
    ok(lines.some((l) => l.endsWith('fifo.txt：不是普通文件（FIFO），已跳过')), lines.join('\n'));
    ok(lines.some((l) => l.endsWith('zero.txt：不是普通文件（character device），已跳过')), lines.join('\n'));
    ok(lines.some((l) => l.endsWith('huge.txt：文件超过 50 MB 上限，未检查')), lines.join('\n'));
    // Named on the command line, too.
    const r = run(['check', join(dir, 'fifo.txt')]);
    strictEqual(r.status, 2);
    ok(r.stderr.includes('不是普通文件（FIFO）'));
  });
});

describe('cli --fix writes safely', () => {
  it('a read-only file is refused with one message (exit 2); the other files are still fixed', () => {
    const dir = tmp();
    const a = damagedReport(11);
    const b = damagedReport(12);
    writeFileSync(join(dir, 'a.txt'), a.bad);
    writeFileSync(join(dir, 'b.txt'), b.bad);
    chmodSync(join(dir, 'a.txt'), 0o444);
    const r = run(['check', '--fix', dir]);
    strictEqual(r.status, 2, r.stderr);
    const refusals = r.stderr.split('\n').filter((l) => l.includes('未写回'));
    deepStrictEqual(refusals, [`${join(dir, 'a.txt')}：文件是只读的，未写回修复`]);
    strictEqual(readFileSync(join(dir, 'a.txt'), 'utf8'), a.bad);
    strictEqual(statSync(join(dir, 'a.txt')).mode & 0o777, 0o444);
    strictEqual(readFileSync(join(dir, 'b.txt'), 'utf8'), b.good);
  });

  it('never writes through a symlink out of the checked folder; a link inside it is written through and stays a link', () => {
    const top = tmp();
    const dir = join(top, 'reports');
    const elsewhere = join(top, 'elsewhere');
    mkdirSync(dir);
    mkdirSync(elsewhere);
    const out = damagedReport(21);
    const inner = damagedReport(22);
    writeFileSync(join(elsewhere, 'target.txt'), out.bad);
    symlinkSync(join(elsewhere, 'target.txt'), join(dir, 'out.txt'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'inner.txt'), inner.bad);
    symlinkSync(join('real', 'inner.txt'), join(dir, 'link.txt'));
    const r = run(['check', '--fix', dir]);
    strictEqual(r.status, 2, r.stderr);
    ok(r.stderr.includes(`${join(dir, 'out.txt')}：符号链接指向所检查的文件夹之外，未写回修复`), r.stderr);
    strictEqual(readFileSync(join(elsewhere, 'target.txt'), 'utf8'), out.bad);
    strictEqual(readFileSync(join(dir, 'real', 'inner.txt'), 'utf8'), inner.good);
    ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink());
    // No temporary file is left behind.
    deepStrictEqual(readdirSync(join(dir, 'real')), ['inner.txt']);
  });

  it('a write that fails half-way leaves the original intact (temporary file, then rename)', () => {
    const dir = tmp();
    const big = damagedReport(31, 2000); // ~ 60 KB: over the 32 KB file-size limit below
    const small = damagedReport(32);
    ok(Buffer.byteLength(big.bad) > 40 * 1024 && Buffer.byteLength(small.bad) < 24 * 1024);
    writeFileSync(join(dir, 'big.txt'), big.bad);
    writeFileSync(join(dir, 'small.txt'), small.bad);
    // RLIMIT_FSIZE makes writing past 32 KB fail (EFBIG; SIGXFSZ ignored), like a full disk would.
    const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 32; exec "$0" "$@"`, process.execPath, CLI, 'check', '--fix', dir], { encoding: 'utf8', timeout: 20000 });
    strictEqual(r.status, 2, r.stderr);
    ok(r.stderr.includes(`${join(dir, 'big.txt')}：写回失败（EFBIG），原文件未改动`), r.stderr);
    strictEqual(readFileSync(join(dir, 'big.txt'), 'utf8'), big.bad);
    strictEqual(readFileSync(join(dir, 'small.txt'), 'utf8'), small.good);
    deepStrictEqual(readdirSync(dir).sort(), ['big.txt', 'small.txt']);
  });

  it('two --fix runs at once on one folder: every file is a full report afterwards, fixed exactly once', async () => {
    const dir = seededFolder();
    const expected = new Map<string, string>();
    for (let i = 0; i < 12; i++) {
      const { bad, good } = damagedReport(100 + i, 200);
      writeFileSync(join(dir, `damaged-${i}.txt`), bad);
      expected.set(`damaged-${i}.txt`, good);
    }
    // The seeds' own safe fixes (variant characters), as one run alone writes them.
    const alone = seededFolder();
    run(['check', '--fix', alone]);
    for (const name of seedNames()) expected.set(name, readFileSync(join(alone, name), 'utf8'));
    const once = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [CLI, 'check', '--fix', '--format', 'json', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        p.stderr!.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([once(), once()]);
    for (const r of results) ok(r.code === 0 || r.code === 1, r.stderr); // never 2: no refusal, no conflict
    for (const [name, text] of expected) strictEqual(readFileSync(join(dir, name), 'utf8'), text, name);
    deepStrictEqual(readdirSync(dir).sort(), [...expected.keys()].sort());
  });
});
