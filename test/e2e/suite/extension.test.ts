/** What a user sees in a real VS Code: language, squiggles, fixes, outline, hover, commands, settings. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const LANG = 'xxgk-report';
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);
const DAMAGED = '顺河区2020年度报告-damaged.txt';

/** Resolves when `check` holds, re-checking on every event given; never a blind sleep. */
function waitFor<T>(check: () => T | undefined | false, events: Array<vscode.Event<unknown>>, what: string, timeoutMs = 20000): Promise<T> {
  return new Promise((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = (v?: T, e?: Error) => {
      subs.forEach((s) => s.dispose());
      clearTimeout(timer);
      if (e) reject(e);
      else resolve(v as T);
    };
    const test = () => {
      try {
        const v = check();
        if (v) done(v);
      } catch (e) {
        done(undefined, e as Error);
      }
    };
    const timer = setTimeout(() => done(undefined, new Error(`timed out waiting for ${what}`)), timeoutMs);
    for (const ev of events) subs.push(ev(test));
    test();
  });
}

/** A diagnostic's code; with a documentation link VS Code gives it as { value, target }. */
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const diagnosticsOf = (uri: vscode.Uri, code?: string) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'xxgk-report' && (!code || codeOf(d) === code));
const waitDiagnostics = (uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string) =>
  waitFor(() => (ok(diagnosticsOf(uri)) ? diagnosticsOf(uri) : undefined), [vscode.languages.onDidChangeDiagnostics], what);

/** Asks the runner for a screenshot and waits until it is taken (the runner writes a sentinel file). */
async function screenshot(name: string): Promise<void> {
  const sentinel = path.join(folder().fsPath, `.e2e-screenshot-${name}`);
  console.log(`E2E_SCREENSHOT_REQUEST ${name}`);
  if (!process.env.XXGK_E2E_SCREENSHOTS) return;
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder(), `.e2e-screenshot-${name}`));
  try {
    await waitFor(() => fs.existsSync(sentinel), [watcher.onDidCreate, watcher.onDidChange], `screenshot ${name}`, 30000);
  } finally {
    watcher.dispose();
  }
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('xxgk-report in VS Code', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'xxgk-report');
    assert.ok(ext, 'extension not found');
  });

  it('a report opened by file name gets the xxgk-report language', async () => {
    const doc = await open('周口示范区2020年度报告.txt');
    assert.strictEqual(doc.languageId, LANG);
  });

  it('a .txt whose name says nothing is switched to it by content', async () => {
    await vscode.workspace.openTextDocument(file('notes.txt'));
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === file('notes.txt').toString() && d.languageId === LANG),
      [vscode.workspace.onDidOpenTextDocument],
      'notes.txt to become xxgk-report',
    );
    assert.strictEqual(doc.languageId, LANG);
  });

  it('diagnostics with codes, ranges and Chinese messages; editing the total right removes it', async () => {
    const doc = await open(DAMAGED);
    const diags = await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch');
    // The cell breaks two identities: its column total and its row's 总计.
    const total = diags.find((d) => d.message === '（七）总计·自然人 为 26，但各项之和为 25')!;
    assert.ok(total, JSON.stringify(diags.map((d) => d.message)));
    assert.ok(diags.some((d) => d.message === '（七）总计·总计 为 25，但各列之和为 26'));
    assert.strictEqual(total.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(total.range), '26');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(doc, { selection: total.range, preserveFocus: false });
    await screenshot('a-squiggles-and-problems');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, total.range, '25');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch to go');
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, total.range, '26');
    await vscode.workspace.applyEdit(undo);
    await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch back');
  });

  it('the quick fix is offered and fixes the text; fix-all through source.fixAll.xxgk-report', async () => {
    const doc = await open(DAMAGED);
    const editor = vscode.window.activeTextEditor!;
    const total = (await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch')).find((d) => codeOf(d) === 'total-mismatch')!;
    editor.selection = new vscode.Selection(total.range.start, total.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('c-quick-fix-menu');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, total.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === '将（七）总计·自然人改为 25');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.getText(total.range), '25');
    await waitDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'total-mismatch'), 'fixed');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, total.range, '26');
    await vscode.workspace.applyEdit(edit);
    await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'damaged again');
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.xxgk-report');
    assert.strictEqual(all.length, 1);
    await vscode.workspace.applyEdit(all[0].edit!);
    assert.strictEqual(doc.getText(total.range), '25');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('editor.codeActionsOnSave fixes on save', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: LANG });
    await config.update('codeActionsOnSave', { 'source.fixAll.xxgk-report': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const doc = await open(DAMAGED);
    const cell = (await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch')).find((d) => codeOf(d) === 'total-mismatch')!.range;
    const setCell = async (value: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, cell, value);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await setCell('27');
    // An explicit save, as a user's Ctrl+S: codeActionsOnSave "explicit" runs the fix-all.
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.strictEqual(doc.getText(cell), '25');
    assert.ok(!doc.isDirty);
    await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await setCell('26');
    await doc.save();
    await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'damaged again');
  });

  it('outline: the six sections nested, folding ranges, hover on a number', async () => {
    const doc = await open('周口示范区2020年度报告.txt');
    const tree = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const sections = tree.filter((s) => /^[一二三四五六]、/.test(s.name)).map((s) => s.name.slice(0, 1));
    assert.deepStrictEqual(sections, ['一', '二', '二', '三', '四', '五', '六']);
    assert.ok(tree.find((s) => s.name.startsWith('三、'))!.children.some((c) => c.name === '收到和处理政府信息公开申请情况表'));
    await vscode.commands.executeCommand('outline.focus');
    await screenshot('b-outline');
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(folds.length >= 9);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('(七) 总计'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, '(七) 总计\t'.length));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes('（七）总计 · 自然人'), text);
    assert.ok(text.includes('✓'), text);
  });

  it('command: new report from the template checks clean apart from empty-table notes', async () => {
    await vscode.commands.executeCommand('xxgk-report.newReport', '2021', 2025);
    const doc = vscode.window.activeTextEditor!.document;
    assert.ok(doc.isUntitled);
    assert.strictEqual(doc.languageId, LANG);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) assert.ok(doc.getText().includes(h), h);
    const diags = await waitDiagnostics(doc.uri, (d) => d.length > 0, 'template notes');
    assert.deepStrictEqual([...new Set(diags.map(codeOf))], ['blank-cell']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('command: export tables to JSON and CSV', async () => {
    const doc = await open('周口示范区2020年度报告.txt');
    const out = await vscode.commands.executeCommand<{ json: string; csv: string }>('xxgk-report.exportTables', doc.uri);
    const json = JSON.parse(fs.readFileSync(vscode.Uri.parse(out.json).fsPath, 'utf8'));
    assert.deepStrictEqual(json.tables.disclosure['政府集中采购'], [14, 2067.5172]);
    const csv = fs.readFileSync(vscode.Uri.parse(out.csv).fsPath, 'utf8');
    assert.ok(csv.includes('applications,"3.7",6,0,0,0,0,0,6'), csv.slice(0, 300));
  });

  it('command: check the workspace puts every report in the Problems panel', async () => {
    const result = await vscode.commands.executeCommand<{ files: number }>('xxgk-report.checkWorkspace');
    assert.ok(result.files >= 3);
    await waitDiagnostics(file('周口示范区2020年度报告.txt'), (d) => d.some((x) => codeOf(x) === 'duplicate-section'), 'zhoukou in Problems');
    await waitDiagnostics(file(DAMAGED), (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'damaged in Problems');
  });

  it('turning total-mismatch off in the settings removes those diagnostics without a reload', async () => {
    const doc = await open(DAMAGED);
    await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch');
    const config = vscode.workspace.getConfiguration(LANG);
    await config.update('rules', { 'total-mismatch': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch off');
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'total-mismatch'), 'total-mismatch back on');
  });

  it('the language status item shows the detected format', async () => {
    await open('周口示范区2020年度报告.txt');
    const status = await vscode.commands.executeCommand<string>('xxgk-report.statusText');
    assert.ok(/2019年格式/.test(status), status);
  });
});
