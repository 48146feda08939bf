// Verdicts after waivers, and the --fail-on exit code. Waived findings stay in the report (marked) but do
// not count toward a VM's verdict, the cluster counts, the summary, or --fail-on.
import type { Finding, Verdict, VmAssessment } from '../rules/types.js';
import type { ScanResult } from '../scan/result.js';
import { normalizeServer } from './view.js';

export type FailOn = 'blocker' | 'warning' | 'none';

/** Verdict of a non-excluded VM from its findings: blocker > unknown > warning > ready (info never counts). */
export function verdictFromFindings(findings: Finding[]): Exclude<Verdict, 'excluded'> {
  const active = findings.filter((f) => !f.waived);
  if (active.some((f) => f.severity === 'blocker')) return 'blocked';
  if (active.some((f) => f.severity === 'unknown')) return 'unknown';
  if (active.some((f) => f.severity === 'warning')) return 'warnings';
  return 'ready';
}

/**
 * Recomputes VM verdicts and fix lists from their non-waived findings, in place, and moves the cluster and
 * summary counts by the same deltas (so counts the rules engine computed otherwise stay as they were).
 * summary.findings counts non-waived findings.
 */
export function recomputeVerdicts(result: ScanResult): ScanResult {
  const ev = result.evaluation;
  for (const vm of ev.vms) {
    if (vm.verdict === 'excluded') continue;
    const next = verdictFromFindings(vm.findings);
    if (next !== vm.verdict) moveCount(result, vm, vm.verdict, next);
    vm.verdict = next;
    const activeRules = new Set(vm.findings.filter((f) => !f.waived).map((f) => f.ruleId));
    vm.fixes = vm.fixes.filter((x) => activeRules.has(x.ruleId));
  }
  const counts: Record<Finding['severity'], number> = { blocker: 0, warning: 0, info: 0, unknown: 0 };
  for (const f of ev.findings) if (!f.waived) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  result.summary.findings = counts;
  return result;
}

function moveCount(result: ScanResult, vm: VmAssessment, from: Verdict, to: Verdict): void {
  const bump = (c: Record<Verdict, number>) => {
    c[from] = Math.max(0, (c[from] ?? 0) - 1);
    c[to] = (c[to] ?? 0) + 1;
  };
  bump(result.summary.vms);
  const cluster = result.evaluation.clusters.find(
    (c) => c.moid === vm.clusterMoid && normalizeServer(c.server ?? '') === normalizeServer(vm.server ?? ''),
  );
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
