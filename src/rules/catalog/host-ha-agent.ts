import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../ft/cpu.js';
import { defineRule } from '../define-rule.js';

const HEALTHY = ['master', 'connectedToMaster'];
const TRANSIENT = ['election', 'uninitialized'];
// ClusterDasFdmAvailabilityState values that mean a broken agent even where HA is off.
const ERROR_WITH_HA_OFF = ['initializationError', 'uninitializationError', 'fdmUnreachable'];

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ha-agent',
    title: 'vSphere HA agent healthy on the host',
    severity: 'blocker',
    scope: 'host',
    rationale: "FT relies on the HA agent (FDM) on both the primary's and the secondary's host to detect failures and restart secondaries.",
    remediation: 'Fix the HA agent: "Reconfigure for vSphere HA" on the host, check its management network and the cluster\'s HA state.',
    disruption: 'none',
    references: ['ft-requirements C1', 'S1', 'S2'],
    seedRequirement: 'HA agent healthy on both hosts',
    severityNote:
      "election/uninitialized are transient: warning; error states and the host capability issue haAgentIssue: blocker. The host's own haAgentIssue and an agent left in initializationError / uninitializationError / fdmUnreachable block also where HA is off: the host is not FT-capable (cluster headroom does not count it).",
    vcenterReasons: ['haAgentIssue'],
    needs: [HOST_PATHS.dasHostState],
  },
  check(h, ctx) {
    const cluster = h.clusterMoid ? ctx.index.cluster(h.clusterMoid) : undefined;
    if (h.connectionState !== 'connected' || h.inMaintenanceMode) return [];
    const s = subjectOf.host(h);
    // The host's own statement wins, with HA on or off: it is not FT-capable until its agent is healthy.
    const issue = hasIssue(h, ctx.generation, ['haAgentIssue']);
    if (issue)
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `host reports haAgentIssue: its HA agent is not healthy${cluster?.ha.enabled ? '' : ' (and vSphere HA is off on its cluster)'}`,
          [evidence(s, issue.path, issue.issue)],
        ),
      ];
    const st = h.dasHostState;
    if (!cluster?.ha.enabled) {
      // HA off: no agent state to expect, but one left in error still makes the host unfit.
      if (!st || !ERROR_WITH_HA_OFF.includes(st)) return [];
      return [finding(rule.meta, ctx, s, `HA agent state is ${st}`, [evidence(s, HOST_PATHS.dasHostState, st, HEALTHY.join(' | '))])];
    }
    if (st && HEALTHY.includes(st)) return [];
    const ev = [evidence(s, HOST_PATHS.dasHostState, st ?? null, HEALTHY.join(' | '))];
    if (!st) return [finding(rule.meta, ctx, s, 'HA is enabled but the host reports no HA agent state', ev, { severity: 'warning' })];
    return [finding(rule.meta, ctx, s, `HA agent state is ${st}`, ev, TRANSIENT.includes(st) ? { severity: 'warning' } : {})];
  },
});
