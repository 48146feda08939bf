import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Cluster } from '../../inventory/model.js';
import type { Finding, InventoryIndex, Rule, RuleContext } from '../types.js';
import { evidence, finding, subjectOf, type Subject } from '../finding.js';
import { below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-drs-automation',
    title: 'DRS acts on FT VMs only with EVC (legacy FT; SMP-FT under vCenter < 6.7)',
    severity: 'info',
    scope: 'vm',
    versions: 'legacy: 4.0 never, 4.1+ only with EVC; SMP-FT: only with EVC under vCenter 6.0/6.5, always from vCenter 6.7',
    rationale:
      "DRS may move FT VMs only when the cluster has EVC on: legacy FT on vCenter 4.0 never, 4.1+ only with EVC; SMP-FT under vCenter 6.0 / 6.5 only with EVC, under vCenter 6.7+ without it. Otherwise vCenter sets the VM's DRS automation to disabled and the primary powers on only on its registered host.",
    remediation: 'Enable EVC on the cluster (4.1+) so DRS can place FT VMs, or accept DRS being disabled for this VM.',
    disruption: 'clusterConfig',
    references: ['ft-requirements C5', 'seed', 'B4', 'D17', 'D13', 'D12', 'D10', 'D9', 'S2', 'S9'],
    seedRequirement: 'DRS must not act on protected VMs (legacy)',
    severityNote: 'Seed: a requirement; sources C5: INFO/WARNING, vCenter overrides the DRS level itself: info.',
    vcenterReasons: ['InvalidDrsBehaviorForFtVm'],
  },
  check({ vm, cluster }, ctx) {
    if (!cluster?.drs.enabled) return [];
    const override = cluster.drs.vmOverrides.find((o) => o.vmMoid === vm.moid);
    if (override?.enabled === false) return [];
    if (override) return judge(cluster, override.behavior ?? cluster.drs.defaultBehavior, subjectOf.vm(vm), ctx);
    // Without a per-VM override the finding is the cluster's: one finding object every VM of it references, not
    // one copy per VM (10,000 of them in a large estate), built once per evaluation (the index) and generation.
    let byCluster = clusterFindings.get(ctx.index);
    if (!byCluster) clusterFindings.set(ctx.index, (byCluster = new Map()));
    const key = `${ctx.generation}|${cluster.moid}`;
    let out = byCluster.get(key);
    if (!out) byCluster.set(key, (out = judge(cluster, cluster.drs.defaultBehavior, subjectOf.cluster(cluster), ctx)));
    return out;
  },
});

const clusterFindings = new WeakMap<InventoryIndex, Map<string, Finding[]>>();

// The finding on `s` (the VM with an override, else the cluster) for DRS at `behavior` on the cluster.
function judge(cluster: Cluster, behavior: string, s: Subject, ctx: RuleContext): Finding[] {
  const cs = subjectOf.cluster(cluster);
  if (below(ctx.inv.vcenter.version, '4.1')) {
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `DRS (${behavior}) on cluster ${cluster.name} does not act on legacy FT VMs under vCenter ${ctx.inv.vcenter.version}`,
        [evidence(cs, CLUSTER_PATHS.drsEnabled, true)],
      ),
    ];
  }
  if (cluster.evcModeKey) return [];
  if (ctx.generation === 'smp') {
    if (!below(ctx.inv.vcenter.version, '6.7')) return [];
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `cluster ${cluster.name} has DRS (${behavior}) but no EVC: under vCenter ${ctx.inv.vcenter.version} DRS does not act on SMP-FT VMs without EVC (6.7+ does)`,
        [
          evidence(cs, CLUSTER_PATHS.evc, null, 'an EVC mode, or vCenter >= 6.7'),
          evidence(subjectOf.vcenter(ctx.inv.vcenter), 'content.about.version', ctx.inv.vcenter.version, '>= 6.7'),
        ],
      ),
    ];
  }
  return [
    finding(
      rule.meta,
      ctx,
      s,
      `cluster ${cluster.name} has DRS (${behavior}) but no EVC: vCenter disables DRS for this VM once legacy FT is on`,
      [evidence(cs, CLUSTER_PATHS.evc, null, 'an EVC mode')],
    ),
  ];
}
