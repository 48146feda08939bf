import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { capabilitySupported, hasIssue } from '../cpu.js';
import { vmotionNics } from '../nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-vmotion-nic',
    title: 'Host has a vMotion VMkernel NIC and vMotion is licensed',
    severity: 'blocker',
    scope: 'host',
    rationale: 'FT creates and moves the secondary with vMotion; each FT host needs a vMotion-enabled vmknic and a vMotion licence.',
    remediation: 'Enable the vMotion service on a VMkernel adapter (separate from FT logging) and make sure the licence includes vMotion.',
    disruption: 'none',
    references: ['ft-requirements H7', 'D4', 'D19', 'S1', 'S2'],
    seedRequirement: 'vMotion and FT logging NICs configured',
    vcenterReasons: ['missingVMotionNic', 'vMotionNotLicensed'],
    reads: [HOST_PATHS.netConfig, HOST_PATHS.vnic], // the host's issue list decides without them
    severityNote:
      "The host's statement wins: missingVMotionNic (or vMotionNotLicensed) in its FT compatibility issues blocks even when netConfig tags a vmknic for vMotion (the finding says both). No vMotion vmknic in netConfig blocks even when the host lists no issue.",
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const lic = hasIssue(h, ctx.generation, ['vMotionNotLicensed']);
    if (lic) return [finding(rule.meta, ctx, s, 'host reports vMotionNotLicensed', [evidence(s, lic.path, lic.issue, 'vMotion licensed')])];
    const nics = vmotionNics(h);
    const issue = hasIssue(h, ctx.generation, ['missingVMotionNic']);
    const path = `${HOST_PATHS.netConfig}[nicType=vmotion].selectedVnic`;
    // The host's own statement wins over ftscan's reading of netConfig (see host-ft-logging-nic).
    if (issue && nics.length > 0) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `host reports missingVMotionNic although its network config tags ${nics.map((n) => n.device).join(', ')} for vMotion: the host's statement decides`,
          [
            evidence(s, issue.path, issue.issue, 'no missingVMotionNic'),
            evidence(
              s,
              path,
              nics.map((n) => n.device),
              'at least one vmknic',
            ),
          ],
          {
            remediation:
              "Check the vMotion vmknic in vCenter (Configure > VMkernel adapters): re-tag the vMotion service, check its port group and uplinks, then refresh the host's FT compatibility.",
          },
        ),
      ];
    }
    const gap = unreadableAmong(rule.meta.reads, h.unreadable);
    if (gap && issue)
      return [
        finding(rule.meta, ctx, s, `host reports ${issue.issue}: no usable vMotion vmknic (its network config is unreadable)`, [
          evidence(s, issue.path, issue.issue, `no ${issue.issue}`),
        ]),
      ];
    if (gap) return [unreadableFinding(rule.meta, ctx, s, gap, 'the host lists no missingVMotionNic either')];
    if (nics.length > 0) return [];
    const ev = [evidence(s, path, [], 'at least one vmknic')];
    if (h.vmotionEnabled === false) ev.push(evidence(s, HOST_PATHS.vmotionEnabled, false, 'true'));
    if (issue) ev.push(evidence(s, issue.path, issue.issue));
    // The host is silent (it says it supports FT, listing no missingVMotionNic) while netConfig has no such vmknic:
    // ftscan's reading stands; the host's contrary statement is evidence beside it.
    const says = capabilitySupported(h, ctx.generation);
    if (!issue && says?.value === true) ev.push(evidence(s, says.path, true, 'false, listing missingVMotionNic'));
    return [finding(rule.meta, ctx, s, 'no VMkernel NIC is enabled for vMotion', ev)];
  },
});
