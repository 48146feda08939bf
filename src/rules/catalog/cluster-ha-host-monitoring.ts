import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'cluster'> = defineRule({
  meta: {
    id: 'cluster-ha-host-monitoring',
    title: 'HA host monitoring is enabled',
    severity: 'warning',
    scope: 'cluster',
    rationale: 'With host monitoring off, HA does not create a new secondary after a failover, so the VM stays unprotected.',
    remediation: "Enable host monitoring in the cluster's vSphere HA settings.",
    disruption: 'clusterConfig',
    references: ['ft-requirements C2', 'D19', 'S2'],
    seedRequirement: 'HA enabled on the cluster',
    needs: [CLUSTER_PATHS.hostMonitoring],
  },
  check(c, ctx) {
    if (!c.ha.enabled || c.ha.hostMonitoring !== 'disabled') return [];
    const s = subjectOf.cluster(c);
    return [
      finding(rule.meta, ctx, s, `HA host monitoring is disabled on cluster ${c.name}: no new secondary is created after a failover`, [
        evidence(s, CLUSTER_PATHS.hostMonitoring, c.ha.hostMonitoring, 'enabled'),
      ]),
    ];
  },
});
