/**
 * The fault campaign's client: the bundled server (`node dist/server.js --stdio`) over real JSON-RPC, as
 * test/support/lsp-client.ts starts it, but recording what the campaign measures: the time of every
 * publishDiagnostics, how long every request waited (cancelled or not), the server's stderr, and the peak
 * RSS of its process. It can answer `workspace/configuration` late, and can skip `initialize` (protocol class).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancellationTokenSource,
  MessageConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './fixtures';
import { ContentChange } from './campaign-docs';

/** The bundle under test: dist/server.js, or XXGK_CAMPAIGN_DIST/server.js (another build, e.g. an older commit's). */
export function distDir(): string {
  return process.env.XXGK_CAMPAIGN_DIST || join(ROOT, 'dist');
}
export const serverPath = () => join(distDir(), 'server.js');

export interface Published extends PublishDiagnosticsParams {
  /** performance.now() when it arrived. */
  at: number;
}

export interface RequestRecord {
  method: string;
  /** The document and its version when the request was sent. */
  uri?: string;
  version?: number;
  sentAt: number;
  /** Milliseconds from sending to the answer (result or error). */
  waitMs: number;
  cancelled: boolean;
  result?: unknown;
  error?: { code: number; message: string };
  /** Which part of the campaign sent it. */
  phase: string;
}

export interface ClientOptions {
  /** Answer workspace/configuration after this many ms (the first check waits for it). */
  configDelayMs?: number;
  settings?: Record<string, unknown>;
  /** Pass the server's stderr through (else it is only kept). */
  echoStderr?: boolean;
}

export class CampaignClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly published: Published[] = [];
  readonly requests: RequestRecord[] = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  stderr = '';
  private waiters: Array<{ uri: string; version?: number; resolve: (p: Published) => void }> = [];
  /** Config requests the server made. */
  configRequests = 0;
  exited: number | null = null;
  /** Set once stop() began: an exit after it is ours. */
  stopping = false;

  constructor(readonly options: ClientOptions = {}) {
    this.proc = spawn(process.execPath, [serverPath(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (s: string) => {
      if (this.stderr.length < 1_000_000) this.stderr += s;
      if (options.echoStderr) process.stderr.write(s);
    });
    this.proc.on('exit', (code) => (this.exited = code ?? -1));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const rec: Published = { ...p, at: performance.now() };
      this.published.push(rec);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || (w.version !== undefined && p.version !== w.version)) return true;
        w.resolve(rec);
        return false;
      });
    });
    this.conn.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      this.configRequests++;
      if (options.configDelayMs) await new Promise((r) => setTimeout(r, options.configDelayMs));
      return params.items.map(() => options.settings ?? {});
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      this.messages.push(m);
    });
    this.conn.onRequest('window/showMessageRequest', (m: { type: number; message: string }) => {
      this.messages.push(m);
      return null;
    });
    this.conn.onNotification('xxgk-report/status', () => undefined);
    this.conn.onNotification('xxgk-report/formatNotes', () => undefined);
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

  /** Resolves with the next diagnostics for `uri` (of `version`, when given), or undefined after `timeoutMs`. */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 30000): Promise<Published | undefined> {
    const have = version === undefined ? undefined : this.published.find((p) => p.uri === uri && p.version === version);
    if (have) return Promise.resolve(have);
    return new Promise((resolve) => {
      const entry = { uri, version, resolve: (p: Published) => { clearTimeout(timer); resolve(p); } };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== entry);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.push(entry);
    });
  }

  open(uri: string, text: string, version = 1, languageId = 'xxgk-report'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: Array<ContentChange | { text: string }>): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Sends a request and records how long its answer took. `cancelAfterMs` sends $/cancelRequest that long
   * after it (the answer is still awaited: a server must answer a cancelled request too). Never rejects.
   */
  request(method: string, params: unknown, meta: { phase: string; uri?: string; version?: number; cancelAfterMs?: number; timeoutMs?: number }): Promise<RequestRecord> {
    const rec: RequestRecord = { method, uri: meta.uri, version: meta.version, sentAt: performance.now(), waitMs: NaN, cancelled: false, phase: meta.phase };
    this.requests.push(rec);
    const cts = new CancellationTokenSource();
    let cancelTimer: NodeJS.Timeout | undefined;
    if (meta.cancelAfterMs !== undefined) {
      cancelTimer = setTimeout(() => {
        if (Number.isNaN(rec.waitMs)) {
          rec.cancelled = true;
          cts.cancel();
        }
      }, meta.cancelAfterMs);
    }
    const answer = this.conn.sendRequest(method, params, cts.token).then(
      (result) => {
        rec.result = result;
      },
      (e: { code?: number; message?: string }) => {
        rec.error = { code: e?.code ?? 0, message: String(e?.message ?? e) };
      },
    );
    const timeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        if (Number.isNaN(rec.waitMs)) rec.error = { code: 0, message: `no answer within ${meta.timeoutMs ?? 60000} ms` };
        resolve();
      }, meta.timeoutMs ?? 60000).unref(),
    );
    return Promise.race([answer, timeout]).then(() => {
      if (cancelTimer) clearTimeout(cancelTimer);
      if (Number.isNaN(rec.waitMs)) rec.waitMs = performance.now() - rec.sentAt;
      return rec;
    });
  }

  /** The server's `xxgk-report/checkCount` (full checks run so far). */
  async checkCount(): Promise<number> {
    return (await this.conn.sendRequest('xxgk-report/checkCount')) as number;
  }

  /** The server's own RSS (`xxgk-report/memory`). */
  async rss(): Promise<number> {
    return (await this.conn.sendRequest('xxgk-report/memory')) as number;
  }

  /** The server process's peak RSS as the kernel counts it (VmHWM), when /proc has it. */
  peakRss(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    this.conn.dispose();
    this.proc.kill();
  }
}
