import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ha-restart-disabled',
    title: 'VM not excluded from HA protection',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'FT relies on vSphere HA to restart a failed pair; turning FT on fails its validation for a VM whose HA restart priority is "disabled", whether set by a VM override or inherited from the cluster default.',
    remediation:
      'Give the VM an HA restart priority other than "disabled" (remove the VM override, or change the cluster\'s default VM restart priority).',
    disruption: 'clusterConfig',
    references: ['ft-requirements C4', 'D20', 'D4', 'B3', 'S2'],
    seedRequirement: 'HA enabled on the cluster',
    severityNote:
      'Blocker: vCenter rejects FT for a VM HA does not protect (FaultToleranceVmNotDasProtected, InvalidDasRestartPriorityForFtVm). A VM override wins over the cluster default; an override of "clusterRestartPriority" inherits it.',
    vcenterReasons: ['FaultToleranceVmNotDasProtected', 'InvalidDasRestartPriorityForFtVm'],
  },
  check({ vm, cluster }, ctx) {
    if (!cluster?.ha.enabled) return []; // cluster-ha-enabled reports HA off
    const o = cluster.ha.vmOverrides.find((x) => x.vmMoid === vm.moid);
    const own = o?.restartPriority && o.restartPriority !== 'clusterRestartPriority' ? o.restartPriority : undefined;
    const cs = subjectOf.cluster(cluster);
    const s = subjectOf.vm(vm);
    if (own === 'disabled') {
      return [
        finding(rule.meta, ctx, s, `HA restart priority of the VM is overridden to disabled in cluster ${cluster.name}`, [
          evidence(cs, CLUSTER_PATHS.haVmOverrides + '[key=' + vm.moid + '].dasSettings.restartPriority', 'disabled', 'not disabled'),
        ]),
      ];
    }
    if (own === undefined && cluster.ha.defaultRestartPriority === 'disabled') {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `cluster ${cluster.name} sets the default VM restart priority to disabled and the VM has no override`,
          [evidence(cs, CLUSTER_PATHS.haDefaultRestartPriority, 'disabled', 'not disabled, or a VM override')],
          {
            remediation: `Set cluster ${cluster.name}'s default VM restart priority to a value other than disabled, or give this VM an override.`,
          },
        ),
      ];
    }
    return [];
  },
});
