import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftCapableHosts } from '../pairing.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'cluster'> = defineRule({
  meta: {
    id: 'cluster-ft-host-count',
    title: 'At least three FT-capable hosts (no single point of failure)',
    severity: 'warning',
    scope: 'cluster',
    rationale:
      'A primary and its secondary need two FT-capable hosts; with only two, no new secondary can be placed after one fails or enters maintenance. Three or more are recommended.',
    remediation: 'Add FT-capable hosts to the cluster (or fix the host findings that make existing hosts unfit) so it has at least three.',
    disruption: 'hostMaintenance',
    references: ['ft-requirements C3', 'D15', 'D10', 'D16', 'S2'],
    seedRequirement: 'no single point of failure',
    severityNote:
      'Source C3: WARNING below three hosts, BLOCKER below two. Kept: fewer than two is a blocker here too (no secondary can exist).',
    vcenterReasons: ['NoHostSuitableForFtSecondary'],
  },
  check(c, ctx) {
    const capable = ftCapableHosts(ctx.index.hostsOf(c.moid), ctx);
    if (capable.length >= 3) return [];
    const s = subjectOf.cluster(c);
    const ev = [
      evidence(
        s,
        CLUSTER_PATHS.hosts,
        capable.map((h) => h.name),
        '>= 3 FT-capable hosts',
      ),
    ];
    if (capable.length < 2) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `cluster ${c.name} has ${capable.length} FT-capable host${capable.length === 1 ? '' : 's'}; FT needs two and three are recommended`,
          ev,
          { severity: 'blocker' },
        ),
      ];
    }
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `cluster ${c.name} has only 2 FT-capable hosts; after one fails no new secondary can be placed (three recommended)`,
        ev,
      ),
    ];
  },
});
