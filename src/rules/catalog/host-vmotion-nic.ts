import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../ft/cpu.js';
import { vmotionNics } from '../ft/nics.js';
import { vmknicFindings } from '../ft/vmknic-check.js';
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
    return vmknicFindings(rule.meta, h, ctx, {
      issue: 'missingVMotionNic',
      label: 'vMotion',
      path: `${HOST_PATHS.netConfig}[nicType=vmotion].selectedVnic`,
      nics: vmotionNics(h),
      statementRemediation:
        "Check the vMotion vmknic in vCenter (Configure > VMkernel adapters): re-tag the vMotion service, check its port group and uplinks, then refresh the host's FT compatibility.",
      ...(h.vmotionEnabled === false ? { extraEvidence: [evidence(s, HOST_PATHS.vmotionEnabled, false, 'true')] } : {}),
    });
  },
});
