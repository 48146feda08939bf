// The cli's two sides of the application contract (src/app/job.ts): the settings worded as a Job, and the
// terminal as Events (lines on stderr, reports and documents on stdout, progress bars, the password prompt).
import type { ConnectJob, Events, OutputSpec, ReportJob, ScanJob } from '../app/index.js';
import type { Console } from './context.js';
import { passwordFor } from './credentials.js';
import { parseOutputs } from './outputs.js';
import { createProgress, type Progress } from './progress.js';
import type { Settings } from './settings.js';

export function eventsOf(con: Console, s?: Settings): Events {
  const prompted = new Map<string, string>();
  let progress: Progress | undefined;
  return {
    out: (text) => con.out(text),
    report: (format, chunk) => con.report(format, chunk),
    warn: (w) => con.warn(w.message),
    error: (line) => con.error(line),
    info: (text) => con.info(text),
    wrote: (format, file) => {
      if (con.io.stderr.isTTY) con.info(`ftscan: wrote ${format} report ${file}`); // silent under cron
    },
    progress: (p) => (progress ??= createProgress(con.io.stderr)).update(p),
    progressDone: () => progress?.stop(),
    password: (entry, user) => {
      if (!s) throw new Error('no settings to find a password in');
      return passwordFor(entry, user, s, { env: con.io.env, io: con.io }, prompted);
    },
    now: () => con.io.now(),
    logStream: con.io.stderr,
  };
}

export function reportJobOf(s: Settings, con: Console, outputs: OutputSpec[] = parseOutputs(s.output, con.io.cwd)): ReportJob {
  const width = con.io.stdout.isTTY ? con.io.stdout.columns : undefined;
  return {
    outputs,
    ...(s.baseline ? { baseline: s.baseline } : {}),
    ...(s.waivers ? { waivers: s.waivers } : {}),
    failOn: s.failOn,
    ...(s.severity ? { severity: s.severity } : {}),
    detail: s.detail,
    quiet: s.quiet,
    ...(s.notify ? { notify: s.notify } : {}),
    logLevel: s.logLevel,
    ...(s.logFile ? { logFile: s.logFile } : {}),
    cwd: con.io.cwd,
    env: con.io.env,
    stdout: { color: con.color, ...(width ? { width } : {}) },
  };
}

export function connectJobOf(s: Settings): ConnectJob {
  return {
    servers: s.servers,
    ...(s.user ? { user: s.user } : {}),
    ...(s.caFile ? { caFile: s.caFile } : {}),
    thumbprint: s.thumbprint,
    insecure: s.insecure,
    ...(s.maxResponseMb ? { maxResponseMb: s.maxResponseMb } : {}),
    targetTimeoutSec: s.targetTimeoutSec,
    logLevel: s.logLevel,
    ...(s.logFile ? { logFile: s.logFile } : {}),
  };
}

export function scanJobOf(s: Settings, con: Console, mode: ScanJob['mode']): ScanJob {
  return {
    ...reportJobOf(s, con),
    ...connectJobOf(s),
    mode,
    datacenter: s.datacenter,
    cluster: s.cluster,
    host: s.host,
    vm: s.vm,
    ...(s.vms ? { vms: s.vms } : {}),
    tag: s.tag,
    profile: s.profile,
    ...(s.edition ? { edition: s.edition } : {}),
    askVcenter: s.askVcenter,
    skipRule: s.skipRule,
    onlyRule: s.onlyRule,
    ...(s.maxObjects ? { maxObjects: s.maxObjects } : {}),
    ...(s.targetCluster ? { targetCluster: s.targetCluster } : {}),
    targetDatastore: s.targetDatastore,
    targetNetwork: s.targetNetwork,
    targetHost: s.targetHost,
    concurrency: s.concurrency,
    ...(s.outputDir ? { outputDir: s.outputDir } : {}),
    keep: s.keep,
  };
}
