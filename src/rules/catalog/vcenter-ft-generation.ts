import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast, below } from '../version.js';

// A 6.5+ vCenter manages existing legacy FT VMs but cannot turn legacy FT on [K2, D5, D12]; SMP-FT needs vCenter 6.0+.
export const rule: Rule<'vcenter'> = {
  meta: {
    id: 'vcenter-ft-generation',
    title: 'vCenter version can turn on the chosen FT generation',
    severity: 'blocker',
    scope: 'vcenter',
    generations: ['legacy', 'smp'],
    rationale: 'vCenter 6.5 and later can manage legacy FT VMs on 5.5/6.0 hosts but cannot turn legacy FT on; SMP-FT needs vCenter 6.0 or later.',
    remediation: 'Legacy FT: turn FT on from a vCenter older than 6.5, or move the VM to ESXi 6.0+ hosts and use SMP-FT. SMP-FT: upgrade vCenter to 6.0 or later.',
    disruption: 'none',
    references: ['ft-requirements §0.2', 'K2', 'D5', 'D12'],
  },
  check(vc, ctx) {
    const subject = subjectOf.vcenter(vc);
    const ev = (expected: string) => [evidence(subject, 'content.about.version', vc.version, expected)];
    if (ctx.generation === 'legacy' && atLeast(vc.version, '6.5')) {
      return [finding(rule.meta, ctx, subject, `vCenter ${vc.version} cannot turn legacy FT on (6.5+ only manages existing legacy FT VMs)`, ev('< 6.5 for legacy FT'))];
    }
    if (ctx.generation === 'smp' && below(vc.version, '6.0')) {
      return [finding(rule.meta, ctx, subject, `vCenter ${vc.version} predates SMP-FT (needs 6.0 or later)`, ev('>= 6.0 for SMP-FT'))];
    }
    return [];
  },
};
