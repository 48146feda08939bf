import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast, below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

// A 6.5+ vCenter manages existing legacy FT VMs but cannot turn legacy FT on [K2, D5, D12]; SMP-FT needs vCenter 6.0+.
// A VM legacy FT already protects gets an info note instead (ft/legacy-vcenter.ts, applied by the engine).
export const rule: Rule<'vcenter'> = defineRule({
  meta: {
    id: 'vcenter-ft-generation',
    title: 'vCenter version can turn on the chosen FT generation',
    severity: 'blocker',
    scope: 'vcenter',
    rationale:
      'vCenter 6.5 and later can manage legacy FT VMs on 5.5/6.0 hosts but cannot turn legacy FT on; SMP-FT needs vCenter 6.0 or later.',
    remediation:
      'Legacy FT: turn FT on from a vCenter older than 6.5, or move the VM to ESXi 6.0+ hosts and use SMP-FT. SMP-FT: upgrade vCenter to 6.0 or later.',
    disruption: 'none',
    references: ['ft-requirements §0.2', 'K2', 'K3', 'D5', 'D12'],
    severityNote:
      'A VM already protected by legacy FT under a 6.5+ vCenter gets an info note instead, saying that vCenter 6.0 was the last release that fully manages legacy FT: the 6.5+ vCenter keeps the pair, but once FT is turned off it cannot be turned on again (K3, D5).',
  },
  check(vc, ctx) {
    const subject = subjectOf.vcenter(vc);
    const ev = (expected: string) => [evidence(subject, 'content.about.version', vc.version, expected)];
    if (ctx.generation === 'legacy' && atLeast(vc.version, '6.5')) {
      return [
        finding(
          rule.meta,
          ctx,
          subject,
          `vCenter ${vc.version} cannot turn legacy FT on (6.5+ only manages existing legacy FT VMs)`,
          ev('< 6.5 for legacy FT'),
        ),
      ];
    }
    if (ctx.generation === 'smp' && below(vc.version, '6.0')) {
      return [finding(rule.meta, ctx, subject, `vCenter ${vc.version} predates SMP-FT (needs 6.0 or later)`, ev('>= 6.0 for SMP-FT'))];
    }
    return [];
  },
});
