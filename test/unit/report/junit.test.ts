import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/report/junit.js';
import { applyPolicy } from '../../../src/policy/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { FAILED_SERVER, makeEvaluatedScan, makeScanResult, XSS_NAME } from './fixtures.js';

interface TestCase {
  classname: string;
  name: string;
  failure?: { type: string; message: string; '#text'?: string };
  error?: { type: string; message: string };
  skipped?: { message: string };
  properties?: { property: { name: string; value: string }[] };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml);
  const root = doc.testsuites;
  const cases: (TestCase & { suite: string })[] = root.testsuite.flatMap((s: any) => (s.testcase ?? []).map((c: any) => ({ ...c, suite: s.name })));
  return { root, cases };
}

const prop = (c: TestCase, name: string) => c.properties?.property.find((p) => p.name === name)?.value;

describe('junit report', () => {
  it('is well-formed XML with hostile names escaped (and read back verbatim)', () => {
    const { cases } = parse(render(makeScanResult()));
    const xss = cases.filter((c) => c.classname === `ftscan.vc1.example.com.Prod-A.${XSS_NAME}`);
    expect(xss.map((c) => c.name).sort()).toContain('vm-snapshots');
  });

  it('stays well-formed with control characters in a name', () => {
    const r = makeScanResult();
    r.evaluation.vms[0]!.name = 'bad\u0001name\u001b[31m';
    const { cases } = parse(render(r));
    expect(cases.some((c) => c.classname.endsWith('.bad\uFFFDname\uFFFD[31m'))).toBe(true);
  });

  it('has one testsuite per cluster and one testcase per VM x rule, with the verdict as a property', () => {
    const { root, cases } = parse(render(makeScanResult()));
    const names = root.testsuite.map((s: any) => s.name);
    expect(names).toEqual(expect.arrayContaining(['ftscan.Prod-A (vc1.example.com)', 'ftscan.Legacy-B (vc1.example.com)']));
    const legacy01 = cases.filter((c) => c.classname === 'ftscan.vc1.example.com.Legacy-B.legacy-01');
    // Rules seen on legacy VMs: the three on legacy-01 (legacy-02's two are among them).
    expect(legacy01.map((c) => c.name)).toEqual(['cluster-ha-admission-control', 'host-ft-logging-nic', 'vm-vcpu-count']);
    expect(prop(legacy01[0]!, 'verdict')).toBe('blocked');
    const legacy02 = cases.filter((c) => c.classname === 'ftscan.vc1.example.com.Legacy-B.legacy-02');
    const passing = legacy02.find((c) => c.name === 'vm-vcpu-count')!;
    expect(passing.failure ?? passing.error ?? passing.skipped).toBeUndefined();
    expect(Number(root.tests)).toBe(cases.length);
  });

  it('uses the rule catalog when the report carries one', () => {
    const r = makeScanResult();
    r.rules = [
      { id: 'vm-snapshots', title: 'No snapshots', severity: 'blocker', scope: 'vm', generations: ['legacy', 'smp'] },
      { id: 'vm-vcpu-count', title: 'vCPU limit', severity: 'blocker', scope: 'vm', generations: ['legacy', 'smp'] },
      { id: 'vm-nested-hv', title: 'No nested HV', severity: 'blocker', scope: 'vm', generations: ['smp'] },
    ];
    const { cases } = parse(render(r));
    const web = cases.filter((c) => c.classname.endsWith('.Prod-A.web-01')).map((c) => c.name);
    // Catalog rules for SMP plus the rule that fired on the VM itself.
    expect(web).toEqual(['vm-memory-reservation', 'vm-nested-hv', 'vm-snapshots', 'vm-vcpu-count']);
  });

  it('fails blockers; fails warnings only with failOn warning', () => {
    const failures = (r: ScanResult, failOn: 'blocker' | 'warning' | 'none') =>
      parse(render(r, { failOn })).cases.filter((c) => c.failure).map((c) => `${c.classname.split('.').pop()}:${c.name}:${c.failure!.type}`).sort();
    const r = makeScanResult();
    const blockers = failures(r, 'blocker');
    expect(blockers).toEqual([
      `${XSS_NAME}:vm-cdrom-host-device:blocker`, `${XSS_NAME}:vm-snapshots:blocker`, "=cmd|' /C calc'!A0:vm-usb-device:blocker",
      'legacy-01:host-ft-logging-nic:blocker', 'legacy-01:vm-vcpu-count:blocker', 'legacy-02:host-ft-logging-nic:blocker',
    ].sort());
    expect(failures(r, 'none')).toEqual(blockers);
    const withWarnings = failures(r, 'warning');
    expect(withWarnings).toEqual(expect.arrayContaining(['db-01:vm-disk-thin:warning', 'db-01:host-ft-logging-bandwidth:warning',
      'legacy-01:cluster-ha-admission-control:warning', 'legacy-02:cluster-ha-admission-control:warning']));
    expect(withWarnings).toHaveLength(blockers.length + 4);
    const { cases } = parse(render(r));
    const failure = cases.find((c) => c.name === 'vm-vcpu-count' && c.failure)!.failure!;
    expect(failure.message).toBe('2 vCPUs; legacy FT allows 1');
    expect(failure['#text']).toContain('evidence: config.hardware.numCPU = 2 (expected <= 1)');
    expect(failure['#text']).toContain('fix: Reduce the VM to 1 vCPU');
  });

  it('reports unreadable data as an error and a failed vCenter as an error', () => {
    const { cases, root } = parse(render(makeScanResult()));
    const errors = cases.filter((c) => c.error);
    expect(errors.map((c) => `${c.classname}:${c.name}`).sort()).toEqual([
      `ftscan.collection.${FAILED_SERVER}:collection`,
      'ftscan.vc1.example.com.Prod-A.report, "q1"\nnext|line:vm-devices-readable',
    ].sort());
    expect(Number(root.errors)).toBe(2);
  });

  it('skips excluded VMs and waived findings', () => {
    const r = applyPolicy(makeEvaluatedScan(), { waivers: [{ rule: 'vm-usb-device', object: 'vm-104', reason: 'dongle', expires: '2099-12-31' }] }, '2026-11-28');
    const { cases, root } = parse(render(r));
    const skipped = cases.filter((c) => c.skipped);
    expect(skipped.map((c) => `${c.classname.split('.').pop()}:${c.name}`).sort()).toEqual([
      "=cmd|' /C calc'!A0:vm-usb-device", 'template-rhel9:excluded', 'vCLS-5c1f7f5e:excluded',
    ].sort());
    expect(skipped.find((c) => c.name === 'vm-usb-device')!.skipped!.message).toBe('waived: dongle (until 2099-12-31)');
    expect(Number(root.skipped)).toBe(3);
    expect(cases.some((c) => c.name === 'vm-usb-device' && c.failure)).toBe(false);
  });
});
