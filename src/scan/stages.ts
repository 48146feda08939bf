// The per-target stages, each a call into its layer: connect (vsphere), collect (inventory, with scope, tags,
// licences and the optional FT query), evaluate (rules).
import type { Logger } from 'pino';
import { collectInventory, type CollectProgress } from '../inventory/collect.js';
import type { Inventory } from '../inventory/model.js';
import { applyScope, hasScope } from '../inventory/scope.js';
import { restTagReader } from '../inventory/tags.js';
import { evaluate } from '../rules/engine.js';
import type { Evaluation } from '../rules/types.js';
import type { VimClient } from '../vsphere/api.js';
import { withClient } from '../vsphere/client.js';
import type { ScanOptions, ScanTarget } from './types.js';

// Connects, runs fn, and always logs out: on return, on error, and on SIGHUP/SIGINT/SIGTERM (withClient).
// `signal` (e.g. the --target-timeout) cancels the calls in flight down to the socket.
export async function withTarget<T>(
  t: ScanTarget,
  logger: Logger | undefined,
  fn: (client: VimClient) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return withClient({ ...clientOptionsOf(t), ...(logger ? { logger } : {}), ...(signal ? { signal } : {}) }, fn);
}

const clientOptionsOf = (t: ScanTarget) => ({
  server: t.server,
  user: t.user,
  password: t.password,
  tls: t.tls,
  ...(t.maxResponseBytes ? { maxResponseBytes: t.maxResponseBytes } : {}),
});

export async function collectTarget(
  client: VimClient,
  t: ScanTarget,
  opts: ScanOptions,
  onProgress: (p: CollectProgress) => void,
  signal?: AbortSignal, // --target-timeout: also cancels the REST tag read (then its session is deleted)
): Promise<Inventory> {
  // A what-if needs the target cluster in the inventory even though no in-scope VM runs there: collect
  // without the VM filters and limit the verdicts to the scoped VMs in evaluateInventory instead.
  const whatIf = !!opts.targetCluster;
  return collectInventory(client, {
    server: t.server,
    ...(!whatIf && hasScope(opts.scope) ? { scope: opts.scope } : {}),
    ...(opts.maxObjects ? { maxObjects: opts.maxObjects } : {}),
    ...(opts.askVcenter ? { askVcenter: true } : {}),
    // Tags need a REST session of their own: only opened when the scope filters on them.
    ...(opts.scope.tags?.length
      ? { tags: restTagReader({ ...clientOptionsOf(t), ...(opts.logger ? { logger: opts.logger } : {}), ...(signal ? { signal } : {}) }) }
      : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    onProgress,
  });
}

export function evaluateInventory(inv: Inventory, opts: ScanOptions): Evaluation {
  // Verdicts only for the scoped VMs; the inventory may hold other FT VMs as headroom context.
  let vmMoids = inv.scopeVmMoids ? new Set(inv.scopeVmMoids) : undefined;
  if (opts.targetCluster && hasScope(opts.scope)) {
    const scoped = applyScope(inv, opts.scope);
    vmMoids = new Set(scoped.inventory.scopeVmMoids);
    if (scoped.notFound.length) inv.scopeNotFound = scoped.notFound;
  }
  return evaluate(inv, {
    profile: opts.profile,
    ...(opts.edition ? { edition: opts.edition } : {}),
    ...(opts.targetCluster ? { targetCluster: opts.targetCluster } : {}),
    ...(opts.targetCluster && opts.move ? { move: opts.move } : {}),
    ...(vmMoids ? { vmMoids } : {}),
    ...(opts.skipRules?.length ? { skipRules: new Set(opts.skipRules) } : {}),
  });
}
