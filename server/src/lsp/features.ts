/**
 * The editor's requests on a report: code actions and commands, outline, folding, hover, definition, inlay
 * hints, code lenses and formatting. Each is a few lines over the core; each answers from one check result,
 * with every position converted by that result's own line index (one version's parse for the whole answer).
 */
import {
  CancellationToken,
  CodeAction,
  CodeLens,
  Connection,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  ResponseError,
  SymbolKind,
  TextDocumentEdit,
  TextDocuments,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Code, Finding, OutlineNode, TextEdit, codeActions, definitionAt, foldingRanges, hoverAt, inlayHints, outline, tableLenses, QUICK_FIX } from '../core/index';
import { formatTablesWithNotes } from '../core/features/format-tables';
import { SOURCE, toDiagnostic } from './diagnostics';
import { Checked, CheckPipeline, ignoreKey } from './pipeline';
import { Lifecycle, any, contentModified, docUri, guarded, invalid, isNat, isObj, isPosition, isRange, isUri } from './protocol';
import { SettingsSource } from './settings-source';

type Pos = { line: number; character: number };
type DocParams = { textDocument: { uri: string } };

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Namespace,
  subsection: SymbolKind.String,
  table: SymbolKind.Struct,
  rowgroup: SymbolKind.Field,
};

export class EditorFeatures {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly pipeline: CheckPipeline,
    private readonly settings: SettingsSource,
    private readonly lifecycle: Lifecycle,
  ) {}

  /**
   * A request on one document: malformed params get InvalidParams, a document that is not open the empty
   * answer, and the handler gets the latest check result of the document.
   */
  onDocument<P, R>(empty: R, valid: (p: Record<string, unknown>) => boolean, handler: (result: Checked, p: P, token: CancellationToken) => Promise<R> | R) {
    return guarded<P, R>(this.lifecycle, async (p, token) => {
      const uri = docUri(p);
      if (!uri || !valid(p as Record<string, unknown>)) return invalid('malformed parameters');
      if (!this.documents.get(uri)) return empty;
      const result = await this.pipeline.forRequest(uri);
      return handler(result, p, token);
    });
  }

  register(): void {
    const c = this.connection;
    c.onCodeAction(this.onDocument<CodeActionParams, CodeAction[]>([], validCodeAction, (r, p) => this.codeActions(r, p)));
    c.onExecuteCommand(guarded(this.lifecycle, ({ command, arguments: args }) => this.executeCommand(command, args)));
    c.onDocumentSymbol(this.onDocument<DocParams, DocumentSymbol[]>([], any, ({ report }) => outline(report).map((n) => toSymbol(report.index, n))));
    c.onFoldingRanges(this.onDocument<DocParams, FoldingRange[]>([], any, ({ report }) => foldingRanges(report).map((f): FoldingRange => ({ startLine: f.startLine, endLine: f.endLine }))));
    c.onHover(
      this.onDocument<DocParams & { position: Pos }, Hover | null>(null, (p) => isPosition(p.position), ({ report, arithmetic }, { position }) => {
        const info = hoverAt(report, offsetOf(report, position), arithmetic());
        return info ? { contents: { kind: 'markdown', value: info.markdown }, range: report.index.range(info.span) } : null;
      }),
    );
    // Go to definition on a number in the prose: the table cell(s) it was compared with.
    c.onDefinition(
      this.onDocument<DocParams & { position: Pos }, Location[]>([], (p) => isPosition(p.position), ({ uri, report }, { position }) =>
        definitionAt(report, offsetOf(report, position)).map((span) => ({ uri, range: report.index.range(span) })),
      ),
    );
    c.languages.inlayHint.on(
      this.onDocument<DocParams & { range: { start: Pos; end: Pos } }, InlayHint[]>([], (p) => isRange(p.range), async ({ uri, report }, { range: r }) => {
        const settings = await this.settings.get(uri);
        const [a, b] = [offsetOf(report, r.start), offsetOf(report, r.end)];
        return inlayHints(report, settings.inlayHints)
          .filter((h) => h.offset >= a && h.offset <= b)
          .map((h): InlayHint => ({ position: report.index.position(h.offset), label: h.label, paddingLeft: false }));
      }),
    );
    c.onCodeLens(
      this.onDocument<DocParams, CodeLens[]>([], any, ({ uri, report, arithmetic }) =>
        // Client commands: jump to the first cell to correct, or open the table view.
        tableLenses(report, arithmetic()).map(
          (l): CodeLens => ({
            range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } },
            command: l.action === 'reveal' && l.target !== undefined
              ? { title: l.title, command: 'xxgk-report.revealOffset', arguments: [uri, l.target] }
              : { title: l.title, command: 'xxgk-report.showTableView', arguments: [uri] },
          }),
        ),
      ),
    );
    c.onDocumentFormatting(this.onDocument<DocParams, LspTextEdit[] | ResponseError<void>>([], any, (r) => this.format(r)));
  }

  private codeActions(result: Checked, { range: r, context }: CodeActionParams): CodeAction[] {
    const { uri, report } = result;
    const span = { start: offsetOf(report, r.start), end: offsetOf(report, r.end) };
    // The client's own diagnostics are named back where they match a finding (code and start); no Diagnostic.data.
    const sent = (context.diagnostics ?? []).filter((d) => isObj(d) && d.source === SOURCE && isRange(d.range));
    const diagnostic = (f: Finding) => sent.find((d) => d.code === f.code && offsetOf(report, d.range.start) === f.span.start) ?? toDiagnostic(uri, report, f, (o) => this.pipeline.known.uriOf(o));
    return codeActions(result.findings, span, context.only).map((a): CodeAction => {
      const cmd = a.command;
      return {
        title: a.title,
        kind: a.kind,
        ...(a.isPreferred !== undefined && { isPreferred: a.isPreferred }),
        ...(a.findings.length && a.kind === QUICK_FIX && { diagnostics: a.findings.map(diagnostic) }),
        // The edit names the version it was computed for: the editor refuses it if the text has changed since.
        ...(a.edits && { edit: workspaceEdit(result, a.edits) }),
        ...(cmd?.name === 'ignore' && { command: { title: a.title, command: 'xxgk-report.ignore', arguments: [uri, cmd.code, report.index.position(cmd.offset).line] } }),
        ...(cmd?.name === 'disableRule' && { command: { title: a.title, command: 'xxgk-report.disableRule', arguments: [cmd.code] } }),
      };
    });
  }

  private executeCommand(command: string, args: unknown[] | undefined): ResponseError<void> | undefined {
    if (command !== 'xxgk-report.ignoreHere' || !Array.isArray(args)) return undefined;
    const [uri, code, line] = args;
    if (!isUri(uri) || typeof code !== 'string' || !isNat(line)) return invalid('xxgk-report.ignoreHere takes [uri, code, line]');
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim();
    this.pipeline.addIgnore(uri, ignoreKey(code as Code, text));
    this.pipeline.renew(uri);
    this.pipeline.schedule(uri, 0);
    return undefined;
  }

  /** Formatting edits apply to the text they were computed from: never to a newer one. */
  private async format(answered: Checked): Promise<LspTextEdit[] | ResponseError<void>> {
    const result = this.pipeline.isCurrent(answered) ? answered : await this.pipeline.latest(answered.uri);
    if (result.tooLarge) return [];
    if (!this.pipeline.isCurrent(result)) return contentModified('document changed while formatting');
    const { uri, report } = result;
    const out = formatTablesWithNotes(report);
    // Said, not silent: what formatting renamed, and which tables it left alone and why (the client shows it).
    if (out.changed.length || out.skipped.length) this.connection.sendNotification('xxgk-report/formatNotes', { uri, changed: out.changed, skipped: out.skipped }).catch(() => undefined);
    return out.edits.map((e) => ({ range: report.index.range(e.span), newText: e.newText }));
  }
}

type CodeActionParams = { textDocument: { uri: string }; range: { start: Pos; end: Pos }; context: { diagnostics: Diagnostic[]; only?: string[] } };

const validCodeAction = (p: Record<string, unknown>) =>
  isRange(p.range) &&
  isObj(p.context) &&
  (p.context.diagnostics === undefined || Array.isArray(p.context.diagnostics)) &&
  (p.context.only === undefined || (Array.isArray(p.context.only) && p.context.only.every((o) => typeof o === 'string')));

/** A client position as an offset into the result's text, kept within its line (as TextDocument.offsetAt does). */
function offsetOf(report: Checked['report'], pos: Pos): number {
  const line = report.lines[Math.min(pos.line, report.lines.length - 1)];
  return pos.line >= report.lines.length ? report.text.length : Math.min(line.start + pos.character, line.end);
}

function toSymbol(index: Checked['report']['index'], n: OutlineNode): DocumentSymbol {
  return { name: n.name || '…', kind: SYMBOL_KIND[n.kind], range: index.range(n.span), selectionRange: index.range(n.selection), children: n.children.map((c) => toSymbol(index, c)) };
}

function workspaceEdit(result: Checked, edits: TextEdit[]) {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: result.report.index.range(e.span), newText: e.newText }));
  return { documentChanges: [TextDocumentEdit.create({ uri: result.uri, version: result.version }, lspEdits)] };
}
