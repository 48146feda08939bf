// Cost of "what to fix first" (src/policy/causes.ts: causes, derived findings, the greedy cumulative order) on a
// generated judged estate, no vCenter: `npx tsx bench/causes.ts [VMS] [CAUSES]` (default 45,000 VMs, 223 causes:
// 10 clusters x 10 hosts; VM rules, per-cluster host rules, cluster and datastore findings; each VM blocked by
// 1 to 4 of them, a tenth ready). Prints the time and the peak heap growth of decideCauses.
import { decideCauses } from '../src/policy/causes.js';
import type { Finding } from '../src/rules/types.js';
import type { TargetResult, VmResult } from '../src/result/types.js';

const N = Number(process.argv[2] ?? 45_000);
const CAUSES = Number(process.argv[3] ?? 223);
const SERVER = 'https://vc.example.com';
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

const clusters = Array.from({ length: 10 }, (_, c) => ({
  moid: `domain-c${c}`,
  name: `Cluster-${c}`,
  server: SERVER,
  findingIds: [] as string[],
}));
const hosts = clusters.flatMap((c, ci) =>
  Array.from({ length: 10 }, (_, h) => ({ moid: `host-${ci * 10 + h}`, name: `esx-${ci}-${h}`, clusterMoid: c.moid })),
);
const findings: Finding[] = [];
let fid = 0;
const mk = (p: Partial<Finding> & Pick<Finding, 'ruleId' | 'objectType' | 'moid' | 'name'>): Finding => {
  const f: Finding = {
    id: `f${++fid}`,
    severity: 'blocker',
    scope: 'vm',
    generation: 'smp',
    message: `${p.ruleId} on ${p.name}`,
    evidence: [{ objectType: p.objectType, moid: p.moid, name: p.name, path: `path.${p.ruleId}`, observed: 1 }],
    remediation: `fix ${p.ruleId}`,
    disruption: 'none',
    source: 'ftscan',
    server: SERVER,
    ...p,
  };
  findings.push(f);
  return f;
};
// Shared causes: a cluster finding per cluster, one host rule on two hosts of each cluster (10 rules x 10
// clusters), datastore findings; the rest are VM rules.
const shared: Finding[][] = [];
for (const c of clusters)
  shared.push([mk({ ruleId: 'cluster-ha-enabled', objectType: 'ClusterComputeResource', moid: c.moid, name: c.name, scope: 'cluster' })]);
for (let r = 0; r < 10; r++)
  for (let ci = 0; ci < 10; ci++)
    shared.push(
      [hosts[ci * 10 + r]!, hosts[ci * 10 + ((r + 1) % 10)]!].map((h) =>
        mk({ ruleId: `host-rule-${r}`, objectType: 'HostSystem', moid: h.moid, name: h.name, scope: 'host' }),
      ),
    );
const datastores = Math.max(0, Math.min(50, CAUSES - shared.length - 20));
for (let d = 0; d < datastores; d++)
  shared.push([mk({ ruleId: 'datastore-type', objectType: 'Datastore', moid: `datastore-${d}`, name: `ds-${d}`, scope: 'datastore' })]);
const vmRules = Math.max(1, CAUSES - shared.length);

const vms: VmResult[] = [];
for (let i = 0; i < N; i++) {
  const moid = `vm-${i}`;
  const name = `vm-${i}`;
  const ci = i % 10;
  const ids: string[] = [];
  if (i % 10 !== 0) {
    const k = 1 + Math.floor(rand() * 4);
    for (let j = 0; j < k; j++) {
      const r = rand();
      if (r < 0.5)
        ids.push(mk({ ruleId: `vm-rule-${Math.floor(rand() * vmRules)}`, objectType: 'VirtualMachine', moid, name, vmMoid: moid }).id);
      else if (r < 0.6) ids.push(shared[ci]![0]!.id);
      else if (r < 0.9) ids.push(pick(shared.slice(10 + ci * 10, 20 + ci * 10)).map((f) => f.id)[0]!);
      else if (datastores) ids.push(shared[110 + Math.floor(rand() * datastores)]![0]!.id);
    }
  }
  const unique = [...new Set(ids)];
  vms.push({
    moid,
    name,
    server: SERVER,
    clusterMoid: clusters[ci]!.moid,
    clusterName: clusters[ci]!.name,
    generation: 'smp',
    generationReason: 'bench',
    findingIds: unique,
    secondaryCandidates: [],
    verdict: unique.length ? 'blocked' : 'ready',
    fixIds: [],
  } as VmResult);
}
const targets = [
  {
    server: SERVER,
    status: 'complete',
    inventory: { hosts: hosts.map((h) => ({ ...h, connectionState: 'connected', inMaintenanceMode: false, powerState: 'poweredOn' })) },
  },
] as unknown as TargetResult[];

global.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const out = decideCauses({ evaluation: { findings, vms, clusters: clusters as never }, targets });
const ms = performance.now() - t0;
const heap1 = process.memoryUsage().heapUsed;
const last = out.list.at(-1)!;
process.stdout.write(
  `${N} VMs, ${findings.length} findings, ${out.list.length} causes: decideCauses ${(ms / 1000).toFixed(2)} s, ` +
    `heap +${((heap1 - heap0) / 1e6).toFixed(0)} MB; ready ${out.readyNow} -> ${last.readyAfter} after all ${out.list.length} fixes ` +
    `(after 5: ${out.list[4]?.readyAfter})\n`,
);
