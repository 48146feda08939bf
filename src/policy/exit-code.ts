// --fail-on: which findings make a complete scan exit 1. `new-blocker` / `new-warning` count only findings the
// baseline (--baseline, matched by finding id) did not have: a nightly job goes red on what changed, not on
// the estate's standing blockers.
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';

export const FAIL_ON = ['blocker', 'warning', 'none', 'new-blocker', 'new-warning'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The severity threshold of a --fail-on value, and whether only new findings count. */
export function failOnParts(failOn: FailOn): { threshold: 'blocker' | 'warning' | 'none'; onlyNew: boolean } {
  return failOn.startsWith('new-')
    ? { threshold: failOn.slice(4) as 'blocker' | 'warning', onlyNew: true }
    : { threshold: failOn as 'blocker' | 'warning' | 'none', onlyNew: false };
}

/** Does this finding make the run fail under --fail-on? (waived never; 'unknown' never: incompleteness is exit 4) */
export function failsGate(f: Finding, failOn: FailOn): boolean {
  const { threshold, onlyNew } = failOnParts(failOn);
  if (threshold === 'none' || f.waived || (onlyNew && f.status !== 'new')) return false;
  return f.severity === 'blocker' || (threshold === 'warning' && f.severity === 'warning');
}

/**
 * 1 when a non-waived finding is at or above the threshold (and new, for new-*).
 * A VM-scoped scan (--vm, --vms, --tag, --host) or a what-if judges the chosen VMs: only findings that bear
 * on them count (their own, and the host/cluster/pairing findings attached to their verdicts), not those of
 * a neighbouring host collected for pairing. An unscoped scan counts every finding.
 */
export function failOnExitCode(result: ScanResult, failOn: FailOn): 0 | 1 {
  const fails = (f: Finding) => failsGate(f, failOn);
  const vmScoped = !!result.targetCluster || result.targets.some((t) => t.inventory?.scopeVmMoids);
  if (!vmScoped) return result.evaluation.findings.some(fails) ? 1 : 0;
  const byId = new Map(result.evaluation.findings.map((f) => [f.id, f]));
  return result.evaluation.vms.some((vm) =>
    vm.findingIds.some((id) => {
      const f = byId.get(id);
      return f !== undefined && fails(f);
    }),
  )
    ? 1
    : 0;
}
