// `ftscan scan` and `ftscan plan` as a job: check the outputs and side files, resolve targets and credentials,
// scan, apply baseline and waivers, write the reports, notify, and turn the outcome into the documented exit
// code. Every decision of a run after the command line is parsed is made here or below; the cli only words
// a Job and prints the events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVmList, scopeMissHint, scopeMissText, scopeNotFoundOf, type Scope, type ScopeNotFound } from '../inventory/scope.js';
import { skippedRuleIds } from '../rules/explain.js';
import type { MoveOptions } from '../rules/types.js';
import { judge, type EvaluatedScan, type ScanResult } from '../scan/pipeline.js';
import { notFoundNames } from '../scan/not-found.js';
import { runScan, type ScanTarget } from '../scan/run.js';
import { UsageError } from '../util/errors.js';
import { SIGNAL_EXIT_CODES, stopSignalReceived } from '../util/signals.js';
import { registerPassword } from '../util/redact.js';
import { checkCaFile } from './ca-file.js';
import { ExitCode } from './exit-codes.js';
import {
  createStaging,
  dropStaging,
  prepareRunFolder,
  publishRun,
  readTrend,
  RUN_JSON,
  type RunFolder,
  runOutputs,
  trendPoint,
} from './history.js';
import type { ConnectJob, Events, JobEnd, OutputSpec, ScanJob, Warning } from './job.js';
import { createLogger } from './logging.js';
import { sendNotifications } from './notify.js';
import { renderPlan } from './plan.js';
import { checkOutputTargets, emitMetrics, emitReports, loadPolicies, policyWarnings, reportOutcome } from './reports.js';
import { VERSION } from './version.js';

function readVmListFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --vms ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path`);
  }
  const names = parseVmList(text);
  if (names.length === 0) throw new UsageError(`--vms ${file} names no VM: put one VM name per line`);
  return names;
}

function scopeOf(s: ScanJob, vmNames: string[] | undefined): Scope {
  return {
    ...(s.datacenter.length ? { datacenters: s.datacenter } : {}),
    ...(s.cluster.length ? { clusters: s.cluster } : {}),
    ...(s.host.length ? { hosts: s.host } : {}),
    ...(s.vm.length ? { vms: s.vm } : {}),
    ...(vmNames ? { vmNames } : {}),
    ...(s.tag.length ? { tags: s.tag } : {}),
  };
}

// The scope flags as the user gave them (the empty-report warning and the plan's change ticket).
function scopeFlags(s: ScanJob): string[] {
  return [
    ...s.datacenter.map((x) => `--datacenter ${x}`),
    ...s.cluster.map((x) => `--cluster ${x}`),
    ...s.host.map((x) => `--host ${x}`),
    ...s.vm.map((x) => `--vm ${x}`),
    ...(s.vms ? [`--vms ${s.vms}`] : []),
    ...s.tag.map((x) => `--tag ${x}`),
  ];
}

// How the VMs of a plan were chosen, as the user gave it (for the change ticket).
function scopeText(s: ScanJob): string {
  const flags = [
    ...scopeFlags(s),
    ...s.targetDatastore.map((x) => `--target-datastore ${x}`),
    ...s.targetNetwork.map((x) => `--target-network ${x}`),
    ...s.targetHost.map((x) => `--target-host ${x}`),
  ];
  return flags.length ? flags.join(' ') : 'every VM';
}

// What the admin states about a pre-migration move: where the files go, how port groups map, which hosts.
function moveOf(s: ScanJob): MoveOptions {
  const given = [
    ...s.targetDatastore.map(() => '--target-datastore'),
    ...s.targetNetwork.map(() => '--target-network'),
    ...s.targetHost.map(() => '--target-host'),
  ];
  if (given.length && !s.targetCluster) throw new UsageError(`${given[0]} describes a move: it needs --target-cluster NAME`);
  if (s.targetHost.length > 2)
    throw new UsageError(`--target-host names the primary's host, then the secondary's: ${s.targetHost.length} given`);
  const networks: Record<string, string> = {};
  for (const m of s.targetNetwork) {
    const i = m.indexOf('=');
    if (i <= 0 || i === m.length - 1) throw new UsageError(`--target-network ${m}: write SRC=DST (the VM's port group, then the target's)`);
    networks[m.slice(0, i).trim()] = m.slice(i + 1).trim();
  }
  return {
    ...(s.targetDatastore.length ? { datastores: s.targetDatastore } : {}),
    ...(Object.keys(networks).length ? { networks } : {}),
    ...(s.targetHost.length ? { hosts: s.targetHost } : {}),
  };
}

// Every target with its user, password and TLS settings; warns once about --insecure.
export async function resolveTargets(s: ConnectJob, events: Events, warn: (w: Warning) => void): Promise<ScanTarget[]> {
  if (s.servers.length === 0) {
    throw new UsageError('no vCenter given: pass --server https://HOST (repeatable), or list them under `server:` in --config');
  }
  const targets: ScanTarget[] = [];
  for (const entry of s.servers) {
    const user = entry.user ?? s.user;
    if (!user) throw new UsageError(`no user for ${entry.server}: pass --user NAME (or \`user:\` in --config)`);
    const password = await events.password(entry, user);
    registerPassword(password);
    const caFile = entry.caFile ?? s.caFile;
    const thumbprints = entry.thumbprint?.length ? entry.thumbprint : s.thumbprint;
    const insecure = (entry.insecure ?? s.insecure) && thumbprints.length === 0; // a pin is verification
    // A CA file that cannot be used is the user's mistake (exit 2), found before any vCenter is contacted.
    if (caFile) checkCaFile(caFile);
    if (insecure) {
      warn({
        code: 'insecure',
        message: `--insecure: the certificate of ${entry.server} is not verified; anyone on the path can read the password`,
      });
    }
    targets.push({
      server: entry.server,
      user,
      password,
      tls: { ...(caFile ? { caFile } : {}), ...(insecure ? { insecure } : {}), ...(thumbprints.length ? { thumbprints } : {}) },
      ...(s.maxResponseMb ? { maxResponseBytes: s.maxResponseMb * 1024 * 1024 } : {}),
    });
  }
  return targets;
}

/** `ftscan scan` / `ftscan plan`: the whole run, from a checked Job to the exit code. */
export async function runJob(job: ScanJob, events: Events): Promise<JobEnd<ScanResult>> {
  const warnings: Warning[] = [];
  const warn = (w: Warning): void => {
    warnings.push(w);
    events.warn(w);
  };
  const end = (outcome: ExitCode, result?: ScanResult): JobEnd<ScanResult> => ({ ...(result ? { result } : {}), outcome, warnings });
  const mode = job.mode;
  // Side files and outputs are checked before anything connects: a typo must not cost a 20-minute scan.
  let outputs: OutputSpec[] = job.outputs;
  // --output-dir: the file reports go into this run's folder (history.ts), published only on success.
  const run = job.outputDir ? prepareRunFolder(job.outputDir, events.now()) : undefined;
  const split = run ? runOutputs(outputs, run) : undefined;
  if (split) outputs = [...split.inRun, ...split.elsewhere];
  checkOutputTargets(split ? split.elsewhere : outputs);
  const vmNames = job.vms ? readVmListFile(job.vms) : undefined;
  moveOf(job); // --target-* mistakes are found before anything connects
  const firstRun = {
    jsonOutputs: outputs.filter((o) => o.format === 'json' && o.file !== '-').map((o) => o.file),
    cwd: job.cwd,
    warn,
  };
  const policies = await loadRunPolicies(job, run, firstRun, warn);
  const skipRules = skippedRuleIds(job.skipRule, job.onlyRule);
  const targets = await resolveTargets(job, events, warn);
  const logger = createLogger(job.logLevel, events.logStream, job.logFile);

  let scan: EvaluatedScan;
  try {
    scan = await runScan({
      version: VERSION,
      targets,
      scope: scopeOf(job, vmNames),
      profile: job.profile,
      ...(job.edition ? { edition: job.edition } : {}),
      askVcenter: job.askVcenter,
      ...(job.maxObjects ? { maxObjects: job.maxObjects } : {}),
      ...(job.targetCluster ? { targetCluster: job.targetCluster, move: moveOf(job) } : {}),
      ...(skipRules.length ? { skipRules } : {}),
      concurrency: job.concurrency,
      targetTimeoutMs: job.targetTimeoutSec * 1000,
      logger,
      onProgress: (p) => events.progress(p),
      now: () => events.now(),
    });
  } finally {
    events.progressDone();
  }

  // Stopped by a signal (util/signals.ts): the run ends with its exit code; no report, no notification.
  const sig = stopSignalReceived();
  if (sig) return end(SIGNAL_EXIT_CODES[sig]);

  for (const t of scan.targets) {
    if (t.error) events.error(t.status === 'failed' ? t.error.message : `${t.server}: scan incomplete: ${t.error.message}`);
  }
  // A what-if naming a cluster no vCenter has is a usage mistake, not a partial scan.
  if (scan.targets.every((t) => t.status === 'failed' && t.error?.kind === 'usage')) return end(ExitCode.Usage);
  // One rule, whatever the cause: no vCenter yielded any inventory, so nothing was scanned, and no report is
  // written (an empty one would replace last night's good report and the next run's baseline).
  // Metrics are not a report: the Prometheus outputs say up 0 (reports.ts emitMetrics).
  if (scan.targets.every((t) => !t.inventory)) {
    const failed = judge(scan, policies, events.now());
    await emitMetrics(split ? split.elsewhere : outputs, failed, warn, events); // no run folder, `latest` unmoved
    await sendNotifications(failed, job, events, [], warn, logger); // 'failure' channels hear of it
    return end(ExitCode.NothingScanned, failed);
  }

  scopeWarnings(scan, job).forEach(warn);
  duplicateTargetWarnings(scan).forEach(warn);
  if (job.askVcenter) vcenterNotAskedWarnings(scan).forEach(warn);
  if (vmNames) scan.notFound = notFoundNames(scan.targets, vmNames);
  const result = judge(scan, policies, events.now());
  if (mode === 'plan' && !outputs.some((o) => o.file === '-')) {
    events.out(renderPlan(result, { color: job.stdout.color, ...(vmNames ? { vmNames } : {}) }));
  } else if (result.notFound?.length) {
    const missing = result.notFound;
    const shown = missing.slice(0, 10).map((m) => `${m.name}${m.suggestion !== undefined ? ` (did you mean '${m.suggestion}'?)` : ''}`);
    warn({
      code: 'vms-not-found',
      message: `${missing.length} VM(s) listed in --vms not found: ${shown.join(', ')}${missing.length > 10 ? ', ...' : ''}`,
    });
  }
  policyWarnings(result).forEach(warn);
  const emitOpts = {
    defaultTable: mode === 'scan',
    ...(mode === 'plan' ? { plan: { ...(vmNames ? { vmNames } : {}), scope: scopeText(job) } } : {}),
  };
  let toStdout: boolean;
  if (run) {
    const trend = [...(await readTrend(run.dir, job.keep - 1)).points, trendPoint(run.name, result)];
    createStaging(run);
    try {
      ({ toStdout } = await emitReports(outputs, result, job, events, { ...emitOpts, defaultTable: false, trend }));
      publishRun(run, job.keep, warn);
    } finally {
      dropStaging(run);
    }
  } else {
    ({ toStdout } = await emitReports(outputs, result, job, events, emitOpts));
  }
  await sendNotifications(result, job, events, outputs, warn, logger);
  if (!result.complete) events.error('the report is marked incomplete: it lists what could not be read');
  const outcome = reportOutcome(result, events, {
    failOn: job.failOn,
    quiet: job.quiet,
    toStdout: toStdout || (mode === 'plan' && !outputs.some((o) => o.file === '-')),
  });
  return end(outcome, result);
}

// With --output-dir and no --baseline, the previous run's scan.json is the baseline; one that cannot be read
// (a run folder edited by hand, a report of a newer ftscan) is a warning and a run without baseline, not exit 2
// every night until someone deletes it.
async function loadRunPolicies(
  s: ScanJob,
  run: RunFolder | undefined,
  firstRun: NonNullable<Parameters<typeof loadPolicies>[1]>,
  warn: (w: Warning) => void,
) {
  if (!run || s.baseline) return loadPolicies(s, firstRun);
  if (!run.baseline) {
    // The first run of a history: no previous report, said once; --fail-on new-blocker works from the next run.
    const own = join(run.staging, RUN_JSON);
    return loadPolicies(
      { ...s, baseline: own },
      {
        jsonOutputs: [own],
        cwd: firstRun.cwd,
        warn: () =>
          warn({
            code: 'output-dir-first-run',
            message: `--output-dir ${s.outputDir}: no previous run (first run?): no finding is marked new or unchanged this time`,
          }),
      },
    );
  }
  try {
    return await loadPolicies({ ...s, baseline: run.baseline }, firstRun);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    warn({
      code: 'output-dir-baseline-unreadable',
      message: `--output-dir: the previous run's report cannot be the baseline (${err.message}): no finding is marked new this time`,
    });
    return loadPolicies(s, firstRun);
  }
}

// A scope that matches nothing (a typo in --cluster, a tag nobody uses) would otherwise give an empty report
// and exit 0 night after night. Names one vCenter lacks are normal with several vCenters: only a name no
// scanned vCenter has is reported.
function scopeWarnings(result: EvaluatedScan, s: ScanJob): Warning[] {
  const read = result.targets.filter((t) => t.inventory);
  if (read.length === 0) return [];
  const out: Warning[] = [];
  // The same miss in every vCenter read (the same note: same name, same nearest name).
  const misses = new Map<string, { miss: ScopeNotFound; n: number }>();
  for (const t of read) {
    for (const p of t.inventory!.problems) {
      const miss = scopeNotFoundOf(p);
      if (!miss) continue;
      const seen = misses.get(p.message);
      misses.set(p.message, { miss: seen?.miss ?? miss, n: (seen?.n ?? 0) + 1 });
    }
  }
  for (const { miss, n } of misses.values()) {
    if (n !== read.length) continue;
    const where = read.length === 1 ? 'the scanned vCenter' : 'any scanned vCenter';
    const fix = scopeMissHint(miss) ?? `check --${miss.kind} (names match case-insensitively; globs as for --vm)`;
    out.push({ code: 'scope-not-found', message: `${scopeMissText(miss, where)}: ${fix}` });
  }
  const flags = scopeFlags(s);
  const complete = result.targets.every((t) => t.status === 'complete');
  if (complete && !s.targetCluster && flags.length > 0 && result.evaluation.vms.length === 0) {
    out.push({
      code: 'scope-empty',
      message: `no VM matched the scope (${flags.join(' ')}): the report is empty; check the names (--vm and --host take globs, --tag Category/Tag)`,
    });
  }
  return out;
}

// --ask-vcenter without VirtualMachine.Config.QueryFTCompatibility (or on an old vCenter) silently gives
// nothing: say so once, with the most common reason, instead of letting the admin believe vCenter agreed.
function vcenterNotAskedWarnings(result: EvaluatedScan): Warning[] {
  const asked = result.evaluation.vms.filter((v) => v.vcenterOpinion);
  const missed = asked.filter(
    (v) => v.vcenterOpinion!.status === 'notEvaluated' && !/^(template\b|what-if)/.test(v.vcenterOpinion!.reason ?? ''),
  );
  if (missed.length === 0) return [];
  const reasons = new Map<string, number>();
  for (const v of missed) {
    const reason = v.vcenterOpinion!.reason ?? 'no reason given';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const [top] = [...reasons].sort((a, b) => b[1] - a[1])[0]!;
  return [
    {
      code: 'vcenter-not-asked',
      message:
        `--ask-vcenter: vCenter's own FT check did not run for ${missed.length} of ${asked.length} VMs (${top})` +
        (/privilege/.test(top) ? ': add the privilege to the ftscan role, see `ftscan privileges`' : ''),
    },
  ];
}

// The same vCenter under two names (FQDN and IP, a config entry and a --server) is scanned twice and every VM
// counted twice: name the duplicates (same instanceUuid) so the admin lists it once.
function duplicateTargetWarnings(result: EvaluatedScan): Warning[] {
  const byUuid = new Map<string, string[]>();
  for (const t of result.targets) {
    const uuid = t.inventory?.vcenter?.instanceUuid;
    if (uuid) byUuid.set(uuid, [...(byUuid.get(uuid) ?? []), t.server]);
  }
  return [...byUuid]
    .filter(([, servers]) => servers.length > 1)
    .map(([uuid, servers]) => ({
      code: 'duplicate-target',
      message: `${servers.join(' and ')} are the same vCenter (instanceUuid ${uuid}): its VMs are counted ${servers.length} times; list it once`,
    }));
}
