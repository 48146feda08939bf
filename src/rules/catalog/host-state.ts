import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-state',
    title: 'Host connected, powered on and not in maintenance mode',
    severity: 'warning',
    scope: 'host',
    rationale: 'A disconnected, powered-off or maintenance-mode host cannot carry a primary or a secondary; its FT data may also be stale.',
    remediation: 'Reconnect the host / exit maintenance mode before relying on it for FT.',
    disruption: 'hostMaintenance',
    references: ['ft-requirements H14', 'B8', 'S1'],
    severityNote:
      'Source H14 says BLOCKER (transient). Host-level it is a warning; pairing treats such hosts as unable to carry a secondary, which blocks VMs that have no other candidate.',
    vcenterReasons: ['hostInactive'],
    needs: [HOST_PATHS.connectionState, HOST_PATHS.inMaintenanceMode],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    if (h.connectionState !== 'connected')
      return [
        finding(rule.meta, ctx, s, `host is ${h.connectionState}`, [
          evidence(s, HOST_PATHS.connectionState, h.connectionState, 'connected'),
        ]),
      ];
    if (h.inMaintenanceMode)
      return [finding(rule.meta, ctx, s, 'host is in maintenance mode', [evidence(s, HOST_PATHS.inMaintenanceMode, true, 'false')])];
    if (h.powerState !== 'poweredOn')
      return [
        finding(rule.meta, ctx, s, `host power state is ${h.powerState}`, [evidence(s, HOST_PATHS.powerState, h.powerState, 'poweredOn')]),
      ];
    return [];
  },
});
