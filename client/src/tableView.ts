/**
 * 表格视图: a webview beside the editor drawing the report's three tables in the official layout, from the
 * server's `xxgk-report/tableView` model (core `tableViewModel`). Follows the active report editor, updates as
 * the text changes (debounced), and reveals a cell's text when it is clicked.
 *
 * With last year's report of the same body in the workspace (the server finds it), a toggle “与上年对比”
 * shows in each cell last year's value and the change (本年增/减); cells that break a cross-year identity
 * (carry-over-mismatch) are marked as the in-year ones are, whether or not the comparison is shown.
 *
 * Security: a strict Content-Security-Policy (no default source, style and script by nonce only, no remote
 * content); the page's only script is the one below, the model arrives by postMessage and is put in the DOM
 * with textContent, never as HTML. Themes: VS Code's CSS variables (light, dark, high contrast).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { t } from './l10n';
import { openReport } from './reportsView';

const LANGUAGE = 'xxgk-report';
const UPDATE_MS = 250;

interface ViewCell {
  text: string;
  header?: boolean;
  rowspan?: number;
  colspan?: number;
  state?: string;
  span?: [number, number];
  title?: string;
  fix?: string;
  lastYear?: number | null;
  change?: string;
  crossYear?: string[];
}
interface ViewTable {
  id: string;
  section: string;
  title: string;
  status: 'read' | 'partial' | 'missing';
  broken: number;
  notes: string[];
  layout?: string;
  span?: [number, number];
  rows: ViewCell[][];
  crossYear?: number;
}
export interface TableViewModel {
  uri: string;
  version: number;
  tooLarge: boolean;
  format: string;
  legacy: boolean;
  year: number | null;
  title: string | null;
  tables: ViewTable[];
  /** Last year's report of the same body, when the server knows it (its uri, when it is a file). */
  lastYear?: { year: number | null; format: string; broken: number; uri?: string };
}

/** The page's words, in the message language. */
function strings(): Record<string, string> {
  return {
    balanced: t('勾稽关系：平衡'),
    broken: t('勾稽关系：{0} 处不平衡'),
    noIdentity: t('本表没有需要核对的等式'),
    missing: t('报告中没有找到此表'),
    partial: t('部分单元格未能可靠读取'),
    legendBroken: t('所在等式不成立（悬停查看等式）'),
    legendInvolved: t('所在等式不成立，但本格在其他等式中核对无误'),
    legendUnread: t('未能读取'),
    legendBlank: t('空白，按 0 计算'),
    legendMissing: t('缺少此行'),
    clickHint: t('单击单元格可在正文中定位'),
    format: t('{0}年格式'),
    legacy: t('2019年以前格式的报告不做检查'),
    tooLarge: t('文件太大，未做完整检查'),
    empty: t('没有打开的年度报告'),
    table: t('表'),
    compare: t('与上年对比'),
    compareTitle: t('在每一格中显示{0}年报告的数值和本年增/减'),
    openLastYear: t('打开上年报告'),
    lastYear: t('上年 {0}'),
    lastUnread: t('上年 ?'),
    noLastYear: t('工作区中没有同一机关{0}年的报告，无法与上年对比'),
    legacyLastYear: t('上年报告是2019年以前的格式，无法对比'),
    crossStatus: t('与上年衔接：{0} 处不符'),
    legendCross: t('与上年报告衔接不上（悬停查看）'),
    legendLast: t('上年数值 · 本年增/减'),
  };
}

export class TableView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private doc: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** The last model posted to the page (read by the in-editor tests). */
  lastModel: TableViewModel | undefined;
  private readonly posted = new vscode.EventEmitter<TableViewModel>();
  readonly onDidPost = this.posted.event;
  /** “与上年对比”: remembered in workspace state. */
  private compare: boolean;

  constructor(private readonly client: LanguageClient, private readonly memento?: vscode.Memento) {
    this.compare = memento?.get<boolean>('tableView.compare') ?? false;
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && e?.document.languageId === LANGUAGE && e.document !== this.doc) {
          this.doc = e.document;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.doc && e.contentChanges.length) this.schedule(UPDATE_MS);
      }),
      // The server re-checks after a settings change or an ignore: diagnostics are the signal.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.panel && this.doc && e.uris.some((u) => u.toString() === this.doc!.uri.toString())) this.schedule(UPDATE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.doc) this.doc = undefined;
      }),
      this.posted,
    );
  }

  get visible(): boolean {
    return !!this.panel;
  }

  get comparing(): boolean {
    return this.compare;
  }

  /** Turns the comparison with last year on or off (the page's toggle, or a command). */
  async setCompare(on: boolean): Promise<void> {
    this.compare = on;
    await this.memento?.update('tableView.compare', on);
    if (this.panel) void this.panel.webview.postMessage({ type: 'compare', on });
  }

  /** Opens (or reveals) the view beside the report's editor. */
  async show(uri?: vscode.Uri): Promise<void> {
    const doc = uri
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri))
      : vscode.window.activeTextEditor?.document.languageId === LANGUAGE
        ? vscode.window.activeTextEditor.document
        : vscode.window.visibleTextEditors.find((e) => e.document.languageId === LANGUAGE)?.document;
    if (!doc || doc.languageId !== LANGUAGE) {
      vscode.window.showWarningMessage(t('请先打开一份年度报告'));
      return;
    }
    this.doc = doc;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('xxgk-report.tableView', t('表格视图'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false, enableFindWidget: true });
      this.panel.webview.html = page(this.panel.webview);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastModel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m));
    } else this.panel.reveal(undefined, true);
    await this.update();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  private async update(): Promise<void> {
    const doc = this.doc;
    const panel = this.panel;
    if (!panel) return;
    if (!doc || doc.isClosed) {
      void panel.webview.postMessage({ type: 'model', model: null, strings: strings() });
      return;
    }
    let model: TableViewModel | null;
    try {
      model = await this.client.sendRequest<TableViewModel | null>('xxgk-report/tableView', { uri: doc.uri.toString() });
    } catch {
      return; // changed meanwhile: the next change schedules another update
    }
    if (!model || this.panel !== panel || doc !== this.doc) return;
    panel.title = t('表格视图 · {0}', baseName(doc));
    this.lastModel = model;
    await panel.webview.postMessage({ type: 'model', model, strings: strings(), name: baseName(doc), compare: this.compare });
    this.posted.fire(model);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { type?: string; start?: unknown; end?: unknown; on?: unknown };
    if (msg.type === 'ready') return void this.update();
    if (msg.type === 'compare' && typeof msg.on === 'boolean') {
      this.compare = msg.on;
      await this.memento?.update('tableView.compare', msg.on);
      return;
    }
    if (msg.type === 'openLastYear') {
      const uri = this.lastModel?.lastYear?.uri;
      if (uri) await openReport(vscode.Uri.parse(uri));
      return;
    }
    if (msg.type !== 'reveal' || typeof msg.start !== 'number' || typeof msg.end !== 'number' || !this.doc) return;
    await revealSpan(this.doc, msg.start, msg.end);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.subs.forEach((s) => s.dispose());
  }
}

function baseName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() || doc.uri.toString();
}

/** Selects a span of a report in its editor (opening it beside the view if it is not visible). */
export async function revealSpan(doc: vscode.TextDocument, start: number, end: number): Promise<vscode.TextEditor> {
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

function page(webview: vscode.Webview): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  void webview;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header id="head"></header>
<main id="tables"></main>
<footer id="legend"></footer>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

const CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 8px 16px 24px; }
h1 { font-size: 1.15em; font-weight: 600; margin: 4px 0 2px; }
.meta { color: var(--vscode-descriptionForeground); margin-bottom: 10px; }
h2 { font-size: 1em; font-weight: 600; margin: 18px 0 4px; }
.status { font-weight: normal; margin-left: 10px; color: var(--vscode-descriptionForeground); }
.status.alert { color: var(--vscode-errorForeground); }
.note { color: var(--vscode-editorWarning-foreground); margin: 2px 0 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 4px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, #8884)); padding: 3px 6px; }
th { background: var(--vscode-editorWidget-background, transparent); font-weight: normal; text-align: center; vertical-align: middle; }
th.label { text-align: left; }
th[data-start] { cursor: pointer; }
td { text-align: right; min-width: 2.5em; cursor: pointer; }
td:hover, th[data-start]:hover { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
td:focus-visible, th:focus-visible { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
.broken { background: var(--vscode-inputValidation-errorBackground, rgba(255,0,0,.18)); color: var(--vscode-errorForeground); font-weight: 600; border: 2px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); }
.involved { background: color-mix(in srgb, var(--vscode-errorForeground) 10%, transparent); }
.unread { color: var(--vscode-editorWarning-foreground); text-align: center; font-weight: 600; background: repeating-linear-gradient(45deg, transparent 0 4px, color-mix(in srgb, var(--vscode-editorWarning-foreground) 18%, transparent) 4px 6px); }
.bad { color: var(--vscode-errorForeground); text-decoration: underline wavy; }
.missing { background: repeating-linear-gradient(-45deg, transparent 0 4px, color-mix(in srgb, var(--vscode-descriptionForeground) 20%, transparent) 4px 6px); cursor: default; }
.placeholder { color: var(--vscode-descriptionForeground); }
td.selected { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
.fix { display: block; font-size: .85em; font-weight: normal; }
footer { margin-top: 18px; color: var(--vscode-descriptionForeground); display: flex; flex-wrap: wrap; gap: 6px 16px; }
footer span.sw { display: inline-block; width: 1.4em; height: 1em; vertical-align: middle; border: 1px solid var(--vscode-panel-border, #8884); margin-right: 4px; }
body.vscode-high-contrast .broken, body.vscode-high-contrast-light .broken { border: 3px dashed var(--vscode-contrastActiveBorder, var(--vscode-errorForeground)); }
body.vscode-high-contrast th, body.vscode-high-contrast td, body.vscode-high-contrast-light th, body.vscode-high-contrast-light td { border-color: var(--vscode-contrastBorder); }
.empty { color: var(--vscode-descriptionForeground); margin-top: 2em; }
.compare-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin: 0 0 8px; }
.compare-bar .muted { color: var(--vscode-descriptionForeground); }
button.toggle { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 10px; cursor: pointer; }
button.toggle[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button.toggle:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.toggle[aria-pressed="true"]:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible, a:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
a.link { color: var(--vscode-textLink-foreground); cursor: pointer; text-decoration: none; }
a.link:hover { text-decoration: underline; }
td.cross { background: var(--vscode-inputValidation-errorBackground, rgba(255,0,0,.18)); color: var(--vscode-errorForeground); font-weight: 600; border: 2px dashed var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); }
.last { display: block; font-size: .8em; font-weight: normal; color: var(--vscode-descriptionForeground); white-space: nowrap; }
.last .up { color: var(--vscode-charts-blue, var(--vscode-descriptionForeground)); }
.last .down { color: var(--vscode-charts-orange, var(--vscode-descriptionForeground)); }
footer span.sw.cross { border: 2px dashed var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, rgba(255,0,0,.18)); }
footer span.sw.last { display: inline-block; width: auto; height: auto; border: none; font-size: .8em; }
`;

/** The page script: draws the model with DOM calls and textContent only. */
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const $ = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const fill = (s, ...a) => s.replace(/\\{(\\d+)\\}/g, (_, i) => String(a[Number(i)]));
  let selected;
  let compare = false;
  let current;
  function reveal(el) {
    if (!el.dataset.start) return;
    if (selected) selected.classList.remove('selected');
    selected = el; el.classList.add('selected');
    vscode.postMessage({ type: 'reveal', start: Number(el.dataset.start), end: Number(el.dataset.end) });
  }
  function lastLine(c, S) {
    const el = $('span', 'last');
    el.append(document.createTextNode(c.lastYear === null ? S.lastUnread : fill(S.lastYear, c.lastYear)));
    if (c.change !== undefined) {
      el.append(document.createTextNode(' · '));
      el.append($('span', c.change.startsWith('+') ? 'up' : c.change.startsWith('-') ? 'down' : '', c.change));
    }
    return el;
  }
  function draw(model, S, name) {
    current = { model, S, name };
    const head = document.getElementById('head'), main = document.getElementById('tables'), legend = document.getElementById('legend');
    head.replaceChildren(); main.replaceChildren(); legend.replaceChildren();
    document.body.classList.toggle('comparing', compare && !!(model && model.lastYear));
    if (!model) { main.append($('p', 'empty', S.empty)); return; }
    head.append($('h1', '', model.title || name || ''));
    head.append($('div', 'meta', model.legacy ? S.legacy : model.tooLarge ? S.tooLarge : fill(S.format, model.format) + (model.year ? ' · ' + model.year : '') + ' · ' + S.clickHint));
    const last = model.lastYear;
    const showLast = compare && !!last && last.format !== 'pre-2019';
    if (!model.legacy) {
      const bar = $('div', 'compare-bar');
      if (last && last.format !== 'pre-2019') {
        const btn = $('button', 'toggle', S.compare + (last.year ? '（' + last.year + '）' : ''));
        btn.id = 'compare';
        btn.title = fill(S.compareTitle, last.year || '');
        btn.setAttribute('aria-pressed', String(compare));
        btn.addEventListener('click', () => { compare = !compare; vscode.postMessage({ type: 'compare', on: compare }); draw(current.model, current.S, current.name); });
        bar.append(btn);
        if (last.uri) { const a = $('a', 'link', S.openLastYear); a.id = 'open-last-year'; a.tabIndex = 0; a.addEventListener('click', () => vscode.postMessage({ type: 'openLastYear' })); a.addEventListener('keydown', (e) => { if (e.key === 'Enter') vscode.postMessage({ type: 'openLastYear' }); }); bar.append(a); }
      } else if (last) bar.append($('span', 'muted', S.legacyLastYear));
      else if (model.year) bar.append($('span', 'muted', fill(S.noLastYear, model.year - 1)));
      if (bar.childNodes.length) head.append(bar);
    }
    for (const tb of model.tables) {
      const h2 = $('h2', '', tb.section + '、' + tb.title);
      const st = tb.status === 'missing' ? S.missing : tb.id === 'disclosure' ? (tb.status === 'partial' ? S.partial : S.noIdentity) : tb.broken ? fill(S.broken, tb.broken) : S.balanced;
      h2.append($('span', 'status' + (tb.broken || tb.status === 'missing' ? ' alert' : ''), st));
      if (tb.crossYear) h2.append($('span', 'status alert', fill(S.crossStatus, tb.crossYear)));
      h2.dataset.table = tb.id;
      main.append(h2);
      if (tb.status === 'partial' && tb.id !== 'disclosure') main.append($('div', 'note', S.partial));
      for (const n of tb.notes) main.append($('div', 'note', n));
      const wrap = $('div', 'scroll');
      const table = $('table');
      table.dataset.table = tb.id;
      for (const row of tb.rows) {
        const tr = $('tr');
        for (const c of row) {
          const el = $(c.header ? 'th' : 'td', c.header ? (c.span ? 'label' : '') : (c.state || '') + (c.crossYear && c.crossYear.length ? ' cross' : ''), c.text);
          if (c.crossYear && c.crossYear.length) el.dataset.cross = '1';
          if (c.rowspan) el.rowSpan = c.rowspan;
          if (c.colspan) el.colSpan = c.colspan;
          if (c.title) el.title = c.title;
          if (c.state) el.dataset.state = c.state;
          if (c.fix !== undefined) el.append($('span', 'fix', '→ ' + c.fix));
          if (showLast && !c.header && c.lastYear !== undefined) el.append(lastLine(c, S));
          if (c.span) { el.dataset.start = c.span[0]; el.dataset.end = c.span[1]; el.tabIndex = 0; }
          tr.append(el);
        }
        table.append(tr);
      }
      wrap.append(table);
      main.append(wrap);
    }
    const items = [['broken', S.legendBroken], ['involved', S.legendInvolved], ['unread', S.legendUnread], ['', S.legendBlank], ['missing', S.legendMissing]];
    if (last && last.format !== 'pre-2019') items.push(['cross', S.legendCross]);
    for (const [cls, text] of items) {
      const item = $('span');
      const sw = $('span', 'sw ' + cls);
      item.append(sw, document.createTextNode(text));
      legend.append(item);
    }
    if (showLast) {
      const item = $('span');
      const sw = $('span', 'sw last', fill(S.lastYear, 'n') + ' · ±d');
      item.append(sw, document.createTextNode(S.legendLast));
      legend.append(item);
    }
  }
  document.addEventListener('click', (e) => { const el = e.target.closest('td,th'); if (el) reveal(el); });
  document.addEventListener('keydown', (e) => { if ((e.key === 'Enter' || e.key === ' ') && e.target.matches && e.target.matches('td,th')) { e.preventDefault(); reveal(e.target); } });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m && m.type === 'model') { compare = !!m.compare; draw(m.model, m.strings, m.name); }
    else if (m && m.type === 'compare' && current) { compare = !!m.on; draw(current.model, current.S, current.name); }
  });
  vscode.postMessage({ type: 'ready' });
})();
`;
