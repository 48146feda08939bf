// --fail-on turned into the exit code's share: 1 or 0. What each --fail-on value means for one finding is
// src/result/gate.ts (shared with JUnit and the failure summary).
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { failsGate, type FailOn } from '../result/gate.js';

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
