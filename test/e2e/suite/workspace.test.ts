/**
 * The workspace of reports in a real VS Code: the reports view (what the server's index found, with the
 * counts the CLI gives for the same files), the table view beside last year's report, and the export of the
 * whole folder, byte for byte the CLI's file.
 */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);
const BODY = '示例县交通运输局';
const Y2022 = `${BODY}2022年政府信息公开工作年度报告.txt`;
const Y2023 = `${BODY}2023年政府信息公开工作年度报告.txt`;
const DAMAGED = '顺河区2020年度报告-damaged.txt';

interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}
interface Snapshot {
  state: string;
  groupBy: string;
  filter: { body?: string; year?: number; errorsOnly: boolean };
  message?: string;
  badge?: { value: number; tooltip: string };
  data?: { indexing: boolean; reports: Array<{ uri: string; name: string; body: string | null; year: number | null; format: string; source: string; counts: Counts; open: boolean }>; skipped: Array<{ uri: string; reason: string }>; truncated: boolean };
  groups: Array<{ label: string; description: string; children: Array<{ label: string; description: string; tooltip: string; icon: string; uri: string; command: string; args: unknown[] }> }>;
}
interface ViewCell {
  text: string;
  header?: boolean;
  state?: string;
  lastYear?: number | null;
  change?: string;
  crossYear?: string[];
}
interface Model {
  uri: string;
  lastYear?: { year: number | null; format: string; broken: number; uri?: string };
  tables: Array<{ id: string; crossYear?: number; rows: ViewCell[][] }>;
}

const extensionPath = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'xxgk-report')!.extensionPath;
const snapshot = () => vscode.commands.executeCommand<Snapshot>('xxgk-report.test.reportsView');

/** Polls the reports view until `ok` holds (the list comes from the server's index, built in the background). */
async function viewUntil(ok: (s: Snapshot) => boolean, what: string, timeoutMs = 30000): Promise<Snapshot> {
  const end = Date.now() + timeoutMs;
  let s = await vscode.commands.executeCommand<Snapshot>('xxgk-report.test.reportsViewRefresh');
  while (!ok(s)) {
    if (Date.now() > end) throw new Error(`reports view never showed ${what}: ${JSON.stringify({ state: s.state, message: s.message, reports: s.data?.reports.map((r) => [r.name, r.counts]) })}`);
    await Promise.race([vscode.commands.executeCommand('xxgk-report.test.nextReportsView'), new Promise((r) => setTimeout(r, 500))]);
    s = await snapshot();
  }
  return s;
}

/** The bundled CLI run by hand, as a user would: `cd <cwd> && node dist/cli.js <args>`. */
function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(extensionPath(), 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function screenshot(name: string): Promise<void> {
  const sentinel = path.join(folder().fsPath, `.e2e-screenshot-${name}`);
  console.log(`E2E_SCREENSHOT_REQUEST ${name}`);
  if (!process.env.XXGK_E2E_SCREENSHOTS) return;
  const end = Date.now() + 30000;
  while (!fs.existsSync(sentinel)) {
    if (Date.now() > end) throw new Error(`screenshot ${name} not taken`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ui(name: string, action: 'count' | 'click' | 'text', selector: string): Promise<{ count: number; clicked?: boolean; texts?: string[]; error?: string } | undefined> {
  if (!process.env.XXGK_E2E_SCREENSHOTS) return undefined;
  const answer = path.join(folder().fsPath, `.e2e-ui-${name}`);
  console.log(`E2E_UI_REQUEST ${name} ${action} ${selector}`);
  const end = Date.now() + 30000;
  while (!fs.existsSync(answer)) {
    if (Date.now() > end) throw new Error(`ui ${name} not answered`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(fs.readFileSync(answer, 'utf8'));
}

/** Asks the page until `ok` holds for the answer (a webview draws a posted model a moment later). */
async function uiUntil(name: string, action: 'count' | 'text', selector: string, ok: (a: { count: number; texts?: string[] }) => boolean) {
  let answer: Awaited<ReturnType<typeof ui>>;
  for (let i = 0; i < 20; i++) {
    answer = await ui(`${name}-${i}`, action, selector);
    if (!answer || ok(answer)) return answer;
    await new Promise((r) => setTimeout(r, 300));
  }
  return answer;
}

/** The value cells of the row whose last label cell is `label`. */
function rowOf(model: Model, table: string, label: string): ViewCell[] {
  const row = model.tables.find((tb) => tb.id === table)!.rows.find((r) => {
    const labels = r.filter((c) => c.header);
    return labels.length && labels[labels.length - 1].text === label;
  });
  assert.ok(row, `no row ${label}`);
  return row.filter((c) => !c.header);
}

/** The table view's next model for a document that satisfies `ok` (it updates as the server re-checks). */
async function tableModel(uri: vscode.Uri, ok: (m: Model) => boolean, what: string): Promise<Model> {
  const end = Date.now() + 20000;
  let m = (await vscode.commands.executeCommand<{ model?: Model }>('xxgk-report.test.tableView')).model;
  while (!m || m.uri !== uri.toString() || !ok(m)) {
    if (Date.now() > end) throw new Error(`table view never showed ${what}: ${JSON.stringify(m?.lastYear)}`);
    const next = vscode.commands.executeCommand<Model>('xxgk-report.test.nextTableModel');
    // Nudge: the view asks again when the document's diagnostics change.
    m = await Promise.race([next, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
    if (!m) {
      await vscode.commands.executeCommand('xxgk-report.showTableView', uri);
      m = (await vscode.commands.executeCommand<{ model?: Model }>('xxgk-report.test.tableView')).model;
    }
  }
  return m;
}

describe('a workspace of reports', function () {
  this.timeout(120000);

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports view: every report of the folder by body and year, the CLI’s counts, the badge, unreadable files', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.xxgk-report');
    const s = await viewUntil((x) => !!x.data && !x.data.indexing && x.data.reports.some((r) => r.name === Y2023 && r.counts.warning === 1), 'the indexed folder');
    const data = s.data!;
    // The reports (text by name or content, GB18030 text, the Word file), not the meeting note or the damaged Word file.
    assert.deepStrictEqual(data.reports.map((r) => r.name).sort(), ['notes.txt', 'zhoukou-demo-zone-2020.docx', '南召县2020年度报告-gb18030.txt', '周口示范区2020年度报告.txt', Y2022, Y2023, '顺河区2019年度报告.txt', DAMAGED].sort());
    assert.deepStrictEqual(data.skipped.map((x) => path.basename(vscode.Uri.parse(x.uri).fsPath)), ['damaged.docx']);
    assert.strictEqual(data.reports.find((r) => r.name === 'zhoukou-demo-zone-2020.docx')!.source, 'docx');

    // The counts are the CLI's for the same files (cross-year findings included).
    const json = JSON.parse(cli(['check', '.', '--format', 'json'], folder().fsPath).stdout) as { files: Array<{ path: string; diagnostics: Array<{ severity: keyof Counts }> }> };
    for (const r of data.reports) {
      const f = json.files.find((x) => x.path === r.name)!;
      assert.ok(f, r.name);
      const want: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
      for (const d of f.diagnostics) want[d.severity]++;
      assert.deepStrictEqual(r.counts, want, r.name);
    }
    const errors = data.reports.reduce((n, r) => n + r.counts.error, 0);
    assert.ok(errors > 0);
    assert.strictEqual(s.badge?.value, errors);

    // By body, then year, newest first; each item: counts, format, source; the icon by the worst level.
    const body = s.groups.find((g) => g.label === BODY)!;
    assert.ok(body, JSON.stringify(s.groups.map((g) => g.label)));
    assert.deepStrictEqual(body.children.map((c) => c.label), ['2023年', '2022年']);
    assert.strictEqual(body.children[0].description, '1 个警告 · 2021年格式 · 文本');
    assert.strictEqual(body.children[0].icon, 'warning');
    assert.ok(body.children[0].tooltip.includes(Y2023), body.children[0].tooltip);
    assert.strictEqual(body.children[1].icon, 'pass');
    assert.strictEqual(body.children[1].description, '无错误或警告 · 2021年格式 · 文本');
    assert.strictEqual(body.description, '2 份 · 1 个警告');
    const shunhe = s.groups.find((g) => g.label === '顺河区人民政府' || g.children.some((c) => c.uri.endsWith(encodeURIComponent(DAMAGED))))!;
    const damagedItem = shunhe.children.find((c) => c.label === '2020年')!;
    assert.strictEqual(damagedItem.icon, 'error');
    assert.match(damagedItem.description, /^\d+ 个错误，\d+ 个警告 · 2019年格式 · 文本$/);
    // Two reports of one body and year (a Word file and its text): told apart by the file name.
    const word = s.groups.flatMap((g) => g.children).find((c) => c.label.endsWith('zhoukou-demo-zone-2020.docx'))!;
    assert.ok(word, JSON.stringify(s.groups.flatMap((g) => g.children.map((c) => c.label))));
    assert.ok(word.description.endsWith(' · 2019年格式 · Word'), word.description);

    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(Y2023)));
    // A wider sidebar for the screenshot: a narrower editor (the part resized is the editor, which has the
    // focus here); no toasts left from the other tests.
    await vscode.commands.executeCommand('workbench.view.extension.xxgk-report');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 5; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await vscode.commands.executeCommand('notifications.clearAll');
    const rows = await ui('reports-rows', 'text', '.pane-body .monaco-list-row');
    if (rows) assert.ok(rows.texts!.some((t) => t.includes(BODY)) && rows.texts!.some((t) => t.includes('未能读取的文件')), JSON.stringify(rows.texts));
    await screenshot('h-reports-view');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 5; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
  });

  it('reports view: a click opens the report (a Word file through the importer)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const s = await viewUntil((x) => !!x.data && !x.data.indexing, 'the list');
    const item = s.groups.find((g) => g.label === BODY)!.children[1];
    await vscode.commands.executeCommand(item.command, ...item.args);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), file(Y2022).toString());
    const word = s.groups.flatMap((g) => g.children).find((c) => c.label.endsWith('zhoukou-demo-zone-2020.docx'))!;
    await vscode.commands.executeCommand(word.command, ...word.args);
    const doc = vscode.window.activeTextEditor!.document;
    assert.ok(doc.isUntitled && doc.uri.path.endsWith('/zhoukou-demo-zone-2020.txt'), doc.uri.toString());
    assert.strictEqual(doc.languageId, 'xxgk-report');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports view: group by year, only reports with errors, filter by body; clear', async () => {
    await vscode.commands.executeCommand('xxgk-report.reports.groupByYear');
    let s = await snapshot();
    assert.strictEqual(s.groupBy, 'year');
    assert.deepStrictEqual(s.groups.map((g) => g.label), ['2023年', '2022年', '2020年', '2019年']);
    await vscode.commands.executeCommand('xxgk-report.reports.errorsOnly');
    s = await snapshot();
    assert.ok(s.filter.errorsOnly);
    const shown = s.groups.flatMap((g) => g.children);
    assert.ok(shown.length > 0 && shown.every((c) => c.icon === 'error'), JSON.stringify(shown));
    assert.ok(s.message?.includes('只看有错误的'), s.message);
    await vscode.commands.executeCommand('xxgk-report.reports.showAll');
    await vscode.commands.executeCommand('xxgk-report.reports.filterBody', BODY);
    s = await snapshot();
    assert.deepStrictEqual(s.groups.flatMap((g) => g.children.map((c) => c.label)), [BODY, BODY]);
    await vscode.commands.executeCommand('xxgk-report.reports.filterYear', 2019);
    s = await snapshot();
    assert.strictEqual(s.state, 'filteredEmpty');
    assert.deepStrictEqual(s.groups, []);
    await vscode.commands.executeCommand('xxgk-report.reports.clearFilter');
    await vscode.commands.executeCommand('xxgk-report.reports.groupByBody');
    s = await snapshot();
    assert.strictEqual(s.state, 'ready');
    assert.strictEqual(s.message, undefined);
  });

  it('reports view: live — last year’s report edited on disk, this year’s cross-year warning goes and comes back', async () => {
    const before = fs.readFileSync(file(Y2022).fsPath, 'utf8');
    // 470 = 525 + 77 − 132: the 2023 report now carries over.
    fs.writeFileSync(file(Y2022).fsPath, before.replace('行政规范性文件\t81\t35\t698', '行政规范性文件\t81\t35\t525'));
    try {
      await viewUntil((x) => x.data!.reports.find((r) => r.name === Y2023)!.counts.warning === 0, 'the 2023 warning gone');
    } finally {
      fs.writeFileSync(file(Y2022).fsPath, before);
    }
    await viewUntil((x) => x.data!.reports.find((r) => r.name === Y2023)!.counts.warning === 1, 'the 2023 warning back');
  });

  it('table view: last year’s value and the change in each cell, the carry-over that breaks marked; screenshot', async () => {
    const doc = await vscode.workspace.openTextDocument(file(Y2023));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('xxgk-report.test.tableViewCompare', false);
    await vscode.commands.executeCommand('xxgk-report.showTableView', doc.uri);
    const m = await tableModel(doc.uri, (x) => !!x.lastYear, 'last year');
    assert.strictEqual(m.lastYear!.year, 2022);
    assert.strictEqual(m.lastYear!.uri, file(Y2022).toString());
    assert.strictEqual(m.lastYear!.broken, 1);
    const valid = rowOf(m, 'disclosure', '行政规范性文件')[2];
    assert.strictEqual(valid.text, '470');
    assert.strictEqual(valid.lastYear, 698);
    assert.strictEqual(valid.change, '-228');
    assert.deepStrictEqual(valid.crossYear, ['行政规范性文件·现行有效件数 为 470，但上年 698 + 本年制发 77 − 本年废止 132 = 643']);
    // 二、上年结转 is last year's 四、结转下年度 (it carries over: not marked).
    const carried = rowOf(m, 'applications', '二、上年结转政府信息公开申请数量');
    assert.ok(carried.every((c) => !c.crossYear));
    assert.strictEqual(rowOf(m, 'applications', '四、结转下年度继续办理')[6].lastYear, 8);
    // The page: the cross-year cell is marked whether or not the comparison shows; the toggle adds the values.
    const cross = await uiUntil('cross-cells', 'count', 'td[data-cross="1"]', (a) => a.count === 1);
    if (cross) assert.strictEqual(cross.count, 1, JSON.stringify(cross));
    const before = await ui('last-before', 'count', 'td .last');
    if (before) assert.strictEqual(before.count, 0);
    const toggled = await ui('compare-click', 'click', '#compare');
    if (toggled) {
      assert.ok(toggled.clicked, JSON.stringify(toggled));
      const last = await uiUntil('last-after', 'text', 'td .last', (a) => a.count > 40);
      assert.ok(last!.count > 40, JSON.stringify(last));
      assert.ok(last!.texts!.includes('上年 698 · -228'), JSON.stringify(last!.texts!.slice(0, 10)));
      const state = await vscode.commands.executeCommand<{ compare: boolean }>('xxgk-report.test.tableView');
      assert.strictEqual(state.compare, true, 'the toggle is remembered');
    } else await vscode.commands.executeCommand('xxgk-report.test.tableViewCompare', true);
    // Room for the two columns: no sidebar while the screenshot is taken.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('i-table-view-last-year');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('xxgk-report.test.tableViewCompare', false);
  });

  it('table view: the 2019 format — 顺河区 2020 beside 2019, its 上年结转 marked', async () => {
    const doc = await vscode.workspace.openTextDocument(file(DAMAGED));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('xxgk-report.showTableView', doc.uri);
    const m = await tableModel(doc.uri, (x) => !!x.lastYear, 'last year');
    assert.strictEqual(m.lastYear!.year, 2019);
    const carried = rowOf(m, 'applications', '二、上年结转政府信息公开申请数量')[6];
    assert.ok(carried.crossYear?.[0].startsWith('二、上年结转·总计 为 2，但2019年度报告的四、结转下年度继续办理·总计为 5'), JSON.stringify(carried));
    assert.strictEqual(typeof carried.lastYear, 'number');
    // 本年增/减 of the 第二十条 rows: the same row and column.
    const permits = rowOf(m, 'disclosure', '行政许可');
    assert.ok(permits.every((c) => c.lastYear !== undefined), JSON.stringify(permits));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('export: the whole folder written by the CLI itself — the same bytes as `xxgk-report export .` (CSV and JSON Lines)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-export-'));
    for (const format of ['csv', 'jsonl'] as const) {
      const target = vscode.Uri.file(path.join(dir, `editor.${format}`));
      const result = await vscode.commands.executeCommand<{ args: string[]; cwd: string; code: number; files: number; rows: number; stderr: string[]; summary: string; cancelled: boolean }>('xxgk-report.exportWorkspace', { format, target });
      assert.ok(result, 'exported');
      assert.deepStrictEqual(result.args, ['export', '.', '--format', format, '-o', target.fsPath]);
      assert.strictEqual(result.cwd, folder().fsPath);
      // damaged.docx cannot be read: exit code 2, said on stderr, the rest written.
      assert.strictEqual(result.code, 2);
      assert.ok(result.stderr.some((l) => l.startsWith('damaged.docx：')), JSON.stringify(result.stderr));
      const byHand = path.join(dir, `cli.${format}`);
      const run = cli(['export', '.', '--format', format, '-o', byHand], folder().fsPath);
      assert.strictEqual(run.status, 2, run.stderr);
      const a = fs.readFileSync(target.fsPath);
      const b = fs.readFileSync(byHand);
      assert.ok(a.length > 1000);
      assert.ok(a.equals(b), `${format}: the editor's file differs from the CLI's`);
      // Every readable .txt/.docx of the folder, 32 rows each (表二 + 表三 + 表四), as the summary says.
      assert.strictEqual(result.files, 9);
      assert.strictEqual(result.rows, 9 * 32);
      assert.ok(result.summary.startsWith(`已导出 9 个文件的 288 行到 editor.${format}`), result.summary);
      if (format === 'csv') {
        assert.ok(a.toString('utf8').startsWith('\ufeff文件,机关,年度,格式,表,行,'));
        assert.ok(a.toString('utf8').includes(`${Y2023},${BODY},2023,2021,表二,第二十条第（一）项·行政规范性文件`));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
