/**
 * The language status item: the active report's format and problem count. It follows the active editor
 * (each document's last check is kept) and the message language (re-rendered when the setting changes);
 * a document not checked yet says so instead of showing another document's state.
 */
import * as vscode from 'vscode';
import { t, useLanguage } from './l10n';

const LANGUAGE = 'xxgk-report';

export interface ServerStatus {
  uri: string;
  format: string | null;
  legacy: boolean;
  tooLarge?: boolean;
  problems: number;
  counts?: { error: number; warning: number; information: number; hint: number };
}

export class StatusController implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('xxgk-report.status', { language: LANGUAGE });
  private readonly byUri = new Map<string, ServerStatus>();
  /** Reports opened from a Word file, web page or PDF: where the text came from (“来自 Word：x.docx”). */
  private readonly origins = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.item.name = t('年度报告格式');
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.byUri.delete(d.uri.toString());
        this.origins.delete(d.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${LANGUAGE}.language`)) {
          applyLanguage();
          this.item.name = t('年度报告格式');
          this.render();
        }
      }),
    );
    this.render();
  }

  update(s: ServerStatus): void {
    this.byUri.set(s.uri, s);
    if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) this.render();
    this.changed.fire(s.uri);
  }

  /** Says in the item where a document's text came from (an imported file). */
  setOrigin(uri: string, origin: string): void {
    this.origins.set(uri, origin);
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.render();
  }

  /** The text the item shows for a document (undefined until the server has checked it). */
  textFor(uri: string): string | undefined {
    const s = this.byUri.get(uri);
    return s ? describe(s).text : undefined;
  }

  /** What the item shows now (read by the in-editor tests). */
  itemState(): { text: string; detail: string | undefined; busy: boolean } {
    return { text: this.item.text, detail: this.item.detail, busy: this.item.busy };
  }

  render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && this.byUri.get(doc.uri.toString());
    this.item.command = { title: t('表格视图'), command: 'xxgk-report.showTableView', tooltip: t('在旁边以表格显示三张统计表') };
    const origin = doc && this.origins.get(doc.uri.toString());
    if (!s) {
      this.item.text = doc?.languageId === LANGUAGE ? t('正在检查…') : t('年度报告');
      this.item.detail = origin;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.busy = doc?.languageId === LANGUAGE;
      return;
    }
    const d = describe(s);
    this.item.busy = false;
    this.item.text = d.text;
    this.item.detail = origin ? `${origin} · ${d.detail}` : d.detail;
    this.item.severity = s.problems ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.item.dispose();
    this.changed.dispose();
  }
}

function describe(s: ServerStatus): { text: string; detail: string } {
  const format = s.tooLarge ? t('文件太大，未检查') : s.legacy ? t('2019年以前格式') : s.format ? t('{0}年格式', s.format) : t('未检查');
  const text = s.problems ? t('{0} · {1} 个问题', format, s.problems) : t('{0} · 无问题', format);
  const c = s.counts;
  const detail = c ? t('{0} 个错误，{1} 个警告，{2} 条提示', c.error, c.warning, c.information + c.hint) : t('政府信息公开年度报告');
  return { text, detail };
}

/** The message language: the active document's setting (the server applies the same one to its messages). */
export function applyLanguage(): void {
  const uri = vscode.window.activeTextEditor?.document.uri;
  useLanguage(vscode.workspace.getConfiguration(LANGUAGE, uri).get<string>('language'));
}
