// CSV for spreadsheets, two shapes. `csv`: one row per VM with its verdict, blockers, first fix and the
// inventory columns an RVTools user expects. `csv-findings`: one row per finding (each stored once), with its
// id, evidence and waiver state in their own columns, then the findings resolved since the baseline.
// UTF-8 BOM and CRLF so Excel opens it cleanly; cells starting with = + - @ TAB CR get a leading ' (OWASP CSV
// injection); a field holding a CR or LF is always quoted, so a name cannot split a row.
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { causeShort, causesOf } from './causes.js';
import { DISRUPTION_LABEL, findingsOf, fixesOf, formatObserved, inventoryLookup, sortFindings, sortVms } from './view.js';
import { notFoundText, PLAN_COLUMNS, planCells } from './plan-text.js';

export const CSV_COLUMNS = [
  'server',
  'datacenter',
  'cluster',
  'host',
  'vm',
  'moid',
  'power_state',
  'vcpus',
  'memory_mb',
  'hw_version',
  'guest_os',
  'ft_state',
  'generation',
  'verdict',
  'blockers',
  'blocker_ids',
  'warnings',
  'new_findings',
  'waived_findings',
  'top_fix',
  'top_fix_disruption',
  'fixes',
  'reason',
] as const;

export const CSV_FINDING_COLUMNS = [
  'id',
  'server',
  'rule_id',
  'severity',
  'source',
  'object_type',
  'object',
  'object_moid',
  'vms_affected',
  'message',
  'evidence',
  'remediation',
  'disruption',
  'status',
  'waiver',
  'waiver_reason',
  'waiver_expires',
] as const;

export interface CsvOptions {
  bom?: boolean; // default true
}

/** Rows (fields in column order) as CSV: the header, then one CRLF-ended record per row. */
const csvText = (rows: string[][], columns: readonly string[], opts: CsvOptions) =>
  stringify(rows, {
    header: true,
    columns: [...columns],
    bom: opts.bom ?? true,
    record_delimiter: '\r\n',
    // The library quotes a field holding the record delimiter (CRLF) but not a bare CR or LF, which would
    // split the row, and the second half could start with '=' past the formula guard: quote those too.
    quoted_match: /[\r\n]/,
    escape_formulas: true,
  });
const write = (rows: Record<string, string>[], columns: readonly string[], opts: CsvOptions) =>
  csvText(
    rows.map((row) => columns.map((c) => row[c] ?? '')),
    columns,
    opts,
  );

const serverOf = (result: ScanResult) => (s?: string) => s ?? (result.targets.length === 1 ? result.targets[0]!.server : '');

/** One row per VM in the result (excluded VMs too, with the reason). */
export function render(result: ScanResult, opts: CsvOptions = {}): string {
  const lookup = inventoryLookup(result);
  const server = serverOf(result);
  const { byVm } = causesOf(result);
  const whatIf = result.targetCluster !== undefined;
  // Rows as arrays in CSV_COLUMNS order (then PLAN_COLUMNS for a what-if); the counts in one pass over the findings.
  const rows: string[][] = [];
  for (const vm of sortVms(result.evaluation.vms)) {
    const inv = lookup(vm).vm;
    const fs = findingsOf(result, vm);
    const blockerIds: string[] = [];
    let warnings = 0;
    let fresh = 0;
    let waived = 0;
    for (const f of fs) {
      if (f.status === 'new') fresh++;
      if (f.waived) waived++;
      else if (f.severity === 'warning') warnings++;
      else if (f.severity === 'blocker' && f.source === 'ftscan') blockerIds.push(f.id);
    }
    const fixes = fixesOf(result, vm);
    const top = fixes[0];
    const row = [
      server(vm.server),
      inv?.datacenter ?? '',
      vm.clusterName ?? '',
      vm.hostName ?? '',
      vm.name,
      vm.moid,
      inv?.powerState ?? '',
      inv ? String(inv.numCpu) : '',
      inv ? String(inv.memoryMB) : '',
      inv?.hwVersion !== undefined ? `vmx-${inv.hwVersion}` : '',
      inv?.guestFullName ?? '',
      inv?.ft.state ?? '',
      vm.generation ?? '',
      vm.verdict,
      (byVm.get(vm) ?? []).map(causeShort).join('; '),
      blockerIds.join(' '),
      String(warnings),
      String(fresh),
      String(waived),
      top ? top.remediation : '',
      top ? (DISRUPTION_LABEL[top.disruption] ?? top.disruption) : '',
      String(fixes.length),
      vm.excludedReason ?? vm.protection?.reason ?? '',
    ];
    // A what-if: cluster and host above are the target; the current placement and the move are appended.
    if (whatIf) {
      const plan = planCells(result, vm);
      for (const c of PLAN_COLUMNS) row.push(plan[c]);
    }
    rows.push(row);
  }
  const columns: readonly string[] = whatIf ? [...CSV_COLUMNS, ...PLAN_COLUMNS] : CSV_COLUMNS;
  // A name of the VM list no vCenter has: a row too, so the spreadsheet of a migration list misses no line.
  const at = (k: (typeof CSV_COLUMNS)[number]) => columns.indexOf(k);
  for (const m of result.notFound ?? []) {
    const row = columns.map(() => '');
    row[at('vm')] = m.name;
    row[at('verdict')] = 'not found';
    row[at('reason')] = notFoundText(m);
    rows.push(row);
  }
  return csvText(rows, columns, opts);
}

/** One row per finding, then one per finding resolved since the baseline. */
export function renderFindings(result: ScanResult, opts: CsvOptions = {}): string {
  const server = serverOf(result);
  const affected = new Map<string, number>();
  for (const vm of result.evaluation.vms) {
    if (vm.verdict === 'excluded') continue;
    for (const id of vm.findingIds) affected.set(id, (affected.get(id) ?? 0) + 1);
  }
  const row = (f: Finding, status: string) => {
    const expired = f.waived ? undefined : f.expiredWaiver;
    const waiver = f.waived ?? expired;
    return {
      id: f.id,
      server: server(f.server),
      rule_id: f.ruleId,
      severity: f.severity,
      source: f.source,
      object_type: f.objectType,
      object: f.name,
      object_moid: f.moid,
      vms_affected: String(affected.get(f.id) ?? 0),
      message: f.message,
      evidence: (f.evidence ?? [])
        .map(
          (e) =>
            `${e.path} on ${e.name ?? e.moid} = ${formatObserved(e.observed)}` +
            (e.expected !== undefined ? ` (expected ${e.expected})` : ''),
        )
        .join('; '),
      remediation: f.remediation,
      disruption: DISRUPTION_LABEL[f.disruption] ?? f.disruption,
      status,
      waiver: f.waived ? 'waived' : expired ? 'expired' : 'none',
      waiver_reason: waiver?.reason ?? '',
      waiver_expires: waiver?.expires ?? '',
    };
  };
  const rows = sortFindings(result.evaluation.findings).map((f) => row(f, f.status ?? ''));
  for (const f of result.baseline?.resolved ?? []) rows.push(row(f, 'resolved'));
  return write(rows, CSV_FINDING_COLUMNS, opts);
}
