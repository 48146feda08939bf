// Issue 16 §3: protected means able to take over. Only a running pair in a cluster with vSphere HA on is
// protected; starting, enabled on a powered-off VM, running with HA off, running with HA host monitoring off
// are degraded with their reason, through warning findings (a transient state must not fail --fail-on blocker).
import { describe, expect, it } from 'vitest';
import { failOnExitCode } from '../../../src/policy/exit-code.js';
import { readyEstate, useJudge } from './harness.js';

const judge = useJudge();

// One FT pair in `name`'s state beside a running pair and a ready candidate in an HA cluster.
function estateWith(
  ft: Parameters<ReturnType<typeof readyEstate>['vm']>[2],
  haOfTestCluster?: Parameters<ReturnType<typeof readyEstate>['cluster']>[1],
) {
  const e = readyEstate();
  const good = e.cluster('Prod');
  e.vm('control', good.hosts[0]!);
  e.vm('ft-ok', good.hosts[1]!, { ftState: 'running', ftSecondaryHost: good.hosts[2]!, memoryReservationMB: 4096 });
  const test = haOfTestCluster ? e.cluster('Other', haOfTestCluster) : good;
  e.vm('ft-test', test.hosts[0]!, { ftSecondaryHost: test.hosts[1]!, memoryReservationMB: 4096, ...ft });
  return Object.assign(e, { testCluster: test.cluster });
}

describe('FT states that are not protected (issue 16 §3)', () => {
  it.each([
    ['starting', { ftState: 'starting' as const }, /still starting.*Not Protected – Starting/],
    [
      'enabled on a powered-off VM',
      { ftState: 'enabled' as const, powerState: 'poweredOff' as const },
      /powered off.*Not Protected – VM not Running/,
    ],
  ])('%s: degraded with the reason, a warning finding, no blocker', async (_name, ft, reason) => {
    const j = await judge(estateWith(ft).b);
    expect(j.vm('control').verdict).toBe('ready');
    expect(j.vm('ft-ok').verdict).toBe('protected');
    const vm = j.vm('ft-test');
    expect(vm.verdict).toBe('degraded');
    expect(vm.protection?.reason).toMatch(reason);
    const health = vm.findings.filter((f) => f.ruleId === 'vm-ft-health');
    expect(health).toEqual([expect.objectContaining({ severity: 'warning', message: vm.protection!.reason })]);
    expect(vm.findings.filter((f) => f.severity === 'blocker')).toEqual([]);
  });

  it('running in a cluster with HA off: degraded (the secondary cannot take over), citing the cluster setting', async () => {
    const j = await judge(estateWith({ ftState: 'running' }, { ha: false }).b);
    expect(j.vm('ft-ok').verdict).toBe('protected');
    const vm = j.vm('ft-test');
    expect(vm.verdict).toBe('degraded');
    expect(vm.protection?.reason).toMatch(/vSphere HA is off on cluster Other: the secondary cannot take over/);
    const [health] = vm.findings.filter((f) => f.ruleId === 'vm-ft-health');
    expect(health?.severity).toBe('warning');
    expect(health?.evidence).toContainEqual(
      expect.objectContaining({
        objectType: 'ClusterComputeResource',
        name: 'Other',
        path: expect.stringMatching(/dasConfig\.enabled$/),
        observed: false,
      }),
    );
  });

  it('running with HA host monitoring off: degraded (no new secondary after a failover)', async () => {
    const j = await judge(estateWith({ ftState: 'running' }, { ha: { enabled: true, hostMonitoring: 'disabled' } }).b);
    expect(j.vm('ft-ok').verdict).toBe('protected');
    const vm = j.vm('ft-test');
    expect(vm.verdict).toBe('degraded');
    expect(vm.protection?.reason).toMatch(/host monitoring is off on cluster Other: after a failover no new secondary would start/);
    expect(vm.findings.find((f) => f.ruleId === 'vm-ft-health')?.severity).toBe('warning');
  });

  it("a running pair whose cluster's HA configuration cannot be read is unknown, not protected", async () => {
    const e = estateWith({ ftState: 'running' }, { ha: { enabled: true } });
    const j = await judge(e.b, { before: (mock) => mock.control.noPermission(e.testCluster.moid, 'configurationEx') });
    expect(j.vm('ft-ok').verdict).toBe('protected');
    const vm = j.vm('ft-test');
    expect(vm.verdict).toBe('unknown');
    expect(vm.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'cluster-ha-enabled', severity: 'unknown', message: expect.stringMatching(/configurationEx/) }),
    );
  });

  it('a nightly --fail-on blocker job stays green on a starting secondary', async () => {
    const j = await judge(estateWith({ ftState: 'starting' }).b);
    const vm = j.vm('ft-test');
    expect(vm.verdict).toBe('degraded');
    const result = { complete: true, targets: [], evaluation: j.evaluation } as unknown as Parameters<typeof failOnExitCode>[0];
    expect(failOnExitCode(result, 'blocker')).toBe(0);
  });
});
