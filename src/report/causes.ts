// "What to fix first", as the renderers read it: the causes are decided once by the policy stage
// (src/policy/causes.ts) and stored in the result (result.causes); this module only indexes them per VM; their
// words are src/result/words.ts, shared with the notifications.
import type { Cause, ScanResult, VmResult } from '../result/types.js';
import { vmCauses } from '../result/cause-view.js';

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
  // The policy stage's per-VM lists, when this result's causes and VMs are the ones it decided.
  const known = result.causes ? vmCauses.get(result.causes) : undefined;
  if (known && known.vms === result.evaluation.vms) {
    const out = { causes, byVm: known.byVm };
    cache.set(result, out);
    return out;
  }
  // By finding id, the position of the cause naming it; the rare finding several causes name has the positions
  // ascending, each once (causes are visited in order). A number, not an array of one, for 135,000 findings.
  const byFinding = new Map<string, number | number[]>();
  const add = (id: string, at: number): void => {
    const seen = byFinding.get(id);
    if (seen === undefined) byFinding.set(id, at);
    else if (typeof seen === 'number') {
      if (seen !== at) byFinding.set(id, [seen, at]);
    } else if (seen[seen.length - 1] !== at) seen.push(at);
  };
  for (let at = 0; at < causes.length; at++) {
    const c = causes[at]!;
    for (const id of c.findingIds) add(id, at);
    for (const id of c.derivedFindingIds ?? []) add(id, at);
  }
  // A VM's causes: the positions its findings name, each once (stamped with the VM's turn), in fix order.
  // Plain arrays of numbers: 45,000 VMs x 10 findings made a Set and a sort by Map look-ups cost 0.4 s.
  const stamp = new Int32Array(causes.length);
  const byVm = new Map<VmResult, Cause[]>();
  const vms = result.evaluation.vms;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    if (vm.verdict === 'excluded' || vm.protection) continue;
    const mine: number[] = [];
    const visit = (at: number): void => {
      if (stamp[at] !== i + 1) {
        stamp[at] = i + 1;
        mine.push(at);
      }
    };
    for (const id of vm.findingIds) {
      const ats = byFinding.get(id);
      if (typeof ats === 'number') visit(ats);
      else if (ats) for (const at of ats) visit(at);
    }
    if (mine.length) {
      if (mine.length > 1) mine.sort((a, b) => a - b);
      byVm.set(
        vm,
        mine.map((at) => causes[at]!),
      );
    }
  }
  const out = { causes, byVm };
  cache.set(result, out);
  return out;
}
