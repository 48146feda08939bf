// HTTP(S) transport for vim25 SOAP: keep-alive agent, session cookie jar, per-request timeout, bounded
// retries with backoff for idempotent reads, response-size ceiling, and network/TLS errors mapped to
// TransportError kinds. Bodies are handed out as a chunk stream so bulk pages are never buffered whole.
import type https from 'node:https';
import fetch, { type Response } from 'node-fetch';
import { pino, type Logger } from 'pino';
import { ALLOWED_METHODS } from './api.js';
import { ReadOnlyViolation, TransportError } from './errors.js';
import { registerSessionSecret } from '../util/redact.js';
import { tlsError } from './tls.js';
import { WHOLE_DOCUMENT_SHARE } from './limits.js';

export interface TransportConfig {
  url: string; // https://host/sdk
  host: string; // for messages
  agent: https.Agent;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  maxResponseBytes: number; // bulk pages; whole-document replies get maxResponseBytes / WHOLE_DOCUMENT_SHARE
  logger: Logger;
  // The caller's cancellation (e.g. --target-timeout): aborts the request in flight, body included, and any
  // retry wait; the request then rejects with the signal's reason when it is an Error.
  signal?: AbortSignal;
  onRequest?: (method: string) => void; // every HTTP request, retries included (round-trip accounting)
}

export interface HttpRequest {
  httpMethod: 'POST' | 'GET' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  contentType: string;
  setCookies: string[];
  // Body chunks under the size ceiling; the timeout restarts with every chunk (a big page that keeps
  // arriving is not cut off, a stalled one is). Leaving the loop early aborts the request.
  chunks(): AsyncIterable<Buffer>;
  // Waits for `until` before the body is read, the timeout paused meanwhile: the wait is the reader's, not the
  // server's (a split read holds a later part's reply until the parts before it are done, collect.ts).
  hold(until: Promise<void>): Promise<void>;
  text(): Promise<string>; // a whole document: at most the whole-document ceiling
  discard(): void;
  readonly bytes: number;
}

export const DEFAULTS = {
  timeoutMs: 120_000,
  retries: 3,
  retryBaseMs: 500,
  maxResponseBytes: 512 * 1024 * 1024,
  keepAliveIntervalMs: 10 * 60_000,
};

// Paths pino must never print, whatever a caller logs next to them.
const REDACT_PATHS = [
  'password',
  '*.password',
  'cookie',
  '*.cookie',
  'Cookie',
  '*.Cookie',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
  '["vmware-api-session-id"]',
  '*["vmware-api-session-id"]',
  'sessionId',
  '*.sessionId',
];

const ALLOWED = new Set<string>(ALLOWED_METHODS);
// Failures where nothing useful reached the server or the socket died before a reply: safe to repeat a read.
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

// Connection-level failures a read may repeat (kept off the public error class).
const retryableErrors = new WeakSet<Error>();

// A failure a repeated request may not hit again: connection refused/reset, or a 502/503/504 from a proxy.
export function isTransient(err: unknown): boolean {
  if (!(err instanceof TransportError)) return false;
  return retryableErrors.has(err) || (err.kind === 'http' && err.status !== undefined && RETRYABLE_STATUS.has(err.status));
}

export function assertAllowed(method: string): void {
  if (!ALLOWED.has(method)) throw new ReadOnlyViolation(method);
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  // not unref'd: a pending retry keeps the process up; the caller's cancellation ends the wait
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

// The error a cancelled request rejects with: the caller's reason when it is an Error (its own timeout
// error, say), else a TransportError('cancelled').
function cancelledError(signal: AbortSignal, method?: string): Error {
  const r: unknown = signal.reason;
  return r instanceof Error && r.name !== 'AbortError'
    ? r
    : new TransportError('cancelled', 'the request was cancelled', undefined, method);
}

/** The ceiling of a whole-document (small) reply for a given bulk-page ceiling. */
function wholeDocumentLimit(maxResponseBytes: number): number {
  return Math.max(1024 * 1024, Math.floor(maxResponseBytes / WHOLE_DOCUMENT_SHARE));
}

// The wait before retry `attempt` + 1: exponential, capped, with jitter (half fixed, half random), which
// spreads the retries of concurrent scans; the caller's cancellation ends it early.
export async function pauseBeforeRetry(
  cfg: Pick<TransportConfig, 'retryBaseMs' | 'logger'>,
  method: string,
  attempt: number,
  why: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const cap = Math.min(cfg.retryBaseMs * 2 ** (attempt - 1), 10_000);
  const ms = Math.round(cap / 2 + (Math.random() * cap) / 2);
  cfg.logger.info({ method, attempt, why, delayMs: ms }, 'retrying vCenter read');
  await sleep(ms, signal);
}

// One HTTP exchange with timeout, size ceiling, retries and error mapping; used by SOAP and REST.
export class HttpTransport {
  constructor(readonly cfg: TransportConfig) {}

  // `label` names the call in errors and logs (a SOAP method, or "GET /api/..." for REST).
  // `retryable` is true only for idempotent reads.
  // `signal` replaces the configured one for this request (a bounded Logout after a cancellation).
  async request(label: string, req: HttpRequest, retryable: boolean, signal = this.cfg.signal): Promise<HttpReply> {
    const attempts = retryable ? this.cfg.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let reply: HttpReply;
      try {
        reply = await this.once(label, req, signal);
      } catch (err) {
        if (!last && err instanceof TransportError && retryableErrors.has(err)) {
          await this.backoff(label, attempt, err.message, signal);
          continue;
        }
        throw err;
      }
      if (!last && RETRYABLE_STATUS.has(reply.status)) {
        reply.discard();
        await this.backoff(label, attempt, `HTTP ${reply.status}`, signal);
        continue;
      }
      return reply;
    }
  }

  private backoff(method: string, attempt: number, why: string, signal: AbortSignal | undefined): Promise<void> {
    return pauseBeforeRetry(this.cfg, method, attempt, why, signal);
  }

  private async once(method: string, req: HttpRequest, signal: AbortSignal | undefined): Promise<HttpReply> {
    const { cfg } = this;
    if (signal?.aborted) throw cancelledError(signal, method);
    const ac = new AbortController();
    const onAbort = (): void => ac.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const unlink = (): void => signal?.removeEventListener('abort', onAbort);
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        ac.abort();
      }, cfg.timeoutMs);
      timer.unref();
    };
    cfg.onRequest?.(method);
    arm();
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.httpMethod,
        headers: req.headers,
        body: req.body,
        agent: cfg.agent,
        signal: ac.signal,
        redirect: 'manual',
      });
    } catch (err) {
      clearTimeout(timer);
      unlink();
      if (signal?.aborted) throw cancelledError(signal, method);
      throw this.networkError(err, method, timedOut);
    }

    const contentLength = Number(res.headers.get('content-length') ?? NaN);
    if (contentLength > cfg.maxResponseBytes) {
      clearTimeout(timer);
      unlink();
      ac.abort();
      throw this.tooLarge(method, contentLength, res.status, cfg.maxResponseBytes);
    }

    let bytes = 0;
    let done = false;
    const self = this;
    const body = res.body;
    // node-fetch emits 'error' on the body when the request is aborted; an unread (discarded) body
    // must not turn that into an uncaught exception. Iteration still sees the error.
    body?.on('error', () => {});
    const hold = async (until: Promise<void>): Promise<void> => {
      clearTimeout(timer);
      try {
        await until;
      } finally {
        arm();
      }
    };
    async function* chunks(max = cfg.maxResponseBytes): AsyncGenerator<Buffer> {
      if (!body) return unlink();
      try {
        if (contentLength > max) throw self.tooLarge(method, contentLength, res.status, max);
        for await (const chunk of body as AsyncIterable<Buffer | string>) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          bytes += buf.length;
          if (bytes > max) throw self.tooLarge(method, bytes, res.status, max);
          arm();
          yield buf;
        }
        done = true;
      } catch (err) {
        if (signal?.aborted) throw cancelledError(signal, method);
        throw err instanceof TransportError ? err : self.bodyError(err, method, timedOut, bytes, res.status);
      } finally {
        clearTimeout(timer);
        unlink();
        if (!done) ac.abort(); // the socket cannot be reused with an unread body
      }
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      setCookies: res.headers.raw()['set-cookie'] ?? [],
      chunks: () => chunks(),
      hold,
      async text() {
        const parts: Buffer[] = [];
        for await (const c of chunks(wholeDocumentLimit(cfg.maxResponseBytes))) parts.push(c);
        return Buffer.concat(parts).toString('utf8');
      },
      discard() {
        clearTimeout(timer);
        unlink();
        ac.abort();
      },
      get bytes() {
        return bytes;
      },
    };
  }

  private tooLarge(method: string, bytes: number, status: number, max: number): TransportError {
    const limit = max >= 1048576 ? `${Math.round(max / 1048576)} MiB` : `${max} bytes`;
    const what =
      max < this.cfg.maxResponseBytes
        ? `${limit} ceiling of a single-document reply (1/${WHOLE_DOCUMENT_SHARE} of --max-response-mb)`
        : `${limit} ceiling`;
    return new TransportError(
      'too-large',
      `the ${method} response from ${this.cfg.host} exceeded the ${what} (${bytes} bytes): raise --max-response-mb if this vCenter is that large`,
      status,
      method,
    );
  }

  private networkError(err: unknown, method: string, timedOut: boolean): TransportError {
    const { host, timeoutMs } = this.cfg;
    if (timedOut) {
      return new TransportError('timeout', `${host} did not answer ${method} within ${timeoutMs / 1000} s`, undefined, method);
    }
    const code = errorCode(err);
    const tls = tlsError(code, host);
    if (tls) return new TransportError(tls.kind, tls.message, undefined, method);
    const detail = code ?? (err as Error)?.message ?? 'unknown error';
    const te = new TransportError('unreachable', `cannot reach ${host} (${detail})`, undefined, method);
    if (code && RETRYABLE_CODES.has(code)) retryableErrors.add(te);
    return te;
  }

  private bodyError(err: unknown, method: string, timedOut: boolean, bytes: number, status: number): TransportError {
    const { host, timeoutMs } = this.cfg;
    if (timedOut) {
      return new TransportError(
        'timeout',
        `${host} stopped sending the ${method} response for ${timeoutMs / 1000} s (after ${bytes} bytes)`,
        status,
        method,
      );
    }
    const code = errorCode(err) ?? (err as Error)?.message ?? 'unknown error';
    return new TransportError(
      'malformed',
      `the ${method} response from ${host} was cut off after ${bytes} bytes (${code})`,
      status,
      method,
    );
  }
}

// vim25 over HTTP: allowlist gate, SOAPAction, and the session cookie jar (vmware_soap_session).
export class SoapTransport {
  private readonly cookies = new Map<string, string>();
  soapAction = 'urn:vim25/4.0'; // understood by every vCenter 4.0..8.x; replaced by about.apiVersion
  private readonly http: HttpTransport;

  constructor(cfg: TransportConfig) {
    this.http = new HttpTransport(cfg);
  }

  clearSession(): void {
    this.cookies.clear();
  }

  async post(method: string, xml: string, retryable: boolean, signal?: AbortSignal): Promise<HttpReply> {
    assertAllowed(method); // second gate: nothing leaves this process for a method off the allowlist
    const headers: Record<string, string> = {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: this.soapAction,
    };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const reply = await this.http.request(
      method,
      { httpMethod: 'POST', url: this.http.cfg.url, headers, body: xml },
      retryable,
      signal ?? this.http.cfg.signal,
    );
    for (const line of reply.setCookies) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const value = pair.slice(eq + 1).trim();
      registerSessionSecret(value); // a server that echoes its session cookie in a fault must not leak it
      this.cookies.set(pair.slice(0, eq).trim(), value);
    }
    return reply;
  }
}

export interface Target {
  url: string; // https://host[:port]/sdk
  origin: string; // https://host[:port]
  host: string; // host[:port], for messages
}

// Accepts "vc", "vc:8443", "https://vc", "https://vc/sdk"; drops any user:password@ a user may have typed.
export function parseServer(server: string): Target {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TransportError('unreachable', `"${server.replace(/\/\/[^@/]*@/, '//')}" is not a server name or https URL`);
  }
  if (u.protocol !== 'https:') throw new TransportError('unreachable', `${u.host}: vCenter is reached over https only`);
  u.username = '';
  u.password = '';
  return { url: `${u.origin}/sdk`, origin: u.origin, host: u.host };
}

export function vsphereLogger(logger: Logger | undefined): Logger {
  const base = logger ?? pino({ level: 'silent' });
  return base.child({ component: 'vsphere' }, { redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
