/** A real JSON-RPC client for the bundled server (`node dist/server.js --stdio`). */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  MessageConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './fixtures';

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  settings: Record<string, unknown> = {};

  constructor() {
    this.proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || (w.version !== undefined && p.version !== w.version)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('xxgk-report/status', () => undefined);
    this.conn.listen();
  }

  async initialize(): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the next diagnostics for `uri` (of `version`, when given). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk-report', version, text } });
    return next;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Applies LSP text edits to a text (positions in UTF-16 code units). */
export function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
