/** The client: starts the language server over IPC, registers the commands and the language status. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { t, useLanguage } from './l10n';

const LANGUAGE = 'xxgk-report';
const TITLE_PATTERN = /政府信息公开.{0,20}年度报告|政务公开.{0,20}年度报告/;
let client: LanguageClient | undefined;

/** A plain-text document whose first lines name the report is switched to the report language. */
async function detectByContent(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext') return;
  if (!vscode.workspace.getConfiguration(LANGUAGE, doc.uri).get<boolean>('detectByContent', true)) return;
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 8), 0));
  if (TITLE_PATTERN.test(head)) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  useLanguage(vscode.workspace.getConfiguration(LANGUAGE).get<string>('language'));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${LANGUAGE}.language`)) useLanguage(vscode.workspace.getConfiguration(LANGUAGE).get<string>('language'));
    }),
  );
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

  const status = vscode.languages.createLanguageStatusItem('xxgk-report.status', { language: LANGUAGE });
  status.name = t('年度报告格式');
  status.text = t('年度报告');
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('xxgk-report.newReport', async (formatArg?: '2019' | '2021', yearArg?: number) => {
      // Arguments skip the prompts (used by keybindings and the in-editor tests).
      const format = formatArg ? { label: formatArg } : await vscode.window.showQuickPick(
        [
          { label: '2021', description: t('国办公开办函〔2021〕30号，2021年度起') },
          { label: '2019', description: t('国办公开办函〔2019〕60号，2019–2020年度') },
        ],
        { placeHolder: t('选择报告格式') },
      );
      if (!format) return;
      const year = yearArg ? String(yearArg) : await vscode.window.showInputBox({
        prompt: t('报告年度'),
        value: String(new Date().getFullYear() - 1),
        validateInput: (v) => (/^\d{4}$/.test(v) ? undefined : t('请输入四位年份')),
      });
      if (!year) return;
      const text = await client!.sendRequest<string>('xxgk-report/template', { format: format.label, year: Number(year) });
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: text });
      await vscode.window.showTextDocument(doc);
    }),
    vscode.commands.registerCommand('xxgk-report.exportTables', async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== LANGUAGE) {
        vscode.window.showWarningMessage(t('请先打开一份年度报告'));
        return;
      }
      const result = await client!.sendRequest<{ tables: Record<string, Record<string, Array<number | null>>> } | null>('xxgk-report/tables', { uri: doc.uri.toString() });
      if (!result) return;
      const base = doc.isUntitled ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), 'report') : doc.uri.with({ path: doc.uri.path.replace(/\.[^./]*$/, '') });
      const json = base.with({ path: base.path + '.tables.json' });
      const csv = base.with({ path: base.path + '.tables.csv' });
      const rows = ['table,row,values'];
      for (const [table, entries] of Object.entries(result.tables)) {
        for (const [row, values] of Object.entries(entries)) rows.push(`${table},"${row.replace(/"/g, '""')}",${values.map((v) => (v === null ? '' : v)).join(',')}`);
      }
      await vscode.workspace.fs.writeFile(json, Buffer.from(JSON.stringify(result, null, 2) + '\n', 'utf8'));
      await vscode.workspace.fs.writeFile(csv, Buffer.from('\ufeff' + rows.join('\r\n') + '\r\n', 'utf8'));
      vscode.window.setStatusBarMessage(t('已导出 {0}', path.basename(json.path)), 5000);
      return { json: json.toString(), csv: csv.toString() };
    }),
    vscode.commands.registerCommand('xxgk-report.checkWorkspace', async () => {
      const files = await vscode.workspace.findFiles('**/*.txt', '**/node_modules/**', 5000);
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('检查工作区中的年度报告') }, () =>
        client!.sendRequest<{ files: number; problems: number }>('xxgk-report/checkFiles', { uris: files.map((f) => f.toString()) }),
      );
    }),
    vscode.commands.registerCommand('xxgk-report.disableRule', async (code: string) => {
      const config = vscode.workspace.getConfiguration(LANGUAGE);
      const rules = { ...(config.get<Record<string, string>>('rules') ?? {}), [code]: 'off' };
      await config.update('rules', rules, vscode.ConfigurationTarget.Workspace);
    }),
    vscode.workspace.onDidOpenTextDocument(detectByContent),
  );
  for (const doc of vscode.workspace.textDocuments) void detectByContent(doc);

  const statusByUri = new Map<string, string>();
  const statusChanged = new vscode.EventEmitter<string>();
  context.subscriptions.push(
    statusChanged,
    // The status text of the active report, once the server has checked it (read by the in-editor tests).
    vscode.commands.registerCommand('xxgk-report.statusText', async () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString() ?? '';
      if (statusByUri.has(uri)) return statusByUri.get(uri);
      return new Promise<string>((resolve) => {
        const sub = statusChanged.event((u) => {
          if (u !== uri) return;
          sub.dispose();
          resolve(statusByUri.get(uri)!);
        });
      });
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification('xxgk-report/status', (s: { uri: string; format: string | null; legacy: boolean; problems: number }) => {
      const format = s.legacy ? t('2019年以前格式') : s.format ? t('{0}年格式', s.format) : t('未检查');
      statusByUri.set(s.uri, s.problems ? t('{0} · {1} 个问题', format, s.problems) : t('{0} · 无问题', format));
      statusChanged.fire(s.uri);
      if (vscode.window.activeTextEditor?.document.uri.toString() !== s.uri) return;
      status.text = statusByUri.get(s.uri)!;
      status.severity = s.problems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
      status.detail = t('政府信息公开年度报告');
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
