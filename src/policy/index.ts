// The policy stage: collect -> evaluate -> POLICY -> render. Takes the scan's facts (an EvaluatedScan, fresh
// or read back from a report), marks waivers and baseline drift by finding id, decides every verdict once,
// and assembles the ScanResult the renderers read. Also the exit code of a finished scan.
import type { Finding } from '../rules/types.js';
import { SCHEMA_VERSION, type EvaluatedScan, type ScanResult } from '../result/types.js';
import { markBaseline } from './baseline.js';
import { failOnExitCode, type FailOn } from './exit-code.js';
import { localDate, markWaivers, type Waiver } from './waivers.js';
import { decideVerdicts, summarize } from './verdicts.js';

export interface Policies {
  baseline?: { file: string; result: Pick<ScanResult, 'evaluation' | 'targets'> };
  waivers?: Waiver[];
}

export function applyPolicy(scan: EvaluatedScan, p: Policies, today: Date | string = new Date()): ScanResult {
  // Policy marks live on the findings: work on copies so the same EvaluatedScan can be judged again.
  const findings: Finding[] = scan.evaluation.findings.map(({ status: _s, waived: _w, expiredWaiver: _e, ...f }) => ({ ...f }));
  const single = scan.targets.length === 1 ? scan.targets[0]!.server : undefined;
  const waivers = p.waivers ? markWaivers(findings, p.waivers, typeof today === 'string' ? today : localDate(today), single) : undefined;
  const baseline = p.baseline ? markBaseline(findings, scan.targets, p.baseline.result, p.baseline.file, scan.skippedRules) : undefined;
  const evaluation = decideVerdicts({ ...scan.evaluation, findings });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: scan.tool,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    profile: scan.profile,
    ...(scan.targetCluster ? { targetCluster: scan.targetCluster } : {}),
    ...(scan.notFound ? { notFound: scan.notFound } : {}),
    complete: scan.targets.every((t) => t.status === 'complete'),
    summary: summarize(evaluation, scan.soapCalls),
    ...(baseline ? { baseline } : {}),
    ...(waivers ? { waivers } : {}),
    evaluation,
    ...(scan.rules ? { rules: scan.rules } : {}),
    ...(scan.skippedRules?.length ? { skippedRules: scan.skippedRules } : {}),
    targets: scan.targets,
  };
}

/** The facts of a stored result, without its policy marks, so `ftscan report` can judge them again. */
export function factsOf(r: ScanResult): EvaluatedScan {
  const { vms, clusters, ...rest } = r.evaluation;
  return {
    tool: r.tool,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    profile: r.profile,
    ...(r.targetCluster ? { targetCluster: r.targetCluster } : {}),
    ...(r.notFound ? { notFound: r.notFound } : {}),
    targets: r.targets,
    evaluation: {
      ...rest,
      vms: vms.map(({ verdict: _v, fixIds: _f, ...vm }) => vm),
      clusters: clusters.map(({ counts: _c, ...c }) => c),
    },
    soapCalls: r.summary.soapCalls,
    ...(r.rules ? { rules: r.rules } : {}),
    ...(r.skippedRules?.length ? { skippedRules: r.skippedRules } : {}),
  };
}

export type ExitOutcome = 0 | 1 | 4;

/**
 * 4 when a vCenter failed or a VM's verdict was left unknown for want of data (an unreadable property no rule
 * needed does not count: the report still lists it); else --fail-on decides 1 or 0. 4 wins over 1.
 */
export function exitCodeOf(result: ScanResult, failOn: FailOn): ExitOutcome {
  if (result.targets.some((t) => t.status === 'failed') || result.evaluation.vms.some((v) => v.verdict === 'unknown')) return 4;
  return failOnExitCode(result, failOn);
}

export { FAIL_ON, failOnParts, failsGate, type FailOn } from './exit-code.js';
export { loadWaivers, WaiverFileError, type Waiver } from './waivers.js';
export { baselineFacts } from './baseline.js';
