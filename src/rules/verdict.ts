// A VM's verdict and fix order from its findings: the one definition, called once per VM by the policy stage
// (after waivers). vCenter's own findings (source 'vcenter') never change a verdict.
import type { Disruption, Finding, Severity, Verdict } from './types.js';

export function verdictOf(findings: Finding[]): Exclude<Verdict, 'excluded'> {
  const own = findings.filter((f) => f.source === 'ftscan');
  if (own.some((f) => f.severity === 'blocker')) return 'blocked';
  if (own.some((f) => f.severity === 'unknown')) return 'unknown';
  if (own.some((f) => f.severity === 'warning')) return 'warnings';
  return 'ready';
}

const FIX_SEVERITY: Partial<Record<Severity, number>> = { blocker: 0, warning: 1 };
// Fix order inside a severity: configuration changes first, then VM power-off, then host work.
export const DISRUPTION_ORDER: Disruption[] = ['none', 'clusterConfig', 'vmPowerOff', 'hostMaintenance', 'hostReboot', 'bios'];

/** The findings to fix, in order: blockers before warnings, least disruptive first; one per rule, object and remedy. */
export function orderFixes(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => f.source === 'ftscan' && FIX_SEVERITY[f.severity] !== undefined)
    .sort((a, b) => FIX_SEVERITY[a.severity]! - FIX_SEVERITY[b.severity]! || DISRUPTION_ORDER.indexOf(a.disruption) - DISRUPTION_ORDER.indexOf(b.disruption))
    .filter((f) => {
      const k = `${f.ruleId}|${f.moid}|${f.remediation}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
