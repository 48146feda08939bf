// The vim25 SOAP client: session (RetrieveServiceContent -> Login, one re-login on NotAuthenticated, idempotent
// Logout) and the round-trip stack every call goes through (round-trip.ts, decorators.ts):
//   roundTrip = relogin -> session   session = allowlist -> keepAlive -> retry -> accounting -> base (HTTP)
// Bulk collection (ContainerView paging) lives in collect.ts and uses `session`, below the re-login.
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
  RoundTripper,
  ServiceContent,
  SoapArg,
  VimClient,
  VimValue,
} from './api.js';
import { accounting, allowlist, keepAlive, relogin, retry } from './decorators.js';
import { TransportError } from './errors.js';
import * as methods from './methods.js';
import { soapRoundTripper, stack } from './round-trip.js';
import { registerPassword } from '../util/redact.js';
import { onStopSignal } from '../util/signals.js';
import { createHttpsAgent } from './tls.js';
import { DEFAULTS, parseServer, SoapTransport, vsphereLogger, type Target } from './transport.js';
import { collectView } from './collect.js';
import { startDecodeWorker } from './decode-offload.js';

const LOGOUT_AFTER_CANCEL_MS = 5000;

export class Client implements VimClient {
  serviceContent!: ServiceContent;
  readonly calls: CallStats = { total: 0, byMethod: {} };
  readonly serverUrl: string;
  readonly log: Logger;
  // Every call of the typed methods (methods.ts) from outside this layer: re-logs in once on NotAuthenticated.
  readonly roundTrip: RoundTripper;
  // The same stack below the re-login: the session calls themselves, and collect.ts (which restarts instead).
  readonly session: RoundTripper;
  private readonly target: Target;
  private readonly transport: SoapTransport;
  private readonly agent: https.Agent;
  loggedIn = false;
  private closed = false;
  private loggingOut: Promise<void> | undefined;
  private sessionGen = 0;
  private relogging: Promise<void> | undefined;

  constructor(private readonly opts: ClientOptions) {
    registerPassword(opts.password); // scrubbed from fault strings that echo it (util/redact.ts)
    this.target = parseServer(opts.server);
    this.serverUrl = this.target.url;
    this.log = vsphereLogger(opts.logger);
    this.agent = createHttpsAgent(opts.tls);
    const retries = opts.retries ?? DEFAULTS.retries;
    const retryBaseMs = opts.retryBaseMs ?? DEFAULTS.retryBaseMs;
    this.transport = new SoapTransport({
      url: this.target.url,
      host: this.target.host,
      agent: this.agent,
      timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
      retries,
      retryBaseMs,
      maxResponseBytes: opts.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      logger: this.log,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const ready = (): boolean => this.loggedIn && !this.relogging && !this.closed && !opts.signal?.aborted;
    const lower = stack(
      opts.roundTripper ?? soapRoundTripper(this.transport, this.target.host, this.log),
      allowlist,
      keepAlive(opts.keepAliveIntervalMs ?? DEFAULTS.keepAliveIntervalMs, ready, this.log),
      retry({ retries, retryBaseMs, logger: this.log }),
      accounting(this.calls),
    );
    // the caller's cancellation reaches every call (and its retry waits) unless the call brings its own
    const withSignal =
      (rt: RoundTripper): RoundTripper =>
      (req) =>
        rt(req.signal || !opts.signal ? req : { ...req, signal: opts.signal });
    this.session = withSignal(lower);
    this.roundTrip = withSignal(stack(lower, relogin(this)));
  }

  get about(): AboutInfo {
    return this.serviceContent.about;
  }

  get maxRetries(): number {
    return this.opts.retries ?? DEFAULTS.retries;
  }

  async connect(): Promise<void> {
    startDecodeWorker(); // it loads its modules while we log in: the first page does not wait for them
    const sc = await methods.retrieveServiceContent(this.session);
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
    await methods.login(this.session, sessionManager, { userName: this.opts.user, password: this.opts.password });
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

  get signal(): AbortSignal | undefined {
    return this.opts.signal;
  }

  get generation(): number {
    return this.sessionGen;
  }

  // Generic read through the full stack, for tests and tools; the product calls the typed methods.
  invoke(method: AllowedMethod, self: MoRef, args: SoapArg[] = []): Promise<VimValue> {
    return this.roundTrip({ method, self, args });
  }

  // The same below the re-login; `signal` replaces the client's for this call.
  send(method: string, self: MoRef, args: SoapArg[] = [], signal?: AbortSignal): Promise<VimValue> {
    return this.session({ method: method as AllowedMethod, self, args, signal });
  }

  collect(spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats> {
    if (this.closed) return Promise.reject(new TransportError('cancelled', 'the vCenter session was closed'));
    return collectView(this, spec, handlers);
  }

  // Idempotent: a second caller (the signal handler and withClient's finally) waits for the same Logout.
  logout(): Promise<void> {
    this.loggingOut ??= this.sendLogout();
    return this.loggingOut;
  }

  private async sendLogout(): Promise<void> {
    this.closed = true;
    const sessionManager = this.serviceContent?.sessionManager;
    try {
      // After a cancellation the server may be the reason: Logout gets 5 s of its own, then the session is left
      // to expire on the server.
      const signal = this.opts.signal?.aborted ? AbortSignal.timeout(LOGOUT_AFTER_CANCEL_MS) : undefined;
      if (this.loggedIn && sessionManager) await methods.logout(this.session, sessionManager, signal);
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

// Runs fn with a connected client and always logs out: on return, on error, and on SIGHUP/SIGINT/SIGTERM
// (util/signals.ts), which first cancel the calls in flight down to the socket, then send Logout on a signal of
// its own (5 s, as after any cancellation); the signal's handler waits for that Logout before the run ends.
export async function withClient<T>(opts: ClientOptions, fn: (client: VimClient) => Promise<T>): Promise<T> {
  const interrupt = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, interrupt.signal]) : interrupt.signal;
  const client = new Client({ ...opts, signal });
  // Registered before the Login, so a signal while connecting cancels it too.
  const release = onStopSignal((sig) => {
    interrupt.abort(new TransportError('cancelled', `interrupted (${sig})`));
    return client.logout();
  });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.logout();
    release();
  }
}
