/**
 * Content detection: a plain-text document (a file or an untitled one) whose first lines carry a report's
 * title is switched to the report language — on open, and after a paste or an edit (debounced, and only
 * while the change touches the first lines). The test is the core's `looksLikeReportText`, the same one the
 * workspace check uses. A document the user switched back to plain text is left alone.
 */
import * as vscode from 'vscode';
import { HEAD_LINES, looksLikeReportText } from '../../server/src/core/features/detect';

const LANGUAGE = 'xxgk-report';
const DEBOUNCE_MS = 300;

export function registerDetection(context: vscode.ExtensionContext): void {
  const timers = new Map<string, NodeJS.Timeout>();
  /** Documents switched once already: switching back to plain text is the user's choice. */
  const switched = new Set<string>();

  const detect = async (doc: vscode.TextDocument): Promise<void> => {
    if (doc.languageId !== 'plaintext') return;
    const key = doc.uri.toString();
    if (switched.has(key)) return;
    if (!vscode.workspace.getConfiguration(LANGUAGE, doc.uri).get<boolean>('detectByContent', true)) return;
    const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, HEAD_LINES), 0));
    if (!looksLikeReportText(head)) return;
    switched.add(key);
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => void detect(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const doc = e.document;
      if (doc.languageId !== 'plaintext' || !e.contentChanges.length) return;
      // Only a change in the first lines (or one that spans lines, as a paste does) can bring a title there.
      if (!e.contentChanges.some((c) => c.range.start.line < HEAD_LINES || c.text.includes('\n'))) return;
      const key = doc.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          void detect(doc);
        }, DEBOUNCE_MS),
      );
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  for (const doc of vscode.workspace.textDocuments) void detect(doc);
}
