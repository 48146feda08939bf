// HTTP(S) transport for vim25 SOAP: keep-alive agent, session cookie jar, per-request timeout, bounded
// retries with backoff for idempotent reads, response-size ceiling, and network/TLS errors mapped to
// TransportError kinds. Bodies are handed out as a chunk stream so bulk pages are never buffered whole.
import type https from 'node:https';
import fetch, { type Response } from 'node-fetch';
import type { Logger } from 'pino';
import { ALLOWED_METHODS } from './api.js';
import { ReadOnlyViolation, TransportError } from './errors.js';
import { tlsError } from './tls.js';

export interface TransportConfig {
  url: string; // https://host/sdk
  host: string; // for messages
  agent: https.Agent;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  maxResponseBytes: number;
  logger: Logger;
}

export interface HttpReply {
  status: number;
  contentType: string;
  // Body chunks under the size ceiling; the timeout restarts with every chunk (a big page that keeps
  // arriving is not cut off, a stalled one is). Leaving the loop early aborts the request.
  chunks(): AsyncIterable<Buffer>;
  text(): Promise<string>;
  discard(): void;
  readonly bytes: number;
}

const ALLOWED = new Set<string>(ALLOWED_METHODS);
// Failures where nothing useful reached the server or the socket died before a reply: safe to repeat a read.
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const UNREACHABLE_CODES = new Set([
  ...RETRYABLE_CODES,
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

export function assertAllowed(method: string): void {
  if (!ALLOWED.has(method)) throw new ReadOnlyViolation(method);
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export class SoapTransport {
  private readonly cookies = new Map<string, string>();
  soapAction = 'urn:vim25/4.0'; // understood by every vCenter 4.0..8.x; replaced by about.apiVersion

  constructor(private readonly cfg: TransportConfig) {}

  get hasSession(): boolean {
    return this.cookies.size > 0;
  }

  clearSession(): void {
    this.cookies.clear();
  }

  // POSTs one SOAP request. `retryable` is true only for idempotent reads.
  async post(method: string, xml: string, retryable: boolean): Promise<HttpReply> {
    assertAllowed(method); // second gate: nothing leaves this process for a method off the allowlist
    const attempts = retryable ? this.cfg.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let reply: HttpReply;
      try {
        reply = await this.once(method, xml);
      } catch (err) {
        if (!last && err instanceof TransportError && err.kind === 'unreachable' && err.retryable) {
          await this.backoff(method, attempt, err.message);
          continue;
        }
        throw err;
      }
      if (!last && RETRYABLE_STATUS.has(reply.status)) {
        reply.discard();
        await this.backoff(method, attempt, `HTTP ${reply.status}`);
        continue;
      }
      return reply;
    }
  }

  private async backoff(method: string, attempt: number, why: string): Promise<void> {
    // Exponential with full jitter, capped: spreads the retries of concurrent scans.
    const cap = Math.min(this.cfg.retryBaseMs * 2 ** (attempt - 1), 10_000);
    const ms = Math.round(cap / 2 + (Math.random() * cap) / 2);
    this.cfg.logger.warn({ method, attempt, why, delayMs: ms }, 'retrying vCenter read');
    await sleep(ms);
  }

  private async once(method: string, xml: string): Promise<HttpReply> {
    const { cfg } = this;
    const ac = new AbortController();
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
    const headers: Record<string, string> = {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: this.soapAction,
    };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    arm();
    let res: Response;
    try {
      res = await fetch(cfg.url, {
        method: 'POST',
        headers,
        body: xml,
        agent: cfg.agent,
        signal: ac.signal,
        redirect: 'manual',
      });
    } catch (err) {
      clearTimeout(timer);
      throw this.networkError(err, method, timedOut);
    }
    this.storeCookies(res);

    const contentLength = Number(res.headers.get('content-length') ?? NaN);
    if (contentLength > cfg.maxResponseBytes) {
      clearTimeout(timer);
      ac.abort();
      throw this.tooLarge(method, contentLength, res.status);
    }

    let bytes = 0;
    let done = false;
    const self = this;
    const body = res.body;
    async function* chunks(): AsyncGenerator<Buffer> {
      if (!body) return;
      try {
        for await (const chunk of body as AsyncIterable<Buffer | string>) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          bytes += buf.length;
          if (bytes > cfg.maxResponseBytes) throw self.tooLarge(method, bytes, res.status);
          arm();
          yield buf;
        }
        done = true;
      } catch (err) {
        throw err instanceof TransportError ? err : self.bodyError(err, method, timedOut, bytes, res.status);
      } finally {
        clearTimeout(timer);
        if (!done) ac.abort(); // the socket cannot be reused with an unread body
      }
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      chunks,
      async text() {
        const parts: Buffer[] = [];
        for await (const c of chunks()) parts.push(c);
        return Buffer.concat(parts).toString('utf8');
      },
      discard() {
        clearTimeout(timer);
        ac.abort();
      },
      get bytes() {
        return bytes;
      },
    };
  }

  private storeCookies(res: Response): void {
    for (const line of res.headers.raw()['set-cookie'] ?? []) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  private tooLarge(method: string, bytes: number, status: number): TransportError {
    const mb = Math.round(this.cfg.maxResponseBytes / 1048576);
    return new TransportError(
      'too-large',
      `the ${method} response from ${this.cfg.host} exceeded ${mb} MiB (${bytes} bytes so far): raise --max-response-mb or lower the page size`,
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
    if (code && RETRYABLE_CODES.has(code)) markRetryable(te);
    else if (!code || !UNREACHABLE_CODES.has(code)) {
      return new TransportError('unreachable', `request to ${host} failed (${detail})`, undefined, method);
    }
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

// Internal marker: a connection-level failure a read may repeat. Kept off the public error class.
const RETRY = Symbol('retryable');
function markRetryable(err: TransportError): void {
  (err as unknown as Record<symbol, boolean>)[RETRY] = true;
}
declare module './errors.js' {
  interface TransportError {
    readonly retryable?: boolean;
  }
}
Object.defineProperty(TransportError.prototype, 'retryable', {
  get(this: Record<symbol, boolean>) {
    return this[RETRY] === true;
  },
  configurable: true,
});
