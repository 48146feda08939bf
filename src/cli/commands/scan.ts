// `ftscan scan` and `ftscan plan`: resolve targets and credentials, scan, apply baseline and waivers, write
// the reports, and turn the outcome into the documented exit code.
import { readFileSync } from 'node:fs';
import { parseVmList, type Scope } from '../../inventory/scope.js';
import { runScan, type ScanTarget } from '../../scan/run.js';
import type { ScanResult } from '../../scan/result.js';
import type { Console } from '../context.js';
import { passwordFor } from '../credentials.js';
import { CONNECT_KINDS, describeFailure, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { createLogger } from '../logging.js';
import { parseOutputs, type OutputSpec } from '../outputs.js';
import { renderPlan } from '../plan.js';
import { createProgress } from '../progress.js';
import { applyPolicies, checkOutputTargets, emitReports, loadPolicies, outcomeCode } from '../reports.js';
import type { Settings } from '../settings.js';
import { VERSION } from '../version.js';

export function readVmListFile(file: string): string[] {
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

export function scopeOf(s: Settings, vmNames: string[] | undefined): Scope {
  return {
    ...(s.datacenter.length ? { datacenters: s.datacenter } : {}),
    ...(s.cluster.length ? { clusters: s.cluster } : {}),
    ...(s.host.length ? { hosts: s.host } : {}),
    ...(s.vm.length ? { vms: s.vm } : {}),
    ...(vmNames ? { vmNames } : {}),
    ...(s.tag.length ? { tags: s.tag } : {}),
  };
}

// Every target with its user, password and TLS settings; warns once about --insecure.
export async function resolveTargets(s: Settings, con: Console): Promise<ScanTarget[]> {
  if (s.servers.length === 0) {
    throw new UsageError('no vCenter given: pass --server https://HOST (repeatable), or list them under `server:` in --config');
  }
  const prompted = new Map<string, string>();
  const targets: ScanTarget[] = [];
  for (const entry of s.servers) {
    const user = entry.user ?? s.user;
    if (!user) throw new UsageError(`no user for ${entry.server}: pass --user NAME (or \`user:\` in --config)`);
    const password = await passwordFor(entry, user, s, { env: con.io.env, io: con.io }, prompted);
    con.secrets.add(password);
    const insecure = entry.insecure ?? s.insecure;
    const caFile = entry.caFile ?? s.caFile;
    if (insecure) con.warn(`--insecure: the certificate of ${entry.server} is not verified; anyone on the path can read the password`);
    targets.push({ server: entry.server, user, password, tls: { ...(caFile ? { caFile } : {}), ...(insecure ? { insecure } : {}) } });
  }
  return targets;
}

export async function scanCommand(s: Settings, con: Console, mode: 'scan' | 'plan'): Promise<ExitCode> {
  // Side files and outputs are checked before anything connects: a typo must not cost a 20-minute scan.
  const outputs: OutputSpec[] = parseOutputs(s.output);
  checkOutputTargets(outputs);
  const vmNames = s.vms ? readVmListFile(s.vms) : undefined;
  const policies = loadPolicies(s);
  const targets = await resolveTargets(s, con);
  const logger = createLogger(s.logLevel, con.io.stderr, s.logFile);

  const progress = createProgress(con.io.stderr);
  let result: ScanResult;
  try {
    result = await runScan({
      version: VERSION,
      targets,
      scope: scopeOf(s, vmNames),
      profile: s.profile,
      ...(s.edition ? { edition: s.edition } : {}),
      askVcenter: s.askVcenter,
      ...(s.maxObjects ? { maxObjects: s.maxObjects } : {}),
      ...(s.targetCluster ? { targetCluster: s.targetCluster } : {}),
      concurrency: s.concurrency,
      targetTimeoutMs: s.targetTimeoutSec * 1000,
      logger,
      describeError: (err, t) => describeFailure(err, t),
      onProgress: (p) => progress.update(p),
      now: con.io.now,
    });
  } finally {
    progress.stop();
  }

  for (const t of result.targets) {
    if (t.error) con.error(t.status === 'failed' ? t.error.message : `${t.server}: scan incomplete: ${t.error.message}`);
  }
  // Nothing scanned because nothing could be reached or logged into: no report (it would only replace a good one).
  if (result.targets.every((t) => t.status === 'failed' && CONNECT_KINDS.has(t.error?.kind ?? ''))) {
    return ExitCode.NothingScanned;
  }
  // A what-if naming a cluster no vCenter has is a usage mistake, not a partial scan.
  if (result.targets.every((t) => t.status === 'failed' && t.error?.kind === 'usage')) return ExitCode.Usage;

  result = applyPolicies(result, policies, con.io.now());
  if (mode === 'plan' && !outputs.some((o) => o.file === '-')) {
    con.out(renderPlan(result, { color: con.color, ...(vmNames ? { requested: vmNames } : {}) }));
  } else if (vmNames) {
    const found = new Set(result.evaluation.vms.map((v) => v.name));
    const missing = vmNames.filter((n) => !found.has(n));
    if (missing.length) con.warn(`${missing.length} VM(s) listed in --vms not found: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  await emitReports(outputs, result, con, { defaultTable: mode === 'scan', failOn: s.failOn });
  if (!result.complete) con.error('the report is marked incomplete: it lists what could not be read');
  return outcomeCode(result, s.failOn);
}
