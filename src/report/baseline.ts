// Drift between two scans: each current finding is new or unchanged; baseline findings that are gone are
// resolved — but only where this scan actually read the target completely: a vCenter that failed or was
// partly unreadable this time cannot prove its findings went away (those are listed as unverified).
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../scan/result.js';
import { findingKey, forEachFinding, normalizeServer } from './view.js';

export function applyBaseline(current: ScanResult, previous: ScanResult, file = 'baseline.json'): ScanResult {
  const out = structuredClone(current);
  // Multiset of identities, so a rule firing twice on one object (same key) is matched pair by pair.
  const before = new Map<string, number>();
  for (const f of previous.evaluation.findings) before.set(findingKey(f), (before.get(findingKey(f)) ?? 0) + 1);
  forEachFinding(out, (f) => {
    f.status = before.has(findingKey(f)) ? 'unchanged' : 'new';
  });

  const now = new Map<string, number>();
  for (const f of out.evaluation.findings) now.set(findingKey(f), (now.get(findingKey(f)) ?? 0) + 1);
  const completeServers = new Set(out.targets.filter((t) => t.status === 'complete').map((t) => normalizeServer(t.server)));
  const singleTarget = out.targets.length === 1 ? out.targets[0] : undefined;
  const readFully = (f: Finding) =>
    f.server !== undefined ? completeServers.has(normalizeServer(f.server)) : singleTarget?.status === 'complete';

  const resolved: Finding[] = [];
  const unverified: Finding[] = [];
  for (const f of previous.evaluation.findings) {
    const key = findingKey(f);
    const left = now.get(key) ?? 0;
    if (left > 0) {
      now.set(key, left - 1);
      continue;
    }
    const copy = structuredClone(f);
    delete copy.waived;
    delete copy.status;
    if (readFully(f)) resolved.push({ ...copy, status: 'resolved' });
    else unverified.push(copy);
  }
  out.baseline = { file, resolved };
  if (unverified.length > 0) out.baseline.unverified = unverified;
  return out;
}
