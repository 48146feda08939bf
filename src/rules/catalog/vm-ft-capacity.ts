import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { secondaryCandidates } from '../pairing.js';
import { protectionOf } from '../protection.js';
import { limitsFor, loadsOf, placeOne } from '../placement.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ft-capacity',
    title: 'A primary/secondary host pair has room under the per-host FT limits',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      "vCenter enforces das.maxftvmsperhost (default 4) and, from 6.0 for SMP-FT, das.maxftvcpusperhost (default 8) on every host, counting primaries and secondaries of the FT VMs already running there. The VM's host must have room for the primary and another candidate host for the secondary; a cluster total with room is not enough.",
    remediation:
      "Make room on the VM's host and on a secondary candidate (move or turn off FT on other FT VMs), or raise das.maxftvmsperhost / das.maxftvcpusperhost in the cluster's HA advanced options (0 turns a check off; higher values are not tested by VMware).",
    disruption: 'clusterConfig',
    references: ['ft-requirements §1', 'D1', 'D10', 'D17', 'B7', 'S10'],
    severityNote:
      'The primary is checked on the host the VM is registered on (what-if: the chosen host); a powered-off VM might power on elsewhere under DRS, which ftscan does not model. The vCPU limit applies to SMP-FT under a vCenter of API 6.0+ only (legacy FT knows only the VM count).',
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
    if (limits.maxVms === 0 && limits.maxVcpus === 0) return [];
    const loads = new Map(loadsOf(ctx.index, [host, ...candidates]));
    const r = placeOne(vm.numCpu, host, candidates, loads, limits);
    if (r.pair) return [];
    const cs = subjectOf.cluster(cluster);
    const parts = [
      ...(r.primaryProblem ? [`primary host ${host.name} ${r.primaryProblem}`] : []),
      ...r.secondaryProblems.map((p) => `${p.host.name} ${p.problem}`),
    ];
    const ev = [
      evidence(
        cs,
        `${CLUSTER_PATHS.haOptions}[key=das.maxftvmsperhost]`,
        cluster.ha.maxFtVmsPerHost,
        'room for one more FT VM on two hosts',
      ),
    ];
    if (limits.maxVcpus > 0)
      ev.push(
        evidence(
          cs,
          `${CLUSTER_PATHS.haOptions}[key=das.maxftvcpusperhost]`,
          cluster.ha.maxFtVcpusPerHost,
          `room for ${vm.numCpu} more FT vCPUs on two hosts`,
        ),
      );
    const which = r.primaryProblem ? 'the primary' : 'the secondary';
    return [
      finding(
        rule.meta,
        ctx,
        subjectOf.vm(vm),
        `no host pair in cluster ${cluster.name} can take this ${vm.numCpu}-vCPU FT VM (${which} has no room): ${parts.join('; ')}`,
        ev,
      ),
    ];
  },
});
