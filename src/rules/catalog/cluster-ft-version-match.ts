import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftVersionKey } from '../pairing.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'cluster'> = defineRule({
  meta: {
    id: 'cluster-ft-version-match',
    title: 'Legacy FT: hosts share one ESX build / FT version',
    severity: 'warning',
    scope: 'cluster',
    generations: ['legacy'],
    rationale:
      'Legacy FT needs the primary and secondary hosts on the same ESX build (4.0) or the same FT feature version (4.1+); a cluster with several versions limits where secondaries can go.',
    remediation: "Patch the cluster's hosts to the same ESXi build.",
    disruption: 'hostReboot',
    references: ['ft-requirements H5', 'seed', 'B4', 'D16', 'D14', 'D11', 'S1', 'S2'],
    seedRequirement: 'same ESX build on primary and secondary',
    severityNote:
      'Cluster-wide mix is a warning; the per-VM pairing check (vm-secondary-host) makes it a blocker when no matching host is left.',
    vcenterReasons: ['FaultToleranceNotSameBuild'],
  },
  check(c, ctx) {
    const hosts = ctx.index.hostsOf(c.moid).filter((h) => h.connectionState === 'connected');
    const versions = new Map<string, string[]>();
    for (const h of hosts) {
      const k = ftVersionKey(h);
      versions.set(k, [...(versions.get(k) ?? []), h.name]);
    }
    if (versions.size <= 1) return [];
    const s = subjectOf.cluster(c);
    const observed = Object.fromEntries(versions);
    return [
      finding(rule.meta, ctx, s, `cluster ${c.name} mixes ${versions.size} ESX builds/FT versions (${[...versions.keys()].join(', ')})`, [
        evidence(s, `host[].${HOST_PATHS.featureVersion}`, observed, 'one FT version'),
      ]),
    ];
  },
});
