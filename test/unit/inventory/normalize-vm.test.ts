import { describe, expect, it } from 'vitest';
import { normalizeVm, countSnapshots, parseHwVersion } from '../../../src/inventory/normalize-vm.js';
import { diskBackingKind } from '../../../src/inventory/normalize-devices.js';
import { dev, mo, noPermission, oc, recordedObject } from './helpers.js';

// Real vCenter 8.x answer (fog-vsphere get_template.yml): a template with PVSCSI, thin disk, ISO CD-ROM.
const realTemplate = () => recordedObject('fog-vsphere/get_template.yml', 'ArrayOfVirtualDevice');

describe('normalizeVm on a real recording', () => {
  const vm = normalizeVm(realTemplate());

  it('reads the identity and hardware', () => {
    expect(vm).toMatchObject({
      moid: 'vm-7295',
      name: 'RHEL8',
      hostMoid: 'host-12',
      template: true,
      powerState: 'poweredOff',
      guestId: 'rhel9_64Guest',
      hwVersion: 21,
      numCpu: 2,
      numCoresPerSocket: 1,
      memoryMB: 8192,
      firmware: 'efi',
      cpuHotAdd: false,
      memoryHotAdd: false,
    });
  });

  it('classifies the devices', () => {
    expect(vm.disks).toEqual([
      expect.objectContaining({
        key: 2000,
        label: 'Hard disk 1',
        capacityBytes: 21474836480,
        backing: 'thin',
        backingType: 'VirtualDiskFlatVer2BackingInfo',
        fileName: '[SatQE-NFS-Datastore1] RHEL8_1/RHEL8_1.vmdk',
        datastoreMoid: 'datastore-7217',
        controllerKey: 1000,
        hasParent: false,
        sharing: 'sharingNone',
        encrypted: false,
      }),
    ]);
    expect(vm.scsiControllers).toEqual([{ key: 1000, type: 'ParaVirtualSCSIController', busSharing: 'noSharing' }]);
    expect(vm.removable).toEqual([
      expect.objectContaining({
        kind: 'cdrom',
        backing: 'iso',
        fileName: '[ISOs] RHEL8/RHEL-8.9.iso',
        datastoreMoid: 'datastore-7025',
        connected: false,
        startConnected: true,
      }),
    ]);
    expect(vm.nics).toEqual([
      expect.objectContaining({ key: 4000, type: 'VirtualVmxnet3', backing: 'standard', networkMoid: 'network-14' }),
    ]);
    expect(vm.video3d).toBe(false);
    expect([vm.usb, vm.sound, vm.serial, vm.parallel, vm.passthrough]).toEqual([[], [], [], [], []]);
  });

  it('applies defaults for what the recording did not ask for', () => {
    expect(vm.ft).toEqual({ state: 'notConfigured', instanceUuids: [] });
    expect(vm.snapshotCount).toBe(0);
    expect(vm.cpuHotRemove).toBe(false);
    expect(vm.memoryReservationMB).toBe(0);
    expect(vm.npiv).toBe(false);
    expect(vm.encrypted).toBe(false);
    expect(vm.agentVm).toBe(false);
    expect(vm.unreadable).toEqual([]);
  });
});

describe('disk backings', () => {
  it.each([
    [{ _type: 'VirtualDiskFlatVer2BackingInfo', thinProvisioned: true }, 'thin'],
    [{ _type: 'VirtualDiskFlatVer2BackingInfo', thinProvisioned: false, eagerlyScrub: true }, 'eagerZeroedThick'],
    [{ _type: 'VirtualDiskFlatVer2BackingInfo', thinProvisioned: false }, 'lazyZeroedThick'],
    [{ _type: 'VirtualDiskRawDiskMappingVer1BackingInfo', compatibilityMode: 'physicalMode' }, 'rdmPhysical'],
    [{ _type: 'VirtualDiskRawDiskMappingVer1BackingInfo', compatibilityMode: 'virtualMode' }, 'rdmVirtual'],
    [{ _type: 'VirtualDiskSparseVer2BackingInfo' }, 'sparse'],
    [{ _type: 'VirtualDiskSeSparseBackingInfo' }, 'sparse'],
    [{ _type: 'VirtualDiskLocalPMemBackingInfo' }, 'pmem'],
    [{ _type: 'VirtualDiskPartitionedRawDiskVer2BackingInfo' }, 'other'],
    [undefined, 'other'],
  ])('%j -> %s', (backing, kind) => {
    expect(diskBackingKind(backing as never)).toBe(kind);
  });
});

describe('normalizeVm on hand-written decoded values', () => {
  const devices = [
    dev('VirtualLsiLogicController', 1000, { sharedBus: 'physicalSharing' }),
    dev('VirtualDisk', 2000, {
      capacityInKB: 3 * 1024 * 1024 * 1024,
      controllerKey: 1000,
      iofilter: ['vmwarevmcrypt'],
      vFlashCacheConfigInfo: { _type: 'VirtualDiskVFlashCacheConfigInfo', reservationInMB: 512 },
      backing: {
        _type: 'VirtualDiskFlatVer2BackingInfo',
        fileName: '[ds1] a/a-000001.vmdk',
        thinProvisioned: false,
        eagerlyScrub: true,
        sharing: 'sharingMultiWriter',
        keyId: { _type: 'CryptoKeyId', keyId: 'k1' },
        parent: { _type: 'VirtualDiskFlatVer2BackingInfo', fileName: '[ds1] a/a.vmdk' },
      },
    }),
    dev('VirtualDisk', 2001, {
      capacityInBytes: 10n ** 16n,
      backing: { _type: 'VirtualDiskRawDiskMappingVer1BackingInfo', compatibilityMode: 'physicalMode' },
    }),
    dev('VirtualCdrom', 3000, {
      backing: { _type: 'VirtualCdromAtapiBackingInfo', deviceName: '/dev/cdrom' },
      connectable: { _type: 'VirtualDeviceConnectInfo', connected: true, startConnected: true },
    }),
    dev('VirtualCdrom', 3001, { backing: { _type: 'VirtualCdromRemotePassthroughBackingInfo', deviceName: '', exclusive: false } }),
    dev('VirtualCdrom', 3002),
    dev('VirtualFloppy', 8000, { backing: { _type: 'VirtualFloppyDeviceBackingInfo', deviceName: '/dev/fd0' } }),
    dev('VirtualFloppy', 8001, { backing: { _type: 'VirtualFloppyImageBackingInfo', fileName: '[ds1] f.flp' } }),
    dev('VirtualUSBXHCIController', 14000),
    dev('VirtualUSB', 14001),
    dev('VirtualHdAudioCard', 15000),
    dev('VirtualSerialPort', 9000),
    dev('VirtualParallelPort', 10000),
    dev('VirtualMachineVideoCard', 500, { enable3DSupport: true }),
    dev('VirtualPCIPassthrough', 13000, { backing: { _type: 'VirtualPCIPassthroughVmiopBackingInfo', vgpu: 'grid_p40-2q' } }),
    dev('VirtualPCIPassthrough', 13001, { backing: { _type: 'VirtualPCIPassthroughDeviceBackingInfo', id: '0000:81:00.0' } }),
    dev('VirtualSriovEthernetCard', 4002, {
      backing: { _type: 'VirtualEthernetCardNetworkBackingInfo', network: mo('Network', 'network-1') },
    }),
    dev('VirtualMachineVMIROM', 11000),
    dev('VirtualPCNet32', 4000, {
      backing: {
        _type: 'VirtualEthernetCardDistributedVirtualPortBackingInfo',
        port: { _type: 'DistributedVirtualSwitchPortConnection', switchUuid: '50 2e', portgroupKey: 'dvportgroup-9' },
      },
    }),
    dev('VirtualVmxnet3', 4001, {
      backing: { _type: 'VirtualEthernetCardOpaqueNetworkBackingInfo', opaqueNetworkId: 'ls-1', opaqueNetworkType: 'nsx.LogicalSwitch' },
    }),
    dev('VirtualNVDIMM', 16000),
    dev('VirtualTPM', 11001),
    dev('VirtualSomethingNew', 99999),
  ];
  const snapshot = {
    _type: 'VirtualMachineSnapshotInfo',
    rootSnapshotList: [
      {
        _type: 'VirtualMachineSnapshotTree',
        name: 'a',
        childSnapshotList: [
          { _type: 'VirtualMachineSnapshotTree', name: 'b', childSnapshotList: [{ _type: 'VirtualMachineSnapshotTree', name: 'c' }] },
        ],
      },
      { _type: 'VirtualMachineSnapshotTree', name: 'd' },
    ],
  };
  const vm = normalizeVm(
    oc('VirtualMachine', 'vm-1', {
      name: 'db01',
      'runtime.host': mo('HostSystem', 'host-1'),
      'runtime.powerState': 'poweredOn',
      'runtime.faultToleranceState': 'running',
      datastore: [mo('Datastore', 'ds-1')],
      network: [mo('Network', 'network-1'), mo('DistributedVirtualPortgroup', 'dvportgroup-9')],
      snapshot,
      'config.version': 'vmx-13',
      'config.hardware.numCPU': 4,
      'config.hardware.memoryMB': 16384,
      'config.hardware.device': devices,
      'config.memoryAllocation.reservation': 2048,
      'config.cpuHotAddEnabled': true,
      'config.ftInfo': { _type: 'FaultTolerancePrimaryConfigInfo', role: 1, instanceUuids: ['u1', 'u2'], configPaths: [] },
      'config.flags': { _type: 'VirtualMachineFlagInfo', faultToleranceType: 'checkpointing', vbsEnabled: true },
      'config.npivWorldWideNameType': 'vc',
      'config.npivNodeWorldWideName': [1234567890123n],
      'config.keyId': { _type: 'CryptoKeyId', keyId: 'k', providerId: { _type: 'KeyProviderId', id: 'kms' } },
      'config.nestedHVEnabled': true,
      'config.vPMCEnabled': true,
      'config.pmemFailoverEnabled': true,
      'config.vFlashCacheReservation': 512 * 1024 * 1024,
      'config.ftEncryptionMode': 'ftEncryptionOpportunistic',
      'config.files.vmPathName': '[vsan-ds] app/app.vmx',
      'config.files.ftMetadataDirectory': '[nfs-ds] app-ft/',
      'config.managedBy': { _type: 'ManagedByInfo', extensionKey: 'com.acme.backup', type: 'appliance' },
    }),
  );

  it('reads FT state, role, type and flags', () => {
    expect(vm.ft).toEqual({ state: 'running', role: 1, type: 'checkpointing', instanceUuids: ['u1', 'u2'] });
    expect(vm).toMatchObject({
      hwVersion: 13,
      numCpu: 4,
      memoryReservationMB: 2048,
      cpuHotAdd: true,
      vbs: true,
      nestedHv: true,
      vpmc: true,
      pmemFailover: true,
    });
    expect(vm.vFlashReservationMB).toBe(512);
    expect(vm.ftEncryptionMode).toBe('ftEncryptionOpportunistic');
    expect(vm).toMatchObject({ vmPathName: '[vsan-ds] app/app.vmx', ftMetadataDirectory: '[nfs-ds] app-ft/' });
    expect(vm.managedBy).toEqual({ extensionKey: 'com.acme.backup', type: 'appliance' });
    expect(vm.agentVm).toBe(false);
  });

  it('counts snapshots recursively and detects NPIV and encryption', () => {
    expect(vm.snapshotCount).toBe(4);
    expect(vm.npiv).toBe(true);
    expect(vm.encrypted).toBe(true);
    expect(vm.vtpm).toBe(true);
  });

  it('classifies disks, controllers and removable devices', () => {
    const [d1, d2] = vm.disks;
    expect(d1).toMatchObject({
      backing: 'eagerZeroedThick',
      capacityBytes: 3 * 1024 ** 4,
      hasParent: true,
      sharing: 'sharingMultiWriter',
      iofilters: ['vmwarevmcrypt'],
      vFlashReservationMB: 512,
      encrypted: true,
    });
    expect(d2).toMatchObject({ backing: 'rdmPhysical', capacityBytes: 1e16 });
    expect(vm.scsiControllers).toEqual([{ key: 1000, type: 'VirtualLsiLogicController', busSharing: 'physicalSharing' }]);
    expect(vm.removable.map((r) => [r.kind, r.backing, r.connected])).toEqual([
      ['cdrom', 'hostDevice', true],
      ['cdrom', 'remotePassthrough', false],
      ['cdrom', 'none', false],
      ['floppy', 'hostDevice', false],
      ['floppy', 'iso', false],
    ]);
  });

  it('lists USB, sound, ports, 3D video, passthrough and legacy devices', () => {
    expect(vm.usb.map((d) => d.key)).toEqual([14001]);
    expect(vm.usbControllers.map((d) => d.type)).toEqual(['VirtualUSBXHCIController']);
    expect(vm.sound.map((d) => d.type)).toEqual(['VirtualHdAudioCard']);
    expect(vm.serial.map((d) => d.key)).toEqual([9000]);
    expect(vm.parallel.map((d) => d.key)).toEqual([10000]);
    expect(vm.video3d).toBe(true);
    expect(vm.passthrough.map((p) => [p.key, p.kind])).toEqual([
      [13000, 'vgpu'],
      [13001, 'pci'],
      [4002, 'sriov'],
    ]);
    expect(vm.vmiRom).toBe(true);
    expect(vm.pcnet32).toBe(true);
    expect(vm.nvdimm).toBe(true);
  });

  it('reads NIC backings: standard, distributed, opaque', () => {
    expect(vm.nics.map((n) => [n.key, n.backing, n.networkMoid ?? n.portgroupKey ?? n.opaqueNetworkType])).toEqual([
      [4002, 'standard', 'network-1'],
      [4000, 'distributed', 'dvportgroup-9'],
      [4001, 'opaque', 'nsx.LogicalSwitch'],
    ]);
    expect(vm.nics[1]!.dvsUuid).toBe('50 2e');
  });
});

describe('small helpers and edge cases', () => {
  it('parses hardware versions', () => {
    expect(parseHwVersion('vmx-07')).toBe(7);
    expect(parseHwVersion('vmx-21')).toBe(21);
    expect(parseHwVersion('vmx-')).toBeUndefined();
    expect(parseHwVersion(undefined)).toBeUndefined();
  });

  it('counts no snapshots when the property is absent', () => {
    expect(countSnapshots(undefined)).toBe(0);
  });

  it('marks vCLS and ESX agent VMs', () => {
    const eam = normalizeVm(
      oc('VirtualMachine', 'vm-2', {
        name: 'agent',
        'config.managedBy': { _type: 'ManagedByInfo', extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' },
      }),
    );
    const vcls = normalizeVm(oc('VirtualMachine', 'vm-3', { name: 'vCLS-8f66678f-3d69-4b58-a4c7-bae62203b573' }));
    const old = normalizeVm(oc('VirtualMachine', 'vm-4', { name: 'vCLS (1)' }));
    const normal = normalizeVm(oc('VirtualMachine', 'vm-5', { name: 'vCLSmonitor' }));
    expect([eam.agentVm, vcls.agentVm, old.agentVm, normal.agentVm]).toEqual([true, true, true, false]);
  });

  it('does not treat disabled NPIV as NPIV', () => {
    const vm = normalizeVm(oc('VirtualMachine', 'vm-6', { 'config.npivWorldWideNameType': 'vc', 'config.npivTemporaryDisabled': true }));
    expect(vm.npiv).toBe(false);
  });

  it('never crashes on an object with nothing readable, and lists what was missing', () => {
    const vm = normalizeVm(oc('VirtualMachine', 'vm-7', {}, [noPermission('config.hardware.device'), noPermission('name')]));
    expect(vm).toMatchObject({ moid: 'vm-7', name: 'vm-7', numCpu: 0, firmware: 'bios', powerState: 'unknown', disks: [] });
    expect(vm.unreadable).toEqual([
      { path: 'config.hardware.device', fault: 'NoPermission' },
      { path: 'name', fault: 'NoPermission' },
    ]);
  });

  it('accepts a wide read of the whole config', () => {
    const vm = normalizeVm(
      oc('VirtualMachine', 'vm-8', {
        config: {
          _type: 'VirtualMachineConfigInfo',
          version: 'vmx-11',
          hardware: { _type: 'VirtualHardware', numCPU: 2, memoryMB: 4096, device: [dev('VirtualUSB', 1)] },
        },
      }),
    );
    expect(vm).toMatchObject({ hwVersion: 11, numCpu: 2, memoryMB: 4096 });
    expect(vm.usb).toHaveLength(1);
  });
});
