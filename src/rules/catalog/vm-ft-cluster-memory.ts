import { CLUSTER_PATHS, ROOT_POOL_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Cluster, Host, Vm } from '../../inventory/model.js';
import type { Evidence, Finding, Rule, RuleContext, RuleMeta } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { secondaryCandidates } from '../pairing.js';
import { protectionOf } from '../ft/protection.js';
import { type HostLoad, clusterMemoryOf, demandOf, loadsOf, MiB, usable } from '../ft/placement.js';
import { defineRule } from '../define-rule.js';

// Cluster-wide room for FT's memory reservations: the root resource pool's unreserved memory, then vSphere HA
// admission control. Host by host room is vm-ft-capacity's (placement.ts); this is what the cluster as a whole
// must still accept when the primary's reservation grows to its full memory and the secondary reserves as much.

const mb = (bytes: number): number => Math.floor(bytes / MiB);

interface Judgement {
  problem: string;
  unknown?: boolean;
  ev: Evidence[];
}

// HA admission control (ClusterDasAdmissionControlPolicy subtypes, vim25): only when HA and admission control are on.
function admission(
  c: Cluster,
  hosts: Host[],
  loads: Map<string, HostLoad>,
  needMB: number,
  vm: Vm,
  index: RuleContext['index'],
): Judgement | undefined {
  if (!c.ha.enabled || !c.ha.admissionControlEnabled) return undefined;
  const cs = subjectOf.cluster(c);
  const p = c.ha.admissionControlPolicy;
  const at = CLUSTER_PATHS.admissionControlPolicy;
  if (!p)
    return {
      problem: `HA admission control is on but its policy (${at}) was not read`,
      unknown: true,
      ev: [evidence(cs, at, null, 'a readable policy')],
    };
  if (p.type === 'ClusterFailoverHostAdmissionControlPolicy') return undefined; // dedicated hosts: placement.ts
  const good = hosts.filter(usable);
  const mems = good.map((h) => loads.get(h.moid)?.memoryMB ?? null);
  const reserved = good.map((h) => loads.get(h.moid)?.reservedMB ?? null);
  if (mems.includes(null) || reserved.includes(null)) {
    const why = good.map((h) => loads.get(h.moid)?.unreadable).find((x) => x) ?? 'host memory not read';
    return { problem: `cannot apply HA admission control (${p.type}): ${why}`, unknown: true, ev: [evidence(cs, at, p.type)] };
  }
  const total = (mems as number[]).reduce((a, b) => a + b, 0);
  const used = (reserved as number[]).reduce((a, b) => a + b, 0);
  if (p.type === 'ClusterFailoverResourcesAdmissionControlPolicy') {
    const q = p;
    let pct: number | undefined;
    if (q.autoComputePercentages) {
      // Computed from the host failures to tolerate: the share of the largest `failoverLevel` hosts (the strictest).
      const n = q.failoverLevel;
      if (n !== undefined)
        pct =
          (100 *
            [...(mems as number[])]
              .sort((a, b) => b - a)
              .slice(0, n)
              .reduce((a, b) => a + b, 0)) /
          Math.max(total, 1);
    } else pct = q.memoryFailoverResourcesPercent;
    if (pct === undefined)
      return {
        problem: `HA admission control reserves a percentage of the cluster's memory that was not read (${at})`,
        unknown: true,
        ev: [evidence(cs, at, p.type)],
      };
    const keep = (total * pct) / 100;
    const left = total - used - needMB;
    if (left >= keep) return undefined;
    return {
      problem: `HA admission control keeps ${pct.toFixed(0)}% of the cluster's ${total} MB host memory for failover; ${used} MB is reserved, and FT needs ${needMB} MB more`,
      ev: [
        evidence(
          cs,
          `${at}.memoryFailoverResourcesPercent`,
          Math.round(pct),
          `<= ${Math.max(0, Math.floor((100 * (total - used - needMB)) / Math.max(total, 1)))}`,
        ),
      ],
    };
  }
  if (p.type === 'ClusterFailoverLevelAdmissionControlPolicy') {
    const q = p;
    if (q.failoverLevel === undefined)
      return {
        problem: `HA admission control's host failures to tolerate (${at}.failoverLevel) was not read`,
        unknown: true,
        ev: [evidence(cs, `${at}.failoverLevel`, null)],
      };
    // Slot policy (memory part): the slot is the largest reservation of a powered-on VM, the FT VM's full memory
    // included, unless a fixed slot size is set; the hosts left after the largest failures must hold a slot for
    // every powered-on VM, the new secondary (and a powered-off primary) included.
    const cm = clusterMemoryOf(index, c);
    const slot = q.slotMemoryMB ?? Math.max(vm.memoryMB, cm.largestReservationMB);
    if (slot <= 0) return undefined;
    const slots = (mems as number[]).map((m) => Math.floor(m / slot)).sort((a, b) => b - a);
    const free = slots.slice(q.failoverLevel).reduce((a, b) => a + b, 0);
    const need = cm.running + cm.pending + 1 + (vm.powerState === 'poweredOn' ? 0 : 1);
    if (free >= need) return undefined;
    return {
      problem: `HA admission control (slot policy, ${q.failoverLevel} host failure${q.failoverLevel === 1 ? '' : 's'} tolerated) leaves ${free} memory slots of ${slot} MB; ${need} are needed with this FT pair`,
      ev: [evidence(cs, `${at}.failoverLevel`, q.failoverLevel, `slots for ${need} VMs of ${slot} MB`)],
    };
  }
  return {
    problem: `HA admission control uses ${p.type}, which ftscan does not model`,
    unknown: true,
    ev: [evidence(cs, at, p.type, 'a policy ftscan models')],
  };
}

function clusterMemoryFindings(meta: RuleMeta, ctx: RuleContext, vm: Vm, c: Cluster, onItsHost: boolean): Finding[] {
  const hosts = ctx.index.hostsOf(c.moid);
  const loads = loadsOf(ctx.index, hosts);
  const d = demandOf(vm, onItsHost);
  const vs = subjectOf.vm(vm);
  const cs = subjectOf.cluster(c);
  if (d.memoryMB === null || d.primaryExtraMB === null)
    return [
      finding(
        meta,
        ctx,
        vs,
        `cannot tell the memory FT would reserve: ${VM_PATHS.memoryMB} / ${VM_PATHS.memoryReservationMB} not read`,
        [evidence(vs, VM_PATHS.memoryMB, null)],
        {
          severity: 'unknown',
        },
      ),
    ];
  // Pending secondaries reserve nothing in the pool yet, but will.
  const pendingMB = clusterMemoryOf(ctx.index, c).pendingMB;
  const needMB = d.primaryExtraMB + d.memoryMB;
  const out: Judgement[] = [];
  const pool = c.rootPool?.unreservedForVmBytes;
  if (pool === undefined) {
    out.push({
      problem: `the root resource pool's unreserved memory (${ROOT_POOL_PATHS.unreservedForVm}) was not read`,
      unknown: true,
      ev: [evidence(cs, ROOT_POOL_PATHS.unreservedForVm, null, `>= ${needMB + pendingMB} MB`)],
    });
  } else if (mb(pool) < needMB + pendingMB) {
    out.push({
      problem: `the cluster's root resource pool has ${mb(pool)} MB unreserved for VMs${pendingMB ? ` (${pendingMB} MB of it owed to secondaries still to restart)` : ''}; FT needs ${needMB} MB more (${d.primaryExtraMB} MB for the primary, ${d.memoryMB} MB for the secondary)`,
      ev: [evidence(cs, ROOT_POOL_PATHS.unreservedForVm, pool, `>= ${(needMB + pendingMB) * MiB}`)],
    });
  }
  const ac = admission(c, hosts, loads, needMB, vm, ctx.index);
  if (ac) out.push(ac);
  if (!out.length) return [];
  const certain = out.filter((j) => !j.unknown);
  const shown = certain.length ? certain : out;
  return [
    finding(
      meta,
      ctx,
      vs,
      `${certain.length ? `cluster ${c.name} cannot reserve this FT VM's memory` : `cannot tell whether cluster ${c.name} can reserve this FT VM's memory`}: ${shown.map((j) => j.problem).join('; ')}`,
      shown.flatMap((j) => j.ev),
      certain.length ? {} : { severity: 'unknown' },
    ),
  ];
}

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ft-cluster-memory',
    title: "The cluster can reserve the FT pair's memory (root resource pool, HA admission control)",
    severity: 'blocker',
    scope: 'vm',
    rationale:
      "Turning FT on sets the primary's memory reservation to its full memory and gives the secondary the same reservation. Both come out of the cluster's root resource pool (runtime.memory.unreservedForVm), and with vSphere HA admission control on, the failover capacity its policy keeps (a percentage of the cluster's memory, or slots for the host failures to tolerate) must remain: otherwise vCenter refuses to power the secondary on.",
    remediation:
      "Free reserved memory in the cluster (lower other VMs' reservations, power off or move VMs), add host memory or a host, or revisit the HA admission control policy.",
    disruption: 'clusterConfig',
    references: ['ft-requirements C8, C1', 'D15', 'D10'],
    severityNote:
      "Read from vim25, never quickStats: the root pool's unreservedForVm, each usable host's summary.hardware.memorySize and the reservations of its powered-on VMs (FT VMs at full memory). Percentage policy: (host memory - reserved - FT's need) must stay at or above the memory percentage (auto-computed percentages: the share of the largest hosts for the failures to tolerate, the strictest reading). Slot policy: memory slots only (CPU reservations are not read), VM overhead not counted; both approximations can only pass a cluster vCenter refuses, never refuse one it accepts, except the auto-computed percentage (UNVERIFIED how vCenter weighs unequal hosts). Dedicated failover hosts run no VM: placement excludes them (vm-ft-capacity). Secondaries still to come back (needSecondary, disabled pairs) are owed their memory. Unread inputs are unknown, never room.",
  },
  check(t, ctx) {
    const { vm, host, cluster } = t;
    if (!host || !cluster || protectionOf(vm) || secondaryCandidates(t, ctx).length === 0) return [];
    return clusterMemoryFindings(rule.meta, ctx, vm, cluster, vm.hostMoid === host.moid);
  },
});
