import { CLUSTER_PATHS, DATASTORE_PATHS, HOST_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Host, Vm } from '../../inventory/model.js';
import type { Evidence, InventoryIndex, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { secondaryCandidates } from '../pairing.js';
import { protectionOf } from '../ft/protection.js';
import { type FtDemand, demandOf, limitsFor, loadsOf, MiB, placeOne } from '../ft/placement.js';
import { defineRule } from '../define-rule.js';

type Offer = ReturnType<NonNullable<FtDemand['disks']>['on']>;

// SMP-FT's disk copy: the provisioned size of the VM's virtual disks (RDMs map a LUN, not a copy), and the
// datastores a host offers it (free space, null when DatastoreSummary was not read): a host's offer is the
// same for every VM, so it is listed once per evaluation (the index).
function diskDemand(vm: Vm, index: InventoryIndex): NonNullable<FtDemand['disks']> {
  const unread = vm.unreadable.some((u) => VM_PATHS.devices.startsWith(u.path));
  const bytes = unread ? null : vm.disks.filter((d) => !d.backing.startsWith('rdm')).reduce((a, d) => a + d.capacityBytes, 0);
  let offers = offersByIndex.get(index);
  if (!offers) offersByIndex.set(index, (offers = new Map()));
  const known = offers;
  return {
    bytes,
    on: (h: Host) => {
      let o = known.get(h.moid);
      if (!o) known.set(h.moid, (o = offerOf(h, index)));
      return o;
    },
  };
}

const offersByIndex = new WeakMap<InventoryIndex, Map<string, Offer>>();

function offerOf(h: Host, index: InventoryIndex): Offer {
  return h.datastoreMoids.flatMap((m) => {
    const ds = index.datastore(m);
    if (!ds) return [];
    const blind = ds.unreadable.some((u) => u.path === 'summary' || u.path.startsWith(DATASTORE_PATHS.freeSpace));
    if (!blind && !ds.accessible) return [];
    return [{ name: ds.name, freeBytes: blind ? null : ds.freeBytes }];
  });
}

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ft-capacity',
    title: 'A primary/secondary host pair has room: per-host FT limits, memory reservation, SMP-FT disk copy',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      "vCenter enforces das.maxftvmsperhost (default 4) and, from 6.0 for SMP-FT, das.maxftvcpusperhost (default 8) on every host, counting primaries and secondaries of the FT VMs already running there. FT reserves the VM's full memory on both hosts, and SMP-FT keeps a second copy of every disk on a datastore the secondary's host mounts. One host pair must satisfy all of it at once: the VM's host for the primary, another candidate for the secondary; a cluster total with room is not enough. Secondaries still to come back (needSecondary, disabled pairs) keep their room.",
    remediation:
      "Make room on the VM's host and on a secondary candidate (move VMs, lower other VMs' memory reservations, turn off FT on other FT VMs, free datastore space for the disk copy), or raise das.maxftvmsperhost / das.maxftvcpusperhost in the cluster's HA advanced options (0 turns a check off; higher values are not tested by VMware).",
    disruption: 'clusterConfig',
    references: ['ft-requirements §1, C8', 'D1', 'D10', 'D15', 'D17', 'B7', 'S10'],
    severityNote:
      "The primary is checked on the host the VM is registered on (what-if: the chosen host); a powered-off VM might power on elsewhere under DRS, which ftscan does not model. The vCPU limit applies to SMP-FT under a vCenter of API 6.0+ only (legacy FT knows only the VM count). Memory: summary.hardware.memorySize less the reservations of the host's powered-on VMs (FT VMs at full memory) is an upper bound (the hypervisor's own overhead and per-VM overhead reservations are not read), so a host that passes may still refuse; one that fails cannot fit. An unreadable host memory size, VM reservation or datastore free space is unknown, never room. The disk copy needs the VM's provisioned disk size free on one datastore the secondary mounts (vCenter may also place it on several, UNVERIFIED: the check asks for one).",
    vcenterReasons: ['VmFaultToleranceTooManyVMsOnHost', 'VmSmpFaultToleranceTooManyVMsOnHost', 'VmFaultToleranceTooManyFtVcpusOnHost'],
  },
  // The secondary candidates come from the pairing exams vm-secondary-host reports on (one exam per VM).
  check(t, ctx) {
    const { vm, host, cluster, limits: cap } = t;
    const candidates = secondaryCandidates(t, ctx);
    // No host or no candidate: pairing reports it. Protected VMs hold their slots already. Over the per-VM vCPU
    // cap: vm-vcpu-count blocks, and the placement is moot until the VM shrinks.
    if (!host || !cluster || candidates.length === 0 || protectionOf(vm) || vm.numCpu > cap.maxVcpus) return [];
    const limits = limitsFor(cluster, ctx.generation, ctx.inv.vcenter.apiVersion);
    // The evaluation's shared loads: placeOne only reads them.
    const loads = loadsOf(ctx.index, [host, ...candidates]);
    // What-if: the VM is counted on its own host today, not on the chosen one.
    const demand = demandOf(vm, vm.hostMoid === host.moid);
    if (ctx.generation === 'smp') demand.disks = diskDemand(vm, ctx.index);
    const r = placeOne(demand, host, candidates, loads, limits);
    if (r.pair) return [];
    const cs = subjectOf.cluster(cluster);
    const parts = [
      ...(r.primaryProblem ? [`primary host ${host.name} ${r.primaryProblem.problem}`] : []),
      ...r.secondaryProblems.map((p) => `${p.host.name} ${p.problem}`),
    ];
    // Blocker when the primary's host cannot take it or every candidate certainly cannot; else unknown.
    const certain =
      (r.primaryProblem !== undefined && !r.primaryProblem.unknown) ||
      (r.secondaryProblems.length === candidates.length && r.secondaryProblems.every((p) => !p.unknown));
    const ev: Evidence[] = [];
    if (limits.maxVms > 0)
      ev.push(
        evidence(
          cs,
          `${CLUSTER_PATHS.haOptions}[key=das.maxftvmsperhost]`,
          cluster.ha.maxFtVmsPerHost,
          'room for one more FT VM on two hosts',
        ),
      );
    if (limits.maxVcpus > 0)
      ev.push(
        evidence(
          cs,
          `${CLUSTER_PATHS.haOptions}[key=das.maxftvcpusperhost]`,
          cluster.ha.maxFtVcpusPerHost,
          `room for ${vm.numCpu} more FT vCPUs on two hosts`,
        ),
      );
    ev.push(evidence(subjectOf.vm(vm), VM_PATHS.memoryMB, vm.memoryMB, 'reserved in full on both hosts'));
    for (const h of [host, ...candidates].slice(0, 6))
      ev.push(
        evidence(
          subjectOf.host(h),
          HOST_PATHS.memorySize,
          h.memoryBytes ?? null,
          `unreserved memory for ${vm.memoryMB} MB (${loads.get(h.moid)?.reservedMB ?? '?'} MB reserved)`,
        ),
      );
    if (demand.disks?.bytes)
      ev.push(
        evidence(
          subjectOf.vm(vm),
          VM_PATHS.devices,
          `${Math.ceil(demand.disks.bytes / MiB)} MB of disks`,
          'that much free on a datastore the secondary mounts',
        ),
      );
    const which = r.primaryProblem ? 'the primary' : 'the secondary';
    const lead = certain
      ? `no host pair in cluster ${cluster.name} can take this ${vm.numCpu}-vCPU, ${vm.memoryMB} MB FT VM (${which} has no room)`
      : `cannot tell whether a host pair in cluster ${cluster.name} has room for this FT VM (${which}): a property that decides it was not read`;
    return [finding(rule.meta, ctx, subjectOf.vm(vm), `${lead}: ${parts.join('; ')}`, ev, certain ? {} : { severity: 'unknown' })];
  },
});
