import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-cpu-threads',
    title: 'SMP-FT: at least 6 CPU threads',
    severity: 'info',
    scope: 'host',
    generations: ['smp'],
    rationale: 'VMware recommends at least six hardware threads on SMP-FT hosts for adequate performance.',
    remediation: 'Use hosts with six or more hardware threads for SMP-FT VMs.',
    disruption: 'hostMaintenance',
    references: ['ft-requirements H13', 'K2'],
    severityNote: 'Source H13 suggests WARNING; K2 words it as a performance recommendation, so info.',
    needs: [HOST_PATHS.numThreads],
  },
  check(h, ctx) {
    if (!h.cpu.numThreads || h.cpu.numThreads >= 6) return [];
    const s = subjectOf.host(h);
    return [
      finding(rule.meta, ctx, s, `host has ${h.cpu.numThreads} CPU threads; SMP-FT recommends at least 6`, [
        evidence(s, HOST_PATHS.numThreads, h.cpu.numThreads, '>= 6'),
      ]),
    ];
  },
});
