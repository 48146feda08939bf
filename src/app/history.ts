// --output-dir DIR: a history of scheduled scans, as vCheck's daily mails and Prowler's output folders give.
// Each run writes its reports into DIR/<UTC minute>/ (e.g. DIR/2026-12-07T0200Z/), built in a hidden staging
// folder and renamed into place only once every report is written; DIR/latest (a symlink, replaced atomically)
// points at the newest; the oldest beyond --keep are removed; the previous run's scan.json is the baseline when
// no --baseline is given. A run that read no vCenter (exit 3) writes no folder and leaves `latest` alone.
// `ftscan history DIR` prints the trend from the stored JSON reports (result/read.ts through readScanFile).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { renderTrendText, type TrendPoint } from '../report/index.js';
import type { ScanResult } from '../scan/pipeline.js';
import { UsageError } from '../util/errors.js';
import { ExitCode } from './exit-codes.js';
import type { Events, OutputSpec, Warning } from './job.js';
import { readScanFile } from './reports.js';

export const RUN_JSON = 'scan.json';
const RUN_HTML = 'report.html';
const LATEST = 'latest';
const RUN_NAME = /^(\d{4}-\d{2}-\d{2}T\d{4}Z)(?:-(\d+))?$/;

/** 2026-12-07T02:00:31Z -> 2026-12-07T0200Z (UTC: the same name whatever the host's time zone). */
function runName(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

function runOrder(a: string, b: string): number {
  const ma = RUN_NAME.exec(a)!;
  const mb = RUN_NAME.exec(b)!;
  return ma[1]! < mb[1]! ? -1 : ma[1]! > mb[1]! ? 1 : Number(ma[2] ?? 1) - Number(mb[2] ?? 1);
}

/** The run folders of DIR, oldest first (other entries, `latest` and staging folders are not runs). */
function listRuns(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && RUN_NAME.test(e.name))
      .map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read --output-dir ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path`);
  }
  return names.sort(runOrder);
}

export interface RunFolder {
  dir: string; // DIR, absolute
  name: string; // the run folder's final name
  staging: string; // where the reports are written until the run is complete
  baseline?: string; // the previous run's scan.json, when there is one
}

/**
 * Before the scan: creates DIR (a missing parent is the user's mistake), picks this run's name (a second run in
 * the same minute gets -2, -3...) and the previous run's JSON.
 */
export function prepareRunFolder(outputDir: string, now: Date): RunFolder {
  const dir = resolve(outputDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(
      `cannot create --output-dir ${outputDir} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
    );
  }
  dropAbandoned(dir);
  const runs = listRuns(dir);
  const base = runName(now);
  let name = base;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}`;
  const prev = [...runs].reverse().find((r) => existsSync(join(dir, r, RUN_JSON)));
  return {
    dir,
    name,
    staging: join(dir, `.incoming-${name}-${process.pid}`),
    ...(prev ? { baseline: join(dir, prev, RUN_JSON) } : {}),
  };
}

/**
 * The run's reports inside the run folder: scan.json always (the next run's baseline and the history), an HTML
 * report unless one is asked for, and each --output file under its own name. Stdout and Prometheus outputs stay
 * where they are (a textfile collector reads one fixed file).
 */
export function runOutputs(outputs: OutputSpec[], run: RunFolder): { inRun: OutputSpec[]; elsewhere: OutputSpec[] } {
  const inRun: OutputSpec[] = [];
  const elsewhere: OutputSpec[] = [];
  for (const o of outputs) {
    if (o.file === '-' || o.format === 'prom') elsewhere.push(o);
    else inRun.push({ format: o.format, file: join(run.staging, basename(o.file)) });
  }
  const has = (f: string, name: string) => inRun.some((o) => o.format === f && basename(o.file) === name);
  if (!has('json', RUN_JSON)) {
    if (inRun.some((o) => basename(o.file) === RUN_JSON)) {
      throw new UsageError(`--output-dir keeps the JSON report as ${RUN_JSON}: give the other report another file name`);
    }
    inRun.unshift({ format: 'json', file: join(run.staging, RUN_JSON) });
  }
  if (!inRun.some((o) => o.format === 'html') && !inRun.some((o) => basename(o.file) === RUN_HTML)) {
    inRun.push({ format: 'html', file: join(run.staging, RUN_HTML) });
  }
  return { inRun, elsewhere };
}

// A run killed outright (SIGKILL, power loss) leaves its hidden staging folder: removed by the next run once
// the process that wrote it is gone (a run still writing into the same DIR keeps its own).
function dropAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /^\.incoming-.+-(\d+)$/.exec(name)?.[1];
    if (!pid || alive(Number(pid))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createStaging(run: RunFolder): void {
  mkdirSync(run.staging, { recursive: true });
}

/** Removes a staging folder left by a run that failed while writing (nothing else is touched). */
export function dropStaging(run: RunFolder): void {
  rmSync(run.staging, { recursive: true, force: true });
}

/** Every report written: the folder gets its name, `latest` points at it, the oldest beyond `keep` go. */
export function publishRun(run: RunFolder, keep: number, warn: (w: Warning) => void): void {
  const final = join(run.dir, run.name);
  renameSync(run.staging, final);
  // A new symlink beside the old one, renamed over it: a reader never finds `latest` missing.
  const tmp = join(run.dir, `.${LATEST}-${process.pid}`);
  try {
    unlinkSync(tmp);
  } catch {}
  symlinkSync(run.name, tmp, 'dir');
  renameSync(tmp, join(run.dir, LATEST));
  const runs = listRuns(run.dir);
  for (const old of runs.slice(0, Math.max(0, runs.length - keep))) {
    try {
      rmSync(join(run.dir, old), { recursive: true, force: true });
    } catch (err) {
      warn({
        code: 'keep-not-removed',
        message: `--keep ${keep}: cannot remove the old run ${join(run.dir, old)}: ${(err as Error).message}`,
      });
    }
  }
}

export function trendPoint(run: string, r: ScanResult): TrendPoint {
  return {
    run,
    finishedAt: r.finishedAt,
    vms: r.summary.vms,
    complete: r.complete,
    ...(r.baseline ? { new: r.baseline.new, resolved: r.baseline.resolved.length } : {}),
  };
}

/** The stored runs of DIR as trend points (the newest `last`); a run whose JSON cannot be read is named, not counted. */
export async function readTrend(
  dir: string,
  last = Infinity,
): Promise<{ points: TrendPoint[]; unreadable: { run: string; reason: string }[] }> {
  const points: TrendPoint[] = [];
  const unreadable: { run: string; reason: string }[] = [];
  const runs = listRuns(dir);
  for (const run of runs.slice(Math.max(0, runs.length - last))) {
    try {
      points.push(trendPoint(run, await readScanFile(join(dir, run, RUN_JSON))));
    } catch (err) {
      unreadable.push({ run, reason: (err as Error).message });
    }
  }
  return { points, unreadable };
}

/** `ftscan history DIR`: the trend of the runs kept by --output-dir. */
export async function historyJob(job: { dir: string; cwd: string }, events: Pick<Events, 'out'>): Promise<ExitCode> {
  const { dir } = job;
  const abs = resolve(job.cwd, dir);
  if (!existsSync(abs)) throw new UsageError(`no such --output-dir ${dir}: give the folder a scheduled scan writes with --output-dir`);
  const { points, unreadable } = await readTrend(abs);
  events.out(renderTrendText(points, unreadable));
  return ExitCode.Ok;
}
