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
      "The secondary runs on a different host of the same cluster: connected and out of maintenance, FT-capable, CPU-compatible with the primary's host (legacy: same compatible set and vendor; SMP-FT: EVC, or the same or a newer CPU generation), on the same FT version/build (legacy), with FT logging and vMotion vmknics, mounting every datastore and connected to every network of the VM, running an ESXi release that knows its hardware version, and supporting encrypted FT for an encrypted VM, and (SMP-FT) licensed for the VM's vCPUs.",
    severityNote:
      "Legacy CPU clocks more than 400 MHz apart (a SiteSurvey check, K4, never a documented requirement) are a warning when every candidate has them, not a rejection. The secondary's edition: VMware's guides state the vCPU caps per licence (D1, D10, D14) without saying which host of the pair they apply to; vCenter licenses FT per host, so ftscan applies them to the secondary too (a candidate over its cap is rejected; one of unknown licence leaves the VM unknown when no candidate is known to fit). The secondary's FT logging network: the guides require the logging network on every FT host (H6, H8, D4, D19) but are silent on how vCenter picks the secondary host; ftscan prefers a candidate without warning-level host findings and, when every candidate has one, gives the VM a warning naming the host it would most likely use (the one with the most FT room), never a blocker.",
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
