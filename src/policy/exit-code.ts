// --fail-on: which findings make a complete scan exit 1.
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';

export type FailOn = 'blocker' | 'warning' | 'none';
export const FAIL_ON: readonly FailOn[] = ['blocker', 'warning', 'none'];

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
  if (!vmScoped) return result.evaluation.findings.some(fails) ? 1 : 0;
  const byId = new Map(result.evaluation.findings.map((f) => [f.id, f]));
  return result.evaluation.vms.some((vm) => vm.findingIds.some((id) => { const f = byId.get(id); return f !== undefined && fails(f); })) ? 1 : 0;
}
