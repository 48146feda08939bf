// The evaluation shares work between VMs: one host-level pairing exam per (primary, candidate), one FT-limits
// value per host, one datastore offer per host for the SMP-FT disk copy, the host loads. A share keyed too
// coarsely is a wrong verdict: VMs on the same primary that differ only in a VM-level fact must each get their
// own answer, whatever order they are evaluated in.
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/inventory/model.js';
import {
  addCluster,
  addVm,
  assessment,
  cleanInventory,
  cluster0,
  ds0,
  host,
  ruleFindings,
  run,
  setHostVersion,
  TiB,
  vm0,
} from './fixtures.js';

// A second network, on host-2 only.
function withBackupNetwork(inv: Inventory): Inventory {
  inv.networks.push({ moid: 'network-2', name: 'Backup', kind: 'standard' });
  host(inv, 1).networkMoids = ['network-1', 'network-2'];
  host(inv, 2).networkMoids = ['network-1', 'network-2'];
  return inv;
}

describe('pairing exams shared between the VMs of one primary host', () => {
  it('a VM-level reason stays with its VM: the clean VMs before and after it keep both candidates', () => {
    const inv = withBackupNetwork(cleanInventory());
    // Evaluated in this order: the VM with a reason of its own between two clean ones, then one no host fits.
    addVm(inv, 'vm-backup', { networkMoids: ['network-1', 'network-2'] });
    addVm(inv, 'vm-clean');
    addVm(inv, 'vm-lost', { networkMoids: ['network-1', 'network-9'] });
    addVm(inv, 'vm-clean-2');
    const ev = run(inv);
    expect(assessment(ev).secondaryCandidates).toEqual(['host-2', 'host-3']);
    expect(assessment(ev, 'vm-backup').secondaryCandidates).toEqual(['host-2']);
    expect(assessment(ev, 'vm-backup').verdict).toBe('ready');
    expect(assessment(ev, 'vm-clean').secondaryCandidates).toEqual(['host-2', 'host-3']);
    expect(assessment(ev, 'vm-clean-2').secondaryCandidates).toEqual(['host-2', 'host-3']);
    for (const moid of ['vm-100', 'vm-backup', 'vm-clean', 'vm-clean-2']) expect(ruleFindings(ev, 'vm-secondary-host', moid)).toEqual([]);
    const [lost] = ruleFindings(ev, 'vm-secondary-host', 'vm-lost');
    expect(lost!.message).toBe(
      'no other host in cluster Prod can hold the secondary: esx-02.lab, esx-03.lab (each): is not connected to network network-9',
    );
    expect(assessment(ev, 'vm-lost').verdict).toBe('blocked');
  });

  it('host-level and VM-level reasons are grouped per VM; the shared reasons are not extended', () => {
    const inv = withBackupNetwork(cleanInventory());
    host(inv, 2).inMaintenanceMode = true;
    host(inv, 3).inMaintenanceMode = true;
    addVm(inv, 'vm-backup', { networkMoids: ['network-1', 'network-2'] });
    addVm(inv, 'vm-clean');
    const ev = run(inv);
    const shared = 'no other host in cluster Prod can hold the secondary: esx-02.lab, esx-03.lab (each): is in maintenance mode';
    const [first] = ruleFindings(ev, 'vm-secondary-host');
    const [backup] = ruleFindings(ev, 'vm-secondary-host', 'vm-backup');
    const [clean] = ruleFindings(ev, 'vm-secondary-host', 'vm-clean');
    expect(first!.message).toBe(shared);
    expect(backup!.message).toBe(
      'no other host in cluster Prod can hold the secondary: esx-02.lab is in maintenance mode | esx-03.lab is in maintenance mode; is not connected to network Backup',
    );
    expect(clean!.message).toBe(shared);
    expect(clean!.evidence).toEqual(first!.evidence);
    expect(backup!.evidence.map((e) => e.path)).toEqual(['runtime.inMaintenanceMode', 'runtime.inMaintenanceMode', 'network']);
    expect(new Set([first!.id, backup!.id, clean!.id]).size).toBe(3);
  });

  it("the only other FT-capable host's evidence is each VM's own list", () => {
    const inv = cleanInventory();
    host(inv, 3).inMaintenanceMode = true;
    host(inv, 2).vmknics = host(inv, 2).vmknics.filter((n) => !n.services.includes('faultToleranceLogging'));
    addVm(inv, 'vm-b');
    const ev = run(inv);
    const [a] = ruleFindings(ev, 'vm-secondary-host');
    const [b] = ruleFindings(ev, 'vm-secondary-host', 'vm-b');
    expect(b!.evidence).toEqual(a!.evidence);
    expect(b!.evidence).not.toBe(a!.evidence);
  });

  it('a hardware version or vCPU count over one candidate rejects that candidate for that VM only', () => {
    const inv = cleanInventory();
    host(inv, 3).product = { ...host(inv, 3).product, version: '6.7.0', apiVersion: '6.7.0' };
    addVm(inv, 'vm-new-hw', { hwVersion: 19 });
    addVm(inv, 'vm-old-hw', { hwVersion: 14 });
    const ev = run(inv);
    expect(assessment(ev, 'vm-old-hw').secondaryCandidates).toEqual(['host-2', 'host-3']);
    expect(assessment(ev, 'vm-new-hw').secondaryCandidates).not.toContain('host-3');
  });
});

describe('the no-candidate answer worded once per shared exam list', () => {
  it('names the cluster and the other hosts of each primary; another primary has its own list', () => {
    const inv = cleanInventory();
    const dr = addCluster(inv, 3);
    for (const h of inv.hosts) h.inMaintenanceMode = !['host-1', 'host-2', 'host-4', 'host-5'].includes(h.moid);
    for (const h of inv.hosts.filter((x) => ['host-2', 'host-5'].includes(x.moid))) h.vmknics = [];
    addVm(inv, 'vm-on-2', { hostMoid: 'host-2' });
    addVm(inv, 'vm-dr', { hostMoid: 'host-4', clusterMoid: dr.moid, datastoreMoids: ['datastore-2'] });
    for (const d of inv.vms.at(-1)!.disks) d.datastoreMoid = 'datastore-2';
    addVm(inv, 'vm-100-again');
    const ev = run(inv);
    const message = (moid: string) => ruleFindings(ev, 'vm-secondary-host', moid)[0]?.message;
    expect(message('vm-100')).toMatch(/^the only other FT-capable host in cluster Prod, esx-02\.lab, cannot hold the secondary: /);
    expect(message('vm-100-again')).toBe(message('vm-100'));
    expect(message('vm-on-2')).toBeUndefined(); // esx-01.lab carries its secondary
    expect(assessment(ev, 'vm-on-2').secondaryCandidates).toEqual(['host-1']);
    expect(message('vm-dr')).toMatch(/^the only other FT-capable host in cluster DR, dr-02\.lab, cannot hold the secondary: /);
    const ids = ['vm-100', 'vm-100-again', 'vm-dr'].map((m) => ruleFindings(ev, 'vm-secondary-host', m)[0]!.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('the SMP-FT disk copy against each host offer', () => {
  it('two VMs on the same hosts: the one whose disks fit passes, the larger one is blocked', () => {
    const inv = cleanInventory();
    ds0(inv).freeBytes = 2 * TiB;
    addVm(inv, 'vm-big', { disks: vm0(inv).disks.map((d) => ({ ...d, capacityBytes: 3 * TiB })) });
    addVm(inv, 'vm-small');
    const ev = run(inv);
    expect(ruleFindings(ev, 'vm-ft-capacity')).toEqual([]);
    expect(ruleFindings(ev, 'vm-ft-capacity', 'vm-small')).toEqual([]);
    const [big] = ruleFindings(ev, 'vm-ft-capacity', 'vm-big');
    expect(big!.message).toMatch(/mounts no datastore with 3072 GB free for the SMP-FT disk copy/);
  });
});

describe("vm-drs-automation: the cluster's finding built once, a VM's override its own", () => {
  it('VMs without an override share the cluster finding; one with an override gets its own behaviour and subject', () => {
    const inv = cleanInventory();
    inv.vcenter.version = '6.5.0';
    delete cluster0(inv).evcModeKey;
    addVm(inv, 'vm-manual');
    addVm(inv, 'vm-b');
    cluster0(inv).drs.vmOverrides.push({ vmMoid: 'vm-manual', behavior: 'manual' });
    const ev = run(inv);
    const [a] = ruleFindings(ev, 'vm-drs-automation');
    const [b] = ruleFindings(ev, 'vm-drs-automation', 'vm-b');
    const [manual] = ruleFindings(ev, 'vm-drs-automation', 'vm-manual');
    expect(b).toEqual(a);
    expect(a!.objectType).toBe('ClusterComputeResource');
    expect(a!.message).toMatch(/has DRS \(fullyAutomated\) but no EVC/);
    expect(manual!.objectType).toBe('VirtualMachine');
    expect(manual!.message).toMatch(/has DRS \(manual\) but no EVC/);
    expect(manual!.id).not.toBe(a!.id);
    expect(ev.findings.filter((f) => f.ruleId === 'vm-drs-automation')).toHaveLength(2);
  });
});

describe('the generation choice shared by the VMs of one host', () => {
  it('a 1-vCPU VM on an ESXi 6.0 host is told legacy FT is possible too; a 2-vCPU VM on the same host is not', () => {
    const inv = setHostVersion(cleanInventory(), '6.0.0');
    addVm(inv, 'vm-one', { numCpu: 1 });
    addVm(inv, 'vm-two', { numCpu: 2 });
    addVm(inv, 'vm-one-again', { numCpu: 1 });
    const ev = run(inv);
    expect(assessment(ev, 'vm-one').generationReason).toMatch(/legacy FT is also possible for this 1-vCPU VM/);
    expect(assessment(ev, 'vm-two').generationReason).toBe('host esx-01.lab runs ESXi 6.0.0 (SMP-FT by default)');
    expect(assessment(ev, 'vm-one-again').generationReason).toBe(assessment(ev, 'vm-one').generationReason);
  });
});
