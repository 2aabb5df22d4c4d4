/**
 * The client: starts the language server over IPC and wires the editor side — content detection, the
 * language status, the table view, the reports view, ignores kept in workspace state, and the commands.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { registerDetection } from './detect';
import { ExportOptions, exportWorkspace } from './exportWorkspace';
import { openImported, registerImportOffers } from './importFile';
import { Ignores } from './ignores';
import { t } from './l10n';
import { StatusController, ServerStatus, applyLanguage } from './status';
import { ReportsView } from './reportsView';
import { TableView, revealSpan } from './tableView';

const LANGUAGE = 'xxgk-report';
let client: LanguageClient | undefined;

/** First year of the 2019 format, and of the 2021 one (国办公开办函〔2019〕60号, 〔2021〕30号). */
const FIRST_YEAR = 2019;
const FORMAT_2021_FROM = 2021;

export async function activate(context: vscode.ExtensionContext): Promise<unknown> {
  applyLanguage();
  registerDetection(context);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE }],
    synchronize: { configurationSection: LANGUAGE },
  };
  client = new LanguageClient(LANGUAGE, t('政府信息公开年度报告检查'), serverOptions, clientOptions);
  const lc = client;

  const status = new StatusController();
  const tableView = new TableView(lc, context.workspaceState);
  const ignores = new Ignores(context.workspaceState, lc);
  ignores.register(context);
  registerImportOffers(context, (uri) => vscode.commands.executeCommand('xxgk-report.openFile', uri));
  context.subscriptions.push(
    status,
    tableView,
    vscode.window.onDidChangeActiveTextEditor(() => applyLanguage()),
    vscode.commands.registerCommand('xxgk-report.showTableView', (uri?: string | vscode.Uri) => tableView.show(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
    vscode.commands.registerCommand('xxgk-report.revealOffset', async (uri: string | vscode.Uri, offset: number) => {
      const doc = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
      const end = doc.offsetAt(doc.getWordRangeAtPosition(doc.positionAt(offset), /[\d,.]+/)?.end ?? doc.positionAt(offset));
      await revealSpan(doc, offset, end);
    }),
    vscode.commands.registerCommand('xxgk-report.showRuleDoc', async (code?: string) => {
      const codes = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules'))).map(([n]) => n.replace(/\.md$/, '')).filter((n) => n !== 'README').sort();
      const pick = code ?? (await vscode.window.showQuickPick(codes, { placeHolder: t('选择规则') }));
      if (!pick || !codes.includes(pick)) return;
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${pick}.md`));
    }),
    vscode.commands.registerCommand('xxgk-report.newReport', (yearArg?: number, bodyArg?: string) => newReport(lc, yearArg, bodyArg)),
    vscode.commands.registerCommand('xxgk-report.exportTables', (uri?: vscode.Uri, target?: vscode.Uri) => exportTables(lc, uri, target)),
    vscode.commands.registerCommand('xxgk-report.checkWorkspace', () => checkWorkspace(lc)),
    vscode.commands.registerCommand('xxgk-report.exportWorkspace', (options?: ExportOptions) => exportWorkspace(context, options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : {})),
    vscode.commands.registerCommand('xxgk-report.openFile', (uri?: string | vscode.Uri) => openImported(lc, status, typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
    vscode.commands.registerCommand('xxgk-report.disableRule', async (code: string) => {
      const config = vscode.workspace.getConfiguration(LANGUAGE);
      const rules = { ...(config.get<Record<string, string>>('rules') ?? {}), [code]: 'off' };
      await config.update('rules', rules, vscode.ConfigurationTarget.Workspace);
    }),
  );

  // Before start: the view is there (with its welcome) even if the server cannot start; it asks once it runs.
  const reportsView = new ReportsView(lc, context.workspaceState);
  context.subscriptions.push(reportsView);
  await lc.start();
  context.subscriptions.push(
    lc.onNotification('xxgk-report/status', (s: ServerStatus) => status.update(s)),
    lc.onNotification('xxgk-report/formatNotes', (n: { uri: string; changed: string[]; skipped: string[] }) => {
      // Formatting says what it did beyond spacing, and why a table was left alone.
      const lines = [...n.skipped, ...n.changed];
      if (!lines.length) return;
      const first = n.skipped.length ? n.skipped[0] : t('格式化时改用了规定的行名（{0} 处）', n.changed.length);
      const show = n.skipped.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(first, t('详细信息')).then((a) => {
        if (a) void vscode.window.showInformationMessage(lines.join('\n'), { modal: true });
      });
    }),
  );
  await ignores.sendAll();
  // A restarted server starts with no ignores: send them again.
  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) void ignores.sendAll();
    }),
  );

  // Hooks for the in-editor tests only: not a command of the product.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand('xxgk-report.test.statusText', async (uri?: string) => {
        const key = uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? '';
        const now = status.textFor(key);
        if (now) return now;
        return new Promise<string>((resolve) => {
          const sub = status.onDidChange((u) => {
            if (u !== key) return;
            sub.dispose();
            resolve(status.textFor(key)!);
          });
        });
      }),
      vscode.commands.registerCommand('xxgk-report.test.tableView', () => ({ visible: tableView.visible, model: tableView.lastModel, compare: tableView.comparing })),
      vscode.commands.registerCommand('xxgk-report.test.tableViewCompare', (on: boolean) => tableView.setCompare(on)),
      vscode.commands.registerCommand('xxgk-report.test.reportsView', () => reportsView.snapshot()),
      vscode.commands.registerCommand('xxgk-report.test.reportsViewRefresh', async () => {
        await reportsView.refresh();
        return reportsView.snapshot();
      }),
      vscode.commands.registerCommand('xxgk-report.test.nextReportsView', () => new Promise((resolve) => {
        const sub = reportsView.onDidRefresh(() => {
          sub.dispose();
          resolve(reportsView.snapshot());
        });
      })),
      vscode.commands.registerCommand('xxgk-report.test.statusItem', () => status.itemState()),
      vscode.commands.registerCommand('xxgk-report.test.restartServer', () => lc.restart()),
      vscode.commands.registerCommand('xxgk-report.test.nextTableModel', () => new Promise((resolve) => {
        const sub = tableView.onDidPost((m) => {
          sub.dispose();
          resolve(m);
        });
      })),
    );
  }
  return undefined;
}

/** New report: the year (2019 to next year), the format that year requires, the body's name; a `.txt` name. */
async function newReport(lc: LanguageClient, yearArg?: number, bodyArg?: string): Promise<vscode.TextDocument | undefined> {
  const thisYear = new Date().getFullYear();
  let year = yearArg;
  if (year === undefined) {
    const years: vscode.QuickPickItem[] = [];
    for (let y = thisYear + 1; y >= FIRST_YEAR; y--) years.push({ label: String(y), description: y >= FORMAT_2021_FROM ? t('2021年格式（国办公开办函〔2021〕30号）') : t('2019年格式（国办公开办函〔2019〕60号）') });
    const defaultYear = years.find((y) => y.label === String(thisYear - 1));
    const pick = await vscode.window.showQuickPick(defaultYear ? [defaultYear, ...years.filter((y) => y !== defaultYear)] : years, { placeHolder: t('报告年度（格式按年度确定）'), title: t('新建政府信息公开工作年度报告') });
    if (!pick) return undefined;
    year = Number(pick.label);
  }
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear + 1) {
    vscode.window.showWarningMessage(t('年度应在 {0}–{1} 之间', FIRST_YEAR, thisYear + 1));
    return undefined;
  }
  const body = bodyArg ?? (await vscode.window.showInputBox({ prompt: t('机关名称'), placeHolder: t('例如：某某县人民政府办公室'), title: t('新建政府信息公开工作年度报告') }));
  if (body === undefined) return undefined;
  const format = year >= FORMAT_2021_FROM ? '2021' : '2019';
  const text = await lc.sendRequest<string>('xxgk-report/newReport', { format, year, body: body.trim() || undefined });
  const name = `${(body.trim() || '').replace(/[\\/:*?"<>|]/g, '')}${year}年政府信息公开工作年度报告.txt`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // An untitled document with a path: Save suggests that name, `.txt` included.
  const uri = folder ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((e) => e.insert(new vscode.Position(0, 0), text));
  const ready = doc.languageId === LANGUAGE ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  return ready;
}

/** Export: asks where to write (next to the report by default), writes a CSV Excel opens (UTF-8 BOM, Chinese names). */
async function exportTables(lc: LanguageClient, uri?: vscode.Uri, target?: vscode.Uri): Promise<{ csv: string } | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== LANGUAGE) {
    vscode.window.showWarningMessage(t('请先打开一份年度报告'));
    return undefined;
  }
  const base = doc.isUntitled ? doc.uri.path.split('/').pop()!.replace(/\.txt$/i, '') || 'report' : doc.uri.path.split('/').pop()!.replace(/\.[^.]*$/, '');
  const dir = doc.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(doc.uri, '..');
  const suggested = dir ? vscode.Uri.joinPath(dir, `${base}.统计表.csv`) : undefined;
  const dest = target ?? (await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { [t('CSV（Excel 可打开）')]: ['csv'] }, title: t('导出统计表'), saveLabel: t('导出') }));
  if (!dest) return undefined;
  const csv = await lc.sendRequest<string | null>('xxgk-report/exportCsv', { uri: doc.uri.toString(), file: base });
  if (csv === null) return undefined;
  await vscode.workspace.fs.writeFile(dest, Buffer.from(csv, 'utf8'));
  vscode.window.setStatusBarMessage(t('已导出 {0}', dest.path.split('/').pop()!), 5000);
  return { csv: dest.toString() };
}

interface CheckFilesResult {
  files: number;
  checked: number;
  notReports: number;
  skipped: string[];
  counts: { error: number; warning: number; information: number; hint: number };
}

/** Check workspace: every report file (by name or title; `.txt`), a dismissible summary. */
async function checkWorkspace(lc: LanguageClient): Promise<CheckFilesResult | undefined> {
  const local = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!local.length) {
    vscode.window.showWarningMessage(t('检查工作区只支持本机文件夹'));
    return undefined;
  }
  const files = await vscode.workspace.findFiles('**/*.txt', '{**/node_modules/**,**/.git/**}', 5000);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('检查工作区中的年度报告') }, () =>
    lc.sendRequest<CheckFilesResult>('xxgk-report/checkFiles', { uris: files.filter((f) => f.scheme === 'file').map((f) => f.toString()) }),
  );
  const c = result.counts;
  const summary = t('检查了 {0} 份报告：{1} 个错误，{2} 个警告，{3} 条提示', result.checked, c.error, c.warning, c.information + c.hint) + (result.skipped.length ? t('；{0} 个文件未能读取', result.skipped.length) : '');
  void vscode.window.showInformationMessage(summary, t('打开问题面板'), ...(result.skipped.length ? [t('查看未读取的文件')] : [])).then((a) => {
    if (a === t('打开问题面板')) void vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (a) void vscode.window.showInformationMessage(result.skipped.join('\n'), { modal: true });
  });
  return { ...result, summary } as CheckFilesResult & { summary: string };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
