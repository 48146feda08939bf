// The one-way pipeline the application drives (src/app): collect -> evaluate (runScan) -> policy (judge) -> render (src/report).
// `ftscan report` enters at the policy stage with the facts of a stored report.
import { applyPolicy, factsOf, type Policies } from '../policy/index.js';
import type { EvaluatedScan, ScanResult } from '../result/types.js';

export function judge(scan: EvaluatedScan, p: Policies, today: Date | string): ScanResult {
  return applyPolicy(scan, p, today);
}

/** A stored report judged again under today's waivers and baseline (its own marks are dropped first). */
export function rejudge(stored: ScanResult, p: Policies, today: Date | string): ScanResult {
  return applyPolicy(factsOf(stored), p, today);
}

export { baselineFacts, exitCodeOf, loadWaivers, WaiverFileError, type Policies } from '../policy/index.js';
export type { EvaluatedScan, ScanResult } from '../result/types.js';
