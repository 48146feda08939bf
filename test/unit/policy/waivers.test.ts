import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPolicy, factsOf, loadWaivers, WaiverFileError, type Waiver } from '../../../src/policy/index.js';
import { failOnExitCode } from '../../../src/policy/exit-code.js';
import { parseWaivers } from '../../../src/policy/waivers.js';
import { FORMATS } from '../../../src/report/index.js';
import { render as renderJson } from '../../../src/report/json.js';
import { readScanJson } from '../../../src/result/read.js';
import type { EvaluatedScan, ScanResult } from '../../../src/result/types.js';
import { FORMULA_NAME, makeEvaluatedScan, makeFindings, makeScanResult, renderText, SERVER, XSS_NAME } from '../report/fixtures.js';

const RULES = Object.values(makeFindings()).map((f) => f.ruleId);
const dir = mkdtempSync(join(tmpdir(), 'ftscan-waivers-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `w${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

const usb: Waiver = { rule: 'vm-usb-device', object: 'vm-104', reason: 'licence dongle until Q1 migration', expires: '2026-12-31' };

/** The policy stage with waivers only. */
const waive = (waivers: Waiver[], today: Date | string = '2026-11-28', scan: EvaluatedScan = makeEvaluatedScan()) =>
  applyPolicy(scan, { waivers }, today);
const findingOf = (r: ScanResult, id: string) => r.evaluation.findings.find((f) => f.id === id)!;

describe('loadWaivers', () => {
  it('reads a list of waivers', () => {
    const p = file(`# accepted risks
- rule: vm-usb-device
  object: "${FORMULA_NAME.replace(/"/g, '\\"')}"
  reason: licence dongle
  expires: 2026-12-31
- rule: vm-snapshots
  object: "web-*"
  server: vc1.example.com
  reason: backup window
  expires: "2027-01-15"
`);
    expect(loadWaivers(p, RULES)).toEqual([
      { rule: 'vm-usb-device', object: FORMULA_NAME, reason: 'licence dongle', expires: '2026-12-31' },
      { rule: 'vm-snapshots', object: 'web-*', server: 'vc1.example.com', reason: 'backup window', expires: '2027-01-15' },
    ]);
    expect(loadWaivers(file('waivers:\n  - {rule: vm-snapshots, object: x, reason: y, expires: 2026-01-01}\n'), RULES)).toHaveLength(1);
    expect(loadWaivers(file('# nothing waived yet\n'), RULES)).toEqual([]);
  });

  const bad: [string, string | null, RegExp][] = [
    ['unreadable file', null, /^cannot read waivers file .*missing\.yaml \(ENOENT\): check the --waivers path and its permissions$/],
    [
      'bad YAML',
      '- rule: vm-snapshots\n  object: [unclosed\n',
      /^waivers file .*: invalid YAML at line \d+, column \d+ \(.+\); each waiver needs rule, object, reason and expires \(YYYY-MM-DD\)$/,
    ],
    ['not a list', 'rule: vm-snapshots\n', /: expected a list of waivers; each waiver needs/],
    ['entry not a mapping', '- vm-snapshots\n', /: entry 1 \(line 1\) is not a mapping; each waiver needs/],
    [
      'missing reason',
      '- rule: vm-snapshots\n  object: x\n  expires: 2026-01-01\n',
      /: entry 1 \(line 1\): missing "reason"; each waiver needs/,
    ],
    ['missing expires', '- {rule: vm-snapshots, object: x, reason: y}\n', /: entry 1 \(line 1\): missing "expires"/],
    ['empty object', '- {rule: vm-snapshots, object: "", reason: y, expires: 2026-01-01}\n', /: missing "object"/],
    [
      'bad date format',
      '- {rule: vm-snapshots, object: x, reason: y, expires: 31/12/2026}\n',
      /: entry 1 \(line 1\): "expires" must be a date YYYY-MM-DD, got "31\/12\/2026"$/,
    ],
    [
      'impossible date',
      '- {rule: vm-snapshots, object: x, reason: y, expires: 2026-02-30}\n',
      /"expires" must be a date YYYY-MM-DD, got "2026-02-30"$/,
    ],
    [
      'number as date',
      '- {rule: vm-snapshots, object: x, reason: y, expires: 20261231}\n',
      /"expires" must be a date YYYY-MM-DD, got 20261231$/,
    ],
    [
      'unknown rule id',
      '- {rule: vm-snapshots, object: x, reason: y, expires: 2026-01-01}\n- {rule: vm-snapshot, object: x, reason: y, expires: 2026-01-01}\n',
      /: entry 2 \(line 2\): unknown rule id "vm-snapshot"; did you mean "vm-snapshots"\?$/,
    ],
    [
      'unknown rule id, nothing close',
      '- {rule: totally-else, object: x, reason: y, expires: 2026-01-01}\n',
      /unknown rule id "totally-else"; use a rule id from the report's ruleId column$/,
    ],
    [
      'unknown key',
      '- {rule: vm-snapshots, object: x, reason: y, expire: 2026-01-01}\n',
      /: entry 1 \(line 1\): unknown key "expire" \(allowed: rule, object, server, reason, expires\)$/,
    ],
    [
      'object not text',
      '- {rule: vm-snapshots, object: [a, b], reason: y, expires: 2026-01-01}\n',
      /"object" must be text, got \["a","b"\]$/,
    ],
  ];
  it.each(bad)('rejects %s with a one-line error', (_name, text, re) => {
    const p = text === null ? join(dir, 'missing.yaml') : file(text);
    let err: unknown;
    try {
      loadWaivers(p, RULES);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WaiverFileError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('parseWaivers', () => {
  it('names the file it was given in its errors', () => {
    expect(() => parseWaivers('- {rule: nope, object: x, reason: y, expires: 2026-01-01}\n', 'team/waivers.yaml', RULES)).toThrow(
      /^waivers file team\/waivers\.yaml: entry 1 \(line 1\): unknown rule id "nope"/,
    );
  });
});

describe('waivers (policy stage)', () => {
  it('hides a finding from the verdict but keeps it visible as waived', () => {
    const before = makeScanResult();
    const facts = makeEvaluatedScan();
    const r = waive([usb], '2026-11-28', facts);
    const vm = r.evaluation.vms.find((v) => v.moid === 'vm-104')!;
    expect(findingOf(r, vm.findingIds[0]!).waived).toEqual({ reason: usb.reason, expires: '2026-12-31' });
    expect(vm.verdict).toBe('ready');
    expect(vm.fixIds).toEqual([]);
    expect(r.evaluation.findings.find((f) => f.ruleId === 'vm-usb-device')!.waived).toBeDefined();
    expect(r.waivers).toEqual({ applied: 1, expired: [] });
    expect(r.summary.vms).toEqual({ ...before.summary.vms, blocked: 3, ready: 2 });
    expect(r.summary.findings.blocker).toBe(before.summary.findings.blocker - 1);
    expect(r.evaluation.clusters[0]!.counts).toEqual({ ...before.evaluation.clusters[0]!.counts, blocked: 1, ready: 2 });
    // The input is untouched.
    expect(facts).toEqual(makeEvaluatedScan());
    expect(before.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
  });

  it('a waiver that matches no finding is stale: warned with a code and listed in the report (issue 17 §4)', () => {
    const gone: Waiver = { rule: 'vm-usb-device', object: 'vm-gone-*', reason: 'decommissioned', expires: '2026-12-31' };
    // A whole scan: every vCenter read completely, no what-if cluster.
    const whole = () => {
      const scan = makeEvaluatedScan();
      delete scan.targetCluster;
      scan.targets = scan.targets.filter((t) => t.status === 'complete');
      return scan;
    };
    const r = waive([usb, gone], '2026-11-28', whole());
    expect(r.waivers!.applied).toBe(1);
    expect(r.waivers!.stale).toEqual([{ ruleId: 'vm-usb-device', object: 'vm-gone-*', reason: 'decommissioned', expires: '2026-12-31' }]);
    expect(r.warnings).toEqual([
      { code: 'waiver-stale', message: expect.stringMatching(/^stale waiver: vm-usb-device on vm-gone-\* .*matches no finding/) },
    ]);
    expect(readScanJson(renderJson(r)).waivers!.stale).toHaveLength(1); // valid against the schema
    // The waiver that matched is not stale; an incomplete or VM-scoped scan does not call anything stale.
    expect(waive([usb], '2026-11-28', whole()).waivers!.stale).toBeUndefined();
    // A waiver for a vCenter this job does not scan (one file shared by several jobs) is not stale here.
    expect(waive([usb, { ...gone, server: 'vc-elsewhere.example.com' }], '2026-11-28', whole()).waivers!.stale).toBeUndefined();
    const partial = whole();
    partial.targets[0]!.status = 'incomplete';
    expect(waive([usb, gone], '2026-11-28', partial).waivers!.stale).toBeUndefined();
    expect(waive([usb, gone]).waivers!.stale).toBeUndefined(); // a failed vCenter: its findings were not seen
  });

  it('[hostile] a waiver glob against a VM named with 20,000 dashes answers at once (no backtracking)', () => {
    const facts = makeEvaluatedScan();
    const f = facts.evaluation.findings.find((x) => x.ruleId === 'vm-usb-device')!;
    f.name = '-'.repeat(20_000);
    const started = Date.now();
    const r = applyPolicy(facts, { waivers: [{ ...usb, object: '*-*-*x' }] }, '2026-11-28');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.evaluation.findings.some((x) => x.waived)).toBe(false);
    expect(applyPolicy(facts, { waivers: [{ ...usb, object: '*-*-*-' }] }, '2026-11-28').waivers!.applied).toBe(1);
  });

  it('matches the object by moid, exact name or glob, the rule exactly, and the server when given', () => {
    const waived = (w: Partial<Waiver>) =>
      waive([{ ...usb, rule: 'vm-snapshots', ...w }])
        .evaluation.findings.filter((f) => f.waived)
        .map((f) => `${f.ruleId}@${f.moid}`);
    expect(waived({ object: 'vm-103' })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: XSS_NAME })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: '<img*' })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: '*', rule: 'host-ft-logging-nic' })).toEqual(['host-ft-logging-nic@host-21']);
    expect(waived({ object: 'esx-b1.example.com', rule: 'host-ft-logging-nic', server: `https://${SERVER}/sdk` })).toEqual([
      'host-ft-logging-nic@host-21',
    ]);
    expect(waived({ object: 'vm-103', server: 'vc2.example.com' })).toEqual([]);
    expect(waived({ object: 'vm-104' })).toEqual([]);
  });

  it('recomputes a verdict from what is left: a waived blocker with a warning left is "warnings"', () => {
    const r = waive([{ ...usb, rule: 'host-ft-logging-nic', object: 'esx-b1.example.com' }]);
    const byMoid = Object.fromEntries(r.evaluation.vms.map((v) => [v.moid, v.verdict]));
    expect(byMoid['vm-202']).toBe('warnings'); // admission-control warning remains
    expect(byMoid['vm-201']).toBe('blocked'); // its vCPU blocker remains
    const before = makeScanResult().evaluation.clusters[1]!.counts;
    expect(r.evaluation.clusters[1]!.counts).toEqual({ ...before, ready: 0, warnings: 1, blocked: 1, unknown: 0, excluded: 1 });
    // The waived host fix leaves the fix lists; the warning's fix stays.
    const f = makeFindings();
    expect(r.evaluation.vms.find((v) => v.moid === 'vm-202')!.fixIds).toEqual([f.admission.id]);
  });

  it('an expired waiver stops hiding its finding and is itself reported', () => {
    const r = waive([{ ...usb, expires: '2026-11-27' }]);
    const f = r.evaluation.findings.find((x) => x.ruleId === 'vm-usb-device')!;
    expect(f.waived).toBeUndefined();
    expect(f.expiredWaiver).toEqual({ reason: usb.reason, expires: '2026-11-27' });
    expect(r.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
    expect(r.waivers).toEqual({
      applied: 0,
      expired: [{ ruleId: 'vm-usb-device', object: 'vm-104', reason: usb.reason, expires: '2026-11-27', findings: 1 }],
    });
    expect(failOnExitCode(r, 'blocker')).toBe(1);
  });

  it('a waiver is valid through its expiry day', () => {
    expect(waive([{ ...usb, expires: '2026-11-28' }], '2026-11-28').waivers!.applied).toBe(1);
    const local = new Date(2026, 10, 28, 23, 59); // local calendar date, not UTC
    expect(waive([{ ...usb, expires: '2026-11-28' }], local).waivers!.applied).toBe(1);
  });

  it('is idempotent and undoes earlier waivers when re-applied (e.g. on a re-read report)', () => {
    const once = waive([usb]);
    const again = applyPolicy(factsOf(once), { waivers: [usb] }, '2026-11-28');
    expect(again).toEqual(once);
    const reread = readScanJson(renderJson(once));
    expect(applyPolicy(factsOf(reread), { waivers: [usb] }, '2026-11-28')).toEqual(JSON.parse(JSON.stringify(once)));
    const undone = applyPolicy(factsOf(reread), { waivers: [] }, '2026-11-28');
    expect(undone.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
    expect(undone.evaluation.findings.some((f) => f.waived)).toBe(false);
    expect(undone.summary.vms).toEqual(makeScanResult().summary.vms);
  });

  it('shows waived findings and expired waivers in every format', () => {
    const snap: Waiver = { rule: 'vm-snapshots', object: 'vm-103', reason: 'backup window ends soon', expires: '2026-01-01' };
    const r = waive([usb, snap]);
    // csv is one row per VM (its waived_findings count); the waivers themselves are in csv-findings
    for (const format of FORMATS.filter((f) => f !== 'csv')) {
      const out = renderText(format, r, { detail: true }); // the full listing (table and markdown)
      expect(out, format).toContain('licence dongle until Q1 migration');
      expect(out, format).toContain('backup window ends soon');
      expect(out, format).toContain('2026-01-01');
    }
  });
});
