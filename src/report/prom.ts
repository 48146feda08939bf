// Prometheus text exposition (format 0.0.4) for node_exporter's textfile collector (--output prom=FILE, written
// atomically like every report, so the collector never reads half a file). Gauges only: every value is the
// state found by this run, none counts events, so no name ends in _total. Units in names (_seconds). Labels
// are vCenter, cluster, verdict, severity and rule: bounded sets, never a VM name.
// "Last successful scan" must survive a failed run, which rewrites the file: the CLI passes the previous
// file's timestamps (previousSuccess) and a vCenter not read this time keeps its old one. Metrics are not a
// report: a run that read no vCenter (exit 3) writes this file too (every target up 0), while it keeps every
// other report as it was.
import { SEVERITIES, VERDICTS } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { normalizeServer } from './view.js';

const PROM_PREFIX = 'ftscan_';
const LAST_SUCCESS = 'ftscan_last_successful_scan_timestamp_seconds';

interface Family {
  name: string;
  help: string;
  samples: { labels: Record<string, string>; value: number }[];
}

// Label values: backslash, double quote and newline escaped (the format's only escapes).
const labelValue = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const helpText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function value(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}

function sampleLine(name: string, labels: Record<string, string>, v: number): string {
  const keys = Object.keys(labels);
  const l = keys.length ? `{${keys.map((k) => `${k}="${labelValue(labels[k]!)}"`).join(',')}}` : '';
  return `${name}${l} ${value(v)}\n`;
}

const seconds = (iso: string | undefined) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t / 1000;
};

export interface PromOptions {
  previousSuccess?: Map<string, number>; // vCenter (as labelled) -> last successful scan, from the previous file
}

export function render(result: ScanResult, opts: PromOptions = {}): string {
  const single = result.targets.length === 1 ? result.targets[0]!.server : '';
  const vc = (s?: string) => s ?? single;
  const fam = (name: string, help: string): Family => ({ name: PROM_PREFIX + name, help, samples: [] });

  const info = fam('info', 'ftscan version and the FT profile of the run (value always 1).');
  info.samples.push({ labels: { version: result.tool.version, profile: result.profile }, value: 1 });

  const up = fam('target_up', 'Whether the vCenter was reached and read this run (1) or the scan failed (0).');
  const complete = fam('target_complete', 'Whether every object of the vCenter could be read (1) or some could not (0).');
  const duration = fam('target_scan_duration_seconds', "Time taken to collect the vCenter's inventory.");
  const success = fam(LAST_SUCCESS.slice(PROM_PREFIX.length), 'When the vCenter was last read completely (Unix time).');
  for (const t of result.targets) {
    const labels = { vcenter: t.server };
    up.samples.push({ labels, value: t.status === 'failed' ? 0 : 1 });
    complete.samples.push({ labels, value: t.status === 'complete' ? 1 : 0 });
    const ms = t.inventory?.stats?.durationMs;
    if (typeof ms === 'number') duration.samples.push({ labels, value: ms / 1000 });
    const now = t.status === 'complete' ? (seconds(t.inventory?.collectedAt) ?? seconds(result.finishedAt)) : undefined;
    const prev = opts.previousSuccess?.get(t.server);
    if (now !== undefined) success.samples.push({ labels, value: now });
    else if (prev !== undefined) success.samples.push({ labels, value: prev });
  }

  // One series that exists after every run, failed or not: what an "ftscan did not succeed" alert keys on.
  const runOk = fam(
    'last_run_success',
    'Whether the last ftscan run read every vCenter completely (1: exit 0 or 1) or not (0: exit 3 or 4).',
  );
  runOk.samples.push({ labels: {}, value: result.complete && result.targets.every((t) => t.status === 'complete') ? 1 : 0 });

  const runDuration = fam('scan_duration_seconds', 'Wall time of the whole ftscan run.');
  const start = seconds(result.startedAt);
  const end = seconds(result.finishedAt);
  if (start !== undefined && end !== undefined) runDuration.samples.push({ labels: {}, value: Math.max(0, end - start) });
  const runAt = fam('scan_timestamp_seconds', 'When this ftscan run finished (Unix time).');
  if (end !== undefined) runAt.samples.push({ labels: {}, value: end });

  // VMs per verdict, by vCenter and cluster (every verdict present, zero included, so a rule can alert on > 0
  // without the series appearing and disappearing).
  const vms = fam('vms', 'Virtual machines per FT verdict, by vCenter and cluster.');
  const counts = new Map<string, { vcenter: string; cluster: string; n: Record<string, number> }>();
  for (const vm of result.evaluation.vms) {
    const vcenter = vc(vm.server);
    const cluster = vm.clusterName ?? '';
    const key = `${normalizeServer(vcenter)}\u0000${cluster}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { vcenter, cluster, n: Object.fromEntries(VERDICTS.map((v) => [v, 0])) }));
    c.n[vm.verdict]!++;
  }
  for (const c of [...counts.values()].sort((a, b) => a.vcenter.localeCompare(b.vcenter) || a.cluster.localeCompare(b.cluster))) {
    for (const v of VERDICTS) vms.samples.push({ labels: { vcenter: c.vcenter, cluster: c.cluster, verdict: v }, value: c.n[v]! });
  }

  // Findings per severity and rule (waived ones apart), and those new since the baseline.
  const findings = fam('findings', 'Findings not waived, per vCenter, severity and rule.');
  const waived = fam('findings_waived', 'Findings hidden by a waiver, per vCenter, severity and rule.');
  const fresh = fam('findings_new', 'Findings new since the baseline, per vCenter and severity (absent without a baseline).');
  const tally = new Map<string, { labels: Record<string, string>; active: number; waived: number }>();
  const newBy = new Map<string, { labels: Record<string, string>; n: number }>();
  for (const f of result.evaluation.findings) {
    const vcenter = vc(f.server);
    const key = `${vcenter}\u0000${f.severity}\u0000${f.ruleId}`;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { labels: { vcenter, severity: f.severity, rule: f.ruleId }, active: 0, waived: 0 }));
    if (f.waived) t.waived++;
    else t.active++;
    if (result.baseline && !f.waived && f.status === 'new') {
      const k = `${normalizeServer(vcenter)}\u0000${f.severity}`;
      const e = newBy.get(k) ?? { labels: { vcenter, severity: f.severity }, n: 0 };
      e.n++;
      newBy.set(k, e);
    }
  }
  const rank = (s: string) => (SEVERITIES as readonly string[]).indexOf(s);
  const sorted = [...tally.values()].sort(
    (a, b) =>
      a.labels.vcenter!.localeCompare(b.labels.vcenter!) ||
      rank(a.labels.severity!) - rank(b.labels.severity!) ||
      a.labels.rule!.localeCompare(b.labels.rule!),
  );
  for (const t of sorted) {
    if (t.active) findings.samples.push({ labels: t.labels, value: t.active });
    if (t.waived) waived.samples.push({ labels: t.labels, value: t.waived });
  }
  if (result.baseline) {
    for (const t of result.targets) {
      for (const s of SEVERITIES) {
        const e = newBy.get(`${normalizeServer(t.server)}\u0000${s}`);
        fresh.samples.push({ labels: { vcenter: t.server, severity: s }, value: e?.n ?? 0 });
      }
    }
  }

  // FT headroom per cluster; an unlimited per-host check (das.maxftvmsperhost 0) is +Inf.
  const more = fam('cluster_ft_headroom_vms', 'How many more FT VMs (primary and secondary) fit in the cluster.');
  const moreCpu = fam('cluster_ft_headroom_vcpus', "Free FT vCPUs summed over the cluster's hosts (an upper bound).");
  const largest = fam('cluster_ft_largest_new_vm_vcpus', 'The most vCPUs one more FT VM can have in the cluster.');
  const capable = fam('cluster_ft_capable_hosts', 'Hosts of the cluster that can run FT VMs.');
  const ftNow = fam('cluster_ft_vms', 'FT VMs (primaries and secondaries) placed in the cluster now.');
  for (const c of result.evaluation.clusters) {
    const labels = { vcenter: vc(c.server), cluster: c.name };
    const h = c.headroom;
    const lim = (n: number | null) => (n === null ? Infinity : n);
    more.samples.push({ labels, value: lim(h.additionalFtVms) });
    moreCpu.samples.push({ labels, value: lim(h.additionalFtVcpus) });
    if (h.largestNewFtVmVcpus !== undefined) largest.samples.push({ labels, value: lim(h.largestNewFtVmVcpus) });
    capable.samples.push({ labels, value: h.ftCapableHosts });
    ftNow.samples.push({ labels, value: h.currentFtVms });
  }

  const out: string[] = [];
  for (const f of [
    info,
    runOk,
    up,
    complete,
    duration,
    success,
    runDuration,
    runAt,
    vms,
    findings,
    waived,
    fresh,
    more,
    moreCpu,
    largest,
    capable,
    ftNow,
  ]) {
    if (!f.samples.length) continue;
    out.push(`# HELP ${f.name} ${helpText(f.help)}\n# TYPE ${f.name} gauge\n`);
    for (const s of f.samples) out.push(sampleLine(f.name, s.labels, s.value));
  }
  return out.join('');
}

/**
 * The last-successful-scan timestamps of a previous file (ours), by vCenter: what a failed run carries over.
 * Lines that are not ours or do not parse are ignored: the worst case is a series that starts again.
 */
export function previousSuccess(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const line = new RegExp(`^${LAST_SUCCESS}\\{vcenter="((?:[^"\\\\]|\\\\.)*)"\\} (\\S+)$`);
  for (const l of text.split('\n')) {
    const m = line.exec(l);
    if (!m) continue;
    const v = Number(m[2]);
    if (!Number.isFinite(v)) continue;
    out.set(
      m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
      v,
    );
  }
  return out;
}
