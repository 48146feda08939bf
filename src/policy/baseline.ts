// Drift between two scans, by finding id: each current finding is new or unchanged; baseline findings that
// are gone are resolved — but only where this scan read that vCenter completely: a vCenter that failed or was
// partly unreadable this time cannot prove its findings went away (those are listed as unverified).
import { vcenterKey } from '../rules/finding-id.js';
import type { Finding } from '../rules/types.js';
import type { NotCompared, ScanResult, TargetResult } from '../result/types.js';
import { normalizeServer } from '../util/server.js';

// vCenter identity of each finding's server: ids already hold it; resolved/unverified need it to ask
// "was that vCenter read completely this time?" whatever name reached it.
function vcenterOf(targets: TargetResult[]): (server: string | undefined) => string | undefined {
  const byServer = new Map<string, string>();
  for (const t of targets) byServer.set(normalizeServer(t.server), vcenterKey(t.inventory?.vcenter.instanceUuid, t.server));
  const only = targets.length === 1 ? byServer.values().next().value : undefined;
  return (server) => (server === undefined ? only : (byServer.get(normalizeServer(server)) ?? only));
}

export function markBaseline(
  findings: Finding[],
  targets: TargetResult[],
  previous: Pick<ScanResult, 'evaluation' | 'targets'>,
  file: string,
  skippedRules: readonly string[] = [], // not evaluated this time (--skip-rule / --only-rule): their findings are not resolved
): NonNullable<ScanResult['baseline']> {
  const before = new Set(previous.evaluation.findings.map((f) => f.id));
  const nowVc = vcenterOf(targets);
  const thenVc = vcenterOf(previous.targets);
  // One identity rule: a vCenter read now whose instanceUuid the baseline does not hold (another vCenter, or the
  // same URL answering with a new uuid after a rebuild or restore) is not compared: its findings are neither new
  // nor unchanged, as on a first run without a baseline (so --fail-on new-* does not fire on standing blockers).
  const thenKeys = new Set(previous.targets.map((t) => thenVc(t.server)));
  const notCompared: NotCompared[] = [];
  const skip = new Set<string>();
  for (const t of targets) {
    if (!t.inventory) continue; // not read this time: nothing of it to compare
    const key = nowVc(t.server)!;
    if (thenKeys.has(key) || skip.has(key)) continue;
    skip.add(key);
    const same = previous.targets.find((p) => normalizeServer(p.server) === normalizeServer(t.server));
    const nc: NotCompared = {
      server: t.server,
      ...(t.inventory.vcenter.instanceUuid ? { instanceUuid: t.inventory.vcenter.instanceUuid } : {}),
    };
    if (same) {
      nc.baselineServer = same.server;
      if (same.inventory?.vcenter.instanceUuid) nc.baselineInstanceUuid = same.inventory.vcenter.instanceUuid;
    }
    notCompared.push(nc);
  }
  let fresh = 0;
  let unchanged = 0;
  for (const f of findings) {
    if (skip.has(nowVc(f.server)!)) continue;
    f.status = before.has(f.id) ? 'unchanged' : 'new';
    if (f.status === 'new') fresh++;
    else unchanged++;
  }
  const now = new Set(findings.map((f) => f.id));
  const readFully = new Set(targets.filter((t) => t.status === 'complete').map((t) => nowVc(t.server)));
  const resolved: Finding[] = [];
  const unverified: Finding[] = [];
  for (const f of previous.evaluation.findings) {
    if (now.has(f.id)) continue;
    const { waived: _w, expiredWaiver: _e, status: _s, ...copy } = f;
    if (readFully.has(thenVc(f.server)) && !skippedRules.includes(f.ruleId)) resolved.push({ ...copy, status: 'resolved' });
    else unverified.push(copy);
  }
  return {
    file,
    new: fresh,
    unchanged,
    resolved,
    ...(unverified.length ? { unverified } : {}),
    ...(notCompared.length ? { notCompared } : {}),
  };
}

/** The warning for a vCenter the baseline was not compared with: names both identities. */
export function notComparedText(file: string, nc: NotCompared, baselineTargets: string[]): string {
  const now = `${nc.server} (instanceUuid ${nc.instanceUuid ?? 'unknown'})`;
  const then =
    nc.baselineServer !== undefined
      ? `the baseline's ${nc.baselineServer} has instanceUuid ${nc.baselineInstanceUuid ?? 'unknown'} (the vCenter was rebuilt or restored, or the URL now reaches another one)`
      : `the baseline holds ${baselineTargets.join(', ') || 'no vCenter'} only (another vCenter)`;
  return `--baseline ${file}: ${now} is not the vCenter of the baseline: ${then}; its findings are not compared (none marked new), as on a first run`;
}

/**
 * What a baseline needs of a previous report: its findings and which vCenters it read. A nightly run holds it
 * for the whole scan, so the previous inventory (the bulk of the file) is let go as soon as it is read.
 */
export function baselineFacts(
  r: Pick<ScanResult, 'evaluation' | 'targets'> & Partial<Pick<ScanResult, 'startedAt'>>,
): Pick<ScanResult, 'evaluation' | 'targets'> & Partial<Pick<ScanResult, 'startedAt'>> {
  return {
    ...(r.startedAt ? { startedAt: r.startedAt } : {}), // "since the baseline of <date>" in the reports
    evaluation: { findings: r.evaluation.findings } as ScanResult['evaluation'],
    targets: r.targets.map((t) => ({
      server: t.server,
      status: t.status,
      ...(t.inventory
        ? { inventory: { vcenter: { instanceUuid: t.inventory.vcenter.instanceUuid } } as NonNullable<TargetResult['inventory']> }
        : {}),
    })),
  };
}
