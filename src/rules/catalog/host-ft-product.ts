import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, genLabel, subjectOf } from '../finding.js';
import { ISSUES_WITH_A_RULE, PRODUCT_ISSUES, allIssues, capabilitySupported, hasIssue } from '../ft/cpu.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-product',
    title: 'Host software and firmware support FT',
    severity: 'blocker',
    scope: 'host',
    rationale:
      'The host reports that its product (e.g. VMware Server), a BIOS CPUID limit or an outdated BIOS prevents FT, or it says it does not support FT (smpFtSupported / ftSupported false) without naming a reason another rule covers.',
    remediation: 'Run ESXi on the host; for cpuidLimitSet turn off "Limit CPUID max" in the BIOS; for oldBIOS update the firmware.',
    disruption: 'bios',
    references: ['ft-requirements H15, §3.2', 'S1', 'S14'],
    severityNote:
      'A host whose capability says FT is unsupported but whose issue list is empty (or names only reasons no ftscan rule covers) is a blocker with that evidence: the host itself refuses, whatever its CPU name suggests.',
    vcenterReasons: ['ftUnsupportedProduct', 'unsupportedProduct'],
    needs: [HOST_PATHS.capability],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const issue = hasIssue(h, ctx.generation, PRODUCT_ISSUES);
    if (issue)
      return [
        finding(rule.meta, ctx, s, `host reports ${issue.issue}: it cannot run FT VMs`, [evidence(s, issue.path, issue.issue, 'none')]),
      ];
    const supported = capabilitySupported(h, ctx.generation);
    if (supported?.value !== false) return [];
    const issues = allIssues(h, ctx.generation);
    if (issues.some((i) => ISSUES_WITH_A_RULE.has(i.issue))) return []; // the rule for that reason reports it
    const ev = [evidence(s, supported.path, false, 'true')];
    if (issues.length)
      ev.push(
        evidence(
          s,
          issues[0]!.path,
          issues.map((i) => i.issue),
        ),
      );
    const why = issues.length ? `names only ${issues.map((i) => i.issue).join(', ')}, which ftscan does not map` : 'lists no reason';
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `host reports ${supported.path.replace('capability.', '')} = false for ${genLabel(ctx.generation)} and ${why}`,
        ev,
        {
          remediation:
            "Check the host's FT compatibility in vCenter (Summary > Fault Tolerance) and the VMware Compatibility Guide; ftscan cannot tell which requirement the host fails.",
        },
      ),
    ];
  },
});
