// The exposition is parsed with parse-prometheus-text-format (a port of the Python client's parser, output
// shaped like prom2json's), plus the naming rules the parser does not enforce.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { previousSuccess, render } from '../../../src/report/prom.js';
import { VERDICTS } from '../../../src/rules/types.js';
import type { ScanResult } from '../../../src/result/types.js';
import { FAILED_SERVER, makeScanResult, SERVER } from './fixtures.js';

interface Parsed {
  name: string;
  help: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}
const parse = (text: string) => parsePrometheusTextFormat(text) as Parsed[];

function families(result: ScanResult, opts?: Parameters<typeof render>[1]) {
  const text = render(result, opts);
  const parsed = parse(text);
  const by = new Map(parsed.map((f) => [f.name, f]));
  const value = (name: string, labels: Record<string, string>) => {
    const f = by.get(name);
    const m = f?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v));
    return m === undefined ? undefined : Number(m.value === '+Inf' ? Infinity : m.value);
  };
  return { text, parsed, by, value };
}

describe('prometheus textfile', () => {
  it('parses, and follows the naming conventions: prefix, gauges without _total, units in names, HELP and TYPE once', () => {
    const { text, parsed } = families(makeScanResult());
    expect(parsed.length).toBeGreaterThan(8);
    for (const f of parsed) {
      expect(f.name).toMatch(/^ftscan_[a-z_]+$/);
      expect(f.type).toBe('GAUGE');
      expect(f.name.endsWith('_total')).toBe(false);
      expect(f.help.length).toBeGreaterThan(10);
      expect(text.split('\n').filter((l) => l === `# TYPE ${f.name} gauge`)).toHaveLength(1);
      // The parser is lenient (a broken label set comes back as value ''): every value must be a number.
      for (const m of f.metrics) expect(m.value, f.name).toMatch(/^(\+Inf|-Inf|NaN|-?\d+(\.\d+)?(e[+-]?\d+)?)$/);
      for (const m of f.metrics)
        for (const k of Object.keys(m.labels ?? {}))
          expect(['vcenter', 'cluster', 'verdict', 'severity', 'rule', 'version', 'profile']).toContain(k);
    }
    expect(parsed.filter((f) => /duration|timestamp/.test(f.name)).every((f) => f.name.endsWith('_seconds'))).toBe(true);
    // Samples of a family are contiguous (the text format requires it): each name's lines form one run.
    const names = text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => /^[a-z_]+/.exec(l)![0]);
    expect(names.filter((n, i) => i === 0 || names[i - 1] !== n)).toEqual([...new Set(names)]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('has VMs per verdict by vCenter and cluster, every verdict present, and never a VM name', () => {
    const result = makeScanResult();
    const { by, value, text } = families(result);
    for (const c of result.evaluation.clusters) {
      for (const v of VERDICTS)
        expect(value('ftscan_vms', { vcenter: SERVER, cluster: c.name, verdict: v }), `${c.name} ${v}`).toBe(c.counts[v] ?? 0);
    }
    const total = by.get('ftscan_vms')!.metrics.reduce((n, m) => n + Number(m.value), 0);
    expect(total).toBe(result.evaluation.vms.length);
    for (const vm of result.evaluation.vms) expect(text).not.toContain(vm.name === 'web-01' ? 'web-01' : `"${vm.name}"`);
  });

  it('has findings per vCenter, severity and rule, waived ones apart, and new ones when there is a baseline', () => {
    const result = makeScanResult();
    const thin = result.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
    thin.waived = { reason: 'accepted' };
    const { value, by } = families(result);
    expect(value('ftscan_findings', { vcenter: SERVER, severity: 'blocker', rule: 'vm-vcpu-count' })).toBe(1);
    expect(value('ftscan_findings', { vcenter: SERVER, severity: 'warning', rule: 'vm-disk-thin' })).toBeUndefined();
    expect(value('ftscan_findings_waived', { vcenter: SERVER, severity: 'warning', rule: 'vm-disk-thin' })).toBe(1);
    const blockers = by
      .get('ftscan_findings')!
      .metrics.filter((m) => m.labels?.severity === 'blocker')
      .reduce((n, m) => n + Number(m.value), 0);
    expect(blockers).toBe(result.summary.findings.blocker);
    expect(by.has('ftscan_findings_new')).toBe(false); // no baseline: not "0 new"
    const withBase = makeScanResult();
    withBase.baseline = { file: 'last.json', new: 1, unchanged: 0, resolved: [] };
    withBase.evaluation.findings.find((f) => f.ruleId === 'vm-usb-device')!.status = 'new';
    const b = families(withBase);
    expect(b.value('ftscan_findings_new', { vcenter: SERVER, severity: 'blocker' })).toBe(1);
    expect(b.value('ftscan_findings_new', { vcenter: SERVER, severity: 'warning' })).toBe(0);
  });

  it('has FT headroom per cluster (+Inf when unlimited), per-target up, duration and last success', () => {
    const result = makeScanResult();
    result.evaluation.clusters[0]!.headroom.additionalFtVms = null;
    const { value } = families(result);
    expect(value('ftscan_cluster_ft_headroom_vms', { cluster: 'Prod-A' })).toBe(Infinity);
    expect(value('ftscan_cluster_ft_headroom_vms', { cluster: 'Legacy-B' })).toBe(0);
    expect(value('ftscan_cluster_ft_capable_hosts', { cluster: 'Prod-A' })).toBe(2);
    expect(value('ftscan_target_up', { vcenter: SERVER })).toBe(1);
    expect(value('ftscan_target_up', { vcenter: FAILED_SERVER })).toBe(0);
    expect(value('ftscan_target_complete', { vcenter: SERVER })).toBe(1);
    expect(value('ftscan_target_scan_duration_seconds', { vcenter: SERVER })).toBe(2.31);
    expect(value('ftscan_target_scan_duration_seconds', { vcenter: FAILED_SERVER })).toBeUndefined();
    expect(value('ftscan_last_successful_scan_timestamp_seconds', { vcenter: SERVER })).toBe(
      Date.parse(result.targets[0]!.inventory!.collectedAt) / 1000,
    );
    expect(value('ftscan_scan_duration_seconds', {})).toBe(7.5);
  });

  it('a vCenter that failed this run keeps its previous last-success timestamp (read back from the previous file)', () => {
    const first = makeScanResult();
    first.targets[1] = { ...first.targets[0]!, server: FAILED_SERVER };
    const before = render(first);
    const prev = previousSuccess(before);
    expect(prev.get(FAILED_SERVER)).toBe(Date.parse(first.targets[0]!.inventory!.collectedAt) / 1000);
    const { value } = families(makeScanResult(), { previousSuccess: prev });
    expect(value('ftscan_last_successful_scan_timestamp_seconds', { vcenter: FAILED_SERVER })).toBe(prev.get(FAILED_SERVER));
    expect(value('ftscan_target_up', { vcenter: FAILED_SERVER })).toBe(0);
    expect(previousSuccess('garbage\nftscan_last_successful_scan_timestamp_seconds{vcenter="x"} nope\n').size).toBe(0);
  });

  it('escapes label values: quotes, backslashes and newlines in a cluster name survive the parser', () => {
    const result = makeScanResult();
    const hostile = 'Prod "A"\\x\nnext';
    result.evaluation.clusters[0]!.name = hostile;
    for (const vm of result.evaluation.vms) if (vm.clusterName === 'Prod-A') vm.clusterName = hostile;
    const { value } = families(result);
    expect(value('ftscan_cluster_ft_capable_hosts', { cluster: hostile })).toBe(2);
    expect(value('ftscan_vms', { cluster: hostile, verdict: 'ready' })).toBe(result.evaluation.clusters[0]!.counts.ready);
  });
});
