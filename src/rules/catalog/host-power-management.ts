import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-power-management',
    title: 'Power management set to high performance',
    severity: 'info',
    scope: 'host',
    rationale:
      'The 4.0 guidance turns BIOS power management off; 6.x-8.0 guidance sets "Maximum performance" or "OS-managed performance" so frequency scaling does not slow the FT pair. The BIOS value is not readable; the ESXi power policy is the proxy.',
    remediation: 'Set the BIOS power profile to Maximum performance (or OS-controlled) and the host power policy to High performance.',
    disruption: 'bios',
    references: ['ft-requirements H11', 'seed', 'D4', 'D12', 'S2', 'S4'],
    seedRequirement: 'power management turned off (recommended)',
    severityNote: 'Seed and 4.0 guide say "turn off"; later guides only recommend it: info (a recommendation, FT works either way).',
    needs: [HOST_PATHS.powerPolicy],
  },
  check(h, ctx) {
    const p = h.powerPolicy;
    if (!p || p.shortName === 'static') return [];
    const s = subjectOf.host(h);
    return [
      finding(rule.meta, ctx, s, `host power policy is "${p.shortName}"; FT guidance recommends high performance (static)`, [
        evidence(s, HOST_PATHS.powerPolicy + '.shortName', p.shortName, 'static'),
      ]),
    ];
  },
});
