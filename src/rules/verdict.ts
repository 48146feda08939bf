// A VM's verdict and fix order from its findings: the one definition, called once per VM by the policy stage
// (after waivers). A VM with FT configured gets its protection verdict (unknown when the HA settings that
// decide "protected" could not be read). vCenter's own findings (source
// 'vcenter', --ask-vcenter) never clear a verdict, but one no ftscan finding of the same rule matches makes a
// candidate `disputed`: a gap in the catalogue can never pass a VM that vCenter would refuse.
import type { Disruption, Finding, Protection, Severity, Verdict } from './types.js';
import { PROTECTION_RULES } from './ft/protection.js';

export function verdictOf(findings: Finding[], protection?: Protection): Exclude<Verdict, 'excluded'> {
  // One pass, no list built: called once per VM by the verdicts and again by the causes.
  if (protection) {
    // "protected" needs the cluster's HA settings: unreadable, the protection is undecided, never assumed.
    if (protection.verdict !== 'protected') return protection.verdict;
    for (const f of findings)
      if (f.source === 'ftscan' && f.severity === 'unknown' && PROTECTION_RULES.includes(f.ruleId)) return 'unknown';
    return protection.verdict;
  }
  let unknown = false;
  let warning = false;
  let vcenter = false;
  for (const f of findings) {
    if (f.source !== 'ftscan') vcenter = true;
    else if (f.severity === 'blocker') return 'blocked';
    else if (f.severity === 'unknown') unknown = true;
    else if (f.severity === 'warning') warning = true;
  }
  if (vcenter && disputedBy(findings).length) return 'disputed';
  if (unknown) return 'unknown';
  if (warning) return 'warnings';
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
const DISRUPTION_RANK = new Map(DISRUPTION_ORDER.map((d, i) => [d, i]));
// indexOf's answer for a disruption outside the list (-1), without the scan.
const disruptionRank = (d: Disruption): number => DISRUPTION_RANK.get(d) ?? -1;

/** The findings to fix, in order: blockers before warnings, least disruptive first; one per rule, object and remedy. */
export function orderFixes(findings: Finding[]): Finding[] {
  const fixes = findings
    .filter((f) => f.source === 'ftscan' && FIX_SEVERITY[f.severity] !== undefined)
    .sort((a, b) => FIX_SEVERITY[a.severity]! - FIX_SEVERITY[b.severity]! || disruptionRank(a.disruption) - disruptionRank(b.disruption));
  // One per rule, object and remedy: a VM's list is short, so compared pairwise instead of by a joined key.
  const out: Finding[] = [];
  for (const f of fixes) if (!out.some((g) => g.ruleId === f.ruleId && g.moid === f.moid && g.remediation === f.remediation)) out.push(f);
  return out;
}

/** A fix as one line: the remediation, prefixed with the object's name when the fix is on a host, cluster or datastore. */
export function fixText(f: Finding): string {
  return f.objectType === 'VirtualMachine' || f.moid === f.vmMoid ? f.remediation : `${f.name}: ${f.remediation}`;
}
