/**
 * “导出工作区所有报告的表格”: the folder as a dataset, written by the bundled CLI itself
 * (`dist/cli.js export <folder> --format csv|jsonl -o <file>`), so the editor and the command line give the
 * same file for the same folder, byte for byte. The CLI runs as a child process (child_process.fork, which
 * works in Electron and in code-server alike) with the folder as its working directory, so the 文件 column
 * holds paths relative to the folder, as `cd <folder> && xxgk-report export .` writes them; for several
 * folders at once, the working directory is their common parent. Progress is a cancellable notification
 * (cancelling ends the child: the target file is left as it was, the CLI writes it only at the end), and a
 * summary says how many files and rows were written and what the CLI reported on stderr.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { t } from './l10n';

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportOptions {
  /** The folder to export, or 'all' (asked when there are several and none is given). */
  folder?: vscode.Uri | 'all';
  format?: ExportFormat;
  /** Where to write (asked with a save dialog when not given). */
  target?: vscode.Uri;
}

export interface ExportResult {
  target: string;
  format: ExportFormat;
  /** The CLI's arguments and working directory: the same command run by hand writes the same file. */
  args: string[];
  cwd: string;
  code: number | null;
  cancelled: boolean;
  files: number;
  rows: number;
  stderr: string[];
  summary: string;
}

/** The CLI command line that writes the same file (shown in the summary's details). */
export function cliArgs(folders: string[], format: ExportFormat, target: string): { cwd: string; args: string[] } {
  const cwd = folders.length === 1 ? folders[0] : commonParent(folders);
  const rel = folders.map((f) => path.relative(cwd, f) || '.');
  // A folder on another drive (Windows) cannot be relative: given by its absolute path.
  const paths = rel.map((r, i) => (path.isAbsolute(r) ? folders[i] : r));
  return { cwd, args: ['export', ...paths, '--format', format, '-o', target] };
}

function commonParent(dirs: string[]): string {
  let common = path.resolve(dirs[0]);
  for (const d of dirs.slice(1)) {
    const abs = path.resolve(d);
    while (common !== path.dirname(common) && abs !== common && !abs.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) common = path.dirname(common);
  }
  return common;
}

/** Counts the records of a CSV the CLI wrote (quoted fields may hold commas, quotes and line breaks). */
export function countCsv(text: string): { rows: number; files: number } {
  const body = text.replace(/^\ufeff/, '');
  const files = new Set<string>();
  let rows = 0;
  let field = '';
  let col = 0;
  let quoted = false;
  let first = true;
  const endRecord = () => {
    if (!first) rows++;
    first = false;
    col = 0;
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      if (col === 0 && !first) files.add(field);
      col++;
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field || col) endRecord();
  return { rows, files: files.size };
}

function countJsonl(text: string): { rows: number; files: number } {
  const files = new Set<string>();
  let rows = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    rows++;
    try {
      files.add(String((JSON.parse(line) as Record<string, unknown>)['文件']));
    } catch {
      // not an object: counted as a row all the same
    }
  }
  return { rows, files: files.size };
}

export async function exportWorkspace(context: vscode.ExtensionContext, options: ExportOptions = {}): Promise<ExportResult | undefined> {
  const local = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!local.length) {
    void vscode.window.showWarningMessage(t('导出工作区的表格需要本机文件夹'));
    return undefined;
  }
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  if (!fs.existsSync(cli)) {
    void vscode.window.showErrorMessage(t('扩展中缺少命令行程序（{0}）', 'dist/cli.js'));
    return undefined;
  }

  // 1. Which folder (several: one of them, or all).
  let folders: vscode.WorkspaceFolder[];
  if (options.folder === 'all') folders = local;
  else if (options.folder) {
    const f = local.find((x) => x.uri.toString() === (options.folder as vscode.Uri).toString());
    if (!f) return undefined;
    folders = [f];
  } else if (local.length === 1) folders = local;
  else {
    const all = { label: t('全部文件夹'), description: t('{0} 个文件夹', local.length), folders: local };
    const pick = await vscode.window.showQuickPick([...local.map((f) => ({ label: f.name, description: f.uri.fsPath, folders: [f] })), all], { title: t('导出工作区所有报告的表格'), placeHolder: t('导出哪个文件夹中的报告') });
    if (!pick) return undefined;
    folders = pick.folders;
  }

  // 2. CSV or JSON Lines.
  let format = options.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: t('UTF-8 带 BOM，Excel 可直接打开'), format: 'csv' as const },
        { label: 'JSON Lines', description: t('每行一个 JSON 对象，便于程序处理'), format: 'jsonl' as const },
      ],
      { title: t('导出工作区所有报告的表格'), placeHolder: t('导出格式') },
    );
    if (!pick) return undefined;
    format = pick.format;
  }

  // 3. Where.
  const name = folders.length === 1 ? folders[0].name : t('工作区');
  let target = options.target;
  if (!target) {
    target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folders[0].uri, `${name}.统计表.${format}`),
      filters: format === 'csv' ? { [t('CSV（Excel 可打开）')]: ['csv'] } : { 'JSON Lines': ['jsonl'] },
      title: t('导出工作区所有报告的表格'),
      saveLabel: t('导出'),
    });
    if (!target) return undefined;
  }
  if (target.scheme !== 'file') {
    void vscode.window.showWarningMessage(t('只能导出到本机文件'));
    return undefined;
  }

  // 4. The CLI, as a child process.
  const language = vscode.workspace.getConfiguration('xxgk-report', folders[0].uri).get<string>('language') === 'en' ? 'en' : 'zh-cn';
  const { cwd, args } = cliArgs(
    folders.map((f) => f.uri.fsPath),
    format,
    target.fsPath,
  );
  const fullArgs = [...args, '--lang', language];
  const before = statTime(target.fsPath);
  const started = Date.now();
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('正在导出 {0} 中所有报告的表格…', name), cancellable: true },
    (progress, token) =>
      new Promise<{ code: number | null; stderr: string; cancelled: boolean }>((resolve) => {
        const child = fork(cli, fullArgs, { cwd, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
        let stderr = '';
        let cancelled = false;
        child.stderr?.setEncoding('utf8');
        child.stderr?.on('data', (d: string) => (stderr += d));
        const sub = token.onCancellationRequested(() => {
          cancelled = true;
          child.kill();
        });
        const tick = setInterval(() => progress.report({ message: t('已用 {0} 秒', Math.round((Date.now() - started) / 1000)) }), 1000);
        const done = (code: number | null) => {
          clearInterval(tick);
          sub.dispose();
          resolve({ code, stderr, cancelled });
        };
        child.on('error', (e) => {
          stderr += `${e.message}\n`;
          done(null);
        });
        child.on('exit', (code) => done(code));
      }),
  );
  const stderr = run.stderr.split(/\r?\n/).filter((l) => l.trim());
  const result: ExportResult = { target: target.toString(), format, args, cwd, code: run.code, cancelled: run.cancelled, files: 0, rows: 0, stderr, summary: '' };
  if (run.cancelled) {
    result.summary = t('已取消导出，{0} 未改动', path.basename(target.fsPath));
    void vscode.window.showInformationMessage(result.summary);
    return result;
  }
  const after = statTime(target.fsPath);
  const written = after !== undefined && after !== before;
  if (!written) {
    result.summary = t('导出失败：{0}', stderr.slice(-3).join('；') || t('命令行程序退出码 {0}', String(run.code)));
    void vscode.window.showErrorMessage(result.summary, ...(stderr.length ? [t('详细信息')] : [])).then((a) => {
      if (a) void vscode.window.showInformationMessage(stderr.join('\n'), { modal: true });
    });
    return result;
  }
  const text = fs.readFileSync(target.fsPath, 'utf8');
  const counted = format === 'csv' ? countCsv(text) : countJsonl(text);
  result.files = counted.files;
  result.rows = counted.rows;
  const command = `xxgk-report ${args.map(quote).join(' ')}`;
  result.summary = t('已导出 {0} 个文件的 {1} 行到 {2}', counted.files, counted.rows, path.basename(target.fsPath)) + (run.code === 2 ? t('；有文件未能读取（{0} 条说明）', stderr.length) : stderr.length ? t('（{0} 条说明）', stderr.length) : '');
  const open = t('打开');
  const details = t('详细信息');
  const show = run.code === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(result.summary, open, details).then((a) => {
    if (a === open) void vscode.window.showTextDocument(target);
    else if (a === details) void vscode.window.showInformationMessage([...stderr, '', t('在命令行中得到同样的文件：'), `cd ${quote(cwd)}`, command].join('\n'), { modal: true });
  });
  return result;
}

function statTime(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function quote(s: string): string {
  return /^[\w./:=-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}
