// The vim25 SOAP client: session (RetrieveServiceContent -> Login, one re-login on NotAuthenticated,
// CurrentTime heartbeat, idempotent Logout), the single read-only send path, and call accounting.
// Bulk collection (ContainerView paging) lives in collect.ts and uses the page path exposed here.
import { StringDecoder } from 'node:string_decoder';
import type https from 'node:https';
import type { Logger } from 'pino';
import type {
  AboutInfo,
  AllowedMethod,
  CallStats,
  ClientOptions,
  CollectHandlers,
  CollectSpec,
  CollectStats,
  MoRef,
  ObjectContent,
  ServiceContent,
  SoapArg,
  VimClient,
  VimValue,
} from './api.js';
import { decodeEnvelope } from './decode-doc.js';
import { createRetrieveResultDecoder } from './decode-stream.js';
import { isFault, TransportError, VimFault } from './errors.js';
import { encodeRequest } from './soap-encode.js';
import { registerPassword } from '../util/redact.js';
import { createHttpsAgent } from './tls.js';
import { assertAllowed, DEFAULTS, parseServer, SoapTransport, vsphereLogger, type HttpReply, type Target } from './transport.js';
import { collectView } from './collect.js';

export const SERVICE_INSTANCE: MoRef = { type: 'ServiceInstance', value: 'ServiceInstance' };
const LOGOUT_AFTER_CANCEL_MS = 5000;

// Never retried: Login (a lockout counter must not see repeats), Logout, and the paging calls whose
// token is spent by the first attempt (the collection restarts instead).
const NOT_RETRIED = new Set(['Login', 'Logout', 'ContinueRetrievePropertiesEx', 'CancelRetrievePropertiesEx']);

function looksLikeSoap(text: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*:)?Envelope[\s>/]/.test(text);
}

function describeBody(text: string): string {
  if (!text.trim()) return 'an empty body';
  if (/^\s*(<!doctype html|<html)/i.test(text)) return 'an HTML page, not SOAP';
  return 'a body that is not a SOAP envelope';
}

export interface PageResult {
  token?: string;
}

export class Client implements VimClient {
  serviceContent!: ServiceContent;
  readonly calls: CallStats = { total: 0, byMethod: {} };
  readonly serverUrl: string;
  readonly log: Logger;
  private readonly target: Target;
  private readonly transport: SoapTransport;
  private readonly agent: https.Agent;
  private loggedIn = false;
  private closed = false;
  private sessionGen = 0;
  private relogging: Promise<void> | undefined;

  constructor(private readonly opts: ClientOptions) {
    registerPassword(opts.password); // scrubbed from fault strings that echo it (util/redact.ts)
    this.target = parseServer(opts.server);
    this.serverUrl = this.target.url;
    this.log = vsphereLogger(opts.logger);
    this.agent = createHttpsAgent(opts.tls);
    this.transport = new SoapTransport({
      url: this.target.url,
      host: this.target.host,
      agent: this.agent,
      timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: opts.retries ?? DEFAULTS.retries,
      retryBaseMs: opts.retryBaseMs ?? DEFAULTS.retryBaseMs,
      maxResponseBytes: opts.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      logger: this.log,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onRequest: (method) => {
        this.calls.total++;
        this.calls.byMethod[method] = (this.calls.byMethod[method] ?? 0) + 1;
      },
    });
  }

  get about(): AboutInfo {
    return this.serviceContent.about;
  }

  get maxRetries(): number {
    return this.opts.retries ?? DEFAULTS.retries;
  }

  get keepAliveIntervalMs(): number {
    return this.opts.keepAliveIntervalMs ?? DEFAULTS.keepAliveIntervalMs;
  }

  async connect(): Promise<void> {
    const sc = (await this.send('RetrieveServiceContent', SERVICE_INSTANCE)) as ServiceContent | undefined;
    if (!sc?.about || !sc.rootFolder || !sc.propertyCollector) {
      throw new TransportError('malformed', `${this.target.host} answered RetrieveServiceContent without a ServiceContent`);
    }
    this.serviceContent = sc;
    if (sc.about.apiVersion) this.transport.soapAction = `urn:vim25/${sc.about.apiVersion}`;
    await this.login();
  }

  private async login(): Promise<void> {
    const sessionManager = this.serviceContent.sessionManager;
    if (!sessionManager) throw new TransportError('malformed', `${this.target.host} has no SessionManager`);
    this.transport.clearSession();
    const args: SoapArg[] = [
      ['userName', this.opts.user],
      ['password', this.opts.password],
    ];
    await this.send('Login', sessionManager, args);
    this.loggedIn = true;
    this.log.debug({ user: this.opts.user }, 'logged in');
  }

  // Logs in again once for everyone who saw the session die (concurrent callers share one Login).
  async relogin(failedGen: number): Promise<void> {
    if (this.closed) throw new TransportError('cancelled', 'the vCenter session was closed');
    if (this.sessionGen !== failedGen) return;
    this.relogging ??= (async () => {
      this.log.info('vCenter session expired: logging in again');
      try {
        await this.login();
        this.sessionGen++;
      } finally {
        this.relogging = undefined;
      }
    })();
    await this.relogging;
  }

  get generation(): number {
    return this.sessionGen;
  }

  async invoke(method: AllowedMethod, self: MoRef, args: SoapArg[] = []): Promise<VimValue> {
    assertAllowed(method);
    const gen = this.sessionGen;
    try {
      return await this.sendChecked(method, self, args);
    } catch (err) {
      if (!isFault(err, 'NotAuthenticated') || !this.loggedIn || method === 'Login' || method === 'Logout') throw err;
      await this.relogin(gen);
      return await this.sendChecked(method, self, args);
    }
  }

  // RetrievePropertiesEx after a session died answers HTTP 200 with NotAuthenticated in every missingSet:
  // that is an authentication failure, not data.
  private async sendChecked(method: AllowedMethod, self: MoRef, args: SoapArg[]): Promise<VimValue> {
    const value = await this.send(method, self, args);
    if (method === 'RetrievePropertiesEx' || method === 'ContinueRetrievePropertiesEx') {
      const objects = (value as { objects?: { missingSet?: { fault?: { fault?: { _type?: string } } }[] }[] })?.objects;
      for (const o of objects ?? []) {
        if (o.missingSet?.some((m) => m.fault?.fault?._type === 'NotAuthenticated')) {
          throw new VimFault('NotAuthenticated', 'the session is not authenticated', {}, method);
        }
      }
    }
    return value;
  }

  // The one path for every whole-document call: allowlist first, then encode, send, decode.
  async send(method: string, self: MoRef, args: SoapArg[] = [], signal?: AbortSignal): Promise<VimValue> {
    assertAllowed(method);
    const xml = encodeRequest(method, self, args);
    const started = Date.now();
    const reply = await this.transport.post(method, xml, !NOT_RETRIED.has(method), signal);
    const text = await reply.text();
    this.logCall(method, started, reply);
    if (reply.status === 200 && looksLikeSoap(text)) return decodeEnvelope(text, method).returnval;
    return this.failed(method, reply.status, text);
  }

  // The page path: the body is fed to the streaming RetrieveResult decoder chunk by chunk as it arrives.
  // `stop()` is polled after each chunk; when it returns an error the read is abandoned and it is thrown.
  async sendPage(
    method: 'RetrievePropertiesEx' | 'ContinueRetrievePropertiesEx',
    self: MoRef,
    args: SoapArg[],
    onObject: (oc: ObjectContent) => void,
    stop: () => Error | undefined,
  ): Promise<PageResult> {
    assertAllowed(method);
    const xml = encodeRequest(method, self, args);
    const started = Date.now();
    const reply = await this.transport.post(method, xml, !NOT_RETRIED.has(method));
    if (reply.status !== 200) {
      const text = await reply.text();
      this.logCall(method, started, reply);
      return this.failed(method, reply.status, text);
    }
    const decoder = createRetrieveResultDecoder(onObject, { method });
    const utf8 = new StringDecoder('utf8');
    let head = '';
    let sniffed = false;
    let result: PageResult;
    try {
      for await (const chunk of reply.chunks()) {
        let text = utf8.write(chunk);
        if (!sniffed) {
          head += text;
          if (head.trimStart().length < 64) continue; // too little to judge yet
          if (!looksLikeSoap(head)) {
            reply.discard();
            throw this.nonSoap(method, reply.status, head);
          }
          sniffed = true;
          text = head;
          head = '';
        }
        decoder.write(text);
        const stopErr = stop();
        if (stopErr) {
          reply.discard();
          throw stopErr;
        }
      }
      const rest = head + utf8.end();
      if (!sniffed && !looksLikeSoap(rest)) throw this.nonSoap(method, reply.status, rest);
      if (rest) decoder.write(rest);
      result = decoder.end();
      const stopErr = stop();
      if (stopErr) throw stopErr;
    } catch (err) {
      this.logCall(method, started, reply);
      if (err instanceof TransportError || err instanceof VimFault || err === stop() || this.opts.signal?.aborted) throw err;
      throw new TransportError(
        'malformed',
        `the ${method} response from ${this.target.host} is not well-formed (${(err as Error)?.message ?? err})`,
        reply.status,
        method,
      );
    }
    this.logCall(method, started, reply);
    return result;
  }

  // A reply other than a SOAP 200: the VimFault of a SOAP 500, else a TransportError saying what came back.
  private failed(method: string, status: number, text: string): never {
    if (status === 500 && looksLikeSoap(text)) decodeEnvelope(text, method); // throws the VimFault
    throw this.nonSoap(method, status, text);
  }

  private nonSoap(method: string, status: number, text: string): TransportError {
    const what = describeBody(text);
    const kind = status === 200 ? 'malformed' : 'http';
    return new TransportError(kind, `vCenter ${this.target.host} answered ${method} with HTTP ${status} and ${what}`, status, method);
  }

  private logCall(method: string, started: number, reply: HttpReply): void {
    this.log.debug({ method, ms: Date.now() - started, bytes: reply.bytes, status: reply.status }, 'soap call');
  }

  collect(spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats> {
    if (this.closed) return Promise.reject(new TransportError('cancelled', 'the vCenter session was closed'));
    return collectView(this, spec, handlers);
  }

  // Keeps the session from idling out while a long collection runs. Uses CurrentTime, which every
  // user may call (SessionIsActive needs Sessions.ValidateSession, which read-only users lack).
  startHeartbeat(): () => void {
    let inFlight = false;
    const timer = setInterval(() => {
      if (!this.loggedIn || this.relogging || inFlight) return;
      inFlight = true;
      this.send('CurrentTime', SERVICE_INSTANCE)
        .catch((err: unknown) => this.log.debug({ err: (err as Error)?.message }, 'keep-alive CurrentTime failed'))
        .finally(() => (inFlight = false));
    }, this.keepAliveIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async logout(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const sessionManager = this.serviceContent?.sessionManager;
    try {
      // After a cancellation the server may be the reason: Logout gets 5 s of its own, then the session is left
      // to expire on the server.
      const signal = this.opts.signal?.aborted ? AbortSignal.timeout(LOGOUT_AFTER_CANCEL_MS) : undefined;
      if (this.loggedIn && sessionManager) await this.send('Logout', sessionManager, [], signal);
    } catch (err) {
      this.log.debug({ err: (err as Error)?.message }, 'Logout failed (ignored)');
    } finally {
      this.loggedIn = false;
      this.transport.clearSession();
      this.agent.destroy();
    }
  }
}

export async function connect(opts: ClientOptions): Promise<VimClient> {
  const client = new Client(opts);
  try {
    await client.connect();
  } catch (err) {
    await client.logout();
    throw err;
  }
  return client;
}

// Runs fn with a connected client and always logs out: on return, on error, and on SIGINT/SIGTERM
// (then the signal is re-raised when nobody else handles it, so the process still stops).
export async function withClient<T>(opts: ClientOptions, fn: (client: VimClient) => Promise<T>): Promise<T> {
  const client = await connect(opts);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (sig: NodeJS.Signals): void => {
    removeHandlers();
    void client.logout().finally(() => {
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  };
  const removeHandlers = (): void => {
    for (const s of signals) process.removeListener(s, onSignal);
  };
  for (const s of signals) process.on(s, onSignal);
  try {
    return await fn(client);
  } finally {
    removeHandlers();
    await client.logout();
  }
}
