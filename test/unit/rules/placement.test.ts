// Placement under the per-host FT limits (issue 10 §1): the cluster headroom line, the per-VM verdicts and
// plan's "how many fit together" come from one model and agree.
import { describe, expect, it } from 'vitest';
import type { Inventory, Vm } from '../../../src/inventory/model.js';
import { addVm, assessment, cleanInventory, cluster0, GiB, ruleFindings, run, vm0 } from './fixtures.js';

const ftHalf = (role: number) => ({ state: 'running', role, type: 'checkpointing', instanceUuids: [] as string[] });

// Every host already carries 5 FT vCPUs (limit 8): 9 free vCPUs in pairs across the cluster, 3 per host.
function busyCluster(): Inventory {
  const inv = cleanInventory();
  addVm(inv, 'p-1', { hostMoid: 'host-1', numCpu: 5, ft: ftHalf(1) });
  addVm(inv, 's-1', { hostMoid: 'host-2', numCpu: 5, ft: ftHalf(2) });
  addVm(inv, 'p-2', { hostMoid: 'host-3', numCpu: 5, ft: ftHalf(1) });
  return inv;
}

describe('placement under das.maxftvmsperhost / das.maxftvcpusperhost', () => {
  it('the cluster total has room but no host pair does: the VM is blocked and the headroom line says why', () => {
    const inv = busyCluster();
    vm0(inv).numCpu = 4; // 4 <= 8 per VM, but each host has only 3 FT vCPUs left
    const ev = run(inv);
    const h = ev.clusters[0]!.headroom;
    expect(h.additionalFtVcpus).toBeGreaterThanOrEqual(4); // the old total said there was room
    expect(h.largestNewFtVmVcpus).toBe(3);
    expect(h.note).toMatch(/no pair of hosts has room for an FT VM over 3 vCPUs/);
    expect(assessment(ev).verdict).toBe('blocked');
    expect(ruleFindings(ev, 'vm-ft-capacity')[0]!.message).toMatch(
      /primary host esx-01\.lab already carries 5 FT vCPUs; 4 more exceed das\.maxftvcpusperhost = 8/,
    );
  });

  it('a VM at the largest size the headroom line names fits', () => {
    const inv = busyCluster();
    vm0(inv).numCpu = 3;
    const ev = run(inv);
    expect(ev.clusters[0]!.headroom.largestNewFtVmVcpus).toBe(3);
    expect(ruleFindings(ev, 'vm-ft-capacity')).toEqual([]);
    expect(assessment(ev).verdict).toBe('ready');
  });

  it('plan: each VM fits alone, not all together; evaluation.placement says how many do', () => {
    const inv = cleanInventory();
    vm0(inv).numCpu = 4;
    const more: Vm[] = [
      addVm(inv, 'vm-101', { numCpu: 4 }),
      addVm(inv, 'vm-102', { numCpu: 4, hostMoid: 'host-2' }),
      addVm(inv, 'vm-103', { numCpu: 4, hostMoid: 'host-3' }),
    ];
    const ev = run(inv, { vmMoids: new Set(['vm-100', ...more.map((v) => v.moid)]) });
    for (const v of ev.vms) expect(v.verdict, v.name).toBe('ready'); // alone, each fits
    // 3 hosts x 8 FT vCPUs = 24; each 4-vCPU pair takes 8: at most 3 together.
    expect(ev.placement).toEqual([
      { clusterMoid: 'domain-c1', clusterName: 'Prod', vms: 4, fitTogether: 3, placedVmMoids: expect.any(Array) },
    ]);
    expect(ev.placement![0]!.placedVmMoids).toHaveLength(3);
  });

  it('what-if into a full cluster: the same check decides there', () => {
    const inv = busyCluster();
    vm0(inv).numCpu = 4;
    const ev = run(inv, { targetCluster: 'Prod', vmMoids: new Set(['vm-100']) });
    expect(ev.placement).toEqual([{ clusterMoid: 'domain-c1', clusterName: 'Prod', vms: 1, fitTogether: 0, placedVmMoids: [] }]);
    expect(assessment(ev).verdict).toBe('blocked');
  });

  it('a plain scan carries no placement summary; empty hosts need no per-host note', () => {
    const ev = run(cleanInventory());
    expect(ev.placement).toBeUndefined();
    expect(ev.clusters[0]!.headroom).toMatchObject({ largestNewFtVmVcpus: 8, additionalFtVcpus: 12 });
    expect(ev.clusters[0]!.headroom.note).toBeUndefined();
  });

  it('plan: memory decides what fits together (each VM fits alone; the hosts cannot reserve all of them)', () => {
    const inv = cleanInventory();
    for (const h of inv.hosts) h.memoryBytes = 20 * GiB; // 20 GB per host, each FT half of an 8 GB VM reserves 8 GB
    const more: Vm[] = [addVm(inv, 'vm-101', { hostMoid: 'host-2' }), addVm(inv, 'vm-102', { hostMoid: 'host-3' })];
    const ev = run(inv, { vmMoids: new Set(['vm-100', ...more.map((v) => v.moid)]) });
    for (const v of ev.vms) expect(v.verdict, v.name).toBe('ready');
    // Each host reserves at most two 8 GB halves (16 <= 20 GB): three pairs fit, all three together.
    expect(ev.placement![0]!.fitTogether).toBe(3);
    // A fourth fits alone too, but not with the others: the FT limits (4 VMs, 8 vCPUs per host) would take
    // eight 2-vCPU halves, the hosts' memory only six.
    addVm(inv, 'vm-103', { hostMoid: 'host-1' });
    const ev2 = run(inv, { vmMoids: new Set(['vm-100', 'vm-101', 'vm-102', 'vm-103']) });
    expect(ev2.placement![0]!.fitTogether).toBe(3);
  });

  it('a pending secondary (needSecondary) holds a slot in the headroom line and in the per-VM check alike', () => {
    const inv = cleanInventory();
    cluster0(inv).ha.maxFtVmsPerHost = 1;
    addVm(inv, 'pend-2', { hostMoid: 'host-2', ft: { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] } });
    const ev = run(inv);
    // host-2 carries the primary, its missing secondary is owed a slot on host-1: only host-3 is free, a pair needs two.
    expect(ev.clusters[0]!.headroom.currentFtVms).toBe(2);
    expect(ev.clusters[0]!.headroom.additionalFtVms).toBe(0);
    expect(assessment(ev).verdict).toBe('blocked');
    expect(ruleFindings(ev, 'vm-ft-capacity')[0]!.message).toMatch(/primary host esx-01\.lab already carries 1 FT VM/);
  });

  it('a dedicated HA failover host offers no headroom', () => {
    const inv = cleanInventory();
    cluster0(inv).ha.admissionControlPolicy = { type: 'ClusterFailoverHostAdmissionControlPolicy', failoverHosts: ['host-3'] };
    const h = run(inv).clusters[0]!.headroom;
    expect(h.additionalFtVms).toBe(4); // two hosts of four slots each: four pairs, not six
  });
});
