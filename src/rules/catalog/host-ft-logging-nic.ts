import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { capabilitySupported, hasIssue } from '../cpu.js';
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
    reads: [HOST_PATHS.netConfig, HOST_PATHS.vnic], // the host's issue list decides without them
    severityNote:
      "The host's statement wins: missingFTLoggingNic in its FT compatibility issues blocks even when netConfig tags a vmknic for FT logging (the finding says both). No FT logging vmknic in netConfig blocks even when the host lists no issue: ftscan's reading stands where the host is silent, as a wrong ready is the costlier error.",
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const nics = ftLoggingNics(h);
    const issue = hasIssue(h, ctx.generation, ['missingFTLoggingNic']);
    const path = `${HOST_PATHS.netConfig}[nicType=faultToleranceLogging].selectedVnic`;
    // The host's own statement wins: it lists missingFTLoggingNic although netConfig selects a vmknic (the
    // vmknic may be down, on a switch the host cannot use, or not yet picked up): the host is not FT-capable.
    if (issue && nics.length > 0) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `host reports missingFTLoggingNic although its network config tags ${nics.map((n) => n.device).join(', ')} for FT logging: the host's statement decides`,
          [
            evidence(s, issue.path, issue.issue, 'no missingFTLoggingNic'),
            evidence(
              s,
              path,
              nics.map((n) => n.device),
              'at least one vmknic',
            ),
          ],
          {
            remediation:
              'Check the FT logging vmknic in vCenter (Configure > VMkernel adapters): re-tag the "Fault Tolerance logging" service, check its port group and uplinks, then refresh the host\'s FT compatibility.',
          },
        ),
      ];
    }
    const gap = unreadableAmong(rule.meta.reads, h.unreadable);
    if (gap && issue)
      return [
        finding(rule.meta, ctx, s, `host reports ${issue.issue}: no usable FT logging vmknic (its network config is unreadable)`, [
          evidence(s, issue.path, issue.issue, `no ${issue.issue}`),
        ]),
      ];
    if (gap) return [unreadableFinding(rule.meta, ctx, s, gap, 'the host lists no missingFTLoggingNic either')];
    if (nics.length > 0) return [];
    const ev = [evidence(s, path, [], 'at least one vmknic')];
    if (issue) ev.push(evidence(s, issue.path, issue.issue));
    // The host is silent (it says it supports FT, listing no missingFTLoggingNic) while netConfig has no such vmknic:
    // ftscan's reading stands; the host's contrary statement is evidence beside it.
    const says = capabilitySupported(h, ctx.generation);
    if (!issue && says?.value === true) ev.push(evidence(s, says.path, true, 'false, listing missingFTLoggingNic'));
    return [finding(rule.meta, ctx, s, 'no VMkernel NIC is enabled for FT logging', ev)];
  },
});
