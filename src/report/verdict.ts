// Verdicts after waivers, and the --fail-on exit code. Waived findings stay in the report (marked) but do
// not count toward a VM's verdict, the cluster counts, the summary, or --fail-on.
import type { ClusterAssessment, Finding, Verdict, VmAssessment } from '../rules/types.js';
import { verdictOf } from '../rules/verdict.js';
import type { ScanResult } from '../scan/result.js';
import { normalizeServer } from './view.js';

export type FailOn = 'blocker' | 'warning' | 'none';

/**
 * Verdict of a non-excluded VM from its non-waived findings: blocker > unknown > warning > ready (info never
 * counts), by the engine's own rule, so vCenter's findings (--ask-vcenter) stay out of it here too.
 */
export function verdictFromFindings(findings: Finding[]): Exclude<Verdict, 'excluded'> {
  return verdictOf(findings.filter((f) => !f.waived));
}

/**
 * Recomputes VM verdicts and fix lists from their non-waived findings, in place, and moves the cluster and
 * summary counts by the same deltas (so counts the rules engine computed otherwise stay as they were).
 * summary.findings counts non-waived findings.
 */
export function recomputeVerdicts(result: ScanResult): ScanResult {
  const ev = result.evaluation;
  const clusterOf = clusterIndex(result);
  for (const vm of ev.vms) {
    if (vm.verdict === 'excluded') continue;
    const next = verdictFromFindings(vm.findings);
    if (next !== vm.verdict) moveCount(result, clusterOf(vm), vm.verdict, next);
    vm.verdict = next;
    const activeRules = new Set(vm.findings.filter((f) => !f.waived && f.source === 'ftscan').map((f) => f.ruleId)); // fixes come from ftscan's own
    vm.fixes = vm.fixes.filter((x) => activeRules.has(x.ruleId));
  }
  const counts: Record<Finding['severity'], number> = { blocker: 0, warning: 0, info: 0, unknown: 0 };
  for (const f of ev.findings) if (!f.waived) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  result.summary.findings = counts;
  return result;
}

// A VM's cluster assessment by (server, moid), built once: many VMs can change verdict under one waiver.
function clusterIndex(result: ScanResult): (vm: VmAssessment) => ClusterAssessment | undefined {
  const key = (server: string | undefined, moid: string | undefined) => `${normalizeServer(server ?? '')}\u0000${moid}`;
  const byKey = new Map<string, ClusterAssessment>();
  for (const c of result.evaluation.clusters) {
    const k = key(c.server, c.moid);
    if (!byKey.has(k)) byKey.set(k, c); // the first match, as a linear search would find
  }
  return (vm) => (vm.clusterMoid === undefined ? undefined : byKey.get(key(vm.server, vm.clusterMoid)));
}

function moveCount(result: ScanResult, cluster: ClusterAssessment | undefined, from: Verdict, to: Verdict): void {
  const bump = (c: Record<Verdict, number>) => {
    c[from] = Math.max(0, (c[from] ?? 0) - 1);
    c[to] = (c[to] ?? 0) + 1;
  };
  bump(result.summary.vms);
  if (cluster) bump(cluster.counts);
}

/**
 * 1 when a non-waived finding is at or above the threshold ('unknown' never counts: incompleteness is exit 4).
 * A VM-scoped scan (--vm, --vms, --tag, --host) or a what-if judges the chosen VMs: only findings that bear
 * on them count (their own, and the host/cluster/pairing findings attached to their verdicts), not those of
 * a neighbouring host collected for pairing. An unscoped scan counts every finding.
 */
export function failOnExitCode(result: ScanResult, failOn: FailOn): 0 | 1 {
  if (failOn === 'none') return 0;
  const fails = (f: Finding) => !f.waived && (f.severity === 'blocker' || (failOn === 'warning' && f.severity === 'warning'));
  const vmScoped = !!result.targetCluster || result.targets.some((t) => t.inventory?.scopeVmMoids);
  const counted = vmScoped ? result.evaluation.vms.flatMap((vm) => vm.findings) : result.evaluation.findings;
  return counted.some(fails) ? 1 : 0;
}
