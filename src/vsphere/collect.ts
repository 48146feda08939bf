// Bulk reads: CreateContainerView -> RetrievePropertiesEx -> ContinueRetrievePropertiesEx until no token
// -> DestroyView. Pages are decoded as they stream in. Views and tokens die with the session, so a
// NotAuthenticated mid-collection means: log in again once and restart the whole collection. A transient
// failure of ContinueRetrievePropertiesEx (whose token is spent) also restarts it, up to `retries` times.
import type { Logger } from 'pino';
import type { CollectHandlers, CollectSpec, CollectStats, ObjectContent, RoundTripper, ServiceContent } from './api.js';
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
  relogin(failedGeneration: number): Promise<void>;
}

export const DEFAULT_MAX_OBJECTS = 1000;

export async function collectView(client: CollectingClient, spec: CollectSpec, handlers: CollectHandlers): Promise<CollectStats> {
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

async function collectOnce(client: CollectingClient, spec: CollectSpec, handlers: CollectHandlers, stats: CollectStats): Promise<void> {
  const sc = client.serviceContent;
  if (!sc.viewManager) {
    throw new TransportError('malformed', 'this server has no ViewManager (ContainerView needs vSphere API 4.0 or later)');
  }
  const { signal } = handlers;
  let cancelled: TransportError | undefined;
  const abortError = (): TransportError => (cancelled ??= new TransportError('cancelled', 'the collection was cancelled'));
  if (signal?.aborted) throw abortError();

  const rt = client.session;
  const pc = sc.propertyCollector;
  const view = await methods.createContainerView(rt, sc.viewManager, {
    container: spec.container ?? sc.rootFolder,
    type: spec.viewTypes,
    recursive: spec.recursive ?? true,
  });

  let method: PageMethod = 'RetrievePropertiesEx';
  let consumerError: { error: unknown } | undefined;
  let authError: VimFault | undefined;
  // The consumer's errors never reach the decoder: the rest of the page is still read (and dropped)
  // so that its token is known and can be cancelled.
  const onObject = (oc: ObjectContent): void => {
    if (consumerError || authError) return;
    if (oc.missing.some((m) => m.faultName === 'NotAuthenticated')) {
      authError = new VimFault('NotAuthenticated', 'the session is no longer authenticated', {}, method);
      return;
    }
    try {
      handlers.onObject(oc);
      stats.objects++;
    } catch (error) {
      consumerError = { error };
    }
  };
  const stop = (): Error | undefined => authError ?? (signal?.aborted ? abortError() : undefined);

  let token: string | undefined; // received and not yet spent
  let sessionDead = false;
  const seenTokens = new Set<string>();
  let received = 0; // objects on the pages so far, whoever consumed them
  const counted = (oc: ObjectContent): void => {
    received++;
    onObject(oc);
  };
  const sink = { onObject: counted, stop };
  try {
    const first = {
      specSet: [methods.containerViewSpec(view, spec.propSets)],
      options: { maxObjects: spec.maxObjects ?? DEFAULT_MAX_OBJECTS },
    };
    let next: string | undefined;
    for (;;) {
      if (signal?.aborted) throw abortError();
      token = undefined; // a page request spends the token it carries
      const page =
        method === 'RetrievePropertiesEx'
          ? await methods.retrievePropertiesExPage(rt, pc, first, sink)
          : await methods.continueRetrievePropertiesExPage(rt, pc, next!, sink);
      token = page.token;
      stats.pages++;
      if (consumerError) throw consumerError.error;
      checkPaging(token, seenTokens, stats.pages, received);
      handlers.onPage?.(stats.pages, stats.objects);
      if (!token) break;
      method = 'ContinueRetrievePropertiesEx';
      next = token;
    }
  } catch (err) {
    if (isFault(err, 'NotAuthenticated'))
      sessionDead = true; // the view and token died with the session
    else if (token) await bestEffort(client, 'CancelRetrievePropertiesEx', () => methods.cancelRetrievePropertiesEx(rt, pc, token!));
    throw err;
  } finally {
    if (!sessionDead) await bestEffort(client, 'DestroyView', () => methods.destroyView(rt, view));
  }
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
