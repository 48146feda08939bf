// Derived views of a ScanResult shared by every format: orderings, labels, per-VM lookups and the
// walk over every copy of a finding (a finding appears in evaluation.findings and in the VM, cluster,
// host and datastore lists; after a JSON round trip those are separate objects).
import type { Inventory, Vm } from '../inventory/model.js';
import type { Disruption, Finding, Severity, Verdict, VmAssessment } from '../rules/types.js';
import type { ScanResult, TargetResult } from '../scan/result.js';

export const VERDICTS: Verdict[] = ['blocked', 'unknown', 'warnings', 'ready', 'excluded'];
export const SEVERITIES: Severity[] = ['blocker', 'unknown', 'warning', 'info'];

export const DISRUPTION_LABEL: Record<Disruption, string> = {
  none: 'no downtime',
  vmPowerOff: 'VM power-off',
  hostReboot: 'host reboot',
  bios: 'BIOS change',
  hostMaintenance: 'host maintenance',
  clusterConfig: 'cluster change',
};

function severityRank(s: Severity): number {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}

function verdictRank(v: Verdict): number {
  const i = VERDICTS.indexOf(v);
  return i < 0 ? VERDICTS.length : i;
}

/** Most severe first; waived findings after active ones. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => Number(!!a.waived) - Number(!!b.waived) || severityRank(a.severity) - severityRank(b.severity) ||
      a.ruleId.localeCompare(b.ruleId) || a.moid.localeCompare(b.moid),
  );
}

/** VMs worst verdict first, then by cluster and name. */
export function sortVms(vms: VmAssessment[]): VmAssessment[] {
  return [...vms].sort(
    (a, b) => verdictRank(a.verdict) - verdictRank(b.verdict) || (a.clusterName ?? '').localeCompare(b.clusterName ?? '') ||
      a.name.localeCompare(b.name),
  );
}

/** Applies `fn` to every copy of every finding in the result, in place. */
export function forEachFinding(result: ScanResult, fn: (f: Finding) => void): void {
  const ev = result.evaluation;
  for (const f of new Set([
    ...ev.findings,
    ...ev.vms.flatMap((v) => v.findings),
    ...ev.clusters.flatMap((c) => c.findings),
    ...ev.hosts.flatMap((h) => h.findings),
    ...ev.datastores.flatMap((d) => d.findings),
  ])) fn(f);
}

/** Findings in evaluation.findings that no VM lists: host/cluster/datastore issues affecting no VM in scope. */
export function unattachedFindings(result: ScanResult): Finding[] {
  const onVms = new Set(result.evaluation.vms.flatMap((v) => v.findings.map(findingKey)));
  return result.evaluation.findings.filter((f) => !onVms.has(findingKey(f)));
}

/** Device keys cited by a finding's own evidence ("config.hardware.device[key=2000]..."). */
function deviceKeys(f: Finding): string[] {
  const keys = new Set<string>();
  for (const e of f.evidence ?? []) {
    if (e.moid !== f.moid) continue;
    for (const m of e.path.matchAll(/\[key=([^\]]+)\]/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

/**
 * Identity of a finding across scans: server + rule + object (+ the VM it is attached to, + device keys
 * for rules that fire once per device). Deliberately excludes message and observed values, which change
 * while the problem stays the same.
 */
export function findingKey(f: Finding): string {
  return JSON.stringify([normalizeServer(f.server ?? ''), f.ruleId, f.moid, f.vmMoid ?? '', deviceKeys(f)]);
}

/** "https://VC.example.com:443/sdk" and "vc.example.com" name the same vCenter. */
export function normalizeServer(s: string): string {
  return s.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/:443$/, '');
}

/** The inventory a VM assessment came from, and the VM's inventory record. */
export function inventoryLookup(result: ScanResult): (vm: { server?: string; moid: string }) => { inv?: Inventory; vm?: Vm } {
  const byServer = new Map<string, { inv: Inventory; vms: Map<string, Vm> }>();
  for (const t of result.targets) {
    if (!t.inventory) continue;
    byServer.set(normalizeServer(t.server), { inv: t.inventory, vms: new Map(t.inventory.vms.map((v) => [v.moid, v])) });
  }
  const only = byServer.size === 1 ? [...byServer.values()][0] : undefined;
  return (a) => {
    const entry = a.server !== undefined ? byServer.get(normalizeServer(a.server)) ?? only : only;
    return { inv: entry?.inv, vm: entry?.vms.get(a.moid) };
  };
}

const PROTECTED_STATES = new Set(['enabled', 'running', 'starting', 'needSecondary']);

/** "SMP-FT" / "legacy" for a candidate, "SMP-FT on" when FT is already turned on (vm-ft-health says how well). */
export function ftColumn(vm: { generation: string | null }, inv: Vm | undefined): string {
  const gen = vm.generation === 'smp' ? 'SMP-FT' : vm.generation === 'legacy' ? 'legacy' : '-';
  const state = inv?.ft.state;
  if (!state || !PROTECTED_STATES.has(state) || gen === '-') return gen;
  return `${gen} on`;
}

/** vCenter's own FT check (--ask-vcenter) for one VM, as one line of plain text; undefined when not asked. */
export function vcenterOpinionText(vm: VmAssessment): string | undefined {
  const op = vm.vcenterOpinion;
  if (!op) return undefined;
  if (op.status !== 'evaluated') return `not evaluated${op.reason ? ` (${op.reason})` : ''}`;
  const faults = op.faults.length ? `reports ${op.faults.join(', ')}` : 'reports no issue';
  return faults + (op.disagreements.length ? `; differs from ftscan: ${op.disagreements.join('; ')}` : '');
}

/** One line per target: "vc1.example.com — VMware vCenter Server 7.0.3 build-… — complete". */
export function targetLine(t: TargetResult): { server: string; product: string; status: string; detail?: string } {
  const product = t.inventory ? t.inventory.vcenter.fullName || `${t.inventory.vcenter.name} ${t.inventory.vcenter.version}` : '';
  const detail = t.error?.message ?? (t.status === 'incomplete' ? incompleteDetail(t.inventory) : undefined);
  return { server: t.server, product, status: t.status, detail };
}

function incompleteDetail(inv?: Inventory): string | undefined {
  if (!inv || inv.problems.length === 0) return undefined;
  const n = inv.problems.length;
  return `${n} object${n === 1 ? '' : 's'} or properties could not be read (first: ${inv.problems[0]!.fault}: ${inv.problems[0]!.message})`;
}

/** The honest one-liner for an incomplete scan; undefined when complete. */
export function completenessWarning(result: ScanResult): string | undefined {
  if (result.complete) return undefined;
  const bad = result.targets.filter((t) => t.status !== 'complete');
  const names = bad.map((t) => `${t.server} (${t.status})`).join(', ');
  return `INCOMPLETE SCAN: not every object could be read${names ? ` — ${names}` : ''}; verdicts cover only what was read.`;
}

/** Readable rendering of an evidence value (any JSON value). */
export function formatObserved(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}

export function headroomText(h: import('../rules/types.js').Headroom): string {
  const more = h.additionalFtVms === null ? 'unlimited' : String(h.additionalFtVms);
  const vcpus = h.additionalFtVcpus === null ? 'unlimited' : String(h.additionalFtVcpus);
  const limit = (n: number) => (n === 0 ? 'no limit' : String(n));
  return `${more} more FT VMs (${vcpus} vCPUs); ${h.ftCapableHosts} FT-capable hosts; ` +
    `${h.currentFtVms} FT VMs / ${h.currentFtVcpus} vCPUs now; per-host limit ${limit(h.maxFtVmsPerHost)} VMs / ${limit(h.maxFtVcpusPerHost)} vCPUs` +
    (h.note ? ` (${h.note})` : '');
}

export function waiverText(f: Finding): string {
  return f.waived ? `waived: ${f.waived.reason}${f.waived.expires ? ` (until ${f.waived.expires})` : ''}` : '';
}

export function clusterTitle(result: ScanResult, c: { name: string; server?: string }): string {
  return result.targets.length > 1 && c.server ? `${c.name} (${c.server})` : c.name;
}

/** Where the edition in a report header came from: "from the licence", "from --edition", ... ('' if unknown). */
export function editionSourceText(r: ScanResult): string {
  const from: Record<string, string> = { license: 'from the licence', flag: 'from --edition', default: 'default: licence not readable' };
  const src = r.evaluation.editionSource;
  return src ? from[src] ?? src : '';
}

/** The edition for a report header, e.g. "enterprisePlus (from the licence)". */
export function editionText(r: ScanResult): string {
  const src = editionSourceText(r);
  return `${r.evaluation.edition}${src ? ` (${src})` : ''}`;
}
