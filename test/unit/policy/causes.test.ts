// "What to fix first": causes, affected and unblocked counts on hand-built estates.
import { describe, expect, it } from 'vitest';
import { causesOf } from '../../../src/report/causes.js';
import { decideCauses } from '../../../src/policy/causes.js';
import { render as renderTable } from '../../../src/report/table.js';
import type { Finding, Severity, Verdict } from '../../../src/rules/types.js';
import type { ScanResult, VmResult } from '../../../src/result/types.js';
import { VERDICTS } from '../../../src/report/view.js';

let seq = 0;
function finding(p: Partial<Finding> & Pick<Finding, 'ruleId'>): Finding {
  return {
    id: `f${++seq}`,
    severity: 'blocker',
    scope: 'vm',
    objectType: 'VirtualMachine',
    moid: 'vm-1',
    name: 'vm',
    generation: 'smp',
    message: `${p.ruleId} failed`,
    evidence: [],
    remediation: `fix ${p.ruleId}`,
    disruption: 'none',
    source: 'ftscan',
    ...p,
  };
}

function vm(moid: string, verdict: Verdict, findings: Finding[], extra: Partial<VmResult> = {}): VmResult {
  return {
    moid,
    name: `name-${moid}`,
    clusterMoid: 'domain-c1',
    clusterName: 'Prod',
    generation: 'smp',
    generationReason: 'test',
    findingIds: findings.map((f) => f.id),
    secondaryCandidates: [],
    verdict,
    fixIds: [],
    ...extra,
  };
}

function estate(vms: VmResult[], findings: Finding[]): ScanResult {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, vms.filter((x) => x.verdict === v).length])) as Record<Verdict, number>;
  const sev = (s: Severity) => findings.filter((f) => f.severity === s && !f.waived).length;
  const r: ScanResult = {
    schemaVersion: '4.0',
    tool: { name: 'ftscan', version: 'test' },
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
    profile: 'auto',
    complete: true,
    targets: [{ server: 'vc1', status: 'complete' }],
    evaluation: {
      profile: 'auto',
      edition: 'enterprisePlus',
      editionSource: 'license',
      findings,
      vms,
      hosts: [],
      datastores: [],
      clusters: [
        {
          moid: 'domain-c1',
          name: 'Prod',
          findingIds: [],
          counts,
          headroom: {
            maxFtVmsPerHost: 4,
            maxFtVcpusPerHost: 8,
            ftCapableHosts: 2,
            currentFtVms: 0,
            currentFtVcpus: 0,
            additionalFtVms: 4,
            additionalFtVcpus: 8,
            largestNewFtVmVcpus: 4,
          },
        },
      ],
    },
    summary: {
      vms: counts,
      findings: { blocker: sev('blocker'), warning: sev('warning'), unknown: sev('unknown'), info: sev('info') },
      soapCalls: 1,
    },
  };
  // The policy stage decides the causes; the renderers read them from the result.
  r.causes = decideCauses(r);
  return r;
}

const clusterHa = () =>
  finding({
    ruleId: 'cluster-ha-enabled',
    scope: 'cluster',
    objectType: 'ClusterComputeResource',
    moid: 'domain-c1',
    name: 'Prod',
    disruption: 'clusterConfig',
  });

describe('causes (what to fix first)', () => {
  it('a VM that needs two fixes is affected by both and unblocked by neither', () => {
    const ha = clusterHa();
    const cpu = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-1', vmMoid: 'vm-1', disruption: 'vmPowerOff' });
    const r = estate([vm('vm-1', 'blocked', [ha, cpu])], [ha, cpu]);
    const { causes } = causesOf(r);
    expect(causes.map((c) => [c.ruleId, c.affected, c.unblocks])).toEqual([
      ['cluster-ha-enabled', 1, 0],
      ['vm-vcpu-count', 1, 0],
    ]);
  });

  it('a datastore no secondary candidate mounts is one cause: vm-secondary-host belongs to vm-datastore-access (issue 18)', () => {
    const mount = (h: string) => ({
      objectType: 'HostSystem' as const,
      moid: h,
      name: h,
      path: 'datastore',
      observed: ['ds-2'],
      expected: 'includes ds-1',
    });
    const access = finding({ ruleId: 'vm-datastore-access', moid: 'vm-1', vmMoid: 'vm-1', evidence: [mount('host-1')] });
    const secondary = finding({ ruleId: 'vm-secondary-host', moid: 'vm-1', vmMoid: 'vm-1', evidence: [mount('host-2'), mount('host-3')] });
    const r = estate([vm('vm-1', 'blocked', [access, secondary])], [access, secondary]);
    const { causes } = causesOf(r);
    expect(causes.map((c) => [c.ruleId, c.affected, c.unblocks])).toEqual([['vm-datastore-access', 1, 1]]);
    expect(r.causes!.list[0]!.derivedFindingIds).toEqual([secondary.id]);
    // The control: a secondary host rejected for something else stays a cause of its own.
    const cpu = { ...mount('host-2'), path: 'hardware.cpuPkg' };
    const other = finding({ ruleId: 'vm-secondary-host', moid: 'vm-2', vmMoid: 'vm-2', evidence: [cpu] });
    const access2 = finding({ ruleId: 'vm-datastore-access', moid: 'vm-2', vmMoid: 'vm-2', evidence: [mount('host-1')] });
    const r2 = estate([vm('vm-2', 'blocked', [access2, other])], [access2, other]);
    expect(
      causesOf(r2)
        .causes.map((c) => c.ruleId)
        .sort(),
    ).toEqual(['vm-datastore-access', 'vm-secondary-host']);
  });

  it('one cluster fix unblocks every VM it alone blocks; VMs left with warnings count, unknown ones do not', () => {
    const ha = clusterHa();
    const warn = finding({ ruleId: 'vm-thin-disk', severity: 'warning', moid: 'vm-2', vmMoid: 'vm-2' });
    const unk = finding({ ruleId: 'vm-devices', severity: 'unknown', moid: 'vm-3', vmMoid: 'vm-3' });
    const cpu = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-4', vmMoid: 'vm-4' });
    const waived = finding({ ruleId: 'vm-snapshots', moid: 'vm-5', vmMoid: 'vm-5', waived: { reason: 'accepted' } });
    const vms = [
      vm('vm-1', 'blocked', [ha]),
      vm('vm-2', 'blocked', [ha, warn]),
      vm('vm-3', 'blocked', [ha, unk]),
      vm('vm-4', 'blocked', [ha, cpu]),
      vm('vm-5', 'blocked', [ha, waived]),
      vm('vm-6', 'excluded', [ha], { excludedReason: 'template' }),
    ];
    const r = estate(vms, [ha, warn, unk, cpu, waived]);
    const { causes, byVm } = causesOf(r);
    const first = causes[0]!;
    expect(first.ruleId).toBe('cluster-ha-enabled');
    expect(first.object?.name).toBe('Prod');
    expect(first.affected).toBe(5); // the excluded template is out of scope
    expect(first.unblocks).toBe(3); // vm-1, vm-2 (warnings), vm-5 (its other blocker is waived)
    expect(causes.find((c) => c.ruleId === 'vm-snapshots')).toBeUndefined();
    expect(byVm.get(vms[3]!)!.map((c) => c.ruleId)).toEqual(['cluster-ha-enabled', 'vm-vcpu-count']);
  });

  it("each VM's causes as the policy found them are the ones its finding ids name (the renderers' look-up)", () => {
    const ha = clusterHa();
    const warn = finding({ ruleId: 'vm-thin-disk', severity: 'warning', moid: 'vm-2', vmMoid: 'vm-2' });
    const cpu = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-4', vmMoid: 'vm-4' });
    const cpu2 = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-5', vmMoid: 'vm-5' });
    const waived = finding({ ruleId: 'vm-snapshots', moid: 'vm-5', vmMoid: 'vm-5', waived: { reason: 'accepted' } });
    const mount = (h: string) => ({
      objectType: 'HostSystem' as const,
      moid: h,
      name: h,
      path: 'datastore',
      observed: [],
      expected: 'ds-1',
    });
    const access = finding({ ruleId: 'vm-datastore-access', moid: 'vm-3', vmMoid: 'vm-3', evidence: [mount('host-1')] });
    const secondary = finding({ ruleId: 'vm-secondary-host', moid: 'vm-3', vmMoid: 'vm-3', evidence: [mount('host-1')] });
    const vms = [
      vm('vm-1', 'blocked', [ha]),
      vm('vm-2', 'blocked', [warn]),
      vm('vm-3', 'blocked', [ha, access, secondary]),
      vm('vm-4', 'blocked', [cpu, ha]),
      vm('vm-5', 'blocked', [ha, cpu2, waived]),
      vm('vm-6', 'excluded', [ha], { excludedReason: 'template' }),
    ];
    const all = [ha, warn, cpu, cpu2, waived, access, secondary];
    const lookedUp = (r: ScanResult) => {
      // A copy of the VM list: the policy's lists were made for the original one, so the renderers look up ids.
      const { byVm } = causesOf({ ...r, evaluation: { ...r.evaluation, vms: [...r.evaluation.vms] } });
      return r.evaluation.vms.map((v) => byVm.get(v)?.map((c) => c.key));
    };
    const r = estate(vms, all);
    const { byVm } = causesOf(r);
    expect(vms.map((v) => byVm.get(v)?.map((c) => c.key))).toEqual(lookedUp(r));
    expect(byVm.get(vms[2]!)!.map((c) => c.ruleId)).toEqual(['cluster-ha-enabled', 'vm-datastore-access']);
    expect(byVm.has(vms[1]!)).toBe(false);
    expect(byVm.has(vms[5]!)).toBe(false);
    // Two findings with one id: the policy's lists are not used, the look-up decides as before.
    const twin = { ...cpu, moid: 'vm-1', vmMoid: 'vm-1' };
    const r2 = estate(vms, [...all, twin]);
    expect(
      r2.evaluation.vms.map((v) =>
        causesOf(r2)
          .byVm.get(v)
          ?.map((c) => c.key),
      ),
    ).toEqual(lookedUp(r2));
  });

  it('groups one VM rule across VMs into one cause and orders by unblocked, then affected', () => {
    const a = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-1', vmMoid: 'vm-1' });
    const b = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-2', vmMoid: 'vm-2' });
    const c = finding({ ruleId: 'vm-snapshots', moid: 'vm-2', vmMoid: 'vm-2' });
    const d = finding({ ruleId: 'vm-usb-devices', moid: 'vm-3', vmMoid: 'vm-3' });
    const e = finding({ ruleId: 'vm-usb-devices', moid: 'vm-4', vmMoid: 'vm-4' });
    const r = estate(
      [vm('vm-1', 'blocked', [a]), vm('vm-2', 'blocked', [b, c]), vm('vm-3', 'blocked', [d]), vm('vm-4', 'blocked', [e])],
      [a, b, c, d, e],
    );
    expect(causesOf(r).causes.map((x) => `${x.ruleId} ${x.unblocks}/${x.affected}`)).toEqual([
      'vm-usb-devices 2/2',
      'vm-vcpu-count 1/2',
      'vm-snapshots 0/1',
    ]);
  });

  it('the table shows the causes first, numbered, and each blocked VM with its cause numbers', () => {
    const ha = clusterHa();
    const cpu = finding({ ruleId: 'vm-vcpu-count', moid: 'vm-2', vmMoid: 'vm-2', disruption: 'vmPowerOff' });
    const r = estate([vm('vm-1', 'blocked', [ha]), vm('vm-2', 'blocked', [ha, cpu]), vm('vm-3', 'ready', [])], [ha, cpu]);
    const text = renderTable(r);
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.startsWith('What to fix first: 2 causes block 2 VMs'));
    expect(head).toBeGreaterThan(0);
    expect(text).toMatch(/^ +1 +1 +2 +2 +cluster change +cluster-ha-enabled on cluster Prod: fix cluster-ha-enabled$/m);
    expect(text).toMatch(/^ +2 +0 +1 +3 +VM power-off +vm-vcpu-count on 1 VM: fix vm-vcpu-count$/m);
    // the first cause also by its short name beside the numbers (issue 17 §7)
    expect(text).toMatch(/name-vm-1 1 cluster-ha-enabled +name-vm-2 1,2 cluster-ha-enabled/);
    expect(text).not.toContain('name-vm-3'); // ready VMs only with --detail
    expect(renderTable(r, { detail: true })).toContain('name-vm-3');
  });
});
