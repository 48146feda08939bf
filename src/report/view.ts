// Derived views of a ScanResult shared by every format: orderings, labels, lookups by finding id and per-VM
// inventory records. Pure functions of the assembled result: no policy is decided here.
import type { Inventory, Vm } from '../inventory/model.js';
import {
  SEVERITIES,
  VERDICT_LABEL,
  VERDICTS,
  verdictCounts,
  type Disruption,
  type Edition,
  type Finding,
  type Severity,
  type Verdict,
} from '../rules/types.js';
import type { ScanResult, TargetResult, VmResult } from '../result/types.js';
import { fixText } from '../rules/verdict.js';
import { normalizeServer } from '../util/server.js';

export { SEVERITIES, VERDICT_LABEL, VERDICTS, normalizeServer, verdictCounts };

export { DISRUPTION_LABEL } from '../result/words.js'; // shared with the notifications

function severityRank(s: Severity): number {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}

function verdictRank(v: Verdict): number {
  const i = VERDICTS.indexOf(v);
  return i < 0 ? VERDICTS.length : i;
}

const shownOnly = new WeakMap<ScanResult, readonly Severity[]>();

/**
 * The result as the table, Markdown and HTML show it under --severity: only findings of these severities,
 * in the lists, causes and fix lists. Verdicts and counts are the result's own (decided by the policy stage).
 */
export function showOnly(result: ScanResult, severities: readonly Severity[]): ScanResult {
  const keep = new Set(result.evaluation.findings.filter((f) => severities.includes(f.severity)).map((f) => f.id));
  const ids = <T extends { findingIds: string[] }>(x: T): T => ({ ...x, findingIds: x.findingIds.filter((id) => keep.has(id)) });
  const e = result.evaluation;
  const view: ScanResult = {
    ...result,
    evaluation: {
      ...e,
      findings: e.findings.filter((f) => keep.has(f.id)),
      vms: e.vms.map((v) => ({ ...ids(v), fixIds: v.fixIds.filter((id) => keep.has(id)) })),
      clusters: e.clusters.map(ids),
      hosts: e.hosts.map(ids),
      datastores: e.datastores.map(ids),
    },
  };
  shownOnly.set(view, severities);
  return view;
}

/** The header line of a --severity view ('' for the whole result). */
export function shownOnlyText(result: ScanResult): string {
  const s = shownOnly.get(result);
  return s ? `Showing only ${s.join(', ')} findings (--severity); verdicts and counts cover every finding` : '';
}

/** The header line naming the rules deliberately not evaluated (--skip-rule / --only-rule); '' when none. */
export function skippedRulesText(result: ScanResult): string {
  const ids = result.skippedRules ?? [];
  if (!ids.length) return '';
  const shown = ids.length > 12 ? `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more` : ids.join(', ');
  return `Not checked (--skip-rule / --only-rule): ${shown}`;
}

/** What was not checked for a VM, for its verdict ("unchecked: vm-snapshots"); '' when everything was. */
export function uncheckedText(vm: VmResult): string {
  const ids = vm.verdict === 'excluded' ? [] : (vm.unchecked ?? []);
  if (!ids.length) return '';
  return `unchecked: ${ids.length > 3 ? `${ids.length} rules (see the header)` : ids.join(', ')}`;
}

/** A VM's verdict as the human formats show it: "ready, unchecked: vm-snapshots". */
export function verdictText(vm: VmResult): string {
  const u = uncheckedText(vm);
  return u ? `${vm.verdict}, ${u}` : vm.verdict;
}

/** Most severe first; waived findings after active ones. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(!!a.waived) - Number(!!b.waived) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.moid.localeCompare(b.moid),
  );
}

/** VMs worst verdict first, then by cluster and name. */
export function sortVms(vms: VmResult[]): VmResult[] {
  return [...vms].sort(
    (a, b) =>
      verdictRank(a.verdict) - verdictRank(b.verdict) ||
      (a.clusterName ?? '').localeCompare(b.clusterName ?? '') ||
      a.name.localeCompare(b.name),
  );
}

const indexes = new WeakMap<ScanResult, Map<string, Finding>>();

/** The result's findings by id (built once per result). */
function findingById(result: ScanResult): Map<string, Finding> {
  let m = indexes.get(result);
  if (!m) indexes.set(result, (m = new Map(result.evaluation.findings.map((f) => [f.id, f]))));
  return m;
}

/** The findings an assessment references, in its order. */
export function findingsOf(result: ScanResult, a: { findingIds: string[] }): Finding[] {
  const byId = findingById(result);
  const out: Finding[] = [];
  for (const id of a.findingIds) {
    const f = byId.get(id);
    if (f) out.push(f);
  }
  return out;
}

export interface Fix {
  finding: Finding;
  ruleId: string;
  remediation: string; // prefixed with the object's name when the fix is on a host, cluster or datastore
  disruption: Disruption;
}

/** A VM's ordered fix list (decided by the policy stage), as text. */
export function fixesOf(result: ScanResult, vm: VmResult): Fix[] {
  const byId = findingById(result);
  return vm.fixIds.flatMap((id) => {
    const f = byId.get(id);
    if (!f) return [];
    return [{ finding: f, ruleId: f.ruleId, remediation: fixText(f), disruption: f.disruption }];
  });
}

/** Findings no VM references: host/cluster/datastore issues affecting no VM in scope. */
export function unattachedFindings(result: ScanResult): Finding[] {
  const onVms = new Set<string>();
  for (const v of result.evaluation.vms) for (const id of v.findingIds) onVms.add(id);
  return result.evaluation.findings.filter((f) => !onVms.has(f.id));
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
    const entry = a.server !== undefined ? (byServer.get(normalizeServer(a.server)) ?? only) : only;
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
export function vcenterOpinionText(vm: VmResult): string | undefined {
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
  if (h.generation === 'legacy')
    // Legacy FT: 1-vCPU VMs and no vCPU limit (das.maxftvcpusperhost exists from 6.0): FT VMs only.
    return (
      `${more} more FT VMs (legacy FT, 1 vCPU each); ${h.ftCapableHosts} FT-capable hosts; ` +
      `${h.currentFtVms} FT VMs now; per-host limit ${limit(h.maxFtVmsPerHost)} FT VMs` +
      (h.note ? ` (${h.note})` : '')
    );
  return (
    `${more} more FT VMs (${vcpus} vCPUs); ${h.ftCapableHosts} FT-capable hosts; ` +
    `${h.currentFtVms} FT VMs / ${h.currentFtVcpus} vCPUs now; per-host limit ${limit(h.maxFtVmsPerHost)} VMs / ${limit(h.maxFtVcpusPerHost)} vCPUs` +
    (h.note ? ` (${h.note})` : '')
  );
}

export function waiverText(f: Finding): string {
  return f.waived ? `waived: ${f.waived.reason}${f.waived.expires ? ` (until ${f.waived.expires})` : ''}` : '';
}

export function clusterTitle(result: ScanResult, c: { name: string; server?: string }): string {
  return result.targets.length > 1 && c.server ? `${c.name} (${c.server})` : c.name;
}

/** Where the edition in a report header came from: "from the licence", "from --edition", ... ('' if unknown). */
function editionSourceText(r: ScanResult): string {
  const from: Record<string, string> = {
    license: r.evaluation.edition ? 'from the licence' : 'licences read: none includes FT',
    flag: 'from --edition',
    unknown: 'licence not read, no --edition',
    default: 'default: licence not readable',
  };
  const src = r.evaluation.editionSource;
  return src ? (from[src] ?? src) : '';
}

/** The one label table for vSphere editions: what every report and message shows for an Edition value. */
const EDITION_LABEL: Record<Edition, string> = {
  standard: 'Standard',
  enterprise: 'Enterprise',
  enterprisePlus: 'Enterprise Plus',
};

/** An edition for people; absent = not read (no licence data and no --edition: nothing is assumed). */
function editionLabel(e: Edition | undefined): string {
  return e ? (EDITION_LABEL[e] ?? e) : 'unknown';
}

/** The edition for a report header, e.g. "Enterprise Plus (from the licence)". */
export function editionText(r: ScanResult): string {
  const src = editionSourceText(r);
  return `${editionLabel(r.evaluation.edition)}${src ? ` (${src})` : ''}`;
}

/**
 * A timestamp for people: local time to the second, with the UTC offset ("2026-11-28 07:00:00 +01:00");
 * text that is not a date stays as it is.
 */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ` +
    `${off < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}
