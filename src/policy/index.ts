// The policy stage: collect -> evaluate -> POLICY -> render. Takes the scan's facts (an EvaluatedScan, fresh
// or read back from a report), marks waivers and baseline drift by finding id, decides every verdict once,
// and assembles the ScanResult the renderers read. Also the exit code of a finished scan.
import type { Finding } from '../rules/types.js';
import { SCHEMA_VERSION, type EvaluatedScan, type PolicyWarning, type ScanResult } from '../result/types.js';
import { markBaseline, notComparedText } from './baseline.js';
import { decideCauses } from './causes.js';
import type { FailOn } from '../result/gate.js';
import { failOnExitCode } from './exit-code.js';
import { localDate, markWaivers, type Waiver } from './waivers.js';
import { decideVerdicts, summarize } from './verdicts.js';

export interface Policies {
  baseline?: { file: string; result: Pick<ScanResult, 'evaluation' | 'targets'> & Partial<Pick<ScanResult, 'startedAt'>> };
  waivers?: Waiver[];
}

export function applyPolicy(scan: EvaluatedScan, p: Policies, today: Date | string = new Date()): ScanResult {
  // Policy marks live on the findings: work on copies so the same EvaluatedScan can be judged again.
  // One copy each: a finding without marks (every finding of a fresh scan) is cloned as it is, which is several
  // times cheaper than the rest pattern that drops the marks. Without waivers or a baseline nothing is marked:
  // an unmarked finding is then shared with the facts, not copied.
  const marks = p.waivers !== undefined || p.baseline !== undefined;
  const findings: Finding[] = scan.evaluation.findings.map((f) =>
    'status' in f || 'waived' in f || 'expiredWaiver' in f ? unmarked(f) : marks ? { ...f } : f,
  );
  const single = scan.targets.length === 1 ? scan.targets[0]!.server : undefined;
  // Stale waivers only where every finding a waiver could match was seen: every vCenter read completely, no
  // VM scope, what-if or skipped rule narrowing the scan.
  const whole =
    !scan.targetCluster && !scan.skippedRules?.length && scan.targets.every((t) => t.status === 'complete' && !t.inventory?.scopeVmMoids);
  const waivers = p.waivers
    ? markWaivers(
        findings,
        p.waivers,
        typeof today === 'string' ? today : localDate(today),
        single,
        whole && scan.targets.map((t) => t.server),
      )
    : undefined;
  const baselineAt = p.baseline?.result.startedAt;
  const baseline = p.baseline
    ? {
        ...markBaseline(findings, scan.targets, p.baseline.result, p.baseline.file, scan.skippedRules),
        ...(baselineAt ? { startedAt: baselineAt } : {}),
      }
    : undefined;
  const warnings: PolicyWarning[] = [
    ...(waivers?.stale ?? []).map((w) => ({
      code: 'waiver-stale' as const,
      message:
        `stale waiver: ${w.ruleId} on ${w.object}${w.server ? ` (${w.server})` : ''} (expires ${w.expires}) matches no finding in this scan: ` +
        'the object is gone or the problem is fixed; remove it from the waivers file (or correct its rule, object or server)',
    })),
    ...(baseline?.notCompared ?? []).map((nc) => ({
      code: 'baseline-not-compared' as const,
      message: notComparedText(
        p.baseline!.file,
        nc,
        p.baseline!.result.targets.map((t) => `${t.server} (instanceUuid ${t.inventory?.vcenter.instanceUuid ?? 'unknown'})`),
      ),
    })),
  ];
  // Each VM's active findings and the finding index: collected once by the verdicts, read again by the causes.
  const actives: Finding[][] = [];
  const byId = new Map<string, Finding>();
  const evaluation = decideVerdicts({ ...scan.evaluation, findings }, actives, byId);
  const causes = decideCauses({ evaluation, targets: scan.targets, ...(scan.rules ? { rules: scan.rules } : {}), actives, byId });
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
    ...(warnings.length ? { warnings } : {}),
    evaluation,
    ...(scan.rules ? { rules: scan.rules } : {}),
    causes,
    ...(scan.skippedRules?.length ? { skippedRules: scan.skippedRules } : {}),
    targets: scan.targets,
  };
}

const unmarked = ({ status: _s, waived: _w, expiredWaiver: _e, ...f }: Finding): Finding => f;

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
 * 4 when a vCenter failed, could not be seen whole (System.View / System.Read missing on its scope), or a VM's
 * verdict was left unknown for want of data (an unreadable property no rule needed does not count: the report
 * still lists it); else --fail-on decides 1 or 0. 4 wins over 1.
 */
export function exitCodeOf(result: ScanResult, failOn: FailOn): ExitOutcome {
  if (result.targets.some((t) => t.status === 'failed') || result.evaluation.vms.some((v) => v.verdict === 'unknown')) return 4;
  // A vCenter the user could not see whole (visibility, scan/run.ts): the objects it cannot see are absent.
  if (result.targets.some((t) => t.visibility && (t.visibility.missing.length > 0 || t.visibility.error !== undefined))) return 4;
  return failOnExitCode(result, failOn);
}

export { loadWaivers, WaiverFileError, type Waiver } from './waivers.js';
export { baselineFacts } from './baseline.js';
