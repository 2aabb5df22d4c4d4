/**
 * The protocol guards: what the server accepts from a client before any handler sees it. A malformed
 * notification is logged and ignored, a malformed request is answered InvalidParams, a request before
 * `initialize` ServerNotInitialized, and no exception escapes a handler as anything but an error response.
 */
import { CancellationToken, Connection, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export const isPosition = (v: unknown): boolean => isObj(v) && isNat(v.line) && isNat(v.character);
export const isRange = (v: unknown): boolean => isObj(v) && isPosition(v.start) && isPosition(v.end);
export const isUri = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const docUri = (p: unknown): string | undefined => (isObj(p) && isObj(p.textDocument) && isUri(p.textDocument.uri) ? p.textDocument.uri : undefined);
export const any = () => true;

export const invalid = (why: string) => new ResponseError(ErrorCodes.InvalidParams, why);
export const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
export const contentModified = (why: string) => new ResponseError(LSPErrorCodes.ContentModified, why);

export function ignoredMessage(method: string, why: string): void {
  console.error(`[xxgk-report] ignored ${method}: ${why}`);
}

export function validOpen(p: unknown): string | undefined {
  if (!isObj(p) || !isObj(p.textDocument)) return 'no textDocument';
  const td = p.textDocument;
  if (!isUri(td.uri)) return 'uri is not a string';
  if (typeof td.text !== 'string') return 'text is not a string';
  if (typeof td.version !== 'number' || !Number.isFinite(td.version)) return 'version is not a number';
  if (typeof td.languageId !== 'string') return 'languageId is not a string';
  return undefined;
}

export function validChange(p: unknown): string | undefined {
  if (!isObj(p) || !isObj(p.textDocument)) return 'no textDocument';
  if (!isUri(p.textDocument.uri)) return 'uri is not a string';
  if (typeof p.textDocument.version !== 'number' || !Number.isFinite(p.textDocument.version)) return 'version is not a number';
  if (!Array.isArray(p.contentChanges)) return 'contentChanges is not an array';
  for (const c of p.contentChanges) {
    if (!isObj(c) || typeof c.text !== 'string') return 'a change has no text';
    if (c.range !== undefined && !isRange(c.range)) return 'a change has a bad range';
  }
  return undefined;
}

/**
 * Where the session is: requests before `initialize` are refused with ServerNotInitialized (-32002), as the
 * LSP requires, and requests after `shutdown` with InvalidRequest.
 */
export class Lifecycle {
  private state: 'new' | 'running' | 'shutdown' = 'new';
  initialized(): void {
    this.state = 'running';
  }
  shutdown(): void {
    this.state = 'shutdown';
  }
  /** The error a request gets in the current state, or undefined when it may run. */
  refusal(): ResponseError<void> | undefined {
    if (this.state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
    if (this.state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
    return undefined;
  }
}

type Handler<P, R> = (p: P, token: CancellationToken) => Promise<R | ResponseError<void>> | R | ResponseError<void>;

/**
 * Every request handler goes through here: refused before `initialize`, answered RequestCancelled once the
 * client cancels, and an exception becomes InternalError (logged) instead of ending the server.
 */
export function guarded<P, R>(lifecycle: Lifecycle, handler: Handler<P, R>): (p: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (p, token) => {
    const refused = lifecycle.refusal();
    if (refused) return refused;
    try {
      if (token.isCancellationRequested) return cancelled();
      const r = await handler(p, token);
      return token.isCancellationRequested && !(r instanceof ResponseError) ? cancelled() : r;
    } catch (e) {
      if (e instanceof ResponseError) return e;
      console.error(`[xxgk-report] request failed: ${e instanceof Error ? e.stack : String(e)}`);
      return new ResponseError(ErrorCodes.InternalError, e instanceof Error ? e.message : String(e));
    }
  };
}

/** Methods the server does not serve: MethodNotFound, or ServerNotInitialized before `initialize` like every other request. */
export function refuseUnknown(connection: Connection, lifecycle: Lifecycle): void {
  connection.onRequest((method) => lifecycle.refusal() ?? new ResponseError(ErrorCodes.MethodNotFound, `unhandled method ${method}`));
}

/** Waits one turn of the event loop, so that messages already received are handled first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
