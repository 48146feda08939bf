import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../../src/report/baseline.js';
import { FORMATS, renderReport } from '../../../src/report/index.js';
import { readScanJson, render as renderJson } from '../../../src/report/json.js';
import type { Finding } from '../../../src/rules/types.js';
import type { ScanResult } from '../../../src/scan/result.js';
import { makeScanResult, SERVER } from './fixtures.js';

// Previous scan = today's minus the USB finding, plus one finding fixed since (a second thin disk on db-01).
function previousScan(): ScanResult {
  const prev = makeScanResult();
  prev.evaluation.findings = prev.evaluation.findings.filter((f) => f.ruleId !== 'vm-usb-device');
  const thin = prev.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
  prev.evaluation.findings.push({
    ...thin, message: 'Hard disk 2 is thin provisioned',
    evidence: [{ ...thin.evidence[0]!, path: 'config.hardware.device[key=2001].backing.thinProvisioned' }],
  });
  return prev;
}

const statusOf = (r: ScanResult, pred: (f: Finding) => boolean) => r.evaluation.findings.filter(pred).map((f) => f.status);

describe('applyBaseline', () => {
  it('marks findings new or unchanged and lists the resolved ones', () => {
    const r = applyBaseline(makeScanResult(), previousScan(), 'monday.json');
    expect(statusOf(r, (f) => f.ruleId === 'vm-usb-device')).toEqual(['new']);
    expect(statusOf(r, (f) => f.ruleId !== 'vm-usb-device').every((s) => s === 'unchanged')).toBe(true);
    expect(r.baseline!.file).toBe('monday.json');
    expect(r.baseline!.resolved).toHaveLength(1);
    expect(r.baseline!.resolved[0]).toMatchObject({ ruleId: 'vm-disk-thin', status: 'resolved', message: 'Hard disk 2 is thin provisioned' });
    expect(r.baseline!.unverified).toBeUndefined();
  });

  it('marks every copy of a finding (VM, host, cluster lists), also after a JSON round trip', () => {
    const current = readScanJson(renderJson(makeScanResult()));
    const r = applyBaseline(current, readScanJson(renderJson(previousScan())));
    const usbOnVm = r.evaluation.vms.find((v) => v.moid === 'vm-104')!.findings[0]!;
    expect(usbOnVm.status).toBe('new');
    const nicOnHost = r.evaluation.hosts.find((h) => h.moid === 'host-21')!.findings[0]!;
    expect(nicOnHost.status).toBe('unchanged');
    expect(r.evaluation.clusters[1]!.findings[0]!.status).toBe('unchanged');
  });

  it('keeps a finding unchanged when only its message or observed value changed', () => {
    const prev = makeScanResult();
    const vcpu = prev.evaluation.findings.find((f) => f.ruleId === 'vm-vcpu-count')!;
    vcpu.message = '4 vCPUs; legacy FT allows 1';
    vcpu.evidence[0]!.observed = 4;
    const r = applyBaseline(makeScanResult(), prev);
    expect(statusOf(r, (f) => f.ruleId === 'vm-vcpu-count')).toEqual(['unchanged']);
    expect(r.baseline!.resolved).toEqual([]);
  });

  it('tells the same rule on another server or object apart', () => {
    const prev = makeScanResult();
    for (const f of prev.evaluation.findings) if (f.ruleId === 'vm-snapshots') f.server = 'vc9.example.com';
    const r = applyBaseline(makeScanResult(), prev);
    expect(statusOf(r, (f) => f.ruleId === 'vm-snapshots')).toEqual(['new']);
    // vc9 is not in this scan: its finding cannot be proven gone.
    expect(r.baseline!.resolved).toEqual([]);
    expect(r.baseline!.unverified!.map((f) => f.ruleId)).toEqual(['vm-snapshots']);
  });

  it('treats server spellings of the same vCenter as one', () => {
    const prev = makeScanResult();
    for (const f of prev.evaluation.findings) f.server = `https://${SERVER.toUpperCase()}/sdk`;
    const r = applyBaseline(makeScanResult(), prev);
    expect(r.evaluation.findings.every((f) => f.status === 'unchanged')).toBe(true);
  });

  it('does not call findings of an unreadable vCenter resolved', () => {
    const prev = makeScanResult();
    const current = makeScanResult();
    current.targets[0]!.status = 'incomplete';
    current.evaluation.findings = current.evaluation.findings.filter((f) => f.ruleId !== 'vm-snapshots');
    const r = applyBaseline(current, prev);
    expect(r.baseline!.resolved).toEqual([]);
    expect(r.baseline!.unverified!.map((f) => f.ruleId)).toEqual(['vm-snapshots']);
  });

  it('does not modify its inputs', () => {
    const current = makeScanResult();
    applyBaseline(current, previousScan());
    expect(current.evaluation.findings.some((f) => f.status)).toBe(false);
    expect(current.baseline).toBeUndefined();
  });

  it('is shown in every format', () => {
    const r = applyBaseline(makeScanResult(), previousScan(), 'monday.json');
    const newMark: Record<string, string> = {
      table: 'vm-usb-device: USB device USB 1 is attached [new]', json: '"status": "new"', csv: ',vmPowerOff,new,',
      junit: 'baseline: new', html: '<span class="badge st-new">new</span>', markdown: 'USB device USB 1 is attached (new)',
    };
    const resolvedMark: Record<string, string> = {
      table: 'resolved vm-disk-thin', json: '"status": "resolved"', csv: ',none,resolved,', junit: 'resolved since baseline',
      html: '<span class="badge st-resolved">resolved</span>', markdown: '## Resolved since baseline',
    };
    for (const format of FORMATS) {
      const out = renderReport(format, r);
      if (format !== 'csv') expect(out, format).toContain('monday.json');
      expect(out, format).toContain('Hard disk 2 is thin provisioned');
      expect(out, format).toContain(newMark[format]);
      expect(out, format).toContain(resolvedMark[format]);
    }
    expect(readScanJson(renderReport('json', r)).baseline!.resolved[0]!.status).toBe('resolved');
  });
});
