// Bulk reads: CreateContainerView -> RetrievePropertiesEx -> ContinueRetrievePropertiesEx until no token
// -> DestroyView. Pages are decoded as they stream in. Views and tokens die with the session, so a
// NotAuthenticated mid-collection means: log in again once and restart the whole collection. A transient
// failure of ContinueRetrievePropertiesEx (whose token is spent) also restarts it, up to `retries` times.
//
// A split collection (CollectSpec.split, the estate's VMs) reads in two phases so that our decoding overlaps the
// server's work. A server builds each reply before (vcsim: the whole 98 MB reply of 10,000 VMs, 1.4-2 s before
// its first byte) or while (vCenter: page by page, serially with us) we decode it; one request leaves one side
// idle at every moment. Phase 1: one request over the container view reads every other type's properties and
// the split type's refs only (a PropertySpec with an empty pathSet returns the object and no property; objects
// of a type without a PropertySpec are left out: vim25 PropertyCollector, and govmomi's simulator,
// property_collector.go `collect`). Phase 2: the refs, in listing order, in parts, each part a ListView
// (CreateListView) read over its `view` property and destroyed, a few parts in flight: while we decode one part
// the server builds the next. A ListView "always represents the current configuration ... and reflects any
// subsequent changes" (vim25 ListView): an object deleted after the listing is dropped from it, so the read
// does not fail; an explicit objectSet of the refs would fail the whole call with ManagedObjectNotFound
// (property_collector.go, unless reportMissingObjectsInResults). vcsim's CreateListView itself faults
// ManagedObjectNotFound for a ref already gone (view_manager.go `ListView.add`); that ref is dropped and the
// view created again. Any failure in a part aborts the others (their requests cancelled down to the socket,
// tokens received cancelled, views destroyed) and fails or restarts the whole collection as above; objects reach
// the consumer in the listing's order of parts, never a partial inventory.
import type { Logger } from 'pino';
import type { CollectHandlers, CollectSpec, CollectStats, MoRef, ObjectContent, PropSet, RoundTripper, ServiceContent } from './api.js';
import { stopDecodeWorker } from './decode-offload.js';
import { isFault, TransportError, VimFault } from './errors.js';
import { bounded } from './limits.js';
import * as methods from './methods.js';
import { isTransient } from './transport.js';

// What collect needs of the client (client.ts): its stack below the re-login, and the session.
export interface CollectingClient {
  readonly session: RoundTripper;
  readonly serviceContent: ServiceContent;
  readonly generation: number;
  readonly maxRetries: number;
  readonly log: Logger;
  readonly signal?: AbortSignal | undefined; // the client's cancellation (ClientOptions.signal)
  relogin(failedGeneration: number): Promise<void>;
}

export const DEFAULT_MAX_OBJECTS = 1000;

// Parts of a split read. 1,000 VMs make a 10 MB reply that vcsim builds in about 0.15 s: small enough that the
// first part's bytes come after about 0.3 s, large enough that the calls per part (CreateListView,
// RetrievePropertiesEx, DestroyView) are few; past 20 parts the part grows instead (45,000 VMs: 20 parts of
// 2,250), so the calls stay bounded. Three in flight: one part being decoded here, one being built by the server
// and one queued behind it, so the server never waits for our next request; more would only hold finished
// replies in our memory and take more of a production vCenter's property collector at once.
const MIN_PART = 1000;
const MAX_PARTS = 20;
const IN_FLIGHT = 3;

// The parts of a split read: `partSize` each (default: 1,000, or a twentieth of the objects past 20,000), evened
// out (1,001 VMs: two parts of 501, not 1,000 and 1).
export function partsOf<T>(items: T[], partSize?: number): T[][] {
  const size = Math.max(1, partSize ?? Math.max(MIN_PART, Math.ceil(items.length / MAX_PARTS)));
  const even = Math.ceil(items.length / Math.ceil(items.length / size));
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += even) parts.push(items.slice(i, i + even));
  return parts;
}

export async function collectView(client: CollectingClient, spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats> {
  try {
    return await collectRestarting(client, spec, handlers);
  } finally {
    stopDecodeWorker(); // what follows a collection (rules, reports) has no page to decode
  }
}

async function collectRestarting(client: CollectingClient, spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats> {
  const stats: CollectStats = { objects: 0, pages: 0, restarts: 0 };
  let relogins = 0;
  let transient = 0;
  for (;;) {
    const gen = client.generation;
    try {
      await collectOnce(client, spec, handlers, stats);
      return stats;
    } catch (err) {
      if (isFault(err, 'NotAuthenticated') && relogins === 0) {
        relogins++;
        await client.relogin(gen);
      } else if (isContinueTransient(err) && transient < client.maxRetries) {
        // The token was spent by the failed call, so the page cannot be asked for again.
        transient++;
        client.log.warn({ err: (err as Error).message }, 'ContinueRetrievePropertiesEx failed: restarting the collection');
      } else {
        throw err;
      }
      stats.restarts++;
      stats.objects = 0;
      stats.pages = 0;
      handlers.onRestart?.();
    }
  }
}

function isContinueTransient(err: unknown): boolean {
  return err instanceof TransportError && err.method === 'ContinueRetrievePropertiesEx' && isTransient(err);
}

type PageMethod = 'RetrievePropertiesEx' | 'ContinueRetrievePropertiesEx';

// One collection attempt: what its reads share.
class Run {
  consumerError: { error: unknown } | undefined;
  authError: VimFault | undefined;
  sessionDead = false; // a NotAuthenticated was seen: views and tokens died with the session
  readonly seenTokens = new Set<string>();
  private cancelled: TransportError | undefined;

  constructor(
    readonly client: CollectingClient,
    readonly spec: CollectSpec,
    readonly handlers: CollectHandlers,
    readonly stats: CollectStats,
  ) {}

  abortError(): TransportError {
    return (this.cancelled ??= new TransportError('cancelled', 'the collection was cancelled'));
  }

  // The consumer's errors never reach the decoder: the rest of the page is still read (and dropped)
  // so that its token is known and can be cancelled.
  deliver(oc: ObjectContent): void {
    if (this.consumerError || this.authError) return;
    try {
      this.handlers.onObject(oc);
      this.stats.objects++;
    } catch (error) {
      this.consumerError = { error };
    }
  }

  // A NotAuthenticated in a missingSet: the session died while the server built the page.
  notAuthenticated(oc: ObjectContent, method: PageMethod): boolean {
    if (this.authError) return true;
    if (!oc.missing.some((m) => m.faultName === 'NotAuthenticated')) return false;
    this.authError = new VimFault('NotAuthenticated', 'the session is no longer authenticated', {}, method);
    return true;
  }

  // Reads every page of one filter spec; each object to `onObject` (unless the session died or the consumer
  // failed); `onEnd` after the last page, before its progress. On failure a token received and not yet spent is
  // cancelled. `signal` cancels the requests.
  async readPages(
    specSet: methods.PropertyFilterSpec[],
    onObject: (oc: ObjectContent) => void,
    more: { signal?: AbortSignal; stop?: () => Error | undefined; onEnd?: () => void; ready?: () => Promise<void> } = {},
  ): Promise<void> {
    const { signal, stop: stopAlso } = more;
    const { client, handlers } = this;
    const rt = client.session;
    const pc = client.serviceContent.propertyCollector;
    let method: PageMethod = 'RetrievePropertiesEx';
    let received = 0; // objects on the pages so far, whoever consumed them
    let pages = 0;
    const sink = {
      onObject: (oc: ObjectContent): void => {
        received++;
        if (!this.notAuthenticated(oc, method)) onObject(oc);
      },
      stop: (): Error | undefined => this.authError ?? (handlers.signal?.aborted ? this.abortError() : stopAlso?.()),
      ...(more.ready ? { ready: more.ready } : {}),
      ...(this.spec.prepare ? { prepare: this.spec.prepare } : {}),
    };
    let token: string | undefined; // received and not yet spent
    try {
      const first = { specSet, options: { maxObjects: this.spec.maxObjects ?? DEFAULT_MAX_OBJECTS } };
      let next: string | undefined;
      for (;;) {
        if (handlers.signal?.aborted) throw this.abortError();
        const stopped = stopAlso?.();
        if (stopped) throw stopped;
        token = undefined; // a page request spends the token it carries
        const page =
          method === 'RetrievePropertiesEx'
            ? await methods.retrievePropertiesExPage(rt, pc, first, sink, signal)
            : await methods.continueRetrievePropertiesExPage(rt, pc, next!, sink, signal);
        token = page.token;
        pages++;
        this.stats.pages++;
        if (!token) more.onEnd?.();
        if (this.consumerError) throw this.consumerError.error;
        checkPaging(token, this.seenTokens, pages, received);
        handlers.onPage?.(this.stats.pages, this.stats.objects);
        if (!token) break;
        method = 'ContinueRetrievePropertiesEx';
        next = token;
      }
    } catch (err) {
      if (isFault(err, 'NotAuthenticated')) this.sessionDead = true;
      else if (token && !this.sessionDead) {
        const spent = token;
        await bestEffort(client, 'CancelRetrievePropertiesEx', () => methods.cancelRetrievePropertiesEx(rt, pc, spent));
      }
      throw err;
    }
  }

  async destroy(view: MoRef): Promise<void> {
    if (!this.sessionDead) await bestEffort(this.client, 'DestroyView', () => methods.destroyView(this.client.session, view));
  }
}

async function collectOnce(client: CollectingClient, spec: CollectSpec, handlers: CollectHandlers, stats: CollectStats): Promise<void> {
  const sc = client.serviceContent;
  if (!sc.viewManager) {
    throw new TransportError('malformed', 'this server has no ViewManager (ContainerView needs vSphere API 4.0 or later)');
  }
  const run = new Run(client, spec, handlers, stats);
  if (handlers.signal?.aborted) throw run.abortError();

  const view = await methods.createContainerView(client.session, sc.viewManager, {
    container: spec.container ?? sc.rootFolder,
    type: spec.viewTypes,
    recursive: spec.recursive ?? true,
  });
  try {
    const split = spec.split;
    const splitProps = split && spec.propSets.find((ps) => ps.type === split.type && ps.paths.length > 0);
    if (!split || !splitProps) {
      await run.readPages([methods.containerViewSpec(view, spec.propSets)], (oc) => run.deliver(oc));
      return;
    }
    // Phase 1: everything but the split type's properties, and its refs in the container view's order.
    const listing = [...spec.propSets.filter((ps) => ps.type !== split.type), { type: split.type, paths: [] }];
    const refs: MoRef[] = [];
    await run.readPages([methods.containerViewSpec(view, listing)], (oc) => {
      if (oc.obj.type === split.type) refs.push(oc.obj);
      else run.deliver(oc);
    });
    if (!refs.length) return;
    const parts = partsOf(refs, split.partSize);
    // One part: the same container view again, the split type only (one call instead of a ListView's three).
    if (parts.length === 1) {
      await run.readPages([methods.containerViewSpec(view, [splitProps])], (oc) => run.deliver(oc));
      return;
    }
    await readParts(run, parts, split.inFlight ?? IN_FLIGHT, splitProps);
  } catch (err) {
    if (isFault(err, 'NotAuthenticated')) run.sessionDead = true;
    throw err;
  } finally {
    await run.destroy(view);
  }
}

// Phase 2 of a split: the refs in parts, `inFlight` at a time. The part at the head of the listing streams to
// the consumer as it is decoded; a later part that is read earlier waits in memory until the parts before it
// are done, so the consumer sees the listing's order whatever part arrives first.
async function readParts(run: Run, parts: MoRef[][], inFlight: number, props: PropSet): Promise<void> {
  const buffered: ObjectContent[][] = parts.map(() => []);
  const done = parts.map(() => false);
  let head = 0;

  // A failed part (or consumer) cancels the other parts' requests down to the socket and stops their reads.
  const abort = new AbortController();
  const partsAborted = new TransportError('cancelled', 'another part of the collection failed');
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (failure) return;
    failure = { error };
    abort.abort(partsAborted);
    wake();
  };
  const stop = (): Error | undefined => (failure ? partsAborted : undefined);
  const signal = AbortSignal.any([abort.signal, run.handlers.signal, run.client.signal].filter((s): s is AbortSignal => s !== undefined));
  const deliver = (oc: ObjectContent): void => {
    run.deliver(oc);
    if (run.consumerError) fail(run.consumerError.error);
  };
  // A part's reply is decoded once the parts before it are done (PageSink.ready): replies read side by side
  // would interleave their decoding and hold the later parts' objects in memory. The buffer above still keeps
  // the order should a round tripper not wait.
  const waiting = new Map<number, () => void>();
  const ready = (i: number) => (): Promise<void> =>
    i === head || failure ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(i, resolve));
  const wake = (): void => {
    for (const [i, resolve] of waiting) {
      if (i !== head && !failure) continue;
      waiting.delete(i);
      resolve();
    }
  };
  const finish = (i: number): void => {
    done[i] = true;
    while (head < parts.length && done[head]) {
      head++;
      if (head < parts.length) {
        const early = buffered[head]!;
        buffered[head] = [];
        for (const oc of early) deliver(oc);
      }
    }
    wake();
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!failure && next < parts.length) {
      const i = next++;
      const onObject = (oc: ObjectContent): void => {
        if (i === head) deliver(oc);
        else buffered[i]!.push(oc);
      };
      try {
        await readPart(run, parts[i]!, props, { signal, stop, ready: ready(i), onObject, onRead: () => finish(i) });
      } catch (err) {
        if (isFault(err, 'NotAuthenticated')) run.sessionDead = true;
        fail(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, parts.length) }, worker));
  if (run.consumerError) throw run.consumerError.error;
  if (failure) throw failure.error;
}

const MAX_GONE = 100; // refs dropped from one part before its CreateListView is given up

async function readPart(
  run: Run,
  part: MoRef[],
  props: PropSet,
  io: {
    signal: AbortSignal;
    stop: () => Error | undefined;
    ready: () => Promise<void>;
    onObject: (oc: ObjectContent) => void;
    onRead: () => void;
  },
): Promise<void> {
  const { client } = run;
  const viewManager = client.serviceContent.viewManager!;
  let refs = part;
  let view: MoRef | undefined;
  for (let gone = 0; !view; ) {
    try {
      view = await methods.createListView(client.session, viewManager, { obj: refs }, io.signal);
    } catch (err) {
      // vcsim: a ref deleted since the listing fails the whole CreateListView; the VM is gone, so drop it.
      const obj = err instanceof VimFault && err.faultName === 'ManagedObjectNotFound' ? refOf(err.detail.obj) : undefined;
      const left = obj ? refs.filter((r) => !(r.type === obj.type && r.value === obj.value)) : refs;
      if (!obj || left.length === refs.length || ++gone > MAX_GONE) throw err;
      client.log.debug({ obj }, 'gone since the listing: left out of its part');
      refs = left;
      if (!refs.length) {
        io.onRead();
        return;
      }
    }
  }
  try {
    await run.readPages([methods.listViewSpec(view, [props])], io.onObject, { ...io, onEnd: io.onRead });
  } finally {
    await run.destroy(view);
  }
}

function refOf(v: unknown): MoRef | undefined {
  const r = v as { type?: unknown; value?: unknown } | undefined;
  return typeof r?.type === 'string' && typeof r.value === 'string' ? { type: r.type, value: r.value } : undefined;
}

// A server that pages forever: a token it already gave (a loop), or far more pages than objects (empty pages
// with fresh tokens). Either would run until --target-timeout.
const MAX_EMPTY_PAGES = 10;
export function checkPaging(token: string | undefined, seen: Set<string>, pages: number, objects: number): void {
  if (token === undefined) return;
  if (seen.has(token)) {
    throw new TransportError(
      'malformed',
      `vCenter returned the paging token ${JSON.stringify(bounded(token, 40))} a second time (after ${pages} pages): the collection would never end`,
      undefined,
      'ContinueRetrievePropertiesEx',
    );
  }
  if (pages > objects + MAX_EMPTY_PAGES) {
    throw new TransportError(
      'malformed',
      `vCenter sent ${pages} pages for ${objects} objects and still asks for more: the collection would never end`,
      undefined,
      'ContinueRetrievePropertiesEx',
    );
  }
  seen.add(token);
}

async function bestEffort(client: CollectingClient, method: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    client.log.debug({ method, err: (err as Error)?.message }, 'cleanup call failed (ignored)');
  }
}
