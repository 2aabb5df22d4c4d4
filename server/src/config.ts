/**
 * The config file: `.xxgk-report.json` or `.xxgk-report.jsonc` (JSON with comments and trailing commas),
 * found by searching upward from each checked file's folder; the nearest one applies (markdownlint-cli2
 * style). It holds what a check needs: `rules` (level per code or `off`) and `format`. The CLI and the
 * language server both read it through this module; a broken file gives problems that name the file, the
 * key and the line, and nothing of it is used.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { t } from './core/i18n';
import { CheckSettings, ConfigFileSchema, EDITOR_ONLY_KEYS } from './settings';

/** The names looked for in each folder, in this order (the first one present wins). */
export const CONFIG_NAMES = ['.xxgk-report.json', '.xxgk-report.jsonc'] as const;

export interface ConfigProblem {
  /** The key path (`rules.blank-cel`), empty for a syntax error. */
  key: string;
  message: string;
  /** Offsets in the file text (UTF-16), for a diagnostic; 0-based line and column for a message. */
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  settings: Partial<CheckSettings>;
  /** Non-empty when the file is broken: then `settings` is empty. */
  problems: ConfigProblem[];
}

// --- JSONC: a small parser that keeps where each key is (for messages and diagnostics).

class JsoncError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Parsed {
  value: unknown;
  /** Key path (joined with '\u0000') → the span of the key as written. */
  keys: Map<string, { start: number; end: number }>;
}

export function parseJsonc(text: string): Parsed {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const keys = new Map<string, { start: number; end: number }>();
  const fail = (msg: string, at = i): never => {
    throw new JsoncError(msg, Math.min(at, text.length));
  };
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail(t('注释没有结束'));
        i = end + 2;
      } else return;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') break;
      i++;
    }
    if (text[i] !== '"') fail(t('字符串没有结束'), start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail(t('字符串中有无效的转义'), start);
    }
  };
  const value = (path: string[], depth: number): unknown => {
    if (depth > 64) fail(t('嵌套太深'));
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return obj;
        }
        if (text[i] !== '"') fail(t('此处应为键（带双引号的字符串）或 }'));
        const kStart = i;
        const key = string();
        keys.set([...path, key].join('\u0000'), { start: kStart, end: i });
        skip();
        if (text[i] !== ':') fail(t('此处应为冒号'));
        i++;
        obj[key] = value([...path, key], depth + 1);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail(t('此处应为逗号或 }'));
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value([...path, String(arr.length)], depth + 1));
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail(t('此处应为逗号或 ]'));
      }
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) fail(i >= text.length ? t('文件意外结束') : t('此处应为值'));
    i += m![0].length;
    return JSON.parse(m![0]);
  };
  const v = value([], 0);
  skip();
  if (i < text.length) fail(t('值之后还有多余的内容'));
  return { value: v, keys };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last - 1 };
}

/** Validates a config file's text. Pure: no file system. */
export function parseConfigText(text: string): { settings: Partial<CheckSettings>; problems: ConfigProblem[] } {
  const problem = (key: string, message: string, start: number, end: number): ConfigProblem => ({ key, message, start, end, ...lineCol(text, start) });
  let parsed: Parsed;
  try {
    parsed = parseJsonc(text);
  } catch (e) {
    if (!(e instanceof JsoncError)) throw e;
    return { settings: {}, problems: [problem('', t('不是有效的 JSON：{0}', e.message), e.offset, Math.min(e.offset + 1, text.length))] };
  }
  if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { settings: {}, problems: [problem('', t('配置文件应为一个 JSON 对象'), 0, Math.min(1, text.length))] };
  }
  const r = ConfigFileSchema.safeParse(parsed.value);
  if (r.success) {
    const { $schema: _, ...settings } = r.data;
    // Only what the file says: an absent key must not override anything with its default.
    const given = parsed.value as Record<string, unknown>;
    return { settings: { ...(given.rules !== undefined ? { rules: settings.rules } : {}), ...(given.format !== undefined ? { format: settings.format } : {}), ...(given.copiedShare !== undefined ? { copiedShare: settings.copiedShare } : {}) }, problems: [] };
  }
  const problems: ConfigProblem[] = [];
  for (const issue of r.error.issues) {
    const base = issue.path.map(String);
    // An unknown key (or a rule code that does not exist) is reported at that key.
    const names = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...base, k]) : [base];
    for (const path of names) {
      const key = path.join('.');
      const at = parsed.keys.get(path.join('\u0000')) ?? { start: 0, end: Math.min(1, text.length) };
      const last = path[path.length - 1];
      let message: string;
      if (path[0] === 'rules' && path.length === 2 && (issue.code === 'unrecognized_keys' || issue.code === 'invalid_key')) message = t('没有代码为“{0}”的规则', last);
      else if (issue.code === 'unrecognized_keys' && path.length === 1 && EDITOR_ONLY_KEYS.includes(last)) {
        message = t('“{0}”是编辑器设置，请写在 VS Code 设置（xxgk-report.{0}）中，配置文件只接受 rules、format 和 copiedShare', last);
      } else if (issue.code === 'unrecognized_keys') message = t('未知的键“{0}”（只接受 rules、format、copiedShare 和 $schema）', key);
      else if (path[0] === 'rules' && path.length === 2) message = t('“{0}”的级别只能是 off、hint、information、warning 或 error', last);
      else if (path[0] === 'rules') message = t('rules 应为对象，例如 {"blank-cell": "off"}');
      else if (path[0] === 'format') message = t('format 只能是 auto、2019 或 2021');
      else if (path[0] === 'copiedShare') message = t('copiedShare 是 0.1 到 1 之间的比例（默认 0.5）');
      else message = `${key}: ${issue.message}`;
      problems.push(problem(key, message, at.start, at.end));
    }
  }
  return { settings: {}, problems };
}

/** One line for a problem: `path:line:col：键 “k”：message`. */
export function configProblemMessage(path: string, p: ConfigProblem): string {
  const where = `${path}:${p.line + 1}:${p.column + 1}`;
  return p.key ? t('{0}：配置键“{1}”：{2}', where, p.key, p.message) : t('{0}：{1}', where, p.message);
}

/** Reads and validates one config file (named by --config, or found by the search). */
export function loadConfigFile(path: string): LoadedConfig {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? t('配置文件不存在') : t('无法读取配置文件（{0}）', code ?? String(e));
    return { path: abs, settings: {}, problems: [{ key: '', message, start: 0, end: 0, line: 0, column: 0 }] };
  }
  return { path: abs, ...parseConfigText(text) };
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Finds config files upward from folders, with a cache per folder (one search per folder for a batch).
 * `clear()` forgets everything (the server calls it when a config file changes).
 */
export class ConfigResolver {
  private found = new Map<string, string | null>();
  private loaded = new Map<string, LoadedConfig>();

  /** The nearest config file's path for a folder, or null. */
  locate(dir: string): string | null {
    dir = resolve(dir);
    const seen: string[] = [];
    let result: string | null = null;
    for (let d = dir; ; d = dirname(d)) {
      const cached = this.found.get(d);
      if (cached !== undefined) {
        result = cached;
        break;
      }
      seen.push(d);
      const hit = CONFIG_NAMES.map((n) => join(d, n)).find(isFile);
      if (hit) {
        result = hit;
        break;
      }
      if (dirname(d) === d) break;
    }
    for (const d of seen) this.found.set(d, result);
    return result;
  }

  /** The config that applies to a file (searching from its folder), or undefined when there is none. */
  forFile(file: string): LoadedConfig | undefined {
    const path = this.locate(dirname(resolve(file)));
    return path ? this.load(path) : undefined;
  }

  load(path: string): LoadedConfig {
    let c = this.loaded.get(path);
    if (!c) {
      c = loadConfigFile(path);
      this.loaded.set(path, c);
    }
    return c;
  }

  clear(): void {
    this.found.clear();
    this.loaded.clear();
  }
}
