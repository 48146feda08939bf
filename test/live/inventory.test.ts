// collectInventory against the seeded vcsim (issue 3 "Done means"): hosts with different builds and
// CPUs, HA on and off, FT capability and logging vmknics, and VMs with a thin disk, a snapshot, 2 vCPUs,
// hot-add, a host-device CD-ROM, a floppy, a shared SCSI bus and a physical RDM seeded in-process.
// Every expectation comes from the harness's `expected` (what it seeded), field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../src/inventory/collect.js';
import type { Inventory } from '../../src/inventory/model.js';
import { connect } from '../../src/vsphere/client.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';

describe('collectInventory on the seeded-inventory vcsim', () => {
  let sim: Vcsim;
  let inv: Inventory;
  let calls: number;

  beforeAll(async () => {
    sim = await startVcsim({ scenario: 'seeded-inventory' });
    const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
    try {
      inv = await collectInventory(client, { licenses: false });
      calls = client.calls.total;
    } finally {
      await client.logout();
    }
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('carries the vCenter about and every object', () => {
    const e = sim.expected;
    expect(inv.vcenter).toMatchObject({ version: e.vcenter.version, build: e.vcenter.build, apiVersion: e.vcenter.apiVersion });
    expect(inv.hosts).toHaveLength(e.counts.hosts);
    expect(inv.vms).toHaveLength(e.counts.vms);
    expect(inv.clusters).toHaveLength(e.counts.clusters);
    expect(inv.datastores).toHaveLength(e.counts.datastores);
    expect(inv.stats.soapCalls).toBeGreaterThan(0);
    expect(inv.stats.soapCalls).toBeLessThanOrEqual(calls);
  });

  it('keeps HA on for one cluster and off for the other, with their hosts', () => {
    const e = sim.expected.clusters!;
    expect(e.map((c) => c.haEnabled).sort()).toEqual([false, true]); // the scenario seeds both
    for (const ec of e) {
      const c = inv.clusters.find((x) => x.moid === ec.moid)!;
      expect(c.name).toBe(ec.name);
      expect(c.ha.enabled).toBe(ec.haEnabled);
      expect([...c.hostMoids].sort()).toEqual([...ec.hostMoids].sort());
    }
  });

  it('gives each host its own build, CPU, hyper-threading, HA state and FT capability', () => {
    const e = sim.expected.hosts!;
    expect(new Set(e.map((h) => h.product.build)).size).toBe(e.length); // seeded: all builds differ
    expect(new Set(e.map((h) => h.cpu.model)).size).toBeGreaterThan(2);
    for (const eh of e) {
      const h = inv.hosts.find((x) => x.moid === eh.moid)!;
      expect(h.name).toBe(eh.name);
      expect(h.clusterMoid).toBe(eh.cluster);
      expect(h.product).toMatchObject({ version: eh.product.version, build: eh.product.build, apiVersion: eh.product.apiVersion });
      expect(h.cpu.model).toBe(eh.cpu.model);
      expect(h.cpu.vendor).toBe(eh.cpu.vendor);
      expect(h.cpu.packages).toHaveLength(eh.cpu.packages);
      expect(h.cpu.packages[0]!.description).toBe(eh.cpu.description);
      expect(h.cpu).toMatchObject({ numPackages: eh.cpu.packages, numCores: eh.cpu.cores, numThreads: eh.cpu.threads, hz: eh.cpu.hz });
      expect(h.hyperThreading.active).toBe(eh.hyperThreading);
      expect(h.dasHostState).toBe(eh.dasHostState);
      // Seeded capability fields come through as seeded; a host that publishes no capability has none.
      // (vim25 omits empty arrays, so an array the harness did not seed may read as [] or be absent.)
      const cap = h.capability as Record<string, unknown>;
      const seeded = eh.capability ?? {};
      for (const [k, v] of Object.entries(seeded)) expect({ [k]: cap[k] }).toEqual({ [k]: v });
      for (const k of ['ftCompatibilityIssues', 'smpFtCompatibilityIssues', 'replayCompatibilityIssues']) {
        if (!(k in seeded)) expect({ [k]: cap[k] ?? [] }).toEqual({ [k]: [] });
      }
      for (const k of ['ftSupported', 'smpFtSupported', 'recordReplaySupported', 'maxVcpusPerFtVm', 'maxMemMBPerFtVm', 'ftEfiSupported']) {
        if (!(k in seeded)) expect({ [k]: cap[k] }).toEqual({ [k]: undefined });
      }
    }
  });

  it('finds the FT logging and vMotion vmknics and the speed of the uplinks behind them', () => {
    const e = sim.expected.hosts!;
    expect(e.filter((h) => h.ftLoggingVmknic).length).toBeGreaterThan(0);
    expect(e.filter((h) => !h.ftLoggingVmknic).length).toBeGreaterThan(0);
    for (const eh of e) {
      const h = inv.hosts.find((x) => x.moid === eh.moid)!;
      const ft = h.vmknics.filter((n) => n.services.includes('faultToleranceLogging')).map((n) => n.device);
      const vmotion = h.vmknics.filter((n) => n.services.includes('vmotion')).map((n) => n.device);
      expect(ft).toEqual(eh.ftLoggingVmknic ? [eh.ftLoggingVmknic] : []);
      expect(vmotion).toEqual(eh.vmotionVmknic ? [eh.vmotionVmknic] : []);
      if (eh.ftLoggingVmknic) {
        const nic = h.vmknics.find((n) => n.device === eh.ftLoggingVmknic)!;
        expect(nic.uplinks.length).toBeGreaterThan(0);
        expect(Math.min(...nic.uplinks.map((u) => u.speedMb ?? 0))).toBe(eh.ftLoggingUplinkSpeedMb);
      }
    }
  });

  it('reports the shared VMFS datastore', () => {
    for (const ed of sim.expected.datastores!) {
      const d = inv.datastores.find((x) => x.moid === ed.moid)!;
      expect(d.type).toBe(ed.type);
      expect(d.multipleHostAccess).toBe(ed.multipleHostAccess);
    }
  });

  it('carries every seeded VM fact, device by device', () => {
    const seeded = sim.expected.vms!.filter((v) => v.seeded?.length);
    expect(seeded.length).toBe(3);
    for (const ev of sim.expected.vms!) {
      const vm = inv.vms.find((x) => x.moid === ev.moid)!;
      expect(vm.name).toBe(ev.name);
      expect(vm.hostMoid).toBe(ev.host);
      expect(vm.clusterMoid).toBe(ev.cluster);
      expect(vm.numCpu).toBe(ev.numCpu);
      expect(vm.memoryMB).toBe(ev.memoryMB);
      expect(vm.hwVersion).toBe(ev.hwVersion);
      expect(vm.cpuHotAdd).toBe(ev.cpuHotAdd);
      expect(vm.snapshotCount).toBe(ev.snapshotCount);
      expect(vm.disks.map((d) => ({ key: d.key, backing: d.backing, capacityBytes: d.capacityBytes }))).toEqual(ev.disks);
      expect(vm.scsiControllers.map((c) => ({ key: c.key, busSharing: c.busSharing }))).toEqual(ev.scsiControllers);
      expect(vm.removable.map((r) => ({ key: r.key, kind: r.kind, backing: r.backing }))).toEqual(ev.removable);
      expect(vm.usb.map((u) => u.key)).toEqual(ev.usb);
      expect(vm.serial.map((s) => s.key)).toEqual(ev.serial);
    }
  });

  it('covers each fact issue 3 asks for at least once', () => {
    const vms = sim.expected.vms!;
    const facts = vms.flatMap((v) => v.seeded ?? []);
    for (const f of [
      'thin disk',
      '1 snapshot',
      '2 vCPUs',
      'cpu hot-add',
      'host-device CD-ROM',
      'host-device floppy',
      'physicalSharing SCSI bus',
      'physical RDM',
    ]) {
      expect(facts).toContain(f);
    }
    const byName = new Map(inv.vms.map((v) => [v.name, v]));
    const rdm = byName.get('inv-floppy-sharedbus-prdm')!;
    expect(rdm.disks.map((d) => d.backing)).toContain('rdmPhysical');
    expect(rdm.removable.find((r) => r.kind === 'floppy')?.backing).toBe('hostDevice');
    expect(rdm.scsiControllers[0]!.busSharing).toBe('physicalSharing');
    const snap = byName.get('inv-thin-2vcpu-hotadd-snap')!;
    expect(snap).toMatchObject({ numCpu: 2, cpuHotAdd: true, snapshotCount: 1 });
    expect(snap.disks[0]!.backing).toBe('thin');
  });
});

describe('collectInventory round trips against vcsim', () => {
  async function inventoryCalls(vms: number): Promise<{ total: number; byMethod: Record<string, number>; vms: number }> {
    const sim = await startVcsim({ scenario: 'scale', vms, clusters: 2, hosts: 3 });
    try {
      const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
      try {
        const inv = await collectInventory(client, {});
        return { total: client.calls.total, byMethod: { ...client.calls.byMethod }, vms: inv.vms.length };
      } finally {
        await client.logout();
      }
    } finally {
      await sim.stop();
    }
  }

  it('needs the same calls for 1,000 VMs as for 10 (vcsim answers in one page)', async () => {
    const small = await inventoryCalls(10);
    const large = await inventoryCalls(1000);
    expect(small.vms).toBe(10);
    expect(large.vms).toBe(1000);
    expect(large.byMethod).toEqual(small.byMethod);
    expect(large.byMethod.RetrievePropertiesEx).toBe(small.byMethod.RetrievePropertiesEx);
  });
});
