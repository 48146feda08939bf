import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../cpu.js';

const PRODUCT_ISSUES = ['unsupportedProduct', 'incompatibleProduct', 'cpuidLimitSet', 'oldBIOS'];

export const rule: Rule<'host'> = {
  meta: {
    id: 'host-ft-product',
    title: 'Host software and firmware support FT',
    severity: 'blocker',
    scope: 'host',
    generations: ['legacy', 'smp'],
    rationale: 'The host reports that its product (e.g. VMware Server), a BIOS CPUID limit or an outdated BIOS prevents FT.',
    remediation: 'Run ESXi on the host; for cpuidLimitSet turn off "Limit CPUID max" in the BIOS; for oldBIOS update the firmware.',
    disruption: 'bios',
    references: ['ft-requirements H15, §3.2', 'S1', 'S14'],
    vcenterReasons: ['ftUnsupportedProduct', 'unsupportedProduct'],
    needs: [HOST_PATHS.capability],
  },
  check(h, ctx) {
    const issue = hasIssue(h, ctx.generation, PRODUCT_ISSUES);
    if (!issue) return [];
    const s = subjectOf.host(h);
    return [finding(rule.meta, ctx, s, `host reports ${issue.issue}: it cannot run FT VMs`, [evidence(s, issue.path, issue.issue, 'none')])];
  },
};
