/**
 * "Open a report from Word, a web page or PDF": the language server imports the file (the importers and pdfjs
 * load there, on demand — nothing of them is in this bundle), the client opens the normalized text in a new
 * untitled report editor, which the server then checks like any other, and the status item says where it came
 * from. Offered, quietly, where such a file shows up: an editor title action and an explorer entry (static
 * menus, no activation), and one notification per file when one is opened or dropped while the extension runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { t } from './l10n';
import type { StatusController } from './status';

const LANGUAGE = 'xxgk-report';
const EXTENSIONS = ['docx', 'html', 'htm', 'pdf'];
const IMPORTABLE = /\.(docx|html?|pdf)$/i;

type ImportAnswer = { text: string; source: 'docx' | 'html' | 'pdf'; warnings: string[]; name: string } | { error: string; name: string };

function sourceLabel(source: 'docx' | 'html' | 'pdf'): string {
  return source === 'docx' ? t('Word') : source === 'pdf' ? t('PDF') : t('网页');
}

/** Imports a file and opens its text as a new report editor; undefined when cancelled or refused. */
export async function openImported(lc: LanguageClient, status: StatusController, target?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  let uri = target;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: { [t('Word、网页或 PDF')]: EXTENSIONS },
      title: t('从 Word、网页或 PDF 打开年度报告'),
      openLabel: t('打开'),
    });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  const source = uri;
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('正在读取 {0}…', baseName(source)) }, async () => {
    // A local file is read by the server; any other scheme (a remote or virtual folder) is sent as bytes.
    const data = source.scheme === 'file' ? undefined : Buffer.from(await vscode.workspace.fs.readFile(source)).toString('base64');
    return lc.sendRequest<ImportAnswer>('xxgk-report/importFile', { uri: source.toString(), data });
  });
  if ('error' in answer) {
    void vscode.window.showErrorMessage(t('无法打开 {0}：{1}', answer.name, answer.error));
    return undefined;
  }
  // An untitled document named after the file: Save writes `<name>.txt` beside it (never over an existing file).
  const base = answer.name.replace(/\.[^.]*$/, '');
  const folder = source.scheme === 'file' ? vscode.Uri.joinPath(source, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  let untitled = vscode.Uri.from({ scheme: 'untitled', path: `${base}.txt` });
  if (folder) {
    for (let n = 1; n < 100; n++) {
      const candidate = vscode.Uri.joinPath(folder, n === 1 ? `${base}.txt` : `${base}-${n}.txt`);
      if (!(await exists(candidate))) {
        untitled = candidate.with({ scheme: 'untitled' });
        break;
      }
    }
  }
  const doc = await vscode.workspace.openTextDocument(untitled);
  const ready = doc.languageId === LANGUAGE ? doc : await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  // After the language change (which closes and reopens the document).
  status.setOrigin(ready.uri.toString(), t('来自 {0}：{1}', sourceLabel(answer.source), answer.name));
  const editor = await vscode.window.showTextDocument(ready);
  // Opened again: the text is replaced by the file's current one.
  const all = new vscode.Range(0, 0, ready.lineCount, 0);
  await editor.edit((e) => e.replace(all, answer.text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  if (answer.warnings.length) {
    void vscode.window.showWarningMessage(t('{0}：有 {1} 处内容未能按原样读出', answer.name, answer.warnings.length), t('详细信息')).then((a) => {
      if (a) void vscode.window.showInformationMessage(answer.warnings.join('\n'), { modal: true });
    });
  }
  return ready;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/**
 * One non-modal offer per file when a .docx/.pdf (or a web page that reads like a report) is opened in an
 * editor or created in the workspace from the explorer (a drop); a file offered once is not offered again.
 */
export function registerImportOffers(context: vscode.ExtensionContext, open: (uri: vscode.Uri) => unknown): void {
  const offered = new Set<string>();
  const offer = (uri: vscode.Uri, text?: string) => {
    if (!IMPORTABLE.test(uri.path) || offered.has(uri.toString())) return;
    // A web page is offered only when it reads like a report (web projects are full of .html files).
    if (/\.html?$/i.test(uri.path) && !(text && /政府信息公开|政务公开/.test(text) && /年度报告/.test(text))) return;
    offered.add(uri.toString());
    const action = t('作为年度报告打开');
    void vscode.window.showInformationMessage(t('{0} 可以转为报告文本并检查', baseName(uri)), action).then((a) => {
      if (a === action) void open(uri);
    });
  };
  const tabUri = (tab: vscode.Tab): vscode.Uri | undefined => {
    const input = tab.input;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
    return undefined;
  };
  context.subscriptions.push(
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) {
        const uri = tabUri(tab);
        if (!uri || !IMPORTABLE.test(uri.path)) continue;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        offer(uri, doc?.getText().slice(0, 20000));
      }
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      // A web page opened as text (also in the background): offered when its tab shows.
      if (/\.html?$/i.test(doc.uri.path) && vscode.window.tabGroups.all.some((g) => g.tabs.some((tab) => tabUri(tab)?.toString() === doc.uri.toString()))) offer(doc.uri, doc.getText().slice(0, 20000));
    }),
    vscode.workspace.onDidCreateFiles((e) => {
      const files = e.files.filter((f) => /\.(docx|pdf)$/i.test(f.path));
      if (files.length === 1) offer(files[0]);
    }),
  );
}
