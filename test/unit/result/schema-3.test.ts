// Issue 21 (bytes): schema 3.0 writes each fact once and reads back the in-memory shape of every earlier version
// (the current writer, 4.0, keeps what 3.0 did: test/unit/result/schema-4.test.ts has what 4.0 adds).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { applyPolicy, factsOf } from '../../../src/policy/index.js';
import { render } from '../../../src/report/json.js';
import { mergeResults } from '../../../src/result/merge.js';
import { MAX_JSON_DEPTH, readScanJson } from '../../../src/result/read.js';
import { type RuleSummary, SCHEMA_VERSION, type ScanResult } from '../../../src/result/types.js';
import { expectRefused } from './refused.js';

const v22Text = gunzipSync(readFileSync(new URL('./fixtures/demo-2.2.json.gz', import.meta.url))).toString('utf8');
const demo = () => readScanJson(v22Text, 'demo-2.2.json');
// The in-memory shape without what only a 3.0 read adds (the rule rows' remediation and disruption).
const model = (r: ScanResult) => ({
  ...r,
  schemaVersion: '-',
  rules: r.rules?.map(({ remediation: _r, disruption: _d, ...x }) => x),
});
const lines = (text: string, from: string) => {
  const all = text.split('\n');
  const start = all.indexOf(from);
  const end = all.findIndex((l, i) => i > start && /^ {4}\]/.test(l));
  return all.slice(start + 1, end);
};

describe('schema 3.0: each fact once', () => {
  const r = demo();
  const text = render(r);
  const doc = JSON.parse(text);

  it('reads back the model of the 2.2 report, value for value', () => {
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(model(readScanJson(text, 'demo-3.0.json'))).toEqual(model(r));
  });

  it("writes a rule's remediation once, in rules, and a finding's only where it overrides the rule's", () => {
    const byRule = new Map<string, number>();
    for (const f of r.evaluation.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const rows = doc.rules as RuleSummary[];
    let checked = 0;
    for (const row of rows) {
      const uses = r.evaluation.findings.filter((f) => f.ruleId === row.id && f.remediation === row.remediation).length;
      if (uses < 2) continue;
      checked++;
      // (a cause of "what to fix first" names its fix too: the policy stage's answer, not the rule's fact)
      const inCauses = JSON.stringify(doc.causes).split(JSON.stringify(row.remediation)).length - 1;
      expect(text.split(JSON.stringify(row.remediation)).length - 1 - inCauses, row.id).toBe(1);
    }
    expect(checked).toBeGreaterThan(5);
    // vm-secondary-host's warning names the host whose fix it needs: its own remediation stays on the finding.
    const own = doc.evaluation.findings.filter((f: any) => f.remediation !== undefined);
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(f.remediation).not.toBe(rows.find((x) => x.id === f.ruleId)!.remediation);
  });

  it('names the vCenter in targets only: no finding or assessment repeats its URL', () => {
    const server = r.targets[0]!.server;
    for (const list of ['findings', 'vms', 'clusters', 'hosts', 'datastores'])
      for (const l of lines(text, `    "${list}": [`)) expect(l).not.toContain(server);
  });

  it("writes each cluster's host analysis for vm-secondary-host once, the findings naming its groups", () => {
    const pairing = r.evaluation.findings.filter(
      (f) => f.ruleId === 'vm-secondary-host' && f.message.startsWith('no other host in cluster'),
    );
    expect(pairing.length).toBeGreaterThan(5);
    const written = doc.evaluation.findings.filter((f: any) => f.ruleId === 'vm-secondary-host' && f.secondaryHosts);
    expect(written).toHaveLength(pairing.length);
    for (const f of written) expect(f.message).toBeUndefined();
    const groups = doc.evaluation.clusters.flatMap((c: any) => c.secondaryHosts ?? []) as string[];
    expect(groups.length).toBeLessThan(pairing.length);
    for (const g of groups) expect(text.split(JSON.stringify(g)).length - 1).toBe(1);
    // A host finding's evidence that rejects a candidate is a reference to that finding.
    // (4.0: by its position in evaluation.findings)
    expect(written.some((f: any) => f.evidence.some((e: any) => typeof e.finding === 'number'))).toBe(true);
  });

  it('a 2.2 baseline marks nothing of the same estate new in a 3.0 report, and a 2.2 and a 3.0 copy merge as one vCenter', () => {
    const now = readScanJson(text, 'now.json');
    const judged = applyPolicy(factsOf(now), { baseline: { file: 'demo-2.2.json', result: r } }, '2026-12-08');
    expect(judged.baseline).toMatchObject({ new: 0, unchanged: r.evaluation.findings.length, resolved: [] });
    const warnings: string[] = [];
    const merged = mergeResults(
      [
        { file: 'demo-2.2.json', result: r },
        { file: 'demo-3.0.json', result: now },
      ],
      (w) => warnings.push(w),
      Date.parse('2026-12-08T01:00:00Z'),
    );
    expect(warnings).toHaveLength(1); // the same vCenter in both: one copy kept
    expect(merged.targets).toHaveLength(1);
    expect(merged.evaluation.findings.map((f) => f.id).sort()).toEqual(r.evaluation.findings.map((f) => f.id).sort());
  });

  it('leaves out inventory VM fields equal to their schema default, and reads them back', () => {
    const vm = doc.targets[0].inventory.vms[0];
    expect(vm).not.toHaveProperty('template');
    expect(vm).not.toHaveProperty('usb');
    const back = readScanJson(text).targets[0]!.inventory!.vms[0]!;
    expect(back.template).toBe(false);
    expect(back.usb).toEqual([]);
    expect(back).toEqual(r.targets[0]!.inventory!.vms[0]);
  });

  const broken: [string, (d: any) => void, RegExp][] = [
    [
      'a finding without severity whose rule is not in rules',
      (d) => (d.rules = d.rules.filter((x: any) => x.id !== d.evaluation.findings[0].ruleId)),
      /\/evaluation\/findings\/0 has no (severity|scope)/,
    ],
    ['a target index no target has', (d) => (d.evaluation.vms[0].target = 5), /\/evaluation\/vms\/0\/target 5 names no entry of targets/],
    [
      'a fix position outside findingIds',
      (d) => (d.evaluation.vms.find((v: any) => v.fix).fix = [99]),
      /fix\/0 is no position in its findingIds/,
    ],
    [
      'an evidence reference to no finding',
      (d) =>
        (d.evaluation.findings.find((f: any) => f.evidence.some((e: any) => e.finding)).evidence[0] = { finding: 'ffffffffffffffffffff' }),
      /refers to finding ffffffffffffffffffff, which has no evidence of its own/,
    ],
    [
      'a secondaryHosts group the cluster does not have',
      (d) => (d.evaluation.findings.find((f: any) => f.secondaryHosts).secondaryHosts = [42]),
      /has no message, and no secondaryHosts its VM's cluster entry gives/,
    ],
  ];
  it.each(broken)('refuses %s with one line (exit 2 in the CLI)', (_n, mutate, re) => {
    const d = JSON.parse(text);
    mutate(d);
    expectRefused(d, re);
  });

  it('counts nesting outside strings only (brackets and escaped quotes in strings do not count)', () => {
    const d = JSON.parse(text);
    d.evaluation.findings[0].message = `x\\"${'['.repeat(MAX_JSON_DEPTH + 5)}\\\\`;
    expect(() => readScanJson(JSON.stringify(d))).not.toThrow();
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 5; i++) deep = [deep];
    d.evaluation.findings[0].evidence[0].observed = deep;
    expect(() => readScanJson(JSON.stringify(d), 'deep.json')).toThrow(/^deep\.json nests more than 200 levels deep/);
  });
});
