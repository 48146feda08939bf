// A run's reports and verdict on itself: load the baseline and waivers before scanning (a bad file is exit 2
// before any connection), render each --output atomically, and turn the judged result into its warnings, the
// failure summary and the exit code.
import { isAscii } from 'node:buffer';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { dirname, resolve } from 'node:path';
import {
  previousSuccess,
  renderProm,
  renderReport,
  ReportWriteError,
  type TrendPoint,
  writeReportAtomic,
  writesThrough,
  writeXlsx,
  type PlanMarkdownOptions,
} from '../report/index.js';
import { listRules } from '../rules/explain.js';
import { verdictCounts } from '../rules/types.js';
import { failsGate, needsBaseline } from '../result/gate.js';
import { baselineFacts, exitCodeOf, loadWaivers, WaiverFileError, type Policies, type ScanResult } from '../scan/pipeline.js';
import { UsageError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import type { Events, OutputSpec, ReportJob, Warning } from './job.js';
import type { FailOn } from '../result/gate.js';

// Report-layer file errors are the user's: one line, exit 2.
function usageOf(err: unknown): unknown {
  if (err instanceof WaiverFileError || err instanceof ReportWriteError) {
    return new UsageError(err.message);
  }
  return err;
}

function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw usageOf(err);
  }
}

// The reader is loaded by the first run that reads a report (a scan without --baseline never does), and ajv
// (0.15 s to load) only for a report of an older schema major: the current schema's validator is precompiled.
export async function readScanFile(file: string, what = 'report'): Promise<ScanResult> {
  let text: string;
  try {
    text = readText(file);
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path`);
  }
  const { checkReport, parseReport, precompiledValidator, ReportFileError } = await import('../result/read-core.js');
  try {
    const parsed = parseReport(text, file);
    const validate = precompiledValidator(parsed.major) ?? (await import('../result/read.js')).schemaValidator(parsed.major);
    return checkReport(parsed, validate, file);
  } catch (err) {
    throw err instanceof ReportFileError ? new UsageError(err.message) : err;
  }
}

// The file as UTF-8 text, read in 1 MB pieces: a report is ASCII but for the odd name, and an ASCII piece is
// copied straight into a one-byte string, where readFileSync(file, 'utf8') first fills a buffer the size of the
// file (120 MB at 45,000 VMs: its pages cost 0.3 s to touch) and then decodes it. From the first piece that is
// not ASCII on, the rest goes through one StringDecoder (a character split between pieces is kept whole;
// malformed bytes become U+FFFD, as readFileSync makes them).
function readText(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const parts: string[] = [];
    let utf8: StringDecoder | undefined;
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const piece = buf.subarray(0, n);
      if (!utf8 && isAscii(piece)) parts.push(piece.toString('latin1'));
      else parts.push((utf8 ??= new StringDecoder('utf8')).write(piece));
    }
    if (utf8) parts.push(utf8.end());
    return parts.join('');
  } finally {
    closeSync(fd);
  }
}

// `firstRun`: the JSON reports this run writes. A --baseline that is one of them and does not exist yet is
// the first run of a scheduled scan (the README's config reads last night's scan.json, then replaces it):
// a warning and a scan without baseline, not exit 2 on every run until someone creates the file by hand.
export async function loadPolicies(
  s: { baseline?: string; waivers?: string; failOn?: FailOn },
  firstRun?: { jsonOutputs: string[]; cwd: string; warn: (w: Warning) => void },
): Promise<Policies> {
  const p: Policies = {};
  if (s.failOn && needsBaseline(s.failOn) && !s.baseline) {
    throw new UsageError(`--fail-on ${s.failOn} compares with a previous report: add --baseline FILE (last run's --output json=FILE)`);
  }
  if (s.baseline) {
    const file = s.baseline;
    const ownOutput = firstRun?.jsonOutputs.some((o) => resolve(firstRun.cwd, o) === resolve(firstRun.cwd, file));
    if (ownOutput && !existsSync(resolve(firstRun!.cwd, file))) {
      firstRun!.warn({
        code: 'baseline-first-run',
        message: `--baseline ${file} does not exist yet (first run?): no finding is marked new or unchanged this time; this run's --output json writes it`,
      });
    } else {
      p.baseline = { file, result: baselineFacts(await readScanFile(file, '--baseline')) };
    }
  }
  if (s.waivers) {
    const file = s.waivers;
    p.waivers = asUsage(() =>
      loadWaivers(
        file,
        listRules().map((r) => r.id),
      ),
    );
  }
  return p;
}

// Fails early on an --output whose directory is missing or read-only.
export function checkOutputTargets(outputs: OutputSpec[]): void {
  for (const o of outputs) {
    if (o.file === '-') continue;
    // A device or FIFO is written through (no temporary file beside it); a socket is refused before the scan.
    if (asUsage(() => writesThrough(o.file))) continue;
    try {
      accessSync(dirname(o.file), constants.W_OK);
    } catch (err) {
      throw new UsageError(
        `cannot write --output ${o.format}=${o.file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the directory exists and is writable`,
      );
    }
  }
}

export async function emitReports(
  outputs: OutputSpec[],
  result: ScanResult,
  job: ReportJob,
  events: Events,
  opts: { defaultTable: boolean; plan?: PlanMarkdownOptions; trend?: readonly TrendPoint[] },
): Promise<{ toStdout: boolean }> {
  const list = outputs.length === 0 && opts.defaultTable ? [{ format: 'table' as const, file: '-' }] : outputs;
  const render = {
    failOn: job.failOn,
    detail: !!job.detail,
    ...(job.severity ? { severity: job.severity } : {}),
    ...(opts.plan ? { plan: opts.plan } : {}),
  };
  for (const o of list) {
    if (o.file === '-') {
      if (o.format === 'prom') events.report('prom', renderProm(result));
      if (o.format === 'prom' || o.format === 'xlsx') continue; // parseOutput refuses xlsx=-
      const width = job.stdout.width;
      for (const chunk of renderReport(o.format, result, {
        ...render,
        color: o.format === 'table' && job.stdout.color,
        ...(width ? { width } : {}),
      }))
        events.report(o.format, chunk);
      continue;
    }
    const written =
      o.format === 'xlsx'
        ? writeXlsx(result, o.file)
        : o.format === 'prom'
          ? writeReportAtomic(o.file, renderProm(result, { previousSuccess: previousSuccessIn(o.file) }))
          : writeReportAtomic(
              o.file,
              renderReport(o.format, result, {
                ...render,
                color: false,
                ...(opts.trend && o.format === 'html' ? { trend: opts.trend } : {}),
              }),
            );
    await written.catch((err: unknown) => {
      throw usageOf(err);
    });
    events.wrote(o.format, o.file);
  }
  return { toStdout: list.some((o) => o.file === '-') };
}

/**
 * Exit 3 (no vCenter read) writes no report, so last night's stays, but metrics are not a report: the
 * Prometheus outputs are written, every target up 0, each last-success time carried over, run success 0, so
 * an `up == 0` alert fires. A metrics file that cannot be written is a warning: the exit code stays 3.
 */
export async function emitMetrics(outputs: OutputSpec[], result: ScanResult, warn: (w: Warning) => void, events: Events): Promise<void> {
  for (const o of outputs) {
    if (o.format !== 'prom') continue;
    if (o.file === '-') {
      events.report('prom', renderProm(result));
      continue;
    }
    try {
      await writeReportAtomic(o.file, renderProm(result, { previousSuccess: previousSuccessIn(o.file) }));
    } catch (err) {
      warn({ code: 'metrics-not-written', message: `cannot write --output prom=${o.file}: ${(err as Error).message ?? err}` });
    }
  }
}

// A textfile-collector file carries each vCenter's last successful scan over a failed run: read from the file
// this run replaces (absent or unreadable: nothing to carry).
function previousSuccessIn(file: string): Map<string, number> | undefined {
  try {
    return previousSuccess(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// Expired waivers hide nothing any more: their findings count again, so a nightly job turns red "for no
// reason" unless the log says which waiver ran out.
export function policyWarnings(result: ScanResult): Warning[] {
  return [
    // The policy stage's own warnings (stale waivers, a baseline not compared), data in the result too.
    ...(result.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    ...(result.waivers?.expired ?? []).map((w) => ({
      code: 'waiver-expired',
      message:
        `waiver for ${w.ruleId} on ${w.object}${w.server ? ` (${w.server})` : ''} expired ${w.expires}: ` +
        `its ${w.findings ?? 0} finding(s) count again; renew it in the waivers file or fix them`,
    })),
  ];
}

const SUMMARY_NEW = 5;

/**
 * The few lines a cron mail needs when a run fails and every report went to a file (stdout is empty):
 * the counts, and what is new since the baseline.
 */
export function failureSummary(result: ScanResult, failOn: FailOn, code: ExitCode): string[] {
  const v = result.summary.vms;
  const f = result.summary.findings;
  const lines = [
    `exit ${code}: VMs ${verdictCounts(v, { zeros: false })}; ` +
      `${f.blocker} blocker and ${f.warning} warning findings (--fail-on ${failOn})`,
  ];
  if (result.baseline) {
    const fresh = result.evaluation.findings.filter((x) => failsGate(x, failOn, { newOnly: true, blockersAlways: true }));
    lines.push(
      `${result.baseline.new} new since the baseline, ${result.baseline.resolved.length} resolved` +
        (fresh.length ? `; new and failing: ${fresh.length}` : ''),
    );
    for (const x of fresh.slice(0, SUMMARY_NEW)) lines.push(`  new ${x.severity} ${x.ruleId} on ${x.name}: ${x.message}`);
    if (fresh.length > SUMMARY_NEW) lines.push(`  (+${fresh.length - SUMMARY_NEW} more in the reports)`);
  }
  for (const t of result.targets) if (t.status !== 'complete') lines.push(`${t.server}: ${t.status}`);
  return lines;
}

/** The exit code; the failure summary goes to the terminal when the run fails, nothing went to stdout, and --quiet is off. */
export function reportOutcome(result: ScanResult, events: Events, opts: { failOn: FailOn; quiet: boolean; toStdout: boolean }): ExitCode {
  const code = outcomeCode(result, opts.failOn);
  if (code !== ExitCode.Ok && !opts.toStdout && !opts.quiet)
    for (const line of failureSummary(result, opts.failOn, code)) events.error(line);
  return code;
}

// 4 (a vCenter failed, or a verdict left unknown for want of data) wins over 1 (findings at or above --fail-on).
function outcomeCode(result: ScanResult, failOn: FailOn): ExitCode {
  const code = exitCodeOf(result, failOn);
  return code === 4 ? ExitCode.Incomplete : code === 1 ? ExitCode.Findings : ExitCode.Ok;
}
