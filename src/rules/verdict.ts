// A VM's verdict and fix order from its findings: the one definition, called once per VM by the policy stage
// (after waivers). A VM with FT configured gets its protection verdict (unknown when the HA settings that
// decide "protected" could not be read). vCenter's own findings (source
// 'vcenter', --ask-vcenter) never clear a verdict, but one no ftscan finding of the same rule matches makes a
// candidate `disputed`: a gap in the catalogue can never pass a VM that vCenter would refuse.
import type { Disruption, Finding, Protection, Severity, Verdict } from './types.js';
import { PROTECTION_RULES } from './ft/protection.js';

export function verdictOf(findings: Finding[], protection?: Protection): Exclude<Verdict, 'excluded'> {
  const own = findings.filter((f) => f.source === 'ftscan');
  if (protection) {
    // "protected" needs the cluster's HA settings: unreadable, the protection is undecided, never assumed.
    const undecided = own.some((f) => f.severity === 'unknown' && PROTECTION_RULES.includes(f.ruleId));
    return protection.verdict === 'protected' && undecided ? 'unknown' : protection.verdict;
  }
  if (own.some((f) => f.severity === 'blocker')) return 'blocked';
  if (disputedBy(findings).length) return 'disputed';
  if (own.some((f) => f.severity === 'unknown')) return 'unknown';
  if (own.some((f) => f.severity === 'warning')) return 'warnings';
  return 'ready';
}

/** vCenter's findings (not info) whose rule has no ftscan blocker, warning or unknown finding on the VM. */
function disputedBy(findings: Finding[]): Finding[] {
  const ours = new Set(findings.filter((f) => f.source === 'ftscan' && f.severity !== 'info').map((f) => f.ruleId));
  return findings.filter((f) => f.source === 'vcenter' && f.severity !== 'info' && !ours.has(f.ruleId));
}

const FIX_SEVERITY: Partial<Record<Severity, number>> = { blocker: 0, warning: 1 };
// Fix order inside a severity: configuration changes first, then VM power-off, then host work.
export const DISRUPTION_ORDER: Disruption[] = ['none', 'clusterConfig', 'vmPowerOff', 'hostMaintenance', 'hostReboot', 'bios'];

/** The findings to fix, in order: blockers before warnings, least disruptive first; one per rule, object and remedy. */
export function orderFixes(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => f.source === 'ftscan' && FIX_SEVERITY[f.severity] !== undefined)
    .sort(
      (a, b) =>
        FIX_SEVERITY[a.severity]! - FIX_SEVERITY[b.severity]! ||
        DISRUPTION_ORDER.indexOf(a.disruption) - DISRUPTION_ORDER.indexOf(b.disruption),
    )
    .filter((f) => {
      const k = `${f.ruleId}|${f.moid}|${f.remediation}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** A fix as one line: the remediation, prefixed with the object's name when the fix is on a host, cluster or datastore. */
export function fixText(f: Finding): string {
  return f.objectType === 'VirtualMachine' || f.moid === f.vmMoid ? f.remediation : `${f.name}: ${f.remediation}`;
}
