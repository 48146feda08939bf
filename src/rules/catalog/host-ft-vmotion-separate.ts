import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftLoggingNics, ftUplinks, vmotionNics } from '../ft/nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-vmotion-separate',
    title: 'FT logging and vMotion on separate NICs',
    severity: 'info',
    scope: 'host',
    rationale: 'vMotion bursts compete with FT logging traffic; separate vmknics on separate physical NICs are recommended.',
    remediation: 'Put FT logging and vMotion on different vmknics backed by different physical NICs.',
    disruption: 'none',
    references: ['ft-requirements H9', 'seed', 'B1', 'B4'],
    seedRequirement: 'FT logging NIC (two suggested)',
    needs: [HOST_PATHS.vnic, HOST_PATHS.netConfig],
  },
  check(h, ctx) {
    const ft = ftLoggingNics(h);
    const vm = vmotionNics(h);
    if (ft.length === 0 || vm.length === 0) return [];
    const s = subjectOf.host(h);
    const shared = ft.filter((n) => vm.includes(n));
    if (shared.length > 0) {
      return [
        finding(rule.meta, ctx, s, `${shared.map((n) => n.device).join(', ')} carries both FT logging and vMotion`, [
          evidence(
            s,
            HOST_PATHS.netConfig,
            shared.map((n) => ({ device: n.device, services: n.services })),
            'separate vmknics',
          ),
        ]),
      ];
    }
    const ftUp = new Set(ftUplinks(h).map((u) => u.device));
    const vmUp = new Set(vm.flatMap((n) => n.uplinks.map((u) => u.device)));
    if (ftUp.size > 0 && [...ftUp].every((d) => vmUp.has(d))) {
      return [
        finding(rule.meta, ctx, s, `FT logging and vMotion share the same physical NICs (${[...ftUp].join(', ')})`, [
          evidence(s, HOST_PATHS.vnic + '[].uplinks', [...ftUp], 'separate physical NICs'),
        ]),
      ];
    }
    return [];
  },
});
