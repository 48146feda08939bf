// CSV for spreadsheets, two shapes. `csv`: one row per VM with its verdict, blockers, first fix and the
// inventory columns an RVTools user expects. `csv-findings`: one row per finding (each stored once), with its
// id, evidence and waiver state in their own columns, then the findings resolved since the baseline.
// UTF-8 BOM and CRLF so Excel opens it cleanly; cells starting with = + - @ TAB CR get a leading ' (OWASP CSV
// injection); a field holding a CR or LF is always quoted, so a name cannot split a row.
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
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

const write = (rows: Record<string, string>[], columns: readonly string[], opts: CsvOptions) =>
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

const serverOf = (result: ScanResult) => (s?: string) => s ?? (result.targets.length === 1 ? result.targets[0]!.server : '');

/** One row per VM in the result (excluded VMs too, with the reason). */
export function render(result: ScanResult, opts: CsvOptions = {}): string {
  const lookup = inventoryLookup(result);
  const server = serverOf(result);
  const { byVm } = causesOf(result);
  const whatIf = result.targetCluster !== undefined;
  const rows: Record<string, string>[] = sortVms(result.evaluation.vms).map((vm: VmResult) => {
    const inv = lookup(vm).vm;
    const fs = findingsOf(result, vm);
    const active = fs.filter((f) => !f.waived);
    const blockers = active.filter((f) => f.severity === 'blocker' && f.source === 'ftscan');
    const fixes = fixesOf(result, vm);
    const top = fixes[0];
    return {
      server: server(vm.server),
      datacenter: inv?.datacenter ?? '',
      cluster: vm.clusterName ?? '',
      host: vm.hostName ?? '',
      vm: vm.name,
      moid: vm.moid,
      power_state: inv?.powerState ?? '',
      vcpus: inv ? String(inv.numCpu) : '',
      memory_mb: inv ? String(inv.memoryMB) : '',
      hw_version: inv?.hwVersion !== undefined ? `vmx-${inv.hwVersion}` : '',
      guest_os: inv?.guestFullName ?? '',
      ft_state: inv?.ft.state ?? '',
      generation: vm.generation ?? '',
      verdict: vm.verdict,
      blockers: (byVm.get(vm) ?? []).map(causeShort).join('; '),
      blocker_ids: blockers.map((f) => f.id).join(' '),
      warnings: String(active.filter((f) => f.severity === 'warning').length),
      new_findings: String(fs.filter((f) => f.status === 'new').length),
      waived_findings: String(fs.length - active.length),
      top_fix: top ? top.remediation : '',
      top_fix_disruption: top ? (DISRUPTION_LABEL[top.disruption] ?? top.disruption) : '',
      fixes: String(fixes.length),
      reason: vm.excludedReason ?? vm.protection?.reason ?? '',
      // A what-if: cluster and host above are the target; the current placement and the move are appended.
      ...(whatIf ? planCells(result, vm) : {}),
    };
  });
  const columns = whatIf ? [...CSV_COLUMNS, ...PLAN_COLUMNS] : CSV_COLUMNS;
  // A name of the VM list no vCenter has: a row too, so the spreadsheet of a migration list misses no line.
  const blank = Object.fromEntries(columns.map((k) => [k, '']));
  for (const m of result.notFound ?? []) rows.push({ ...blank, vm: m.name, verdict: 'not found', reason: notFoundText(m) });
  return write(rows, columns, opts);
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
