// CSV for spreadsheets: one row per VM x finding (a VM without findings still gets one row), then rows for
// findings that affect no VM in scope and for findings resolved since the baseline. UTF-8 BOM and CRLF so
// Excel opens it cleanly; cells starting with = + - @ TAB CR get a leading ' (OWASP CSV injection).
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
import { findingsOf, inventoryLookup, sortFindings, sortVms, unattachedFindings } from './view.js';

export const CSV_COLUMNS = ['server', 'datacenter', 'cluster', 'host', 'vm', 'moid', 'verdict', 'generation', 'rule_id',
  'severity', 'message', 'remediation', 'disruption', 'status', 'waived', 'object_type', 'object', 'object_moid'] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

export interface CsvOptions {
  bom?: boolean; // default true
}

export function render(result: ScanResult, opts: CsvOptions = {}): string {
  const lookup = inventoryLookup(result);
  const server = (s?: string) => s ?? (result.targets.length === 1 ? result.targets[0]!.server : '');
  const rows: Row[] = [];

  const vmCols = (vm: VmResult) => ({
    server: server(vm.server), datacenter: lookup(vm).vm?.datacenter ?? '', cluster: vm.clusterName ?? '',
    host: vm.hostName ?? '', vm: vm.name, moid: vm.moid, verdict: vm.verdict, generation: vm.generation ?? '',
  });
  const noVm = (f: Finding) => ({
    server: server(f.server), datacenter: '', cluster: f.objectType === 'ClusterComputeResource' ? f.name : '',
    host: f.objectType === 'HostSystem' ? f.name : '', vm: '', moid: '', verdict: '', generation: f.generation,
  });
  const findingCols = (f: Finding) => {
    const expired = f.waived ? undefined : f.expiredWaiver;
    return {
      rule_id: f.ruleId, severity: f.severity, message: f.message, remediation: f.remediation, disruption: f.disruption,
      status: f.status ?? '',
      waived: f.waived
        ? `waived until ${f.waived.expires ?? '-'}: ${f.waived.reason}`
        : expired ? `waiver expired ${expired.expires}: ${expired.reason}` : '',
      object_type: f.objectType, object: f.name, object_moid: f.moid,
    };
  };
  const empty = { rule_id: '', severity: '', message: '', remediation: '', disruption: '', status: '', waived: '',
    object_type: '', object: '', object_moid: '' };

  for (const vm of sortVms(result.evaluation.vms)) {
    const fs = findingsOf(result, vm);
    if (fs.length === 0) rows.push({ ...vmCols(vm), ...empty, message: vm.excludedReason ?? '' });
    for (const f of sortFindings(fs)) rows.push({ ...vmCols(vm), ...findingCols(f) });
  }
  for (const f of sortFindings(unattachedFindings(result))) rows.push({ ...noVm(f), ...findingCols(f) });
  for (const f of result.baseline?.resolved ?? []) {
    const vm = f.objectType === 'VirtualMachine' ? { ...noVm(f), vm: f.name, moid: f.moid } : noVm(f);
    rows.push({ ...vm, ...findingCols(f), status: 'resolved' });
  }

  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: opts.bom ?? true,
    record_delimiter: '\r\n',
    escape_formulas: true,
  });
}
