/**
 * "在此处忽略": kept in the workspace state (never in the document, which is published as it is), so it
 * survives a reload; listed and cleared by commands. A key is the rule code and the trimmed text of the line
 * the finding starts on, as the server matches it: an edit elsewhere in the file keeps the ignore.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { t } from './l10n';

const STATE_KEY = 'xxgk-report.ignores';
type Store = Record<string, string[]>;

export class Ignores {
  constructor(private readonly state: vscode.Memento, private readonly client: LanguageClient) {}

  private get store(): Store {
    return this.state.get<Store>(STATE_KEY) ?? {};
  }

  /** Sends every document's ignores to the server (at start). */
  async sendAll(): Promise<void> {
    for (const [uri, keys] of Object.entries(this.store)) await this.client.sendNotification('xxgk-report/setIgnores', { uri, keys });
  }

  private async set(uri: string, keys: string[]): Promise<void> {
    const store = { ...this.store };
    if (keys.length) store[uri] = keys;
    else delete store[uri];
    await this.state.update(STATE_KEY, store);
    await this.client.sendNotification('xxgk-report/setIgnores', { uri, keys });
  }

  async add(uri: string, code: string, line: number): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!doc || line >= doc.lineCount) return;
    const key = `${code}|${doc.lineAt(line).text.trim()}`;
    const keys = this.store[uri] ?? [];
    if (!keys.includes(key)) await this.set(uri, [...keys, key]);
  }

  /** Every ignore as `{ uri, code, line text }`. */
  list(): Array<{ uri: string; key: string; code: string; text: string }> {
    return Object.entries(this.store).flatMap(([uri, keys]) =>
      keys.map((key) => {
        const bar = key.indexOf('|');
        return { uri, key, code: key.slice(0, bar), text: key.slice(bar + 1) };
      }),
    );
  }

  async remove(items: Array<{ uri: string; key: string }>): Promise<void> {
    const byUri = new Map<string, Set<string>>();
    for (const i of items) byUri.set(i.uri, (byUri.get(i.uri) ?? new Set()).add(i.key));
    for (const [uri, drop] of byUri) await this.set(uri, (this.store[uri] ?? []).filter((k) => !drop.has(k)));
  }

  async clear(): Promise<number> {
    const all = this.list();
    for (const uri of Object.keys(this.store)) await this.set(uri, []);
    return all.length;
  }

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
      vscode.commands.registerCommand('xxgk-report.ignore', (uri: string | vscode.Uri, code: string, line: number) => this.add(uri.toString(), code, line)),
      // `interactive: false` only returns the list (for scripts and the tests).
      vscode.commands.registerCommand('xxgk-report.listIgnores', async (interactive = true) => {
        const all = this.list();
        if (!interactive) return all;
        if (!all.length) {
          vscode.window.showInformationMessage(t('没有忽略的问题'));
          return all;
        }
        const picks = await vscode.window.showQuickPick(
          all.map((i) => ({ label: i.code, description: vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri)), detail: i.text.slice(0, 120), item: i })),
          { canPickMany: true, title: t('已忽略的问题（{0} 处）', all.length), placeHolder: t('选中要恢复检查的条目，按 Enter 确认') },
        );
        if (picks?.length) await this.remove(picks.map((p) => p.item));
        return all;
      }),
      vscode.commands.registerCommand('xxgk-report.clearIgnores', async () => {
        const n = await this.clear();
        vscode.window.setStatusBarMessage(t('已清除 {0} 处忽略', n), 5000);
        return n;
      }),
    );
  }
}
