import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, genLabel, subjectOf } from '../finding.js';
import { ftLoggingNics, ftLoggingTargetMb, ftUplinks } from '../ft/nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-logging-bandwidth',
    title: 'FT logging network speed: 1 Gb/s (legacy) / 10 Gb/s (SMP-FT)',
    severity: 'warning',
    scope: 'host',
    rationale:
      'Legacy FT needs at least 1 Gb/s for its logging traffic; SMP-FT needs a 10 Gb/s low-latency network, or the primary is slowed down to let the secondary keep up. A logging vmknic whose uplinks are all down cannot reach the secondary at all.',
    remediation: 'Put the FT logging vmknic on uplinks of at least 1 Gb/s (legacy) / 10 Gb/s (SMP-FT) with link up.',
    disruption: 'none',
    references: ['ft-requirements H8', 'seed', 'D11', 'D14', 'D1', 'F3', 'S1', 'S2'],
    seedRequirement: 'FT logging NIC at >= 1 Gb/s',
    severityNote:
      'Below the target speed is a warning (source H8: supported, degraded). Every uplink down is a blocker: the logging traffic cannot leave the host. No uplink found is a warning: the inventory may not resolve every switch layout.',
    vcenterReasons: ['insufficientBandwidth'],
    needs: [HOST_PATHS.pnic, HOST_PATHS.vnic],
  },
  check(h, ctx) {
    if (ftLoggingNics(h).length === 0) return []; // host-ft-logging-nic reports it
    const s = subjectOf.host(h);
    const target = ftLoggingTargetMb(ctx.generation);
    const gen = genLabel(ctx.generation);
    const up = ftUplinks(h);
    const linked = up.filter((u) => u.speedMb !== null);
    const path = HOST_PATHS.pnic + '[].linkSpeed.speedMb';
    if (up.length === 0) {
      return [
        finding(rule.meta, ctx, s, 'no physical uplink found behind the FT logging vmknic', [
          evidence(s, HOST_PATHS.vnic + '[].uplinks', [], `>= ${target} Mb/s`),
        ]),
      ];
    }
    if (linked.length === 0) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `every FT logging uplink is down (${up.map((u) => u.device).join(', ')})`,
          [
            evidence(
              s,
              path,
              up.map((u) => ({ device: u.device, speedMb: u.speedMb })),
              `>= ${target} Mb/s, link up`,
            ),
          ],
          { severity: 'blocker' },
        ),
      ];
    }
    // insufficientBandwidth is a VM-level reason of vCenter's query (VmFaultToleranceConfigIssue), never a
    // host capability issue: the link speed is the host-side evidence.
    const best = Math.max(...linked.map((u) => u.speedMb!));
    if (best >= target) return [];
    const ev = [
      evidence(
        s,
        path,
        linked.map((u) => ({ device: u.device, speedMb: u.speedMb })),
        `>= ${target} Mb/s`,
      ),
    ];
    return [finding(rule.meta, ctx, s, `FT logging uplink speed ${best} Mb/s; ${gen} needs ${target} Mb/s`, ev)];
  },
});
