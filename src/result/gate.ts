// --fail-on, read in one place: which findings make a complete scan exit 1, which fail a JUnit test case, which
// the failure summary lists as new and failing. `new-blocker` / `new-warning` count only findings the baseline
// (--baseline, matched by finding id) did not have: a nightly job goes red on what changed, not on the estate's
// standing blockers. Here, below policy and report, so the exit code (policy/exit-code.ts), JUnit
// (report/junit.ts) and the summary (app/reports.ts) ask the same predicate.
import type { Finding } from '../rules/types.js';
import type { ScanResult } from './types.js';

export const FAIL_ON = ['blocker', 'warning', 'none', 'new-blocker', 'new-warning'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The severity threshold of a --fail-on value, and whether only new findings count. */
export function failOnParts(failOn: FailOn): { threshold: 'blocker' | 'warning' | 'none'; onlyNew: boolean } {
  return failOn.startsWith('new-')
    ? { threshold: failOn.slice(4) as 'blocker' | 'warning', onlyNew: true }
    : { threshold: failOn as 'blocker' | 'warning' | 'none', onlyNew: false };
}

/** How a reader other than the exit code applies the gate. */
export interface GateView {
  /** New or not (JUnit: a test case is about its VM, not about what changed since the baseline). */
  everyStatus?: boolean;
  /** Only new findings, whatever --fail-on says (the failure summary's "new and failing"). */
  newOnly?: boolean;
  /** Blockers count even under --fail-on none (JUnit's blockers; the summary's new blockers). */
  blockersAlways?: boolean;
}

/**
 * Does this finding make the run fail under --fail-on? Waived never; 'unknown' never (incompleteness is exit 4).
 * The exit code asks with no view; JUnit and the failure summary name their difference in `view`.
 */
export function failsGate(f: Finding, failOn: FailOn, view: GateView = {}): boolean {
  const { threshold, onlyNew } = failOnParts(failOn);
  if (f.waived || (threshold === 'none' && !view.blockersAlways)) return false;
  if (!view.everyStatus && (onlyNew || view.newOnly) && f.status !== 'new') return false;
  return f.severity === 'blocker' || (threshold === 'warning' && f.severity === 'warning');
}

/** A --fail-on that compares with a previous report, and so needs --baseline. */
export function needsBaseline(failOn: FailOn): boolean {
  return failOnParts(failOn).onlyNew;
}

/** A blocker of ftscan's, not waived, that the baseline did not have: what a nightly run tells its readers first. */
function isNewBlocker(f: Finding): boolean {
  return f.status === 'new' && f.source === 'ftscan' && f.severity === 'blocker' && !f.waived;
}

/** The new blockers since the baseline, in the result's order. */
export function newBlockers(result: ScanResult): Finding[] {
  return result.evaluation.findings.filter(isNewBlocker);
}
