import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftLoggingNics, ftUplinks } from '../ft/nics.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-logging-uplinks',
    title: 'FT logging network has two uplinks (no single point of failure)',
    severity: 'warning',
    scope: 'host',
    rationale:
      'A single working physical NIC behind FT logging is a single point of failure: losing it breaks protection for every FT VM on the host. Two NICs are suggested.',
    remediation:
      'Add a second active or standby uplink to the FT logging port group / switch, or restore the link of the one that is down.',
    disruption: 'none',
    references: ['ft-requirements H8, H9', 'seed', 'B1', 'B4'],
    seedRequirement: 'FT logging NIC (two suggested); no single point of failure',
    needs: [HOST_PATHS.pnic, HOST_PATHS.vnic],
  },
  check(h, ctx) {
    if (ftLoggingNics(h).length === 0) return [];
    // Only an uplink with link up is redundancy; with none up, host-ft-logging-bandwidth blocks.
    const all = ftUplinks(h);
    const up = all.filter((u) => u.speedMb !== null);
    if (up.length !== 1) return [];
    const s = subjectOf.host(h);
    const down = all.filter((u) => u.speedMb === null).map((u) => u.device);
    const msg = down.length
      ? `the FT logging vmknic has one uplink with link up (${up[0]!.device}); ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down`
      : `the FT logging vmknic has a single uplink (${up[0]!.device})`;
    return [
      finding(rule.meta, ctx, s, msg, [
        evidence(
          s,
          HOST_PATHS.pnic + '[].linkSpeed',
          all.map((u) => ({ device: u.device, speedMb: u.speedMb })),
          '>= 2 uplinks with link up',
        ),
      ]),
    ];
  },
});
