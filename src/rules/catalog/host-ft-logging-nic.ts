import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../cpu.js';
import { ftLoggingNics } from '../nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-logging-nic',
    title: 'Host has a VMkernel NIC enabled for FT logging',
    severity: 'blocker',
    scope: 'host',
    rationale:
      'The primary streams its execution (legacy) or checkpoints (SMP-FT) to the secondary over a VMkernel NIC tagged for Fault Tolerance logging, on both hosts.',
    remediation: 'Create (or tag) a VMkernel adapter with the "Fault Tolerance logging" service on a dedicated network.',
    disruption: 'none',
    references: ['ft-requirements H6', 'D4', 'D19', 'S1', 'S2', 'S4'],
    seedRequirement: 'FT logging NIC present',
    vcenterReasons: ['missingFTLoggingNic'],
    needs: [HOST_PATHS.netConfig, HOST_PATHS.vnic],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const nics = ftLoggingNics(h);
    if (nics.length > 0) return [];
    const issue = hasIssue(h, ctx.generation, ['missingFTLoggingNic']);
    const ev = [evidence(s, `${HOST_PATHS.netConfig}[nicType=faultToleranceLogging].selectedVnic`, [], 'at least one vmknic')];
    if (issue) ev.push(evidence(s, issue.path, issue.issue));
    return [finding(rule.meta, ctx, s, 'no VMkernel NIC is enabled for FT logging', ev)];
  },
});
