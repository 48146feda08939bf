import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-ha-restart-disabled',
    title: 'VM not excluded from HA protection',
    severity: 'warning',
    scope: 'vm',
    generations: ['legacy', 'smp'],
    rationale: 'An FT VM whose HA restart priority is overridden to "disabled" is not HA-protected; vCenter rejects or warns about such overrides for FT VMs.',
    remediation: 'Remove the VM override that disables HA restart for this VM.',
    disruption: 'clusterConfig',
    references: ['ft-requirements C4', 'B3', 'S2'],
    seedRequirement: 'HA enabled on the cluster',
    vcenterReasons: ['FaultToleranceVmNotDasProtected', 'InvalidDasRestartPriorityForFtVm'],
  },
  check({ vm, cluster }, ctx) {
    const o = cluster?.ha.vmOverrides.find((x) => x.vmMoid === vm.moid);
    if (!cluster || o?.restartPriority !== 'disabled') return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, `HA restart priority of the VM is overridden to disabled in cluster ${cluster.name}`, [evidence(subjectOf.cluster(cluster), CLUSTER_PATHS.haVmOverrides + '[key=' + vm.moid + '].dasSettings.restartPriority', 'disabled', 'not disabled')])];
  },
};
