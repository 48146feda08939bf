import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { ftLoggingNics, ftUplinks } from '../nics.js';

export const rule: Rule<'host'> = {
  meta: {
    id: 'host-ft-logging-uplinks',
    title: 'FT logging network has two uplinks (no single point of failure)',
    severity: 'warning',
    scope: 'host',
    generations: ['legacy', 'smp'],
    rationale: 'A single physical NIC behind FT logging is a single point of failure: losing it breaks protection for every FT VM on the host. Two NICs are suggested.',
    remediation: 'Add a second active or standby uplink to the FT logging port group / switch.',
    disruption: 'none',
    references: ['ft-requirements H8, H9', 'seed', 'B1', 'B4'],
    seedRequirement: 'FT logging NIC (two suggested); no single point of failure',
    needs: [HOST_PATHS.pnic, HOST_PATHS.vnic],
  },
  check(h, ctx) {
    if (ftLoggingNics(h).length === 0) return [];
    const up = ftUplinks(h);
    if (up.length !== 1) return []; // none: host-ft-logging-bandwidth blocks
    const s = subjectOf.host(h);
    return [finding(rule.meta, ctx, s, `the FT logging vmknic has a single uplink (${up[0]!.device})`, [evidence(s, HOST_PATHS.vnic + '[].uplinks', up.map((u) => u.device), '>= 2 uplinks')])];
  },
};
