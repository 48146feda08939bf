import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { HV_ISSUES, hasIssue } from '../ft/cpu.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-hv-enabled',
    title: 'Hardware virtualization (Intel VT / AMD-V) enabled in the BIOS',
    severity: 'blocker',
    scope: 'host',
    rationale: 'FT needs Intel VT-x / AMD-V switched on in the server BIOS.',
    remediation: 'Enable Intel VT / AMD-V (and VT-d/EPT or RVI) in the server BIOS, then reboot the host.',
    disruption: 'bios',
    references: ['ft-requirements H3', 'D4', 'D16', 'D19', 'S1'],
    seedRequirement: 'hardware virtualization enabled in BIOS',
    vcenterReasons: ['cpuHvDisabled'],
    needs: [HOST_PATHS.capability],
  },
  check(h, ctx) {
    const issue = hasIssue(h, ctx.generation, HV_ISSUES);
    if (!issue) return [];
    const s = subjectOf.host(h);
    return [
      finding(rule.meta, ctx, s, `hardware virtualization is disabled in the BIOS (host reports ${issue.issue})`, [
        evidence(s, issue.path, issue.issue, 'VT/AMD-V enabled'),
      ]),
    ];
  },
});
