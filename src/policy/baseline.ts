// Drift between two scans, by finding id: each current finding is new or unchanged; baseline findings that
// are gone are resolved — but only where this scan read that vCenter completely: a vCenter that failed or was
// partly unreadable this time cannot prove its findings went away (those are listed as unverified).
import { vcenterKey } from '../rules/finding-id.js';
import type { Finding } from '../rules/types.js';
import type { ScanResult, TargetResult } from '../result/types.js';
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
  let fresh = 0;
  for (const f of findings) {
    f.status = before.has(f.id) ? 'unchanged' : 'new';
    if (f.status === 'new') fresh++;
  }
  const now = new Set(findings.map((f) => f.id));
  const nowVc = vcenterOf(targets);
  const readFully = new Set(targets.filter((t) => t.status === 'complete').map((t) => nowVc(t.server)));
  const thenVc = vcenterOf(previous.targets);
  const resolved: Finding[] = [];
  const unverified: Finding[] = [];
  for (const f of previous.evaluation.findings) {
    if (now.has(f.id)) continue;
    const { waived: _w, expiredWaiver: _e, status: _s, ...copy } = f;
    if (readFully.has(thenVc(f.server)) && !skippedRules.includes(f.ruleId)) resolved.push({ ...copy, status: 'resolved' });
    else unverified.push(copy);
  }
  return { file, new: fresh, unchanged: findings.length - fresh, resolved, ...(unverified.length ? { unverified } : {}) };
}

/**
 * What a baseline needs of a previous report: its findings and which vCenters it read. A nightly run holds it
 * for the whole scan, so the previous inventory (the bulk of the file) is let go as soon as it is read.
 */
export function baselineFacts(r: Pick<ScanResult, 'evaluation' | 'targets'>): Pick<ScanResult, 'evaluation' | 'targets'> {
  return {
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
