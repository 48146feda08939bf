// Builders, the demo estate and scale estates: schema-valid vim data, realistic shapes, determinism.
import { describe, expect, it } from 'vitest';
import { DEMO_USER, demoEstate, estate, scaleEstate, type Estate } from '../../../mocks/index.js';
import { fieldType, isDataType } from '../../../src/vsphere/typing.js';
import { pathType } from '../../../mocks/schema.js';

type Obj = Record<string, unknown>;
const json = (e: Estate) => JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

// Every data object field the builders write must exist in the schema for its _type (typos would be
// silently unreadable by a client that follows the schema), except these fields of real vCenter 8 replies
// that are newer than the 0.24.2 schema (pyvmomi/test_json_vm_explode_default.yaml): decoders must skip them.
const NEWER_THAN_SCHEMA = new Set([
  'VirtualMachineConfigInfo.rebootPowerOff',
  'VirtualHardware.autoCoresPerSocket',
  'VirtualHardware.motherboardLayout',
  'VirtualHardware.simultaneousThreads',
  'VirtualMachineSgxInfo.requireAttestation',
]);
function unknownFields(v: unknown, at: string, out: string[]): void {
  if (Array.isArray(v)) return v.forEach((x, i) => unknownFields(x, `${at}[${i}]`, out));
  if (!v || typeof v !== 'object') return;
  const o = v as Obj;
  const t = o._type as string | undefined;
  if (t === 'ManagedObjectReference') return;
  if (t && !isDataType(t)) out.push(`${at}: unknown type ${t}`);
  for (const [k, x] of Object.entries(o)) {
    if (k === '_type') continue;
    if (t && isDataType(t) && !fieldType(t, k) && !NEWER_THAN_SCHEMA.has(`${t}.${k}`)) out.push(`${at}.${k} (${t})`);
    unknownFields(x, `${at}.${k}`, out);
  }
}

const vmsOf = (e: Estate) => e.objects.filter((o) => o.type === 'VirtualMachine');
const cfg = (o: { props: Obj }) => o.props.config as Obj;

describe('demo estate', () => {
  const e = demoEstate();

  it('is deterministic', () => {
    expect(json(demoEstate())).toBe(json(e));
  });

  it('has only schema-valid properties and fields', () => {
    const bad: string[] = [];
    for (const o of e.objects) {
      for (const [k, v] of Object.entries(o.props)) {
        if (!pathType(o.type, k)) bad.push(`${o.moid}.${k}`);
        unknownFields(v, `${o.moid}.${k}`, bad);
      }
    }
    expect(bad).toEqual([]);
  });

  it('looks like a real mixed estate', () => {
    const types = (t: string) => e.objects.filter((o) => o.type === t);
    expect(types('Datacenter').map((d) => d.props.name)).toEqual(['DC-East', 'DC-West']);
    expect(types('ClusterComputeResource')).toHaveLength(4);
    const versions = new Set(types('HostSystem').map((h) => ((h.props.config as Obj).product as Obj).version));
    expect([...versions].sort()).toEqual(['6.7.0', '7.0.3', '8.0.2']);
    const vendors = new Set(types('HostSystem').map((h) => ((h.props.hardware as Obj).cpuPkg as Obj[])[0]!.vendor));
    expect([...vendors].sort()).toEqual(['amd', 'intel']);
    expect(new Set(types('Datastore').map((d) => (d.props.summary as Obj).type))).toEqual(new Set(['VMFS', 'NFS', 'vsan', 'VVOL']));
    const vms = vmsOf(e);
    expect(vms.length).toBeGreaterThanOrEqual(180);
    expect(vms.length).toBeLessThanOrEqual(240);
    expect(e.users.map((u) => u.name)).toContain(DEMO_USER);
    expect(e.tags!.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['ft-candidate', 'tier-1']));
  });

  it('has FT pairs, a needSecondary primary, templates and vCLS agent VMs', () => {
    const vms = vmsOf(e);
    const secondaries = vms.filter((v) => (cfg(v).ftInfo as Obj | undefined)?._type === 'FaultToleranceSecondaryConfigInfo');
    expect(secondaries.length).toBe(4);
    for (const s of secondaries) {
      const primary = vms.find((v) => v.moid === ((cfg(s).ftInfo as Obj).primaryVM as Obj).value)!;
      expect(primary.props.name).toBe(s.props.name);
      expect((primary.props.runtime as Obj).host).not.toEqual((s.props.runtime as Obj).host);
    }
    expect(vms.filter((v) => (v.props.runtime as Obj).faultToleranceState === 'needSecondary')).toHaveLength(1);
    expect(vms.filter((v) => cfg(v).template === true).length).toBeGreaterThanOrEqual(3);
    const vcls = vms.filter((v) => String(v.props.name).startsWith('vCLS-'));
    expect(vcls.length).toBe(12);
    expect(vcls.every((v) => (cfg(v).managedBy as Obj).extensionKey === 'com.vmware.vim.eam')).toBe(true);
  });

  it('spreads the FT blockers ftscan looks for', () => {
    const vms = vmsOf(e);
    const devices = (v: { props: Obj }) => (cfg(v).hardware as Obj).device as Obj[];
    const any = (pred: (d: Obj) => boolean) => vms.filter((v) => devices(v).some(pred)).length;
    const backing = (d: Obj) => (d.backing as Obj | undefined)?._type;
    expect(vms.filter((v) => v.props.snapshot).length).toBeGreaterThan(5);
    expect(vms.filter((v) => ((cfg(v).hardware as Obj).numCPU as number) > 8).length).toBeGreaterThan(3);
    expect(any((d) => backing(d) === 'VirtualDiskFlatVer2BackingInfo' && (d.backing as Obj).thinProvisioned === true)).toBeGreaterThan(20);
    expect(any((d) => (d.backing as Obj | undefined)?.compatibilityMode === 'physicalMode')).toBeGreaterThan(0);
    expect(any((d) => backing(d) === 'VirtualCdromAtapiBackingInfo')).toBeGreaterThan(0);
    expect(any((d) => d._type === 'VirtualUSB')).toBeGreaterThan(0);
    expect(any((d) => d._type === 'VirtualSerialPort')).toBeGreaterThan(0);
    expect(any((d) => (d as Obj).sharedBus === 'physicalSharing')).toBe(2);
    expect(any((d) => d._type === 'VirtualDisk' && (d.capacityInBytes as number) > 2 * 1024 ** 4)).toBeGreaterThan(0);
    expect(vms.filter((v) => Number(String(cfg(v).version).slice(4)) < 10).length).toBeGreaterThan(0);
    expect(vms.filter((v) => cfg(v).firmware === 'efi').length).toBeGreaterThan(5);
  });

  it('has one host without an FT logging vmknic and one with FT logging on a single 1 GbE uplink', () => {
    const hosts = e.objects.filter((o) => o.type === 'HostSystem');
    const ftNics = (h: { props: Obj }) =>
      (((h.props.config as Obj).virtualNicManagerInfo as Obj).netConfig as Obj[]).find((n) => n.nicType === 'faultToleranceLogging')!
        .selectedVnic as string[];
    expect(hosts.filter((h) => ftNics(h).length === 0).map((h) => h.props.name)).toEqual(
      expect.arrayContaining(['esx-prod-04.corp.local']),
    );
    const h3 = hosts.find((h) => h.props.name === 'esx-prod-03.corp.local')!;
    const net = (h3.props.config as Obj).network as Obj;
    const pg = (net.portgroup as Obj[]).find((p) => (p.spec as Obj).name === 'FT Logging')!;
    const vs = (net.vswitch as Obj[]).find((v) => v.key === pg.vswitch)!;
    expect(vs.pnic).toEqual(['key-vim.host.PhysicalNic-vmnic2']);
    expect(((net.pnic as Obj[]).find((p) => p.device === 'vmnic2')!.linkSpeed as Obj).speedMb).toBe(1000);
  });
});

describe('builders', () => {
  it('builds real-looking disks, CD-ROMs and snapshot chains', () => {
    const b = estate();
    const ds = b.datastore({ name: 'ds1' });
    const net = b.dvPortgroup({ name: 'pg' });
    const h = b.host({ name: 'h', datastores: [ds], networks: [net] });
    const vm = b.vm({
      name: 'x',
      host: h,
      snapshots: 2,
      disks: [
        { capacityGB: 1, kind: 'eager' },
        { capacityGB: 2, kind: 'rdmVirtual' },
        { capacityGB: 3, kind: 'sparse' },
      ],
      cdrom: { kind: 'iso' },
    });
    const dev = ((vm.obj.props.config as Obj).hardware as Obj).device as Obj[];
    const disks = dev.filter((d) => d._type === 'VirtualDisk');
    expect(disks.map((d) => [d.key, d.controllerKey, d.unitNumber, d.capacityInKB, d.capacityInBytes])).toEqual([
      [2000, 1000, 0, 1048576, 1073741824],
      [2001, 1000, 1, 2097152, 2147483648],
      [2002, 1000, 2, 3145728, 3221225472],
    ]);
    const b0 = disks[0]!.backing as Obj;
    expect(b0).toMatchObject({
      _type: 'VirtualDiskFlatVer2BackingInfo',
      fileName: '[ds1] x/x-000002.vmdk',
      thinProvisioned: false,
      eagerlyScrub: true,
      datastore: ds.ref,
    });
    expect(((b0.parent as Obj).parent as Obj).fileName).toBe('[ds1] x/x.vmdk');
    expect((disks[1]!.backing as Obj).compatibilityMode).toBe('virtualMode');
    expect(dev.find((d) => d._type === 'VirtualCdrom')!.backing).toMatchObject({ _type: 'VirtualCdromIsoBackingInfo', datastore: ds.ref });
    const nic = dev.find((d) => d._type === 'VirtualVmxnet3')!;
    expect((nic.backing as Obj)._type).toBe('VirtualEthernetCardDistributedVirtualPortBackingInfo');
    const snap = vm.obj.props.snapshot as Obj;
    const root = (snap.rootSnapshotList as Obj[])[0]!;
    expect((root.childSnapshotList as Obj[])[0]!.snapshot).toEqual(snap.currentSnapshot);
    const pci = dev.find((d) => d._type === 'VirtualPCIController')!.device as number[];
    expect(pci).toEqual(expect.arrayContaining([500, 12000, 1000, 4000]));
  });

  it('wires FT logging on a distributed switch through the host proxy switch', () => {
    const b = estate();
    const uuid = b.dvsUuid('DSwitch');
    const pg = b.dvPortgroup({ name: 'ft', switchName: 'DSwitch' });
    const h = b.host({
      name: 'h',
      vmknics: [
        {
          device: 'vmk1',
          services: ['faultToleranceLogging'],
          dvs: { switchUuid: uuid, portgroupKey: pg.moid, uplinks: ['vmnic2', 'vmnic3'] },
        },
      ],
    });
    const net = (h.obj.props.config as Obj).network as Obj;
    const vnic = (net.vnic as Obj[])[0]!;
    expect((vnic.spec as Obj).distributedVirtualPort).toMatchObject({ switchUuid: uuid, portgroupKey: pg.moid });
    expect((net.proxySwitch as Obj[])[0]).toMatchObject({
      dvsUuid: uuid,
      pnic: ['key-vim.host.PhysicalNic-vmnic2', 'key-vim.host.PhysicalNic-vmnic3'],
    });
  });

  it('derives host FT capability from the ESXi version', () => {
    const b = estate();
    const cap = (v: string) => b.host({ name: v, version: v }).obj.props.capability as Obj;
    expect(cap('5.5.0')).toMatchObject({ ftSupported: true, recordReplaySupported: true });
    expect(cap('5.5.0').smpFtSupported).toBeUndefined();
    expect(cap('6.7.0')).toMatchObject({ ftSupported: false, smpFtSupported: true, maxVcpusPerFtVm: 8, maxMemMBPerFtVm: 131072 });
    expect(b.host({ name: 'bad', capability: { smpFtCompatibilityIssues: ['cpuHvDisabled'] } }).obj.props.capability).toMatchObject({
      smpFtSupported: false,
    });
  });
});

describe('scale estates', () => {
  it('builds the requested number of VMs over clusters of hosts', () => {
    const e = scaleEstate(100, { clusters: 2, hostsPerCluster: 3 });
    expect(vmsOf(e)).toHaveLength(100);
    expect(e.objects.filter((o) => o.type === 'HostSystem')).toHaveLength(6);
    expect(e.objects.filter((o) => o.type === 'ClusterComputeResource')).toHaveLength(2);
    expect(vmsOf(scaleEstate(10))).toHaveLength(10);
  });
});
