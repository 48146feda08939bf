// Verdicts, fix lists and counts: decided once, here, from each VM's non-waived findings.
import { VERDICTS, SEVERITIES, type Finding, type Severity, type Verdict } from '../rules/types.js';
import { orderFixes, verdictOf } from '../rules/verdict.js';
import type { ClusterResult, MergedEvaluation, ResultEvaluation, ScanResult, VmResult } from '../result/types.js';
import { normalizeServer } from '../util/server.js';

const zeroCounts = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

// `actives`, when given, receives each VM's non-waived findings by its index (decideCauses reads the same lists).
// `byId`, when given, is filled with every finding by id (decideCauses reads the same index).
export function decideVerdicts(ev: MergedEvaluation, actives?: Finding[][], byId = new Map<string, Finding>()): ResultEvaluation {
  for (const f of ev.findings) byId.set(f.id, f);
  // One normalization per distinct server string, not one per VM (45,000 VMs name a handful of vCenters).
  const servers = new Map<string, string>();
  const norm = (server: string) => {
    let n = servers.get(server);
    if (n === undefined) servers.set(server, (n = normalizeServer(server)));
    return n;
  };
  const clusterKey = (server: string | undefined, moid: string) => `${norm(server ?? '')}\u0000${moid}`;
  const clusters: ClusterResult[] = ev.clusters.map((c) => ({ ...c, counts: zeroCounts(VERDICTS) }));
  const clusterOf = new Map<string, ClusterResult>();
  for (const c of clusters) if (!clusterOf.has(clusterKey(c.server, c.moid))) clusterOf.set(clusterKey(c.server, c.moid), c);
  // Per server string as the VMs spell it, then per cluster moid: no key built per VM.
  const clusterBySpelling = new Map<string | undefined, Map<string, ClusterResult | undefined>>();
  const clusterOfVm = (server: string | undefined, moid: string): ClusterResult | undefined => {
    let m = clusterBySpelling.get(server);
    if (!m) clusterBySpelling.set(server, (m = new Map()));
    let c = m.get(moid);
    if (c === undefined && !m.has(moid)) m.set(moid, (c = clusterOf.get(clusterKey(server, moid))));
    return c;
  };
  const vms: VmResult[] = ev.vms.map((vm, i) => {
    const active: Finding[] = [];
    for (const id of vm.findingIds) {
      const f = byId.get(id);
      if (f !== undefined && !f.waived) active.push(f);
    }
    if (actives) actives[i] = active;
    const verdict: Verdict = vm.excludedReason !== undefined ? 'excluded' : verdictOf(active, vm.protection);
    const out: VmResult = { ...vm, verdict, fixIds: verdict === 'excluded' ? [] : orderFixes(active).map((f) => f.id) };
    const c = vm.clusterMoid !== undefined ? clusterOfVm(vm.server, vm.clusterMoid) : undefined;
    if (c) c.counts[verdict]++;
    return out;
  });
  return { ...ev, vms, clusters };
}

export function summarize(ev: ResultEvaluation, soapCalls: number): ScanResult['summary'] {
  const vms = zeroCounts(VERDICTS);
  for (const vm of ev.vms) vms[vm.verdict]++;
  const findings = zeroCounts<Severity>(SEVERITIES);
  for (const f of ev.findings) if (!f.waived) findings[f.severity]++;
  return { vms, findings, soapCalls };
}
