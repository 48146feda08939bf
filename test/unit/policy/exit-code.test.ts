import { describe, expect, it } from 'vitest';
import { applyPolicy, exitCodeOf, type Waiver } from '../../../src/policy/index.js';
import { failOnExitCode } from '../../../src/policy/exit-code.js';
import { makeEvaluatedScan, makeFindings, makeScanResult } from '../report/fixtures.js';

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
    onlyInfoAndUnknown.evaluation.findings = onlyInfoAndUnknown.evaluation.findings.filter(
      (f) => f.severity === 'info' || f.severity === 'unknown',
    );
    expect(failOnExitCode(onlyInfoAndUnknown, 'warning')).toBe(0);
  });

  it('in a VM-scoped scan counts only findings that bear on the chosen VMs', () => {
    const r = makeScanResult();
    delete r.targetCluster;
    const blocker = r.evaluation.findings.find((f) => f.severity === 'blocker')!;
    const hostOnly = {
      ...blocker,
      id: 'host-99-nic',
      ruleId: 'host-ft-logging-nic',
      objectType: 'HostSystem' as const,
      moid: 'host-99',
      name: 'esx-other',
    };
    const blockers = new Set(r.evaluation.findings.filter((f) => f.severity === 'blocker').map((f) => f.id));
    for (const vm of r.evaluation.vms) vm.findingIds = vm.findingIds.filter((id) => !blockers.has(id));
    r.evaluation.findings = [...r.evaluation.findings.filter((f) => f.severity !== 'blocker'), hostOnly];
    expect(failOnExitCode(r, 'blocker')).toBe(1); // unscoped: the neighbouring host's blocker counts
    r.targets.find((t) => t.inventory)!.inventory!.scopeVmMoids = ['vm-101'];
    expect(failOnExitCode(r, 'blocker')).toBe(0); // scoped: it does not bear on the chosen VMs
    r.evaluation.vms[0]!.findingIds.push(hostOnly.id); // ...unless it is attached to a chosen VM's verdict
    expect(failOnExitCode(r, 'blocker')).toBe(1);
  });

  it('ignores waived findings', () => {
    const blockers = Object.values(makeFindings()).filter((f) => f.severity === 'blocker');
    const all: Waiver[] = blockers.map((f) => ({ rule: f.ruleId, object: f.moid, reason: 'accepted', expires: '2099-01-01' }));
    const r = applyPolicy(makeEvaluatedScan(), { waivers: all }, '2026-11-28');
    expect(failOnExitCode(r, 'blocker')).toBe(0);
    expect(failOnExitCode(r, 'warning')).toBe(1);
  });
});

describe('exitCodeOf', () => {
  it('is 4 when a vCenter failed or a VM is unknown for want of data, else what --fail-on says', () => {
    expect(exitCodeOf(makeScanResult(), 'none')).toBe(4); // the fixture has a failed vCenter (and vm-105 unknown)
    const facts = makeEvaluatedScan();
    facts.targets = [facts.targets[0]!];
    expect(exitCodeOf(applyPolicy(facts, {}, '2026-11-28'), 'none')).toBe(4); // vm-105 unknown
    facts.evaluation.vms = facts.evaluation.vms.filter((v) => v.moid !== 'vm-105');
    const r = applyPolicy(facts, {}, '2026-11-28');
    expect(exitCodeOf(r, 'blocker')).toBe(1);
    expect(exitCodeOf(r, 'none')).toBe(0);
  });
});
