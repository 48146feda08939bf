// Issue 21 (bytes): schema 4.0 writes each fact once, continued. References to findings are positions in
// evaluation.findings; what an object's inventory record, the evaluation or another inventory record gives is left
// out (names, a VM's host / cluster / editionSource, a disk's datastore and home directory, a NIC's port group and
// switch, a VM's .vmx path in its own evidence); evidence items and generation reasons several VMs share are
// written once. Reading gives back the in-memory result value for value, and 3.0 reports are still read.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { vcsimShapedResult } from '../../../bench/report-rss.js';
import { applyPolicy, factsOf } from '../../../src/policy/index.js';
import { render } from '../../../src/report/json.js';
import { readScanJson } from '../../../src/result/read.js';
import { type RuleSummary, SCHEMA_VERSION, type ScanResult } from '../../../src/result/types.js';
import { makeScanResult } from '../report/fixtures.js';
import { toV1 } from './v1.js';
import { expectRefused } from './refused.js';
import { DVS, edgeResult } from './edge.js';

const gz = (name: string) => gunzipSync(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))).toString('utf8');
const v22Text = gz('demo-2.2.json.gz');
const v30Text = gz('demo-3.0.json.gz'); // the demo as HEAD's build wrote it before 4.0 (`npm run demo`)

const invLine = (doc: any, moid: string) => doc.targets[0].inventory.vms.find((v: any) => v.moid === moid);

describe('schema 4.0: each fact once, continued', () => {
  const r = edgeResult();
  const text = render(r);
  const doc = JSON.parse(text);
  const inv = r.targets[0]!.inventory!;

  it('reads back the result value for value, edge cases included', () => {
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe('4.0');
    const back = readScanJson(text, 'edge.json');
    expect(back).toEqual(r);
    expect(render(back)).toBe(text);
  });

  it('refers to a finding by its position in evaluation.findings: its id is written once, as its own', () => {
    for (const f of r.evaluation.findings) expect(text.split(`"${f.id}"`).length - 1, f.ruleId).toBe(1);
    r.evaluation.vms.forEach((vm, i) => {
      expect(doc.evaluation.vms[i].findingIds.map((n: number) => doc.evaluation.findings[n].id)).toEqual(vm.findingIds);
    });
    r.causes!.list.forEach((c, i) => {
      expect(doc.causes.list[i].findingIds.map((n: number) => doc.evaluation.findings[n].id)).toEqual(c.findingIds);
    });
  });

  it('leaves out of an inventory VM record what its host, its only datastore, its home directory and its port group give', () => {
    const all = invLine(doc, inv.vms[0]!.moid);
    expect(all).not.toHaveProperty('clusterMoid');
    expect(all).not.toHaveProperty('datacenter');
    expect(all.disks[0]).toEqual(expect.objectContaining({ file: `${inv.vms[0]!.name}.vmdk` }));
    expect(all.disks[0]).not.toHaveProperty('fileName');
    expect(all.disks[0]).not.toHaveProperty('datastoreMoid');
    expect(all.nics[0]).not.toHaveProperty('networkMoid');
    expect(all.nics[0]).not.toHaveProperty('dvsUuid');
    const [, two, lost, odd, plain] = inv.vms;
    expect(invLine(doc, two!.moid).disks.map((d: any) => [d.datastoreMoid, d.fileName, d.file])).toEqual([
      ['datastore-31', undefined, `${two!.name}.vmdk`],
      ['datastore-32', '[esx-a2-local] elsewhere/data.vmdk', undefined],
    ]);
    expect(invLine(doc, lost!.moid)).toMatchObject({ clusterMoid: lost!.clusterMoid, datacenter: 'DC-East' });
    expect(invLine(doc, lost!.moid).nics[0]).toMatchObject({ networkMoid: 'network-41' });
    const o = invLine(doc, odd!.moid);
    expect(o).toMatchObject({ clusterMoid: null, datacenter: null });
    expect(o.disks[0].datastoreMoid).toBeNull();
    expect(o.nics.map((n: any) => [n.networkMoid, n.dvsUuid])).toEqual([
      [undefined, 'another switch'],
      ['network-41', DVS], // network-41 is a standard network: no switch to derive it from
      [null, undefined],
    ]);
    expect(invLine(doc, plain!.moid).disks[0]).toMatchObject({ fileName: 'vm-home/plain.vmdk' });
  });

  it("leaves out of assessments and findings the names, host and cluster their inventory gives, and a VM's own .vmx path", () => {
    const [renamed, hostless, ...rest] = doc.evaluation.vms;
    expect(renamed.name).toBe('renamed since');
    expect(hostless.hostMoid).toBeNull();
    rest.forEach((v: any, i: number) => {
      const vm = r.evaluation.vms[i + 2]!;
      const record = inv.vms.find((x) => x.moid === vm.moid)!;
      expect(v).not.toHaveProperty('name');
      // the what-if's placement is written, the VM's own host is not
      expect('hostMoid' in v).toBe(vm.hostMoid !== record.hostMoid);
      expect('secondaryCandidates' in v).toBe(vm.secondaryCandidates.length > 0);
    });
    expect(rest.filter((v: any) => !('hostMoid' in v)).length).toBeGreaterThan(2);
    // (the fixture's host and datastore entries name no vCenter in a two-target report: their names stay)
    for (const a of doc.evaluation.clusters) expect(a).not.toHaveProperty('name');
    const named = doc.evaluation.findings.filter((f: any) => f.name !== undefined);
    expect(named.map((f: any) => f.name)).toEqual(['esx-old-name.example.com']);
    // The .vmx path: once per VM (its inventory record); an evidence item without value is written whole.
    for (const vm of inv.vms) expect(text.split(JSON.stringify(vm.vmPathName)).length - 1, vm.moid).toBe(1);
    const whole = doc.evaluation.findings.flatMap((f: any) => f.evidence).filter((e: any) => e.path === 'config.files.vmPathName');
    expect(whole).toHaveLength(2);
    expect(whole.some((e: any) => e.moid !== undefined && !('observed' in e))).toBe(true);
    expect(whole.some((e: any) => e.moid === undefined && !('observed' in e))).toBe(true);
  });

  const broken: [string, (d: any) => void, RegExp][] = [
    [
      'a findingIds position outside evaluation.findings',
      (d) => (d.evaluation.vms[2].findingIds = [999]),
      /\/evaluation\/vms\/2\/findingIds\/0 is no position in evaluation\.findings/,
    ],
    [
      'a cause position outside evaluation.findings',
      (d) => (d.causes.list[0].findingIds = [999]),
      /\/causes\/list\/0\/findingIds\/0 is no position/,
    ],
    [
      'an evidence position outside evaluation.findings',
      (d) => (d.evaluation.findings[1].evidence = [{ finding: 999 }]),
      /evidence\/0\/finding is no position in evaluation\.findings/,
    ],
    [
      'a shared evidence position no entry has',
      (d) => (d.evaluation.findings[0].evidence = [{ evidence: 99 }]),
      /evidence\/0 is no position in evaluation\.sharedEvidence/,
    ],
    [
      'a generation reason position no entry has',
      (d) => (d.evaluation.vms[2].generationReason = 99),
      /generationReason is no position in evaluation\.generationReasons/,
    ],
    [
      'a VM without name its inventory does not hold',
      (d) => (d.evaluation.vms[2].moid = 'vm-gone'),
      /\/evaluation\/vms\/2 has no name and its inventory none/,
    ],
    [
      'a disk file relative to no home directory',
      (d) => delete d.targets[0].inventory.vms[0].vmPathName,
      /\/targets\/0\/inventory\/vms\/0\/disks\/0 has a file relative to a VM home its vmPathName does not give/,
    ],
  ];
  it.each(broken)('refuses %s with one line (exit 2 in the CLI)', (_n, mutate, re) => {
    const d = JSON.parse(text);
    mutate(d);
    expectRefused(d, re);
  });

  it('is refused, not misread, as a 3.x report (what a 3.x reader would do with it)', () => {
    const d = JSON.parse(text);
    d.schemaVersion = '3.0';
    expect(() => readScanJson(JSON.stringify(d), 'new.json')).toThrow(/^new\.json is not a valid ftscan report \(schemaVersion 3\.0\): /);
  });
});

describe('schema 4.0 reads what 3.0 wrote', () => {
  it('rewrites a 1.x report (multi-target, a failed target, waivers) into 4.0 and reads the same model back', () => {
    // judged again as `ftscan report` does (a 1.x document's counts predate the current verdicts)
    const v1 = applyPolicy(factsOf(readScanJson(JSON.stringify(toV1(makeScanResult())), 'old.json')), {}, '2026-12-08');
    const text = render(v1);
    expect(JSON.parse(text).schemaVersion).toBe('4.0');
    expect(readScanJson(text, 'new.json')).toEqual(v1);
  });

  it("reads the demo's 3.0 report (HEAD's build) into the model its 4.0 rewrite reads back, with the 2.2 report's ids and verdicts", () => {
    const v30 = readScanJson(v30Text, 'demo-3.0.json');
    const rewritten = render(v30);
    expect(JSON.parse(rewritten).schemaVersion).toBe('4.0');
    expect(rewritten.length).toBeLessThan(0.85 * v30Text.length);
    expect(readScanJson(rewritten, 'demo-4.0.json')).toEqual({ ...v30, schemaVersion: '4.0' });
    const v22 = readScanJson(v22Text, 'demo-2.2.json');
    const verdicts = (x: ScanResult) => x.evaluation.vms.map((v) => `${v.moid} ${v.verdict} ${v.fixIds.join(',')}`).sort();
    expect(verdicts(v30)).toEqual(verdicts(v22));
    expect(v30.evaluation.findings.map((f) => f.id).sort()).toEqual(v22.evaluation.findings.map((f) => f.id).sort());
  });
});

describe('schema 4.0: size of a vcsim-shaped result (no vCenter)', () => {
  it('2,000 VMs with the rule table a scan writes: read back value for value, in at most 2.2 KB per VM (3.0: 2.4 KB at 10,000)', () => {
    const r = vcsimShapedResult(2_000);
    const rules = new Map<string, RuleSummary>();
    for (const f of r.evaluation.findings)
      if (!rules.has(f.ruleId))
        rules.set(f.ruleId, {
          id: f.ruleId,
          title: f.ruleId,
          severity: f.severity,
          scope: f.scope,
          generations: ['legacy', 'smp'],
          remediation: f.remediation,
          disruption: f.disruption,
        });
    r.rules = [...rules.values()];
    const text = render(r);
    expect(readScanJson(text)).toEqual(readScanJson(render(readScanJson(text))));
    const back = readScanJson(text);
    expect(back.evaluation.findings).toEqual(r.evaluation.findings);
    expect(back.evaluation.vms).toEqual(r.evaluation.vms);
    expect(back.targets).toEqual(r.targets);
    expect(text.length / 2_000).toBeLessThanOrEqual(2200);
  });
});
