import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-hyperthreading',
    title: 'Legacy FT: Hyper-Threading off (recommended)',
    severity: 'info',
    scope: 'host',
    generations: ['legacy'],
    versions: 'ESX 4.x guidance',
    rationale: 'The 4.0-era FT guidance recommended turning Hyper-Threading off on FT hosts; later guides do not repeat it.',
    remediation: 'Optionally disable Hyper-Threading in the BIOS (host reboot).',
    disruption: 'bios',
    references: ['ft-requirements H12', 'seed', 'S2'],
    seedRequirement: 'Hyper-Threading turned off (recommended)',
    needs: [HOST_PATHS.hyperThread],
  },
  check(h, ctx) {
    if (!h.hyperThreading.active) return [];
    const s = subjectOf.host(h);
    return [
      finding(rule.meta, ctx, s, 'Hyper-Threading is active; the legacy FT guidance recommended turning it off', [
        evidence(s, HOST_PATHS.hyperThread + '.active', true, 'false'),
      ]),
    ];
  },
});
