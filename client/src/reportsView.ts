/**
 * The reports view (“年度报告”): every report the language server found in the workspace folders, grouped by
 * body then year (or by year then body), each with its format, its source (text, Word, web page, PDF) and its
 * counts of errors and warnings. It lives in its own view container in the activity bar: an evaluator's folder
 * holds hundreds of reports and the list needs the sidebar's height, its badge (the total of errors) has the
 * container's icon to itself (the Explorer's icon already shows unsaved files), and its title bar has room for
 * the grouping and filter actions.
 *
 * The list comes from the server (`xxgk-report/workspaceReports`, re-requested ~200 ms after each
 * `xxgk-report/workspaceReportsChanged`); the view keeps nothing of its own but the grouping and the filters
 * (in workspace state), mirrored in context keys for the title bar's toggles.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { t } from './l10n';

export const VIEW_ID = 'xxgk-report.reports';
const REFRESH_MS = 200;

export type ReportSource = 'text' | 'docx' | 'html' | 'pdf';
export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}
export interface WorkspaceReport {
  uri: string;
  name: string;
  folder: string;
  body: string | null;
  year: number | null;
  format: '2019' | '2021' | 'pre-2019';
  source: ReportSource;
  counts: Counts;
  open: boolean;
}
export interface WorkspaceReports {
  indexing: boolean;
  reports: WorkspaceReport[];
  skipped: Array<{ uri: string; reason: string }>;
  truncated: boolean;
}

type GroupBy = 'body' | 'year';
interface Filter {
  body?: string;
  year?: number;
  errorsOnly: boolean;
}

/** What the view shows as a whole: drives the welcome content (`xxgk-report.reports.state`). */
type ViewState = 'starting' | 'noFolder' | 'virtual' | 'indexing' | 'empty' | 'filteredEmpty' | 'ready' | 'unavailable';

type Node = { kind: 'group'; key: string; label: string; reports: WorkspaceReport[] } | { kind: 'report'; report: WorkspaceReport; label: string } | { kind: 'skipped'; items: Array<{ uri: string; reason: string }> } | { kind: 'skippedFile'; uri: string; reason: string };

export function sourceName(source: ReportSource): string {
  return source === 'docx' ? t('Word') : source === 'pdf' ? t('PDF') : source === 'html' ? t('网页') : t('文本');
}

export function formatName(format: WorkspaceReport['format']): string {
  return format === 'pre-2019' ? t('2019年以前格式') : t('{0}年格式', format);
}

/** The icon of the worst level found (the colours of the Problems panel). */
function levelIcon(c: Counts): vscode.ThemeIcon {
  if (c.error) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (c.warning) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (c.information) return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  if (c.hint) return new vscode.ThemeIcon('lightbulb');
  return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
}

/** Errors and warnings in words, the zero ones left out (the icon says the worst level). */
function problemsText(error: number, warning: number): string {
  if (error && warning) return t('{0} 个错误，{1} 个警告', error, warning);
  if (error) return t('{0} 个错误', error);
  if (warning) return t('{0} 个警告', warning);
  return t('无错误或警告');
}

const sum = (reports: WorkspaceReport[], level: keyof Counts) => reports.reduce((n, r) => n + r.counts[level], 0);
const fileName = (uri: string) => {
  try {
    return decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
  } catch {
    return uri;
  }
};

/** Opens a report: a text file in an editor, a Word file, web page or PDF through the importer. */
export async function openReport(uri: vscode.Uri, source?: ReportSource): Promise<unknown> {
  const src = source ?? (/\.(docx|html?|pdf)$/i.test(uri.path) ? 'docx' : 'text');
  if (src === 'text') return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  return vscode.commands.executeCommand('xxgk-report.openFile', uri);
}

export class ReportsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private data: WorkspaceReports | undefined;
  private state: ViewState = 'starting';
  private groupBy: GroupBy;
  private filter: Filter;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private again = false;
  private indexingDone: (() => void) | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<WorkspaceReports | undefined>();
  /** Fires after each list the view drew (the in-editor tests wait on it). */
  readonly onDidRefresh = this.refreshed.event;
  readonly tree: vscode.TreeView<Node>;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient, private readonly memento: vscode.Memento) {
    this.groupBy = memento.get<GroupBy>('reports.groupBy') === 'year' ? 'year' : 'body';
    this.filter = { errorsOnly: false, ...memento.get<Filter>('reports.filter') };
    this.tree = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subs.push(
      this.tree,
      this.changed,
      this.refreshed,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(0)),
      vscode.commands.registerCommand('xxgk-report.reports.open', (uri: string | vscode.Uri, source?: ReportSource) => openReport(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri, source)),
      vscode.commands.registerCommand('xxgk-report.reports.tableView', async (node?: Node) => {
        if (node?.kind !== 'report') return;
        const opened = await openReport(vscode.Uri.parse(node.report.uri), node.report.source);
        const doc = opened && typeof opened === 'object' && 'document' in opened ? (opened as vscode.TextEditor).document : (opened as vscode.TextDocument | undefined);
        if (doc) await vscode.commands.executeCommand('xxgk-report.showTableView', doc.uri);
      }),
      vscode.commands.registerCommand('xxgk-report.reports.refresh', () => this.refresh()),
      vscode.commands.registerCommand('xxgk-report.reports.groupByBody', () => this.setGroupBy('body')),
      vscode.commands.registerCommand('xxgk-report.reports.groupByYear', () => this.setGroupBy('year')),
      vscode.commands.registerCommand('xxgk-report.reports.errorsOnly', () => this.setFilter({ ...this.filter, errorsOnly: true })),
      vscode.commands.registerCommand('xxgk-report.reports.showAll', () => this.setFilter({ ...this.filter, errorsOnly: false })),
      vscode.commands.registerCommand('xxgk-report.reports.filterBody', (body?: string | null) => this.pickBody(body)),
      vscode.commands.registerCommand('xxgk-report.reports.filterYear', (year?: number | null) => this.pickYear(year)),
      vscode.commands.registerCommand('xxgk-report.reports.clearFilter', () => this.setFilter({ errorsOnly: false })),
      client.onNotification('xxgk-report/workspaceReportsChanged', () => this.schedule(REFRESH_MS)),
      // A restarted server indexes again: ask it.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.schedule(0);
      }),
    );
    void this.setContext();
    this.schedule(0);
  }

  /** The list as the view holds it, and what it draws (for the in-editor tests). */
  snapshot(): { state: ViewState; groupBy: GroupBy; filter: Filter; message: string | undefined; badge: vscode.ViewBadge | undefined; data: WorkspaceReports | undefined; groups: Array<{ label: string; description: string; children: Array<{ label: string; description: string; tooltip: string; icon: string; uri: string; command: string; args: unknown[] }> }> } {
    const groups = this.topNodes().filter((n): n is Extract<Node, { kind: 'group' }> => n.kind === 'group');
    return {
      state: this.state,
      groupBy: this.groupBy,
      filter: { ...this.filter },
      message: this.tree.message,
      badge: this.tree.badge,
      data: this.data,
      groups: groups.map((g) => {
        const item = this.getTreeItem(g);
        return {
          label: String(item.label),
          description: String(item.description ?? ''),
          children: this.childrenOf(g).map((c) => {
            const ci = this.getTreeItem(c);
            const tip = ci.tooltip instanceof vscode.MarkdownString ? ci.tooltip.value : String(ci.tooltip ?? '');
            return { label: String(ci.label), description: String(ci.description ?? ''), tooltip: tip, icon: (ci.iconPath as vscode.ThemeIcon).id, uri: c.kind === 'report' ? c.report.uri : '', command: ci.command?.command ?? '', args: ci.command?.arguments ?? [] };
          }),
        };
      }),
    };
  }

  refresh(): Promise<void> {
    clearTimeout(this.timer);
    return this.load();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), ms);
  }

  private async load(): Promise<void> {
    // One request at a time; a change meanwhile asks again once it is answered.
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      if (this.client.state !== State.Running) return;
      try {
        this.data = await this.client.sendRequest<WorkspaceReports>('xxgk-report/workspaceReports');
      } catch (e) {
        // A server without the index (or one that stopped): the view says so instead of listing nothing.
        this.data = undefined;
        this.state = 'unavailable';
        console.error(`[xxgk-report] workspaceReports: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.render();
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.schedule(REFRESH_MS);
      }
    }
  }

  private render(): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const data = this.data;
    if (!folders.length) this.state = 'noFolder';
    else if (!folders.some((f) => f.uri.scheme === 'file')) this.state = 'virtual';
    else if (data) {
      const shown = this.visible(data.reports);
      this.state = !data.reports.length && !data.skipped.length ? (data.indexing ? 'indexing' : 'empty') : !shown.length && !this.showsSkipped(data) ? 'filteredEmpty' : 'ready';
    }
    // The badge: errors of every report found (whatever the filter), on the container's icon.
    const errors = data ? sum(data.reports, 'error') : 0;
    this.tree.badge = errors ? { value: errors, tooltip: t('年度报告中共有 {0} 个错误', errors) } : undefined;
    this.tree.message = this.message();
    this.tree.description = data && data.reports.length ? t('{0} 份', data.reports.length) : undefined;
    this.trackIndexing(!!data?.indexing);
    void this.setContext();
    this.changed.fire(undefined);
    this.refreshed.fire(data);
  }

  /** While the server indexes: a progress bar on the view, done when it says it has finished. */
  private trackIndexing(indexing: boolean): void {
    if (indexing && !this.indexingDone) {
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => new Promise<void>((resolve) => (this.indexingDone = resolve)));
    } else if (!indexing && this.indexingDone) {
      this.indexingDone();
      this.indexingDone = undefined;
    }
  }

  private message(): string | undefined {
    const data = this.data;
    if (!data || this.state === 'noFolder' || this.state === 'virtual') return undefined;
    const parts: string[] = [];
    if (data.indexing && data.reports.length) parts.push(t('正在查找工作区中的年度报告…（已找到 {0} 份）', data.reports.length));
    const f = this.filter;
    if (f.body !== undefined || f.year !== undefined || f.errorsOnly) {
      const what = [f.body !== undefined ? f.body || t('（未识别机关）') : '', f.year !== undefined ? (f.year ? t('{0}年', f.year) : t('（未识别年度）')) : '', f.errorsOnly ? t('只看有错误的') : ''].filter(Boolean).join(' · ');
      parts.push(t('筛选：{0}（显示 {1}/{2} 份）', what, this.visible(data.reports).length, data.reports.length));
    }
    if (data.truncated) parts.push(t('工作区文件太多，只查找了一部分'));
    return parts.length ? parts.join('\n') : undefined;
  }

  private async setContext(): Promise<void> {
    const f = this.filter;
    await vscode.commands.executeCommand('setContext', 'xxgk-report.reports.groupBy', this.groupBy);
    await vscode.commands.executeCommand('setContext', 'xxgk-report.reports.errorsOnly', f.errorsOnly);
    await vscode.commands.executeCommand('setContext', 'xxgk-report.reports.filtered', f.body !== undefined || f.year !== undefined || f.errorsOnly);
    await vscode.commands.executeCommand('setContext', 'xxgk-report.reports.state', this.state);
  }

  private async setGroupBy(g: GroupBy): Promise<void> {
    this.groupBy = g;
    await this.memento.update('reports.groupBy', g);
    this.render();
  }

  private async setFilter(f: Filter): Promise<void> {
    this.filter = f;
    await this.memento.update('reports.filter', f);
    this.render();
  }

  /** Filter by body: a pick of the bodies found (or the one given); `null` clears it. */
  private async pickBody(given?: string | null): Promise<void> {
    let body: string | undefined | null = given;
    if (body === undefined) {
      const bodies = [...new Set((this.data?.reports ?? []).map((r) => r.body ?? ''))].sort((a, b) => a.localeCompare(b, 'zh'));
      const all = { label: t('全部机关'), body: null as string | null };
      const items = [all, ...bodies.map((b) => ({ label: b || t('（未识别机关）'), description: t('{0} 份', (this.data?.reports ?? []).filter((r) => (r.body ?? '') === b).length), body: b as string | null }))];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: t('按机关筛选年度报告'), matchOnDescription: false });
      if (!pick) return;
      body = pick.body;
    }
    await this.setFilter({ ...this.filter, body: body === null ? undefined : body });
  }

  /** Filter by year: a pick of the years found (or the one given, 0 for reports without one); `null` clears it. */
  private async pickYear(given?: number | null): Promise<void> {
    let year: number | undefined | null = given;
    if (year === undefined) {
      const years = [...new Set((this.data?.reports ?? []).map((r) => r.year ?? 0))].sort((a, b) => b - a);
      const items = [{ label: t('全部年度'), year: null as number | null }, ...years.map((y) => ({ label: y ? t('{0}年', y) : t('（未识别年度）'), description: t('{0} 份', (this.data?.reports ?? []).filter((r) => (r.year ?? 0) === y).length), year: y as number | null }))];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: t('按年度筛选年度报告') });
      if (!pick) return;
      year = pick.year;
    }
    await this.setFilter({ ...this.filter, year: year === null ? undefined : year });
  }

  private visible(reports: WorkspaceReport[]): WorkspaceReport[] {
    const f = this.filter;
    return reports.filter((r) => (f.body === undefined || (r.body ?? '') === f.body) && (f.year === undefined || (r.year ?? 0) === f.year) && (!f.errorsOnly || r.counts.error > 0));
  }

  private topNodes(): Node[] {
    const data = this.data;
    if (!data || this.state === 'noFolder' || this.state === 'virtual') return [];
    const shown = this.visible(data.reports);
    const groups = new Map<string, WorkspaceReport[]>();
    const keyOf = (r: WorkspaceReport) => (this.groupBy === 'body' ? r.body ?? '' : String(r.year ?? ''));
    for (const r of shown) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    const keys = [...groups.keys()].sort((a, b) => {
      // The unknown group last; bodies in Chinese order, years newest first.
      if (!a || !b) return a ? -1 : b ? 1 : 0;
      return this.groupBy === 'body' ? a.localeCompare(b, 'zh') : Number(b) - Number(a);
    });
    const nodes: Node[] = keys.map((key) => ({ kind: 'group', key, label: this.groupBy === 'body' ? key || t('（未识别机关）') : key ? t('{0}年', key) : t('（未识别年度）'), reports: groups.get(key)! }));
    // Files that could not be read: one group at the end (they have no body or year to filter by).
    if (this.showsSkipped(data)) nodes.push({ kind: 'skipped', items: data.skipped });
    return nodes;
  }

  private showsSkipped(data: WorkspaceReports): boolean {
    return data.skipped.length > 0 && this.filter.body === undefined && this.filter.year === undefined && !this.filter.errorsOnly;
  }

  private childrenOf(group: Extract<Node, { kind: 'group' }>): Node[] {
    const reports = [...group.reports].sort((a, b) =>
      this.groupBy === 'body' ? (b.year ?? 0) - (a.year ?? 0) || a.name.localeCompare(b.name, 'zh') : (a.body ?? '\uffff').localeCompare(b.body ?? '\uffff', 'zh') || a.name.localeCompare(b.name, 'zh'),
    );
    const labelOf = (r: WorkspaceReport) => (this.groupBy === 'body' ? (r.year ? t('{0}年', r.year) : t('（未识别年度）')) : r.body || t('（未识别机关）'));
    // Two reports under one label (a Word file and its text, two copies): the file name tells them apart.
    const count = new Map<string, number>();
    for (const r of reports) count.set(labelOf(r), (count.get(labelOf(r)) ?? 0) + 1);
    return reports.map((r) => ({ kind: 'report', report: r, label: count.get(labelOf(r))! > 1 ? `${labelOf(r)} · ${r.name}` : labelOf(r) }));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.topNodes();
    if (node.kind === 'group') return this.childrenOf(node);
    if (node.kind === 'skipped') return node.items.map((s) => ({ kind: 'skippedFile', uri: s.uri, reason: s.reason }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      const e = sum(node.reports, 'error');
      const w = sum(node.reports, 'warning');
      item.id = `group:${this.groupBy}:${node.key}`;
      item.description = [t('{0} 份', node.reports.length), ...(e || w ? [problemsText(e, w)] : [])].join(' · ');
      item.iconPath = new vscode.ThemeIcon(this.groupBy === 'body' ? 'organization' : 'calendar');
      item.tooltip = `${node.label}\n${item.description}`;
      item.contextValue = 'group';
      return item;
    }
    if (node.kind === 'skipped') {
      const item = new vscode.TreeItem(t('未能读取的文件（{0}）', node.items.length), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = 'skipped';
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      return item;
    }
    if (node.kind === 'skippedFile') {
      const item = new vscode.TreeItem(fileName(node.uri), vscode.TreeItemCollapsibleState.None);
      item.id = `skipped:${node.uri}`;
      item.description = node.reason;
      item.tooltip = `${vscode.Uri.parse(node.uri).fsPath}\n${node.reason}`;
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      return item;
    }
    const r = node.report;
    const c = r.counts;
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `report:${r.uri}`;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folderName = folders.length > 1 ? folders.find((f) => f.uri.toString() === r.folder)?.name : undefined;
    item.description = [problemsText(c.error, c.warning), formatName(r.format), sourceName(r.source), ...(folderName ? [folderName] : [])].join(' · ');
    item.iconPath = levelIcon(c);
    const uri = vscode.Uri.parse(r.uri);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.supportThemeIcons = true;
    tip.appendText(r.name);
    tip.appendMarkdown('\n\n');
    tip.appendText([r.body || t('（未识别机关）'), r.year ? t('{0}年', r.year) : t('（未识别年度）'), formatName(r.format), t('来源：{0}', sourceName(r.source))].join(' · '));
    tip.appendMarkdown('\n\n');
    tip.appendText(t('{0} 个错误，{1} 个警告，{2} 条提示', c.error, c.warning, c.information + c.hint));
    tip.appendMarkdown('\n\n');
    tip.appendText(r.open ? t('已打开：编辑器中的最新结果') : uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, folders.length > 1) : r.uri);
    item.tooltip = tip;
    item.command = { title: t('打开'), command: 'xxgk-report.reports.open', arguments: [r.uri, r.source] };
    item.contextValue = r.source === 'text' ? 'report.text' : 'report.imported';
    item.accessibilityInformation = { label: `${node.label}, ${item.description}` };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.indexingDone?.();
    this.subs.forEach((s) => s.dispose());
  }
}
