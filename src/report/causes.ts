// "What to fix first", as the renderers read it: the causes are decided once by the policy stage
// (src/policy/causes.ts) and stored in the result (result.causes); this module only indexes and words them.
import type { Finding } from '../rules/types.js';
import type { Cause, ScanResult, VmResult } from '../result/types.js';
import { findingById } from './view.js';

export type { Cause };

export interface CauseView {
  causes: Cause[]; // in cumulative fix order
  byVm: Map<VmResult, Cause[]>; // each blocked VM's causes, in the order above
}

const blocks = (f: Finding) => f.source === 'ftscan' && f.severity === 'blocker' && !f.waived;
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

/** "cluster-ha-enabled on cluster Legacy-67" / "vm-vcpu-count on 56 VMs" / "host-ft-licensed on 2 hosts of cluster Lab-Edge". */
export function causeLabel(c: Cause, multiTarget = false): string {
  if (!c.object) return `${c.ruleId} on ${c.affected} VM${c.affected === 1 ? '' : 's'}`;
  const where = multiTarget && c.object.server ? ` (${c.object.server})` : '';
  if (c.hosts) return `${c.ruleId} on ${c.hosts.length} hosts of cluster ${c.object.name}${where}`;
  return `${c.ruleId} on ${OBJECT_WORD[c.object.type] ?? c.object.type} ${c.object.name}${where}`;
}

/** The short name a VM's blocker list uses: the rule id, with the object for a shared cause. */
export function causeShort(c: Cause): string {
  return c.object ? `${c.ruleId}@${c.object.name}` : c.ruleId;
}

/** "after fixes 1–3: 45,000 ready" (ready or ready with warnings), for cause number `n` (1-based). */
export function readyAfterText(c: Pick<Cause, 'readyAfter'>, n: number): string {
  return `after fix${n === 1 ? ' 1' : `es 1–${n}`}: ${c.readyAfter.toLocaleString('en-US')} ready or ready with warnings`;
}

/**
 * The one sentence a manager can forward: "141 of 218 VMs cannot be FT-protected today; fixing the top 5
 * causes makes 56 more VMs ready or ready with warnings (109 in all)." (the two verdicts named as every count
 * names them)Read from the stored causes; undefined when nothing blocks.
 */
export function fixSummary(result: ScanResult, top = 5): string | undefined {
  const blocked = result.summary.vms.blocked;
  const total = result.evaluation.vms.length;
  const c = result.causes;
  const head = `${blocked.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} VMs cannot be FT-protected today`;
  if (!blocked || !c?.list.length) return blocked ? `${head}.` : undefined;
  // The top n: at most `top`, fewer when the rest make no further VM ready.
  let n = Math.min(top, c.list.length);
  while (n > 1 && c.list[n - 1]!.readyAfter === c.list[n - 2]!.readyAfter) n--;
  const after = c.list[n - 1]!.readyAfter;
  const more = after - c.readyNow;
  const what = n === 1 ? 'the top cause' : `the top ${n} causes`;
  return `${head}; fixing ${what} makes ${more.toLocaleString('en-US')} more VMs ready or ready with warnings (${after.toLocaleString('en-US')} in all).`;
}

const OBJECT_WORD: Partial<Record<Finding['objectType'], string>> = {
  HostSystem: 'host',
  ClusterComputeResource: 'cluster',
  Datastore: 'datastore',
  Network: 'network',
  vCenter: 'vCenter',
  VirtualMachine: 'VM',
};

/** The finding ids a VM is blocked by that are new since the baseline (by id). */
export function newBlockers(result: ScanResult): Finding[] {
  const byId = findingById(result);
  const out: Finding[] = [];
  for (const f of byId.values()) if (f.status === 'new' && blocks(f)) out.push(f);
  return out;
}
