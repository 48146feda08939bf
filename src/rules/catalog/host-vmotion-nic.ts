import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../cpu.js';
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
    needs: [HOST_PATHS.netConfig, HOST_PATHS.vnic],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const lic = hasIssue(h, ctx.generation, ['vMotionNotLicensed']);
    if (lic) return [finding(rule.meta, ctx, s, 'host reports vMotionNotLicensed', [evidence(s, lic.path, lic.issue, 'vMotion licensed')])];
    if (vmotionNics(h).length > 0) return [];
    const ev = [evidence(s, `${HOST_PATHS.netConfig}[nicType=vmotion].selectedVnic`, [], 'at least one vmknic')];
    if (h.vmotionEnabled === false) ev.push(evidence(s, HOST_PATHS.vmotionEnabled, false, 'true'));
    return [finding(rule.meta, ctx, s, 'no VMkernel NIC is enabled for vMotion', ev)];
  },
});
