// vSphere Automation REST session, read-only: POST /api/session (7.0 U2+) or, on 404, the 6.5/6.7
// POST /rest/com/vmware/cis/session; then GETs with `vmware-api-session-id`, the `list-*` query actions
// (POSTs that only read, e.g. tag-association?action=list-attached-tags-on-objects), and DELETE of the
// session on logout. Nothing else can be sent.
import type { CallStats, ClientOptions } from './api.js';
import { ReadOnlyViolation, TransportError, VimFault } from './errors.js';
import { registerPassword, registerSessionSecret } from '../util/redact.js';
import { onStopSignal } from '../util/signals.js';
import { createHttpsAgent } from './tls.js';
import { DEFAULTS, HttpTransport, parseServer, vsphereLogger, type HttpReply } from './transport.js';

export type RestOptions = Pick<
  ClientOptions,
  'server' | 'user' | 'password' | 'tls' | 'timeoutMs' | 'retries' | 'retryBaseMs' | 'maxResponseBytes' | 'logger' | 'signal'
>;

export interface RestSession {
  // "api" = /api/... (vSphere 7.0 U2+); "rest" = /rest/com/vmware/... (6.5-7.0; bodies unwrapped from {"value"}).
  readonly flavor: 'api' | 'rest';
  readonly calls: CallStats; // keyed by HTTP verb
  get<T = unknown>(path: string): Promise<T>;
  // A read-only query action: the path must carry `action=list-...` (or the /rest form `~action=list-...`).
  list<T = unknown>(path: string, body: unknown): Promise<T>;
  logout(): Promise<void>; // DELETE of the session; idempotent, never throws
}

const SESSION_PATH = { api: '/api/session', rest: '/rest/com/vmware/cis/session' } as const;
const LOGOUT_AFTER_CANCEL_MS = 5000;
const LIST_ACTION = /[?&]~?action=list-[a-z-]+(&|$)/;

function pathOnly(path: string): string {
  return path.split('?', 1)[0]!;
}

export async function restSession(given: RestOptions): Promise<RestSession> {
  // A stop signal (util/signals.ts) cancels the call in flight, then the session is deleted.
  const interrupt = new AbortController();
  const opts: RestOptions = { ...given, signal: given.signal ? AbortSignal.any([given.signal, interrupt.signal]) : interrupt.signal };
  const target = parseServer(opts.server);
  const log = vsphereLogger(opts.logger);
  const agent = createHttpsAgent(opts.tls);
  const http = new HttpTransport({
    url: target.origin,
    host: target.host,
    agent,
    timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: opts.retries ?? DEFAULTS.retries,
    retryBaseMs: opts.retryBaseMs ?? DEFAULTS.retryBaseMs,
    maxResponseBytes: opts.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    logger: log,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onRequest: (verb) => {
      const v = verb.split(' ', 1)[0]!;
      calls.total++;
      calls.byMethod[v] = (calls.byMethod[v] ?? 0) + 1;
    },
  });
  const calls: CallStats = { total: 0, byMethod: {} };
  let flavor: 'api' | 'rest' = 'api';
  let token: string | undefined;
  let closed = false;

  async function send(
    verb: 'GET' | 'POST' | 'DELETE',
    path: string,
    headers: Record<string, string>,
    body?: string,
    signal?: AbortSignal,
  ): Promise<{ reply: HttpReply; text: string }> {
    const label = `${verb} ${pathOnly(path)}`;
    const started = Date.now();
    const reply = await http.request(label, { httpMethod: verb, url: target.origin + path, headers, body }, verb === 'GET', signal);
    const text = await reply.text();
    log.debug({ method: label, ms: Date.now() - started, bytes: reply.bytes, status: reply.status }, 'rest call');
    return { reply, text };
  }

  function parse(label: string, reply: HttpReply, text: string): unknown {
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      throw new TransportError('malformed', `${label} on ${target.host} answered HTTP ${reply.status} without JSON`, reply.status, label);
    }
  }

  function httpError(label: string, reply: HttpReply): TransportError {
    return new TransportError('http', `${label} on ${target.host} answered HTTP ${reply.status}`, reply.status, label);
  }

  async function login(): Promise<void> {
    const basic = Buffer.from(`${opts.user}:${opts.password}`, 'utf8').toString('base64');
    registerPassword(basic); // what a server could echo from the Authorization header
    const headers = { Authorization: `Basic ${basic}`, Accept: 'application/json' };
    for (const f of ['api', 'rest'] as const) {
      const { reply, text } = await send('POST', SESSION_PATH[f], headers);
      if (reply.status === 404 && f === 'api') continue; // 6.5/6.7: only the /rest endpoints exist
      const label = `POST ${SESSION_PATH[f]}`;
      if (reply.status === 401 || reply.status === 403) {
        throw new VimFault('InvalidLogin', `vCenter REST API refused the user name or password (HTTP ${reply.status})`, {}, label);
      }
      if (reply.status < 200 || reply.status > 299) throw httpError(label, reply);
      const value = parse(label, reply, text);
      const t = f === 'rest' ? (value as { value?: unknown })?.value : value;
      if (typeof t !== 'string' || !t) {
        throw new TransportError('malformed', `${label} on ${target.host} returned no session token`, reply.status, label);
      }
      flavor = f;
      token = t;
      registerSessionSecret(t); // scrubbed from any server text that echoes it
      return;
    }
  }

  async function call<T>(verb: 'GET' | 'POST', path: string, body?: unknown, retried = false): Promise<T> {
    if (closed) throw new TransportError('cancelled', 'the vCenter REST session was closed');
    const headers: Record<string, string> = { Accept: 'application/json', 'vmware-api-session-id': token! };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const label = `${verb} ${pathOnly(path)}`;
    const { reply, text } = await send(verb, path, headers, body === undefined ? undefined : JSON.stringify(body));
    if (reply.status === 401 && !retried) {
      log.info('vCenter REST session expired: logging in again');
      await login();
      return call<T>(verb, path, body, true);
    }
    if (reply.status < 200 || reply.status > 299) throw httpError(label, reply);
    const value = parse(label, reply, text);
    return (flavor === 'rest' ? (value as { value?: unknown } | undefined)?.value : value) as T;
  }

  let release = (): void => undefined;
  try {
    await login();
  } catch (err) {
    agent.destroy();
    throw err;
  }

  let loggingOut: Promise<void> | undefined;
  const session: RestSession = {
    get flavor() {
      return flavor;
    },
    calls,
    get: <T>(path: string) => call<T>('GET', path),
    list: <T>(path: string, body: unknown) => {
      if (!LIST_ACTION.test(path)) return Promise.reject(new ReadOnlyViolation(`POST ${pathOnly(path)}`));
      return call<T>('POST', path, body);
    },
    // Idempotent: the signal handler and the caller's own logout wait for the same DELETE.
    logout() {
      loggingOut ??= (async () => {
        closed = true;
        try {
          // After a cancellation (--target-timeout, a signal) the DELETE gets 5 s of its own.
          const signal = opts.signal?.aborted ? AbortSignal.timeout(LOGOUT_AFTER_CANCEL_MS) : undefined;
          if (token) await send('DELETE', SESSION_PATH[flavor], { 'vmware-api-session-id': token }, undefined, signal);
        } catch (err) {
          log.debug({ err: (err as Error)?.message }, 'REST logout failed (ignored)');
        } finally {
          token = undefined;
          agent.destroy();
          release();
        }
      })();
      return loggingOut;
    },
  };
  release = onStopSignal((sig) => {
    interrupt.abort(new TransportError('cancelled', `interrupted (${sig})`));
    return session.logout();
  });
  return session;
}
