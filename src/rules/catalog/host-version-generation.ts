import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hostGenerations } from '../ft/generation.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-version-generation',
    title: 'ESXi version runs the chosen FT generation',
    severity: 'blocker',
    scope: 'host',
    rationale: 'ESX/ESXi 4.0-5.5 run only legacy FT; 6.0 runs SMP-FT and, for 1-vCPU VMs, legacy FT; 6.5 and later run only SMP-FT.',
    remediation: 'Legacy FT needs ESXi 4.0-6.0 hosts; SMP-FT needs ESXi 6.0 or later: upgrade the host or choose the other generation.',
    disruption: 'hostReboot',
    references: ['ft-requirements §0.2', 'K2', 'D5', 'D11', 'D12', 'D14'],
    needs: [HOST_PATHS.version],
  },
  check(h, ctx) {
    const gens = hostGenerations(h);
    if (gens.includes(ctx.generation)) return [];
    const s = subjectOf.host(h);
    const what = ctx.generation === 'legacy' ? 'legacy FT (removed in ESXi 6.5)' : 'SMP-FT (introduced in ESXi 6.0)';
    return [
      finding(rule.meta, ctx, s, `ESXi ${h.product.version || '?'} cannot run ${what}`, [
        evidence(s, HOST_PATHS.version, h.product.version, ctx.generation === 'legacy' ? '4.0-6.0' : '>= 6.0'),
      ]),
    ];
  },
});
