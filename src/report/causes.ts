// "What to fix first", as the renderers read it: the causes are decided once by the policy stage
// (src/policy/causes.ts) and stored in the result (result.causes); this module only indexes them per VM; their
// words are src/result/words.ts, shared with the notifications.
import type { Cause, ScanResult, VmResult } from '../result/types.js';

export type { Cause };
export { causeLabel, causeShort, fixSummary, readyAfterText } from '../result/words.js';
export { newBlockers } from '../result/gate.js';

export interface CauseView {
  causes: Cause[]; // in cumulative fix order
  byVm: Map<VmResult, Cause[]>; // each blocked VM's causes, in the order above
}

const cache = new WeakMap<ScanResult, CauseView>();

export function causesOf(result: ScanResult): CauseView {
  const hit = cache.get(result);
  if (hit) return hit;
  const causes = result.causes?.list ?? [];
  const byFinding = new Map<string, Cause[]>();
  for (const c of causes) {
    for (const id of [...c.findingIds, ...(c.derivedFindingIds ?? [])]) {
      const list = byFinding.get(id);
      if (!list) byFinding.set(id, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  }
  const rank = new Map(causes.map((c, i) => [c, i]));
  const byVm = new Map<VmResult, Cause[]>();
  for (const vm of result.evaluation.vms) {
    if (vm.verdict === 'excluded' || vm.protection) continue;
    const mine = new Set<Cause>();
    for (const id of vm.findingIds) for (const c of byFinding.get(id) ?? []) mine.add(c);
    if (mine.size)
      byVm.set(
        vm,
        [...mine].sort((a, b) => rank.get(a)! - rank.get(b)!),
      );
  }
  const out = { causes, byVm };
  cache.set(result, out);
  return out;
}
