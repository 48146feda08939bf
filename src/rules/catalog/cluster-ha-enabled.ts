import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'cluster'> = defineRule({
  meta: {
    id: 'cluster-ha-enabled',
    title: 'vSphere HA is enabled on the cluster',
    severity: 'blocker',
    scope: 'cluster',
    rationale: 'FT VMs can only be powered on or added in a cluster with vSphere HA enabled; HA places and restarts secondaries.',
    remediation: 'Turn on vSphere HA for the cluster (cluster > Configure > vSphere Availability).',
    disruption: 'clusterConfig',
    references: ['ft-requirements C1', 'D4', 'D16', 'D19', 'S1', 'S2'],
    seedRequirement: 'HA enabled on the cluster',
    vcenterReasons: ['haNotEnabled'],
    needs: [CLUSTER_PATHS.haEnabled],
  },
  check(c, ctx) {
    if (c.ha.enabled) return [];
    const s = subjectOf.cluster(c);
    return [finding(rule.meta, ctx, s, `vSphere HA is off on cluster ${c.name}`, [evidence(s, CLUSTER_PATHS.haEnabled, false, 'true')])];
  },
});
