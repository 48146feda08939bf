// "What to fix first": the blockers of the estate grouped by cause — one cluster/host/datastore finding, or one
// VM rule across every VM it blocks — with how many VMs each affects and how many it would unblock on its own.
// A pure function of the judged result: verdicts come from the policy stage; "would this fix alone unblock the
// VM" asks the one verdict function (rules/verdict.ts) about the VM's remaining findings, so a VM that would
// be left unknown, disputed or blocked by another cause is affected, not unblocked. Linear in the estate.
import { DISRUPTION_ORDER, verdictOf } from '../rules/verdict.js';
import type { Disruption, Finding } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
import { findingById, findingsOf } from './view.js';

export interface Cause {
  key: string;
  ruleId: string;
  title: string; // rule title when the result carries the catalogue, else the rule id
  // 'vm': one VM rule across many VMs (each VM fixed on its own); 'object': one cluster/host/datastore finding
  kind: 'vm' | 'object';
  object?: { type: Finding['objectType']; name: string; moid: string; server?: string };
  fix: string; // what to do, one line
  disruption: Disruption; // the most disruptive among its findings
  findingIds: string[];
  affected: number; // in-scope candidate VMs it blocks
  unblocks: number; // of those, VMs whose verdict would become ready or warnings with this fix alone
  newFindings: number; // findings marked new against the baseline
}

export interface Causes {
  causes: Cause[]; // unblocks, then affected, then least disruptive first
  byVm: Map<VmResult, Cause[]>; // each blocked VM's causes, in the order above
}

const ON_VM = (f: Finding) => f.objectType === 'VirtualMachine' || f.moid === f.vmMoid;
const causeKey = (f: Finding) => (ON_VM(f) ? `vm\u0000${f.ruleId}` : `obj\u0000${f.server ?? ''}\u0000${f.ruleId}\u0000${f.moid}`);
const blocks = (f: Finding) => f.source === 'ftscan' && f.severity === 'blocker' && !f.waived;

const cache = new WeakMap<ScanResult, Causes>();

export function causesOf(result: ScanResult): Causes {
  const hit = cache.get(result);
  if (hit) return hit;
  const titles = new Map((result.rules ?? []).map((r) => [r.id, r.title]));
  const byKey = new Map<string, Cause>();
  const seenFinding = new Set<string>();
  const vmCauses = new Map<VmResult, Cause[]>();
  const add = (f: Finding): Cause => {
    const key = causeKey(f);
    let c = byKey.get(key);
    if (!c) {
      const onVm = ON_VM(f);
      c = {
        key,
        ruleId: f.ruleId,
        title: titles.get(f.ruleId) ?? f.ruleId,
        kind: onVm ? 'vm' : 'object',
        ...(onVm ? {} : { object: { type: f.objectType, name: f.name, moid: f.moid, ...(f.server ? { server: f.server } : {}) } }),
        fix: f.remediation,
        disruption: f.disruption,
        findingIds: [],
        affected: 0,
        unblocks: 0,
        newFindings: 0,
      };
      byKey.set(key, c);
    }
    if (!seenFinding.has(f.id)) {
      seenFinding.add(f.id);
      c.findingIds.push(f.id);
      if (f.status === 'new') c.newFindings++;
      if (DISRUPTION_ORDER.indexOf(f.disruption) > DISRUPTION_ORDER.indexOf(c.disruption)) c.disruption = f.disruption;
    }
    return c;
  };
  for (const vm of result.evaluation.vms) {
    // Excluded VMs are out of scope; a VM with FT configured gets its verdict from its FT state, not findings.
    if (vm.verdict === 'excluded' || vm.protection) continue;
    const active = findingsOf(result, vm).filter((f) => !f.waived);
    const mine: Cause[] = [];
    for (const f of active) {
      if (!blocks(f)) continue;
      const c = add(f);
      if (!mine.includes(c)) mine.push(c);
    }
    if (!mine.length) continue;
    for (const c of mine) c.affected++;
    vmCauses.set(vm, mine);
    // Two causes: neither alone unblocks the VM. One: what would the VM be without it?
    if (vm.verdict === 'blocked' && mine.length === 1) {
      const only = mine[0]!;
      const rest = active.filter((f) => !(blocks(f) && causeKey(f) === only.key));
      const after = verdictOf(rest, vm.protection);
      if (after === 'ready' || after === 'warnings') only.unblocks++;
    }
  }
  const causes = [...byKey.values()].sort(compareCauses);
  const rank = new Map(causes.map((c, i) => [c, i]));
  for (const list of vmCauses.values()) list.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const out = { causes, byVm: vmCauses };
  cache.set(result, out);
  return out;
}

function compareCauses(a: Cause, b: Cause): number {
  return (
    b.unblocks - a.unblocks ||
    b.affected - a.affected ||
    DISRUPTION_ORDER.indexOf(a.disruption) - DISRUPTION_ORDER.indexOf(b.disruption) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.object?.name ?? '').localeCompare(b.object?.name ?? '')
  );
}

/** "cluster-ha-enabled on cluster Legacy-67" / "vm-vcpu-count on 56 VMs". */
export function causeLabel(c: Cause, multiTarget = false): string {
  if (!c.object) return `${c.ruleId} on ${c.affected} VM${c.affected === 1 ? '' : 's'}`;
  const where = multiTarget && c.object.server ? ` (${c.object.server})` : '';
  return `${c.ruleId} on ${OBJECT_WORD[c.object.type] ?? c.object.type} ${c.object.name}${where}`;
}

/** The short name a VM's blocker list uses: the rule id, with the object for a shared cause. */
export function causeShort(c: Cause): string {
  return c.object ? `${c.ruleId}@${c.object.name}` : c.ruleId;
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
