import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { below } from '../version.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-drs-automation',
    title: 'Legacy FT: DRS does not act on protected VMs',
    severity: 'info',
    scope: 'vm',
    generations: ['legacy'],
    versions: '4.0: never; 4.1-6.5: only with EVC on',
    rationale: 'Under legacy FT, DRS may not move FT VMs: on vCenter 4.0 at all, on 4.1-6.5 only when the cluster has EVC on; otherwise vCenter sets the VM\'s DRS automation to disabled and the primary powers on only on its registered host.',
    remediation: 'Enable EVC on the cluster (4.1+) so DRS can place FT VMs, or accept DRS being disabled for this VM.',
    disruption: 'clusterConfig',
    references: ['ft-requirements C5', 'seed', 'B4', 'D17', 'D13', 'D12', 'S2', 'S9'],
    seedRequirement: 'DRS must not act on protected VMs (legacy)',
    severityNote: 'Seed: a requirement; sources C5: INFO/WARNING, vCenter overrides the DRS level itself: info.',
    vcenterReasons: ['InvalidDrsBehaviorForFtVm'],
  },
  check({ vm, cluster }, ctx) {
    if (!cluster?.drs.enabled) return [];
    const override = cluster.drs.vmOverrides.find((o) => o.vmMoid === vm.moid);
    if (override?.enabled === false) return [];
    const behavior = override?.behavior ?? cluster.drs.defaultBehavior;
    const s = subjectOf.vm(vm);
    const cs = subjectOf.cluster(cluster);
    if (below(ctx.inv.vcenter.version, '4.1')) {
      return [finding(rule.meta, ctx, s, `DRS (${behavior}) on cluster ${cluster.name} does not act on legacy FT VMs under vCenter ${ctx.inv.vcenter.version}`, [evidence(cs, CLUSTER_PATHS.drsEnabled, true)])];
    }
    if (cluster.evcModeKey) return [];
    return [finding(rule.meta, ctx, s, `cluster ${cluster.name} has DRS (${behavior}) but no EVC: vCenter disables DRS for this VM once legacy FT is on`, [evidence(cs, CLUSTER_PATHS.evc, null, 'an EVC mode')])];
  },
};
