import type { Rule } from '../types.js';
import { pairSecondary } from '../pairing.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-secondary-host',
    title: 'Another host in the cluster can carry the secondary',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      "The secondary runs on a different host of the same cluster: connected and out of maintenance, FT-capable, CPU-compatible with the primary's host (legacy: same compatible set and vendor; SMP-FT: EVC, or the same or a newer CPU generation), on the same FT version/build (legacy), with FT logging and vMotion vmknics, mounting every datastore and connected to every network of the VM, running an ESXi release that knows its hardware version, and supporting encrypted FT for an encrypted VM.",
    severityNote:
      'Legacy CPU clocks more than 400 MHz apart (a SiteSurvey check, K4, never a documented requirement) are a warning when every candidate has them, not a rejection.',
    remediation: 'Fix the listed problems on at least one other host of the cluster (or add a suitable host).',
    disruption: 'hostMaintenance',
    references: ['ft-requirements C3, C7, H2, H5, H6, H7', 'seed', 'K1', 'K4', 'D11', 'D14', 'D16', 'S2', 'K6', 'D19'],
    seedRequirement: 'same ESX build on primary and secondary; CPU compatible between primary and secondary',
    vcenterReasons: [
      'NoHostSuitableForFtSecondary',
      'IncompatibleHostForFtSecondary',
      'FaultToleranceNotSameBuild',
      'FaultToleranceCpuIncompatible',
    ],
  },
  check(t, ctx) {
    return pairSecondary(t, ctx, rule.meta).findings;
  },
});
