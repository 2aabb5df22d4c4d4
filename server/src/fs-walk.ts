/**
 * Finding and reading report files safely: folders are walked without following symlink loops or
 * links out of the folder, only regular files are read (never a FIFO or a device), and never more than
 * MAX_FILE_BYTES. Shared by the CLI (sync) and the server's checkFiles request (async).
 */
import { Stats, closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { t } from './core/i18n';

/** No report is anywhere near this; a bigger "report" is a mistake (a log, a device, a sparse file). */
export const MAX_FILE_MB = 50;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

/** O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after, by fstat). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type Problem =
  | { kind: 'missing' | 'loop' | 'dangling' | 'cycle' | 'outside' | 'bad-name' | 'too-large'; path: string }
  | { kind: 'not-regular'; path: string; what: string }
  | { kind: 'unreadable-dir' | 'io'; path: string; detail: string };

export interface FoundFile {
  path: string;
  /** Real path of the folder the file was found in (a file argument: its own folder); writes stay inside it. */
  root: string;
}

export function describeNonRegular(st: Stats): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}` : String(err?.message ?? e);
}

/** Is `p` (a real path) inside the real folder `root`? */
export function inside(p: string, root: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** The problem for a symlink whose target cannot be stat'ed. */
function linkProblem(path: string, e: unknown): Problem {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { kind: 'loop', path };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'dangling', path };
  return { kind: 'io', path, detail: errText(e) };
}

/**
 * Files to check under `paths`: folders are walked for names `accept` takes, in a stable order.
 * Every path that cannot be used becomes one Problem; nothing throws.
 */
export function collectFiles(paths: string[], accept: (name: string) => boolean): { files: FoundFile[]; problems: Problem[] } {
  const files: FoundFile[] = [];
  const problems: Problem[] = [];
  const key = (st: Stats) => `${st.dev}:${st.ino}`;
  const visited = new Set<string>();

  const walkDir = (dir: string, root: string, ancestors: Set<string>) => {
    let raw: Buffer[];
    try {
      raw = readdirSync(dir, { encoding: 'buffer' });
    } catch (e) {
      problems.push({ kind: 'unreadable-dir', path: dir, detail: errText(e) });
      return;
    }
    const entries = raw.map((b) => ({ raw: b, name: b.toString('utf8') })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.raw, b.raw)));
    for (const { raw: rawName, name } of entries) {
      const child = join(dir, name);
      const wanted = accept(name);
      if (!Buffer.from(name, 'utf8').equals(rawName)) {
        // The name cannot be shown or passed on faithfully; say so instead of guessing.
        let isDir = false;
        try {
          isDir = statSync(Buffer.concat([Buffer.from(dir + sep), rawName])).isDirectory();
        } catch {
          // treated as a file
        }
        if (wanted || isDir) problems.push({ kind: 'bad-name', path: child });
        continue;
      }
      let st: Stats;
      try {
        st = lstatSync(child);
      } catch (e) {
        // Just listed, yet not stat-able (a path too long, a race): whatever it was, it was not checked.
        problems.push({ kind: 'io', path: child, detail: errText(e) });
        continue;
      }
      if (st.isSymbolicLink()) {
        try {
          st = statSync(child);
        } catch (e) {
          if (wanted) problems.push(linkProblem(child, e));
          continue;
        }
        if (st.isDirectory()) {
          if (ancestors.has(key(st))) {
            problems.push({ kind: 'cycle', path: child });
            continue;
          }
          let real: string;
          try {
            real = realpathSync(child);
          } catch (e) {
            problems.push(linkProblem(child, e));
            continue;
          }
          let here = dir;
          try {
            here = realpathSync(dir);
          } catch {
            // keep the path as walked
          }
          // A link to the folder it is in, or to any folder above it, would be walked forever.
          if (inside(here, real)) {
            problems.push({ kind: 'cycle', path: child });
            continue;
          }
          if (!inside(real, root)) {
            problems.push({ kind: 'outside', path: child });
            continue;
          }
        }
      }
      if (st.isDirectory()) {
        const k = key(st);
        if (ancestors.has(k)) {
          problems.push({ kind: 'cycle', path: child });
          continue;
        }
        if (visited.has(k)) continue; // the same folder reached twice (through a link inside the folder)
        visited.add(k);
        walkDir(child, root, new Set([...ancestors, k]));
      } else if (wanted) {
        if (st.isFile()) files.push({ path: child, root });
        else problems.push({ kind: 'not-regular', path: child, what: describeNonRegular(st) });
      }
    }
  };

  for (const p of paths) {
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing', path: p } : { kind: 'io', path: p, detail: errText(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      try {
        st = statSync(p);
      } catch (e) {
        problems.push(linkProblem(p, e));
        continue;
      }
    }
    let real: string;
    try {
      real = realpathSync(p);
    } catch (e) {
      problems.push(linkProblem(p, e));
      continue;
    }
    if (st.isDirectory()) {
      const k = key(st);
      if (visited.has(k)) continue;
      visited.add(k);
      walkDir(p, real, new Set([k]));
    } else if (st.isFile()) files.push({ path: p, root: dirname(resolve(real)) });
    else problems.push({ kind: 'not-regular', path: p, what: describeNonRegular(st) });
  }
  return { files, problems };
}

export type ReadResult = { bytes: Buffer; stats: Stats } | Problem;

/** Reads a regular file, at most `max` bytes; anything else (FIFO, device, too big) is a Problem. */
export function readRegularFileSync(path: string, max = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing', path } : code === 'ELOOP' ? { kind: 'loop', path } : { kind: 'io', path, detail: errText(e) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'not-regular', path, what: describeNonRegular(stats) };
    if (stats.size > max) return { kind: 'too-large', path };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > max) return { kind: 'too-large', path }; // it grew while being read
    }
    return { bytes: Buffer.concat(chunks, total), stats };
  } catch (e) {
    return { kind: 'io', path, detail: errText(e) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}

/** The async twin of readRegularFileSync, for the language server (never blocks the event loop). */
export async function readRegularFile(path: string, max = MAX_FILE_BYTES): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'missing', path } : code === 'ELOOP' ? { kind: 'loop', path } : { kind: 'io', path, detail: errText(e) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { kind: 'not-regular', path, what: describeNonRegular(stats) };
    if (stats.size > max) return { kind: 'too-large', path };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return { kind: 'too-large', path };
    }
    return { bytes: Buffer.concat(chunks, total), stats };
  } catch (e) {
    return { kind: 'io', path, detail: errText(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export function isProblem(r: ReadResult): r is Problem {
  return 'kind' in r;
}

/** One clear line for a path that was not checked. */
export function problemMessage(p: Problem): string {
  switch (p.kind) {
    case 'missing':
      return t('{0}：文件不存在', p.path);
    case 'loop':
      return t('{0}：符号链接循环（指向自身），已跳过', p.path);
    case 'dangling':
      return t('{0}：符号链接指向不存在的文件，已跳过', p.path);
    case 'cycle':
      return t('{0}：符号链接指向上级文件夹（会无限循环），未进入', p.path);
    case 'outside':
      return t('{0}：符号链接指向所检查的文件夹之外，未进入', p.path);
    case 'bad-name':
      return t('{0}：文件名不是有效的 UTF-8，已跳过', p.path);
    case 'too-large':
      return t('{0}：文件超过 {1} MB 上限，未检查', p.path, MAX_FILE_MB);
    case 'not-regular':
      return t('{0}：不是普通文件（{1}），已跳过', p.path, p.what);
    case 'unreadable-dir':
      return t('{0}：无法读取文件夹（{1}），已跳过', p.path, p.detail);
    case 'io':
      return t('{0}：无法读取（{1}）', p.path, p.detail);
  }
}
