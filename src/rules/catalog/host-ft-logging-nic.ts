import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { ftLoggingNics } from '../ft/nics.js';
import { vmknicFindings } from '../ft/vmknic-check.js';
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
    return vmknicFindings(rule.meta, h, ctx, {
      issue: 'missingFTLoggingNic',
      label: 'FT logging',
      path: `${HOST_PATHS.netConfig}[nicType=faultToleranceLogging].selectedVnic`,
      nics: ftLoggingNics(h),
      statementRemediation:
        'Check the FT logging vmknic in vCenter (Configure > VMkernel adapters): re-tag the "Fault Tolerance logging" service, check its port group and uplinks, then refresh the host\'s FT compatibility.',
    });
  },
});
