import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftLoggingNics } from '../ft/nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-logging-ipv6',
    title: 'Legacy FT: FT logging vmknic uses IPv4',
    severity: 'warning',
    scope: 'host',
    generations: ['legacy'],
    rationale: 'Legacy FT logging does not support IPv6.',
    remediation: 'Give the FT logging vmknic an IPv4 address.',
    disruption: 'none',
    references: ['ft-requirements H10', 'D11'],
    needs: [HOST_PATHS.vnic],
  },
  check(h, ctx) {
    const v6 = ftLoggingNics(h).filter((n) => n.ipv6Only);
    if (v6.length === 0) return [];
    const s = subjectOf.host(h);
    return [
      finding(rule.meta, ctx, s, `FT logging vmknic ${v6.map((n) => n.device).join(', ')} has only IPv6; legacy FT logging needs IPv4`, [
        evidence(
          s,
          HOST_PATHS.vnic + '[].spec.ip',
          v6.map((n) => n.device),
          'IPv4 address',
        ),
      ]),
    ];
  },
});
