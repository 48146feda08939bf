import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, renderReport } from '../../../src/report/index.js';
import { failOnExitCode } from '../../../src/report/verdict.js';
import { applyWaivers, loadWaivers, WaiverFileError, type Waiver } from '../../../src/report/waivers.js';
import { FORMULA_NAME, makeFindings, makeScanResult, SERVER, XSS_NAME } from './fixtures.js';

const RULES = Object.values(makeFindings()).map((f) => f.ruleId);
const dir = mkdtempSync(join(tmpdir(), 'ftscan-waivers-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `w${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

const usb: Waiver = { rule: 'vm-usb-device', object: 'vm-104', reason: 'licence dongle until Q1 migration', expires: '2026-12-31' };

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
    ['bad YAML', '- rule: vm-snapshots\n  object: [unclosed\n', /^waivers file .*: invalid YAML at line \d+, column \d+ \(.+\); each waiver needs rule, object, reason and expires \(YYYY-MM-DD\)$/],
    ['not a list', 'rule: vm-snapshots\n', /: expected a list of waivers; each waiver needs/],
    ['entry not a mapping', '- vm-snapshots\n', /: entry 1 \(line 1\) is not a mapping; each waiver needs/],
    ['missing reason', '- rule: vm-snapshots\n  object: x\n  expires: 2026-01-01\n', /: entry 1 \(line 1\): missing "reason"; each waiver needs/],
    ['missing expires', '- {rule: vm-snapshots, object: x, reason: y}\n', /: entry 1 \(line 1\): missing "expires"/],
    ['empty object', '- {rule: vm-snapshots, object: "", reason: y, expires: 2026-01-01}\n', /: missing "object"/],
    ['bad date format', '- {rule: vm-snapshots, object: x, reason: y, expires: 31/12/2026}\n', /: entry 1 \(line 1\): "expires" must be a date YYYY-MM-DD, got "31\/12\/2026"$/],
    ['impossible date', '- {rule: vm-snapshots, object: x, reason: y, expires: 2026-02-30}\n', /"expires" must be a date YYYY-MM-DD, got "2026-02-30"$/],
    ['number as date', '- {rule: vm-snapshots, object: x, reason: y, expires: 20261231}\n', /"expires" must be a date YYYY-MM-DD, got 20261231$/],
    ['unknown rule id', '- {rule: vm-snapshots, object: x, reason: y, expires: 2026-01-01}\n- {rule: vm-snapshot, object: x, reason: y, expires: 2026-01-01}\n',
      /: entry 2 \(line 2\): unknown rule id "vm-snapshot"; did you mean "vm-snapshots"\?$/],
    ['unknown rule id, nothing close', '- {rule: totally-else, object: x, reason: y, expires: 2026-01-01}\n', /unknown rule id "totally-else"; use a rule id from the report's ruleId column$/],
    ['unknown key', '- {rule: vm-snapshots, object: x, reason: y, expire: 2026-01-01}\n', /: entry 1 \(line 1\): unknown key "expire" \(allowed: rule, object, server, reason, expires\)$/],
    ['object not text', '- {rule: vm-snapshots, object: [a, b], reason: y, expires: 2026-01-01}\n', /"object" must be text, got \["a","b"\]$/],
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

describe('applyWaivers', () => {
  it('hides a finding from the verdict but keeps it visible as waived', () => {
    const before = makeScanResult();
    const r = applyWaivers(before, [usb], '2026-11-28');
    const vm = r.evaluation.vms.find((v) => v.moid === 'vm-104')!;
    expect(vm.findings[0]!.waived).toEqual({ reason: usb.reason, expires: '2026-12-31' });
    expect(vm.verdict).toBe('ready');
    expect(vm.fixes).toEqual([]);
    expect(r.evaluation.findings.find((f) => f.ruleId === 'vm-usb-device')!.waived).toBeDefined();
    expect(r.waivers).toEqual({ applied: 1, expired: [] });
    expect(r.summary.vms).toEqual({ ...before.summary.vms, blocked: 3, ready: 2 });
    expect(r.summary.findings.blocker).toBe(before.summary.findings.blocker - 1);
    expect(r.evaluation.clusters[0]!.counts).toEqual({ ...before.evaluation.clusters[0]!.counts, blocked: 1, ready: 2 });
    // The input is untouched.
    expect(before.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
  });

  it('matches the object by moid, exact name or glob, the rule exactly, and the server when given', () => {
    const waived = (w: Partial<Waiver>) =>
      applyWaivers(makeScanResult(), [{ ...usb, rule: 'vm-snapshots', ...w }], '2026-11-28').evaluation.findings
        .filter((f) => f.waived).map((f) => `${f.ruleId}@${f.moid}`);
    expect(waived({ object: 'vm-103' })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: XSS_NAME })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: '<img*' })).toEqual(['vm-snapshots@vm-103']);
    expect(waived({ object: '*' , rule: 'host-ft-logging-nic' })).toEqual(['host-ft-logging-nic@host-21']);
    expect(waived({ object: 'esx-b1.example.com', rule: 'host-ft-logging-nic', server: `https://${SERVER}/sdk` })).toEqual(['host-ft-logging-nic@host-21']);
    expect(waived({ object: 'vm-103', server: 'vc2.example.com' })).toEqual([]);
    expect(waived({ object: 'vm-104' })).toEqual([]);
  });

  it('recomputes a verdict from what is left: a waived blocker with a warning left is "warnings"', () => {
    const r = applyWaivers(makeScanResult(), [{ ...usb, rule: 'host-ft-logging-nic', object: 'esx-b1.example.com' }], '2026-11-28');
    const byMoid = Object.fromEntries(r.evaluation.vms.map((v) => [v.moid, v.verdict]));
    expect(byMoid['vm-202']).toBe('warnings'); // admission-control warning remains
    expect(byMoid['vm-201']).toBe('blocked'); // its vCPU blocker remains
    expect(r.evaluation.clusters[1]!.counts).toEqual({ ready: 0, warnings: 1, blocked: 1, unknown: 0, excluded: 1 });
  });

  it('an expired waiver stops hiding its finding and is itself reported', () => {
    const r = applyWaivers(makeScanResult(), [{ ...usb, expires: '2026-11-27' }], '2026-11-28');
    const f = r.evaluation.findings.find((x) => x.ruleId === 'vm-usb-device')!;
    expect(f.waived).toBeUndefined();
    expect(r.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
    expect(r.waivers).toEqual({ applied: 0, expired: [{ ruleId: 'vm-usb-device', object: 'vm-104', reason: usb.reason, expires: '2026-11-27', findings: 1 }] });
    expect(failOnExitCode(r, 'blocker')).toBe(1);
  });

  it('a waiver is valid through its expiry day', () => {
    const r = applyWaivers(makeScanResult(), [{ ...usb, expires: '2026-11-28' }], '2026-11-28');
    expect(r.waivers!.applied).toBe(1);
    const local = new Date(2026, 10, 28, 23, 59); // local calendar date, not UTC
    expect(applyWaivers(makeScanResult(), [{ ...usb, expires: '2026-11-28' }], local).waivers!.applied).toBe(1);
  });

  it('is idempotent and undoes earlier waivers when re-applied (e.g. on a re-read report)', () => {
    const once = applyWaivers(makeScanResult(), [usb], '2026-11-28');
    const again = applyWaivers(once, [usb], '2026-11-28');
    expect(again).toEqual(once);
    const undone = applyWaivers(once, [], '2026-11-28');
    expect(undone.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
    expect(undone.summary.vms).toEqual(makeScanResult().summary.vms);
  });

  it('shows waived findings and expired waivers in every format', () => {
    const snap: Waiver = { rule: 'vm-snapshots', object: 'vm-103', reason: 'backup window ends soon', expires: '2026-01-01' };
    const r = applyWaivers(makeScanResult(), [usb, snap], '2026-11-28');
    for (const format of FORMATS) {
      const out = renderReport(format, r);
      expect(out, format).toContain('licence dongle until Q1 migration');
      expect(out, format).toContain('backup window ends soon');
      expect(out, format).toContain('2026-01-01');
    }
  });
});

describe('failOnExitCode', () => {
  // The fixture is a what-if scan; these cases are about an unscoped one, where every finding counts.
  const unscoped = () => {
    const r = makeScanResult();
    delete r.targetCluster;
    return r;
  };

  it('applies the threshold to non-waived findings', () => {
    const r = unscoped();
    expect(failOnExitCode(r, 'blocker')).toBe(1);
    expect(failOnExitCode(r, 'warning')).toBe(1);
    expect(failOnExitCode(r, 'none')).toBe(0);

    const onlyWarnings = unscoped();
    onlyWarnings.evaluation.findings = onlyWarnings.evaluation.findings.filter((f) => f.severity !== 'blocker');
    expect(failOnExitCode(onlyWarnings, 'blocker')).toBe(0);
    expect(failOnExitCode(onlyWarnings, 'warning')).toBe(1);

    const onlyInfoAndUnknown = unscoped();
    onlyInfoAndUnknown.evaluation.findings = onlyInfoAndUnknown.evaluation.findings.filter((f) => f.severity === 'info' || f.severity === 'unknown');
    expect(failOnExitCode(onlyInfoAndUnknown, 'warning')).toBe(0);
  });

  it('in a VM-scoped scan counts only findings that bear on the chosen VMs', () => {
    const r = makeScanResult();
    delete r.targetCluster;
    const hostOnly = { ...r.evaluation.findings.find((f) => f.severity === 'blocker')!, ruleId: 'host-ft-logging-nic', objectType: 'HostSystem' as const, moid: 'host-99', name: 'esx-other' };
    for (const vm of r.evaluation.vms) vm.findings = vm.findings.filter((f) => f.severity !== 'blocker');
    r.evaluation.findings = [...r.evaluation.findings.filter((f) => f.severity !== 'blocker'), hostOnly];
    expect(failOnExitCode(r, 'blocker')).toBe(1); // unscoped: the neighbouring host's blocker counts
    r.targets.find((t) => t.inventory)!.inventory!.scopeVmMoids = ['vm-101'];
    expect(failOnExitCode(r, 'blocker')).toBe(0); // scoped: it does not bear on the chosen VMs
    r.evaluation.vms[0]!.findings.push(hostOnly); // ...unless it is attached to a chosen VM's verdict
    expect(failOnExitCode(r, 'blocker')).toBe(1);
  });

  it('ignores waived findings', () => {
    const blockers = Object.values(makeFindings()).filter((f) => f.severity === 'blocker');
    const all: Waiver[] = blockers.map((f) => ({ rule: f.ruleId, object: f.moid, reason: 'accepted', expires: '2099-01-01' }));
    const r = applyWaivers(makeScanResult(), all, '2026-11-28');
    expect(failOnExitCode(r, 'blocker')).toBe(0);
    expect(failOnExitCode(r, 'warning')).toBe(1);
  });
});
