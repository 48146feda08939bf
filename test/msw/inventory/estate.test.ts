// A realistic estate collected through the real client against the msw mock vCenter: every fact the
// model carries, field by field.
import { beforeAll, describe, expect, it } from 'vitest';
import { estate } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import type { Inventory } from '../../../src/inventory/model.js';
import { useMsw } from './setup.js';

const start = useMsw();

function buildEstate() {
  const b = estate({ vcenterVersion: '7.0.3', seed: 7 });
  const east = b.datacenter('DC-East');
  const prod = b.cluster({
    name: 'Prod',
    datacenter: east,
    evcModeKey: 'intel-cascadelake',
    ha: { options: { 'das.maxftvmsperhost': '6' }, hostMonitoring: 'enabled', vmOverrides: [{ vm: 'db01', restartPriority: 'disabled' }] },
    drs: { behavior: 'partiallyAutomated', vmOverrides: [{ vm: 'web01', enabled: true, behavior: 'manual' }] },
  });
  const shared = b.datastore({ name: 'shared-vmfs', datacenter: east, type: 'VMFS', capacityGB: 2048, freeGB: 1024 });
  const nfs = b.datastore({ name: 'nfs01', datacenter: east, type: 'NFS', capacityGB: 4096, freeGB: 4000 });
  const vmNet = b.network({ name: 'VM Network', datacenter: east });
  const nsx = b.dvPortgroup({ name: 'seg-web', datacenter: east, backingType: 'nsx' });
  const ftPg = b.dvPortgroup({ name: 'dv-ft', datacenter: east });
  const pnics = [
    { device: 'vmnic0', speedMb: 1000 },
    { device: 'vmnic1', speedMb: 10000 },
    { device: 'vmnic2', speedMb: 10000 },
    { device: 'vmnic3', speedMb: null },
    { device: 'vmnic4', speedMb: 25000 },
  ];
  const esx01 = b.host({
    name: 'esx01.lab',
    cluster: prod,
    version: '7.0.3',
    cpu: { vendor: 'intel', description: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz', packages: 2, cores: 40 },
    capability: {
      smpFtSupported: true,
      smpFtCompatibilityIssues: [],
      maxVcpusPerFtVm: 8,
      maxMemMBPerFtVm: 131072,
      ftEfiSupported: true,
      encryptedFtSupported: true,
    },
    powerPolicy: 'static',
    pnics,
    vmknics: [
      { device: 'vmk0', services: ['management'], uplinks: ['vmnic0'], ip: '10.0.0.11' },
      { device: 'vmk1', services: ['faultToleranceLogging'], uplinks: ['vmnic1'], standbyUplinks: ['vmnic2'], ip: '10.0.1.11' },
      { device: 'vmk2', services: ['vmotion'], uplinks: ['vmnic2'], ip: '10.0.2.11' },
    ],
    datastores: [shared, nfs],
    networks: [vmNet, nsx, ftPg],
  });
  const esx02 = b.host({
    name: 'esx02.lab',
    cluster: prod,
    version: '7.0.3',
    capability: { smpFtSupported: false, smpFtCompatibilityIssues: ['missingFTLoggingNic'] },
    pnics,
    vmknics: [
      { device: 'vmk0', services: ['management', 'vmotion'], uplinks: ['vmnic0'], ip: '10.0.0.12' },
      {
        device: 'vmk1',
        services: ['faultToleranceLogging'],
        dvs: { switchUuid: ftPg.dvsUuid!, portgroupKey: ftPg.portgroupKey!, uplinks: ['vmnic4'] },
        ip: '10.0.1.12',
      },
    ],
    datastores: [shared],
    networks: [vmNet, nsx, ftPg],
  });
  b.vm({
    name: 'web01',
    host: esx01,
    numCpu: 2,
    memoryMB: 8192,
    hwVersion: 'vmx-19',
    firmware: 'efi',
    disks: [
      { capacityGB: 40, kind: 'thin', datastore: shared },
      { capacityGB: 100, kind: 'eager', datastore: shared },
      { capacityGB: 10, kind: 'rdmPhysical', datastore: shared, controller: 1 },
    ],
    scsi: [{ type: 'pvscsi' }, { type: 'lsilogic', busSharing: 'physicalSharing' }],
    snapshots: 3,
    hotAdd: { cpu: true, mem: true },
    cdrom: { kind: 'hostDevice' },
    floppy: { kind: 'device' },
    npiv: true,
    encrypted: true,
    vtpm: true,
    nics: [{ network: nsx }],
  });
  b.vm({
    name: 'sink01',
    host: esx01,
    disks: [
      {
        capacityGB: 3000,
        kind: 'lazy',
        datastore: nfs,
        iofilters: ['vmwarevmcrypt'],
        parent: true,
        vFlashMB: 128,
        sharing: 'sharingMultiWriter',
      },
    ],
    cdrom: { kind: 'iso', file: '[nfs01] iso/rhel.iso', datastore: nfs },
    floppy: { kind: 'remote' },
    usb: 1,
    sound: true,
    serial: 1,
    parallel: true,
    video3d: true,
    passthrough: ['vgpu', 'pci'],
    vmiRom: true,
    pcnet32: true,
    vbs: true,
    nestedHv: true,
    vpmc: true,
    vFlashMB: 256,
    ftEncryptionMode: 'ftEncryptionRequired',
    memoryReservationMB: 1024,
    nics: [{ network: vmNet }],
  });
  b.vm({ name: 'db01', host: esx02, numCpu: 4, memoryMB: 16384, ftState: 'running', ftType: 'checkpointing', nics: [{ network: vmNet }] });
  b.vm({
    name: 'vCLS-2c1e9b4d-0c50-4c38-9e0f-6e6f2f0d3b11',
    host: esx01,
    managedBy: { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' },
  });
  const west = b.datacenter('DC-West');
  const local = b.datastore({ name: 'local-lone', datacenter: west, type: 'VMFS', local: true });
  const westNet = b.network({ name: 'VM Network', datacenter: west });
  const lone = b.host({ name: 'esx-lone.lab', datacenter: west, version: '6.7.0', datastores: [local], networks: [westNet] });
  b.vm({ name: 'legacy01', host: lone, hwVersion: 'vmx-07' });
  return { estate: b.build(), esx01, esx02 };
}

describe('collectInventory on a realistic estate', () => {
  let inv: Inventory;
  let calls: number;
  beforeAll(async () => {
    const { client } = await start(buildEstate().estate);
    const before = client.calls.total;
    inv = await collectInventory(client, { licenses: false });
    calls = client.calls.total - before;
  });

  it('collects in a constant number of calls', () => {
    // CreateContainerView + RetrievePropertiesEx (all but the VMs' properties) + RetrievePropertiesEx (the VMs,
    // fewer than one part: over the same view) + DestroyView, then the visibility check: the session key
    // (RetrievePropertiesEx) and HasPrivilegeOnEntities on the root folder
    expect(calls).toBe(6);
    expect(inv.stats.pages).toBe(2);
    expect(inv.complete).toBe(true);
    expect(inv.problems).toEqual([]);
    expect(inv.vcenter).toMatchObject({ server: 'vc.mock.test', version: '7.0.3', apiVersion: '7.0.3.0', apiType: 'VirtualCenter' });
  });

  it('resolves datacenters, clusters and standalone hosts', () => {
    expect(inv.datacenters.map((d) => d.name)).toEqual(['DC-East', 'DC-West']);
    const lone = inv.hosts.find((h) => h.name === 'esx-lone.lab')!;
    expect(lone.clusterMoid).toBeUndefined();
    expect(lone.datacenter).toBe('DC-West');
    const prod = inv.clusters.find((c) => c.name === 'Prod')!;
    expect(prod.datacenter).toBe('DC-East');
    expect(prod.hostMoids).toHaveLength(2);
    const web = inv.vms.find((v) => v.name === 'web01')!;
    expect(web).toMatchObject({ datacenter: 'DC-East', clusterMoid: prod.moid });
    expect(inv.vms.find((v) => v.name === 'legacy01')).toMatchObject({ datacenter: 'DC-West', hwVersion: 7 });
  });

  it('reads HA and DRS with their overrides', () => {
    const prod = inv.clusters.find((c) => c.name === 'Prod')!;
    const web = inv.vms.find((v) => v.name === 'web01')!;
    const db = inv.vms.find((v) => v.name === 'db01')!;
    expect(prod.ha).toMatchObject({
      enabled: true,
      hostMonitoring: 'enabled',
      admissionControlEnabled: true,
      maxFtVmsPerHost: 6,
      maxFtVcpusPerHost: 8,
    });
    expect(prod.ha.options['das.maxftvmsperhost']).toBe('6');
    expect(prod.ha.vmOverrides).toEqual([{ vmMoid: db.moid, restartPriority: 'disabled' }]);
    expect(prod.drs).toEqual({
      enabled: true,
      defaultBehavior: 'partiallyAutomated',
      vmOverrides: [{ vmMoid: web.moid, enabled: true, behavior: 'manual' }],
    });
    expect(prod.evcModeKey).toBe('intel-cascadelake');
  });

  it('reads host CPU packages, capability and power policy', () => {
    const h = inv.hosts.find((x) => x.name === 'esx01.lab')!;
    expect(h.cpu).toMatchObject({ vendor: 'intel', numPackages: 2, numCores: 40, model: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz' });
    expect(h.cpu.packages).toHaveLength(2);
    expect(h.cpu.packages[0]).toMatchObject({ index: 0, vendor: 'intel', description: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz' });
    expect(h.capability).toMatchObject({
      smpFtSupported: true,
      smpFtCompatibilityIssues: [],
      maxVcpusPerFtVm: 8,
      maxMemMBPerFtVm: 131072,
      ftEfiSupported: true,
      encryptedFtSupported: true,
    });
    expect(h.powerPolicy?.shortName).toBe('static');
    expect(h.product).toMatchObject({ version: '7.0.3', apiVersion: '7.0.3.0' });
    expect(h.ftFeatureVersion).toBeTruthy();
    expect(inv.hosts.find((x) => x.name === 'esx02.lab')!.capability).toMatchObject({
      smpFtSupported: false,
      smpFtCompatibilityIssues: ['missingFTLoggingNic'],
    });
  });

  it('reads FT logging vmknics with their uplinks and speeds (standard and distributed)', () => {
    const h1 = inv.hosts.find((x) => x.name === 'esx01.lab')!;
    const ft1 = h1.vmknics.find((v) => v.services.includes('faultToleranceLogging'))!;
    expect(ft1).toMatchObject({ device: 'vmk1', ipv4: '10.0.1.11', ipv6Only: false });
    expect(ft1.uplinks.map((u) => [u.device, u.speedMb])).toEqual([
      ['vmnic1', 10000],
      ['vmnic2', 10000],
    ]);
    expect(h1.vmknics.find((v) => v.device === 'vmk2')!.services).toEqual(['vmotion']);
    expect(h1.pnics.find((p) => p.device === 'vmnic3')!.speedMb).toBeNull();
    const h2 = inv.hosts.find((x) => x.name === 'esx02.lab')!;
    const ft2 = h2.vmknics.find((v) => v.services.includes('faultToleranceLogging'))!;
    expect(ft2.dvsUuid).toBeTruthy();
    expect(ft2.uplinks.map((u) => [u.device, u.speedMb])).toEqual([['vmnic4', 25000]]);
    expect(h2.vmknics.find((v) => v.device === 'vmk0')!.services.sort()).toEqual(['management', 'vmotion']);
  });

  it('reads VM disks, snapshots, hot-add and devices', () => {
    const web = inv.vms.find((v) => v.name === 'web01')!;
    expect(web.disks.map((d) => d.backing)).toEqual(['thin', 'eagerZeroedThick', 'rdmPhysical']);
    expect(web.disks[0]!.capacityBytes).toBe(40 * 1024 ** 3);
    expect(web.disks[0]!.datastoreMoid).toBe(inv.datastores.find((d) => d.name === 'shared-vmfs')!.moid);
    expect(web.snapshotCount).toBe(3);
    expect(web).toMatchObject({
      cpuHotAdd: true,
      memoryHotAdd: true,
      cpuHotRemove: false,
      npiv: true,
      encrypted: true,
      vtpm: true,
      hwVersion: 19,
      firmware: 'efi',
      numCpu: 2,
      memoryMB: 8192,
    });
    expect(web.removable.find((r) => r.kind === 'cdrom')).toMatchObject({ backing: 'hostDevice' });
    expect(web.removable.find((r) => r.kind === 'floppy')).toMatchObject({ backing: 'hostDevice' });
    expect(web.scsiControllers.map((c) => c.busSharing)).toEqual(['noSharing', 'physicalSharing']);
  });

  it('reads every other FT-relevant device and flag', () => {
    const vm = inv.vms.find((v) => v.name === 'sink01')!;
    expect(vm.disks[0]).toMatchObject({
      backing: 'lazyZeroedThick',
      capacityBytes: 3000 * 1024 ** 3,
      iofilters: ['vmwarevmcrypt'],
      hasParent: true,
      vFlashReservationMB: 128,
      sharing: 'sharingMultiWriter',
    });
    expect(vm.removable.map((r) => [r.kind, r.backing])).toEqual([
      ['cdrom', 'iso'],
      ['floppy', 'remoteDevice'],
    ]);
    expect(vm.removable[0]).toMatchObject({
      fileName: '[nfs01] iso/rhel.iso',
      datastoreMoid: inv.datastores.find((d) => d.name === 'nfs01')!.moid,
    });
    expect(vm.usb).toHaveLength(1);
    expect(vm.usbControllers).toHaveLength(1);
    expect(vm.sound).toHaveLength(1);
    expect(vm.serial).toHaveLength(1);
    expect(vm.parallel).toHaveLength(1);
    expect(vm.passthrough.map((p) => p.kind).sort()).toEqual(['pci', 'vgpu']);
    expect(vm).toMatchObject({
      video3d: true,
      vmiRom: true,
      pcnet32: true,
      vbs: true,
      nestedHv: true,
      vpmc: true,
      vFlashReservationMB: 256,
      ftEncryptionMode: 'ftEncryptionRequired',
      memoryReservationMB: 1024,
    });
  });

  it('resolves NSX port groups and FT state', () => {
    const web = inv.vms.find((v) => v.name === 'web01')!;
    const nsx = inv.networks.find((n) => n.name === 'seg-web')!;
    expect(nsx).toMatchObject({ kind: 'distributed', backingType: 'nsx' });
    expect(nsx.dvsUuid).toBeTruthy();
    expect(web.nics[0]).toMatchObject({ backing: 'distributed', networkMoid: nsx.moid, portgroupKey: nsx.portgroupKey });
    const db = inv.vms.find((v) => v.name === 'db01')!;
    expect(db.ft).toMatchObject({ state: 'running', type: 'checkpointing' });
    expect(db.nics[0]).toMatchObject({ backing: 'standard', networkMoid: inv.networks.find((n) => n.name === 'VM Network')!.moid });
  });

  it('marks the vCLS VM as an agent VM', () => {
    expect(inv.vms.filter((v) => v.agentVm).map((v) => v.name)).toEqual(['vCLS-2c1e9b4d-0c50-4c38-9e0f-6e6f2f0d3b11']);
  });

  it('reads datastores', () => {
    const ds = inv.datastores.find((d) => d.name === 'nfs01')!;
    expect(ds).toMatchObject({
      type: 'NFS',
      accessible: true,
      capacityBytes: 4096 * 1024 ** 3,
      freeBytes: 4000 * 1024 ** 3,
      datacenter: 'DC-East',
    });
    expect(ds.hostMoids).toEqual([inv.hosts.find((h) => h.name === 'esx01.lab')!.moid]);
  });
});
