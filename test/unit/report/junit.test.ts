import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/report/junit.js';
import { applyPolicy } from '../../../src/policy/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { CSV_NAME, FAILED_SERVER, FORMULA_NAME, makeEvaluatedScan, makeScanResult, XSS_NAME } from './fixtures.js';

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
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml);
  const root = doc.testsuites;
  const cases: (TestCase & { suite: string })[] = root.testsuite.flatMap((s: any) =>
    (s.testcase ?? []).map((c: any) => ({ ...c, suite: s.name })),
  );
  return { root, cases };
}

const prop = (c: TestCase, name: string) => c.properties?.property.find((p) => p.name === name)?.value;

describe('junit report', () => {
  const IN_SCOPE = ['web-01', 'db-01', XSS_NAME, FORMULA_NAME, CSV_NAME, 'legacy-01', 'legacy-02'];
  const vmCases = (cases: (TestCase & { suite: string })[]) => cases.filter((c) => prop(c, 'verdict') !== undefined);

  it('is well-formed XML with hostile names escaped (and read back verbatim)', () => {
    const { cases } = parse(render(makeScanResult()));
    const xss = cases.filter((c) => c.name === XSS_NAME);
    expect(xss).toHaveLength(1);
    expect(xss[0]!.classname).toBe('ftscan.vc1_example_com.Prod-A');
    expect(xss[0]!.failure!['#text']).toContain('2 snapshots <b>present</b>');
  });

  it('stays well-formed with control characters in a name', () => {
    const r = makeScanResult();
    r.evaluation.vms[0]!.name = 'bad\u0001name\u001b[31m';
    const { cases } = parse(render(r));
    // the one XML rule (xmlText): a control character is shown as its escape, as on a terminal
    expect(cases.some((c) => c.name === 'bad\\x01name\\x1b[31m')).toBe(true);
  });

  it('has one testcase per VM, named by the VM, in a class per cluster whose name has no dots', () => {
    const { root, cases } = parse(render(makeScanResult()));
    const vms = vmCases(cases);
    expect(vms.map((c) => c.name).sort()).toEqual([...IN_SCOPE, 'vCLS-5c1f7f5e', 'template-rhel9'].sort());
    expect(new Set(vms.map((c) => c.classname))).toEqual(new Set(['ftscan.vc1_example_com.Prod-A', 'ftscan.vc1_example_com.Legacy-B']));
    // Jenkins splits classnames at dots: no host name or URL may be split into packages.
    expect(cases.every((c) => !/example\.com/.test(c.classname))).toBe(true);
    expect(root.testsuite.map((s: any) => s.name)).toEqual(
      expect.arrayContaining(['ftscan.Prod-A (vc1.example.com)', 'ftscan.Legacy-B (vc1.example.com)']),
    );
    const legacy01 = vms.find((c) => c.name === 'legacy-01')!;
    expect(prop(legacy01, 'verdict')).toBe('blocked');
    expect(prop(legacy01, 'host')).toBe('esx-b1.example.com');
    expect(Number(root.tests)).toBe(cases.length);
  });

  it('names a single vCenter nowhere in the classname', () => {
    const r = makeScanResult();
    r.targets = r.targets.slice(0, 1);
    const { cases } = parse(render(r));
    expect(new Set(vmCases(cases).map((c) => c.classname))).toEqual(new Set(['ftscan.Prod-A', 'ftscan.Legacy-B']));
    expect(cases.find((c) => c.name === 'esx-b1.example.com')!.classname).toBe('ftscan.hosts');
  });

  it('fails a blocked VM with its blockers in the message; warnings fail only with failOn warning', () => {
    const failures = (r: ScanResult, failOn: 'blocker' | 'warning' | 'none') =>
      vmCases(parse(render(r, { failOn })).cases)
        .filter((c) => c.failure)
        .map((c) => `${c.name}:${c.failure!.type}`)
        .sort();
    const r = makeScanResult();
    const blockers = failures(r, 'blocker');
    expect(blockers).toEqual([`${XSS_NAME}:blocker`, `${FORMULA_NAME}:blocker`, 'legacy-01:blocker', 'legacy-02:blocker'].sort());
    expect(failures(r, 'none')).toEqual(blockers);
    expect(failures(r, 'warning')).toEqual([...blockers, 'db-01:warning'].sort());
    const { cases } = parse(render(r));
    const legacy01 = cases.find((c) => c.name === 'legacy-01')!.failure!;
    expect(legacy01.message).toBe('2 blockers: host-ft-logging-nic@esx-b1.example.com, vm-vcpu-count');
    // One line per finding, rule id first (issue 24 §2): the evidence and fixes are in the JSON, not the CI page.
    expect(legacy01['#text']!.split('\n')).toEqual([
      'blocker host-ft-logging-nic@esx-b1.example.com: No vmknic is enabled for FT logging',
      'blocker vm-vcpu-count: 2 vCPUs; legacy FT allows 1',
      'warning cluster-ha-admission-control@Legacy-B: HA admission control is disabled; FT secondaries may not restart after a host failure',
    ]);
    expect(legacy01['#text']).not.toContain('evidence:');
    expect(cases.find((c) => c.name === 'legacy-02')!.failure!.message).toBe('1 blocker: host-ft-logging-nic@esx-b1.example.com');
    const web = cases.find((c) => c.name === 'web-01')!;
    expect(web.failure ?? web.error ?? web.skipped).toBeUndefined();
  });

  it('has one testcase per cluster, host and datastore with findings, failing on its blockers', () => {
    const { cases } = parse(render(makeScanResult()));
    const objects = cases.filter((c) => prop(c, 'objectType') !== undefined);
    expect(objects.map((c) => `${c.classname}:${c.name}`).sort()).toEqual([
      'ftscan.vc1_example_com.clusters:Legacy-B',
      'ftscan.vc1_example_com.datastores:esx-a2-local',
      'ftscan.vc1_example_com.hosts:esx-a2.example.com',
      'ftscan.vc1_example_com.hosts:esx-b1.example.com',
    ]);
    const esxB1 = objects.find((c) => c.name === 'esx-b1.example.com')!;
    expect(esxB1.failure!.message).toBe('1 blocker: host-ft-logging-nic@esx-b1.example.com');
    expect(prop(esxB1, 'moid')).toBe('host-21');
    // A warning passes at the default threshold and fails at 'warning'; info never fails.
    expect(objects.find((c) => c.name === 'Legacy-B')!.failure).toBeUndefined();
    const warned = parse(render(makeScanResult(), { failOn: 'warning' })).cases;
    expect(warned.find((c) => c.name === 'Legacy-B')!.failure!.type).toBe('warning');
    expect(warned.find((c) => c.name === 'esx-a2-local')!.failure).toBeUndefined();
  });

  it('reports unreadable data as an error and a failed vCenter as an error', () => {
    const { cases, root } = parse(render(makeScanResult()));
    const errors = cases.filter((c) => c.error);
    expect(errors.map((c) => `${c.classname}:${c.name}`).sort()).toEqual(
      [`ftscan.collection:${FAILED_SERVER}`, `ftscan.vc1_example_com.Prod-A:${CSV_NAME}`].sort(),
    );
    expect(errors.find((c) => c.name === CSV_NAME)!.error!.message).toBe('not readable: vm-devices-readable');
    expect(cases.find((c) => c.name === 'vc1.example.com' && c.classname === 'ftscan.collection')!.error).toBeUndefined();
    expect(Number(root.errors)).toBe(2);
  });

  it('skips excluded VMs; a VM whose only blocker is waived passes, its waiver in the output', () => {
    const r = applyPolicy(
      makeEvaluatedScan(),
      { waivers: [{ rule: 'vm-usb-device', object: 'vm-104', reason: 'dongle', expires: '2099-12-31' }] },
      '2026-11-28',
    );
    const { cases, root } = parse(render(r));
    const skipped = cases.filter((c) => c.skipped);
    expect(skipped.map((c) => c.name).sort()).toEqual(['template-rhel9', 'vCLS-5c1f7f5e']);
    expect(skipped.find((c) => c.name === 'template-rhel9')!.skipped!.message).toBe('excluded: template');
    expect(Number(root.skipped)).toBe(2);
    const formula = cases.find((c) => c.name === FORMULA_NAME)! as TestCase & { 'system-out'?: string };
    expect(formula.failure).toBeUndefined();
    expect(formula['system-out']).toContain('waived: dongle (until 2099-12-31)');
  });

  it('passes a protected VM and fails one whose FT runs unprotected', () => {
    const scan = makeEvaluatedScan();
    scan.evaluation.vms.find((v) => v.moid === 'vm-101')!.protection = { verdict: 'protected', state: 'running', reason: 'FT running' };
    scan.evaluation.vms.find((v) => v.moid === 'vm-202')!.protection = {
      verdict: 'degraded',
      state: 'needSecondary',
      reason: 'secondary not running',
    };
    const { cases } = parse(render(applyPolicy(scan, {}, '2026-11-28')));
    const web = cases.find((c) => c.name === 'web-01')! as TestCase & { 'system-out'?: string };
    expect(prop(web, 'verdict')).toBe('protected');
    expect(web.failure ?? web.error ?? web.skipped).toBeUndefined();
    expect(web['system-out']).toContain('protected: FT running');
    expect(cases.find((c) => c.name === 'legacy-02')!.failure!.type).toBe('degraded');
  });

  it('counts every VM, object and vCenter once: no testcase per VM x rule', () => {
    const r = makeScanResult();
    const { root } = parse(render(r));
    // 9 VMs, 4 objects with findings, 2 vCenters.
    expect(Number(root.tests)).toBe(r.evaluation.vms.length + 4 + r.targets.length);
  });
});
