// Scan orchestration: every target concurrently (bounded), each connect -> collect -> evaluate -> logout,
// merged into one ScanResult. A target that fails becomes status 'failed' with a one-line error; the others
// still report. Baselines, waivers and the exit code are applied by the caller (src/app/scan.ts).
import type { Inventory, Visibility } from '../inventory/model.js';
import { visibilityMessage } from '../inventory/privileges.js';
import { listRules } from '../rules/explain.js';
import type { Evaluation } from '../rules/types.js';
import type { EvaluatedScan, MergedEvaluation, TargetResult } from '../result/types.js';
import type { VimClient } from '../vsphere/api.js';
import { describeFailure } from './describe-failure.js';
import { mapLimit, TimeoutError, withTimeout } from './pool.js';
import { collectTarget, evaluateInventory, withTarget } from './stages.js';
import type { ScanOptions, ScanProgress, ScanTarget } from './types.js';

export type { ScanOptions, ScanProgress, ScanTarget } from './types.js';

interface TargetOutcome {
  target: TargetResult;
  evaluation?: Evaluation;
  soapCalls: number;
}

// Collects and evaluates every target: the facts, without policy (src/policy decides verdicts).
export async function runScan(opts: ScanOptions): Promise<EvaluatedScan> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const concurrency = opts.concurrency ?? 4;
  const outcomes = await mapLimit(opts.targets, concurrency, (t) => scanTarget(t, opts));
  const evaluation = mergeEvaluations(
    outcomes.flatMap((o) => (o.evaluation ? [{ server: o.target.server, evaluation: o.evaluation }] : [])),
    opts,
  );
  return {
    tool: { name: 'ftscan', version: opts.version },
    startedAt,
    finishedAt: now().toISOString(),
    profile: opts.profile,
    ...(opts.targetCluster ? { targetCluster: opts.targetCluster } : {}),
    targets: outcomes.map((o) => o.target),
    evaluation,
    soapCalls: outcomes.reduce((n, o) => n + o.soapCalls, 0),
    // The catalogue that was evaluated, so JUnit can list the passing VM x rule cases too.
    rules: listRules().filter((r) => (opts.profile === 'auto' || r.generations.includes(opts.profile)) && !opts.skipRules?.includes(r.id)),
    ...(opts.skipRules?.length ? { skippedRules: opts.skipRules } : {}),
  };
}

async function scanTarget(t: ScanTarget, opts: ScanOptions): Promise<TargetOutcome> {
  const log = opts.logger?.child({ server: t.server });
  const progress = (phase: ScanProgress['phase'], objects = 0, pages = 0): void =>
    opts.onProgress?.({ server: t.server, phase, objects, pages });
  let client: VimClient | undefined;
  // --target-timeout aborts the calls in flight down to the socket (the client logs out on its way out); the
  // race below also returns at the deadline when the work is between calls.
  const timeoutMs = opts.targetTimeoutMs ?? 30 * 60_000;
  const timeout = () => new TimeoutError(Math.round(timeoutMs / 1000));
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(timeout()), timeoutMs);
  timer.unref();
  const attempt = (async (): Promise<Inventory> => {
    progress('connect');
    return withTarget(
      t,
      opts.logger,
      async (c) => {
        client = c;
        return collectTarget(c, t, opts, (p) => progress(p.phase, p.objects, p.pages), deadline.signal);
      },
      deadline.signal,
    );
  })();
  try {
    const { visibility, ...inventory } = await withTimeout(attempt, timeoutMs, timeout);
    const evaluation = evaluateInventory(inventory, opts);
    progress('done', inventory.stats.objects, inventory.stats.pages);
    const target: TargetResult = {
      server: t.server,
      status: inventory.complete ? 'complete' : 'incomplete',
      inventory,
      ...(visibility ? { visibility } : {}),
    };
    if (!inventory.complete) target.error = incompleteSummary(inventory, visibility);
    log?.info({ status: target.status, vms: inventory.vms.length, stats: inventory.stats }, 'target scanned');
    return { target, evaluation, soapCalls: client?.calls.total ?? inventory.stats.soapCalls };
  } catch (err) {
    if (err instanceof TimeoutError) {
      deadline.abort(err);
      // The abort reaches the calls in flight (SOAP and the REST tag read); wait, bounded, for the Logout (and
      // the REST session's DELETE) that follow, so the process does not end before they are sent.
      await settledWithin(attempt, LOGOUT_WAIT_MS);
    }
    progress('failed');
    const error = describeFailure(err, t);
    // info, not warn: the application already prints the one-line error; the stack is for --log-level debug
    log?.info({ error }, 'target failed');
    log?.debug({ err }, 'target failure detail');
    return { target: { server: t.server, status: 'failed', error }, soapCalls: client?.calls.total ?? 0 };
  } finally {
    clearTimeout(timer);
  }
}

// Logout after a cancellation has 5 s (vsphere/client.ts), the REST DELETE as much, side by side.
const LOGOUT_WAIT_MS = 6000;

async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.then(noop, noop), new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}
const noop = (): void => undefined;

// "35 properties of 2 objects could not be read (NoPermission x35), e.g. vm-22 config.cpuHotAddEnabled"; a scope
// the user cannot see whole comes first, with its fix.
function incompleteSummary(inv: Inventory, visibility: Visibility | undefined): { kind: string; message: string } {
  const blind = visibility && (visibility.missing.length > 0 || visibility.error !== undefined);
  const problems = inv.problems.filter((p) => !p.optional);
  if (blind && problems.length === 0) return { kind: 'visibility', message: visibilityMessage(visibility) };
  const props = propertySummary(problems);
  return blind ? { kind: 'visibility', message: `${visibilityMessage(visibility)}; ${props.message}` } : props;
}

function propertySummary(problems: Inventory['problems']): { kind: string; message: string } {
  const byFault = new Map<string, number>();
  for (const p of problems) byFault.set(p.fault, (byFault.get(p.fault) ?? 0) + 1);
  const faults = [...byFault].map(([f, n]) => (n > 1 ? `${f} x${n}` : f)).join(', ');
  const objects = new Set(problems.map((p) => p.moid ?? '')).size;
  const first = problems[0];
  const example = first ? `, e.g. ${[first.moid, first.path].filter(Boolean).join(' ') || first.message}` : '';
  const noPermission = byFault.has('NoPermission');
  return {
    kind: noPermission ? 'no-permission' : 'incomplete',
    message: `${problems.length} ${problems.length === 1 ? 'property' : 'properties'} of ${objects} ${objects === 1 ? 'object' : 'objects'} could not be read (${faults})${example}${noPermission ? ': see `ftscan privileges`' : ''}`,
  };
}

const tag = <T extends object>(x: T, server: string): T & { server: string } => {
  const t = x as T & { server: string };
  t.server = server;
  return t;
};

// One evaluation over every target; each finding and assessment names its vCenter. Finding ids already
// hold the vCenter's instanceUuid, so ids stay unique across targets; the same vCenter listed twice
// (warned about by the CLI) keeps its findings once.
function mergeEvaluations(
  parts: { server: string; evaluation: Evaluation }[],
  opts: Pick<ScanOptions, 'profile' | 'edition'>,
): MergedEvaluation {
  const merged: MergedEvaluation = {
    profile: opts.profile,
    ...(opts.edition ? { edition: opts.edition } : {}),
    editionSource: opts.edition ? 'flag' : 'unknown',
    vms: [],
    clusters: [],
    hosts: [],
    datastores: [],
    findings: [],
  };
  const licensed = parts.find((p) => p.evaluation.editionSource === 'license') ?? parts[0];
  if (licensed) {
    if (licensed.evaluation.edition) merged.edition = licensed.evaluation.edition;
    else delete merged.edition;
    merged.editionSource = licensed.evaluation.editionSource;
  }
  const seen = new Set<string>();
  // Findings and VM assessments (the many) are tagged in place: each evaluation is this scan's own and read
  // nowhere else, and an assigned key lands where the spread would put it (last, or where it already was).
  for (const { server, evaluation } of parts) {
    for (const f of evaluation.findings) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      f.server = server;
      merged.findings.push(f);
    }
    for (const v of evaluation.vms) merged.vms.push(tag(v, server));
    for (const c of evaluation.clusters) merged.clusters.push({ ...c, server });
    for (const h of evaluation.hosts) merged.hosts.push({ ...h, server });
    for (const d of evaluation.datastores) merged.datastores.push({ ...d, server });
    for (const p of evaluation.placement ?? []) (merged.placement ??= []).push({ ...p, server }); // plan's capacity answer
  }
  return merged;
}
