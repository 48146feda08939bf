// VirtualMachine config.hardware.device lists shaped like real ones (fog-vsphere/get_template.yml): vpxd's
// device keys (200/201 IDE, 300 PS2, 100 PCI, 400 SIO, 500 video, 600/700 keyboard/mouse, 1000+ SCSI,
// 2000+ disks, 3002 CD-ROM, 4000+ NICs, 8000 floppy, 9000 serial, 10000 parallel, 12000 VMCI, 13000
// passthrough), controllerKey/unitNumber, deviceInfo {label, summary}, connectable, file backings with
// "[ds] vm/vm.vmdk" names and datastore MoRefs, capacityInKB + capacityInBytes.
import type { Prng } from './prng.js';
import { moref } from './estate.js';
import type { DatastoreRef, NetworkRef, VmOptions } from './builder-types.js';

type Obj = Record<string, unknown>;
const d = (type: string, fields: Obj): Obj => ({ _type: type, ...fields });

export interface DeviceContext {
  rng: Prng;
  vmName: string;
  homeDs: { name: string; moid: string };
  resolveDs(x: DatastoreRef | string | undefined): { name: string; moid: string };
  resolveNetwork(x: NetworkRef | string | undefined): NetworkRef;
  mac(): string;
  snapshots: number;
  poweredOn: boolean;
}

const info = (label: string, summary: string) => d('Description', { label, summary });
const connectable = (connected: boolean, startConnected = connected, extra: Obj = {}) =>
  d('VirtualDeviceConnectInfo', { ...extra, startConnected, allowGuestControl: true, connected, status: 'ok' });
const pciSlot = (n: number) => d('VirtualDevicePciBusSlotInfo', { pciSlotNumber: n });
const kb = (n: number) => n.toLocaleString('en-US');

const SCSI_TYPES = {
  pvscsi: ['ParaVirtualSCSIController', 'VMware paravirtual SCSI'],
  lsilogic: ['VirtualLsiLogicController', 'LSI Logic'],
  lsilogicsas: ['VirtualLsiLogicSASController', 'LSI Logic SAS'],
  buslogic: ['VirtualBusLogicController', 'BusLogic'],
} as const;
const NIC_TYPES = {
  vmxnet3: 'VirtualVmxnet3',
  e1000: 'VirtualE1000',
  e1000e: 'VirtualE1000e',
  pcnet32: 'VirtualPCNet32',
  vmxnet2: 'VirtualVmxnet2',
  sriov: 'VirtualSriovEthernetCard',
} as const;

function contentId(rng: Prng): string {
  return rng.hex(32);
}
function diskUuid(rng: Prng): string {
  const h = rng.hex(28);
  return `6000C29${h.slice(0, 1)}-${h.slice(1, 5)}-${h.slice(5, 9)}-${h.slice(9, 13)}-${h.slice(13, 25)}`;
}

export function vmDevices(o: VmOptions, ctx: DeviceContext) {
  const { rng, vmName } = ctx;
  const devices: Obj[] = [];
  const pci: number[] = [];
  const ide1: number[] = [];
  const sio: number[] = [];
  let pciUnit = 3;
  const diskDatastores: string[] = [];
  const networks: NetworkRef[] = [];

  devices.push(d('VirtualIDEController', { key: 200, deviceInfo: info('IDE 0', 'IDE 0'), busNumber: 0 }));
  const ide1Ctl = d('VirtualIDEController', { key: 201, deviceInfo: info('IDE 1', 'IDE 1'), busNumber: 1, device: ide1 });
  devices.push(ide1Ctl);
  devices.push(
    d('VirtualPS2Controller', { key: 300, deviceInfo: info('PS2 controller 0', 'PS2 controller 0'), busNumber: 0, device: [600, 700] }),
  );
  devices.push(
    d('VirtualPCIController', { key: 100, deviceInfo: info('PCI controller 0', 'PCI controller 0'), busNumber: 0, device: pci }),
  );
  devices.push(
    d('VirtualSIOController', { key: 400, deviceInfo: info('SIO controller 0', 'SIO controller 0'), busNumber: 0, device: sio }),
  );
  devices.push(d('VirtualKeyboard', { key: 600, deviceInfo: info('Keyboard', 'Keyboard'), controllerKey: 300, unitNumber: 0 }));
  devices.push(
    d('VirtualPointingDevice', {
      key: 700,
      deviceInfo: info('Pointing device', 'Pointing device; Device'),
      backing: d('VirtualPointingDeviceDeviceBackingInfo', { deviceName: '', useAutoDetect: false, hostPointingDevice: 'autodetect' }),
      controllerKey: 300,
      unitNumber: 1,
    }),
  );
  pci.push(500);
  devices.push(
    d('VirtualMachineVideoCard', {
      key: 500,
      deviceInfo: info('Video card ', 'Video card'),
      controllerKey: 100,
      unitNumber: 0,
      videoRamSizeInKB: 8192,
      numDisplays: 1,
      useAutoDetect: false,
      enable3DSupport: o.video3d ?? false,
      use3dRenderer: 'automatic',
      graphicsMemorySizeInKB: 262144,
    }),
  );
  pci.push(12000);
  devices.push(
    d('VirtualMachineVMCIDevice', {
      key: 12000,
      deviceInfo: info(
        'VMCI device',
        'Device on the virtual machine PCI bus that provides support for the virtual machine communication interface',
      ),
      controllerKey: 100,
      unitNumber: 17,
      id: rng.int(-2147483647, 2147483647),
      allowUnrestrictedCommunication: o.vmciUnrestricted ?? false,
      filterEnable: true,
    }),
  );

  // SCSI controllers and disks
  const scsi = o.scsi ?? [{}];
  const ctlDevices: number[][] = scsi.map(() => []);
  scsi.forEach((s, bus) => {
    const [type, summary] = SCSI_TYPES[s.type ?? 'pvscsi'];
    const key = 1000 + bus;
    pci.push(key);
    devices.push(
      d(type, {
        key,
        deviceInfo: info(`SCSI controller ${bus}`, summary),
        slotInfo: pciSlot(160 + bus * 32),
        controllerKey: 100,
        unitNumber: pciUnit++,
        busNumber: bus,
        device: ctlDevices[bus],
        hotAddRemove: true,
        sharedBus: s.busSharing ?? 'noSharing',
        scsiCtlrUnitNumber: 7,
      }),
    );
  });
  const disks = o.disks ?? [{ capacityGB: 40 }];
  const nextUnit = scsi.map(() => 0);
  let numDisks = 0;
  disks.forEach((disk, i) => {
    const bus = Math.min(disk.controller ?? 0, scsi.length - 1);
    let unit = nextUnit[bus]!++;
    if (unit === 7) unit = nextUnit[bus]!++; // the controller's own unit
    const key = 2000 + bus * 16 + unit;
    ctlDevices[bus]!.push(key);
    const ds = ctx.resolveDs(disk.datastore);
    if (!diskDatastores.includes(ds.moid)) diskDatastores.push(ds.moid);
    const capacityInKB = Math.round(disk.capacityGB * 1024 * 1024);
    const base = i === 0 ? vmName : `${vmName}_${i}`;
    const kind = disk.kind ?? 'lazy';
    const fileName = (suffix: string) => `[${ds.name}] ${vmName}/${base}${suffix}.vmdk`;
    const keyId = disk.encrypted
      ? d('CryptoKeyId', { keyId: rng.uuid(), providerId: d('KeyProviderId', { id: 'kms-cluster-01' }) })
      : undefined;
    const flat = (name: string, parent?: Obj): Obj => {
      const common = { fileName: name, datastore: moref('Datastore', ds.moid), backingObjectId: '' };
      if (kind === 'rdmPhysical' || kind === 'rdmVirtual') {
        return d('VirtualDiskRawDiskMappingVer1BackingInfo', {
          ...common,
          lunUuid: `0200000000600${rng.hex(29)}`,
          deviceName: `/vmfs/devices/disks/naa.600${rng.hex(29)}`,
          compatibilityMode: kind === 'rdmPhysical' ? 'physicalMode' : 'virtualMode',
          diskMode: kind === 'rdmPhysical' ? 'independent_persistent' : (disk.diskMode ?? 'persistent'),
          uuid: diskUuid(rng),
          contentId: contentId(rng),
          ...(parent ? { parent } : {}),
          sharing: disk.sharing ?? 'sharingNone',
        });
      }
      if (kind === 'sparse')
        return d('VirtualDiskSparseVer2BackingInfo', {
          ...common,
          diskMode: disk.diskMode ?? 'persistent',
          split: false,
          writeThrough: false,
          spaceUsedInKB: Math.round(capacityInKB / 3),
          uuid: diskUuid(rng),
          contentId: contentId(rng),
          ...(parent ? { parent } : {}),
          ...(keyId ? { keyId } : {}),
        });
      if (kind === 'seSparse')
        return d('VirtualDiskSeSparseBackingInfo', {
          ...common,
          diskMode: disk.diskMode ?? 'persistent',
          writeThrough: false,
          uuid: diskUuid(rng),
          contentId: contentId(rng),
          ...(parent ? { parent } : {}),
          deltaDiskFormat: 'seSparseFormat',
          digestEnabled: false,
          grainSize: 4,
          ...(keyId ? { keyId } : {}),
        });
      return d('VirtualDiskFlatVer2BackingInfo', {
        ...common,
        diskMode: disk.diskMode ?? 'persistent',
        split: false,
        writeThrough: false,
        thinProvisioned: kind === 'thin',
        eagerlyScrub: kind === 'eager',
        uuid: diskUuid(rng),
        contentId: contentId(rng),
        ...(parent ? { parent, deltaDiskFormat: 'redoLogFormat', deltaDiskFormatVariant: 'vmfsSparseVariant' } : {}),
        digestEnabled: false,
        sharing: disk.sharing ?? 'sharingNone',
        ...(keyId ? { keyId } : {}),
      });
    };
    // A linked clone reads from a base disk in another folder; each snapshot adds a delta on top.
    let backing = disk.parent ? flat(fileName('-000001'), flat(`[${ds.name}] base-${vmName}/base-${vmName}.vmdk`)) : flat(fileName(''));
    for (let s = 1; s <= ctx.snapshots; s++) backing = flat(fileName(`-${String(s + (disk.parent ? 1 : 0)).padStart(6, '0')}`), backing);
    numDisks++;
    devices.push(
      d('VirtualDisk', {
        key,
        deviceInfo: info(`Hard disk ${i + 1}`, `${kb(capacityInKB)} KB`),
        backing,
        controllerKey: 1000 + bus,
        unitNumber: unit,
        capacityInKB,
        capacityInBytes: capacityInKB * 1024,
        shares: d('SharesInfo', { shares: 1000, level: 'normal' }),
        storageIOAllocation: d('StorageIOAllocationInfo', {
          limit: -1,
          shares: d('SharesInfo', { shares: 1000, level: 'normal' }),
          reservation: 0,
        }),
        diskObjectId: `${rng.int(1, 9999)}-${key}`,
        ...(disk.vFlashMB
          ? {
              vFlashCacheConfigInfo: d('VirtualDiskVFlashCacheConfigInfo', {
                vFlashModule: 'vfc',
                reservationInMB: disk.vFlashMB,
                cacheConsistencyType: 'strong',
                cacheMode: 'write_thru',
                blockSizeInKB: 8,
              }),
            }
          : {}),
        iofilter: disk.iofilters ?? [],
        nativeUnmanagedLinkedClone: false,
      }),
    );
  });

  // CD-ROM on IDE 1:0
  if (o.cdrom) {
    const c = o.cdrom;
    const connected = c.connected ?? (c.kind !== 'client' && c.kind !== 'remote' && c.kind !== 'remotePassthrough' ? ctx.poweredOn : false);
    let backing: Obj;
    let summary: string;
    if (c.kind === 'iso') {
      const ds = ctx.resolveDs(c.datastore);
      const file = c.file ?? `[${ds.name}] iso/rhel-8.9-x86_64-dvd.iso`;
      backing = d('VirtualCdromIsoBackingInfo', { fileName: file, datastore: moref('Datastore', ds.moid) });
      summary = `ISO ${file}`;
    } else if (c.kind === 'hostDevice') {
      backing = d('VirtualCdromAtapiBackingInfo', { deviceName: '/vmfs/devices/cdrom/mpx.vmhba0:C0:T0:L0', useAutoDetect: false });
      summary = 'ATAPI /vmfs/devices/cdrom/mpx.vmhba0:C0:T0:L0';
    } else if (c.kind === 'passthrough') {
      backing = d('VirtualCdromPassthroughBackingInfo', {
        deviceName: '/vmfs/devices/cdrom/mpx.vmhba0:C0:T0:L0',
        useAutoDetect: false,
        exclusive: false,
      });
      summary = 'Passthrough /vmfs/devices/cdrom/mpx.vmhba0:C0:T0:L0';
    } else if (c.kind === 'remote') {
      backing = d('VirtualCdromRemoteAtapiBackingInfo', { deviceName: '', useAutoDetect: false });
      summary = 'Remote ATAPI';
    } else {
      backing = d('VirtualCdromRemotePassthroughBackingInfo', { deviceName: '', useAutoDetect: false, exclusive: false });
      summary = 'Remote device';
    }
    ide1.push(3002);
    devices.push(
      d('VirtualCdrom', {
        key: 3002,
        deviceInfo: info('CD/DVD drive 1', summary),
        backing,
        connectable: connectable(connected, connected),
        controllerKey: 201,
        unitNumber: 0,
      }),
    );
  }

  // NICs
  const nics = o.nics ?? [{}];
  let numNics = 0;
  nics.forEach((n, i) => {
    const net = ctx.resolveNetwork(n.network);
    if (!networks.includes(net)) networks.push(net);
    const type = NIC_TYPES[n.type ?? 'vmxnet3'];
    numNics++;
    addNic(type, 4000 + i, `Network adapter ${i + 1}`, net, n.connected ?? ctx.poweredOn);
  });
  if (o.pcnet32) {
    const net = ctx.resolveNetwork(undefined);
    if (!networks.includes(net)) networks.push(net);
    numNics++;
    addNic('VirtualPCNet32', 4000 + nics.length, `Network adapter ${nics.length + 1}`, net, ctx.poweredOn);
  }
  function addNic(type: string, key: number, label: string, net: NetworkRef, connected: boolean) {
    let backing: Obj;
    let summary: string;
    if (net.kind === 'distributed') {
      backing = d('VirtualEthernetCardDistributedVirtualPortBackingInfo', {
        port: d('DistributedVirtualSwitchPortConnection', {
          switchUuid: net.dvsUuid,
          portgroupKey: net.portgroupKey,
          portKey: String(rng.int(0, 7)),
          connectionCookie: rng.int(1e8, 2e9),
        }),
      });
      summary = `DVSwitch: ${net.dvsUuid}`;
    } else if (net.kind === 'opaque') {
      backing = d('VirtualEthernetCardOpaqueNetworkBackingInfo', {
        opaqueNetworkId: net.opaqueNetworkId,
        opaqueNetworkType: net.opaqueNetworkType,
      });
      summary = `${net.opaqueNetworkType}: ${net.opaqueNetworkId}`;
    } else {
      backing = d('VirtualEthernetCardNetworkBackingInfo', { deviceName: net.name, useAutoDetect: false, network: net.ref });
      summary = net.name;
    }
    pci.push(key);
    devices.push(
      d(type, {
        key,
        deviceInfo: info(label, summary),
        backing,
        connectable: connectable(connected, true, { migrateConnect: 'unset' }),
        slotInfo: pciSlot(192 + (key - 4000) * 32),
        controllerKey: 100,
        unitNumber: 7 + (key - 4000),
        addressType: 'assigned',
        macAddress: ctx.mac(),
        wakeOnLanEnabled: true,
        resourceAllocation: d('VirtualEthernetCardResourceAllocation', {
          reservation: 0,
          share: d('SharesInfo', { shares: 50, level: 'normal' }),
          limit: -1,
        }),
        uptCompatibilityEnabled: type === 'VirtualVmxnet3',
        ...(type === 'VirtualSriovEthernetCard'
          ? {
              allowGuestOSMtuChange: false,
              sriovBacking: d('VirtualSriovEthernetCardSriovBackingInfo', {
                physicalFunctionBacking: d('VirtualPCIPassthroughDeviceBackingInfo', {
                  deviceName: '',
                  useAutoDetect: false,
                  id: '0000:3b:00.0',
                  deviceId: '1572',
                  systemId: 'BYPASS',
                  vendorId: -32634,
                }),
              }),
            }
          : {}),
      }),
    );
  }

  // Floppy, serial, parallel on the SIO controller
  if (o.floppy) {
    const f = o.floppy;
    const backing =
      f.kind === 'image'
        ? d('VirtualFloppyImageBackingInfo', {
            fileName: f.file ?? `[${ctx.homeDs.name}] ${vmName}/boot.flp`,
            datastore: moref('Datastore', ctx.homeDs.moid),
          })
        : f.kind === 'device'
          ? d('VirtualFloppyDeviceBackingInfo', { deviceName: '/dev/fd0', useAutoDetect: false })
          : d('VirtualFloppyRemoteDeviceBackingInfo', { deviceName: '', useAutoDetect: false });
    sio.push(8000);
    devices.push(
      d('VirtualFloppy', {
        key: 8000,
        deviceInfo: info('Floppy drive 1', f.kind === 'image' ? 'Image' : 'Remote'),
        backing,
        connectable: connectable(f.connected ?? false),
        controllerKey: 400,
        unitNumber: 0,
      }),
    );
  }
  const serialCount = o.serial === true ? 1 : o.serial || 0;
  for (let i = 0; i < serialCount; i++) {
    sio.push(9000 + i);
    devices.push(
      d('VirtualSerialPort', {
        key: 9000 + i,
        deviceInfo: info(`Serial port ${i + 1}`, `Output file: [${ctx.homeDs.name}] ${vmName}/serial${i}.log`),
        backing: d('VirtualSerialPortFileBackingInfo', {
          fileName: `[${ctx.homeDs.name}] ${vmName}/serial${i}.log`,
          datastore: moref('Datastore', ctx.homeDs.moid),
        }),
        connectable: connectable(ctx.poweredOn),
        controllerKey: 400,
        unitNumber: i,
        yieldOnPoll: true,
      }),
    );
  }
  if (o.parallel) {
    sio.push(10000);
    devices.push(
      d('VirtualParallelPort', {
        key: 10000,
        deviceInfo: info('Parallel port 1', `Output file: [${ctx.homeDs.name}] ${vmName}/parallel.log`),
        backing: d('VirtualParallelPortFileBackingInfo', {
          fileName: `[${ctx.homeDs.name}] ${vmName}/parallel.log`,
          datastore: moref('Datastore', ctx.homeDs.moid),
        }),
        connectable: connectable(ctx.poweredOn),
        controllerKey: 400,
        unitNumber: 0,
      }),
    );
  }

  // USB
  const usbCount = o.usb === true ? 1 : o.usb || 0;
  if (usbCount > 0 || o.usbController) {
    const xhci = o.usbController === 'xhci';
    const ctlKey = xhci ? 14000 : 7000;
    const usbKeys = Array.from({ length: usbCount }, (_, i) => 16100 + i);
    pci.push(ctlKey);
    devices.push(
      xhci
        ? d('VirtualUSBXHCIController', {
            key: 14000,
            deviceInfo: info('USB xHCI controller ', 'USB xHCI controller'),
            controllerKey: 100,
            unitNumber: 23,
            busNumber: 0,
            device: usbKeys,
            autoConnectDevices: false,
          })
        : d('VirtualUSBController', {
            key: 7000,
            deviceInfo: info('USB controller ', 'Auto connect Disabled'),
            controllerKey: 100,
            unitNumber: 22,
            busNumber: 0,
            device: usbKeys,
            autoConnectDevices: false,
            ehciEnabled: true,
          }),
    );
    usbKeys.forEach((key, i) =>
      devices.push(
        d('VirtualUSB', {
          key,
          deviceInfo: info(`USB ${i + 1}`, 'Autoconnect Device'),
          backing: d('VirtualUSBUSBBackingInfo', { deviceName: `path:1/0/${i + 2} version:2`, useAutoDetect: false }),
          connectable: connectable(ctx.poweredOn),
          controllerKey: ctlKey,
          unitNumber: i,
          connected: ctx.poweredOn,
          vendor: 2352,
          product: 25921,
          family: ['storage'],
          speed: ['high'],
        }),
      ),
    );
  }
  if (o.sound) {
    pci.push(5000);
    devices.push(
      d('VirtualHdAudioCard', {
        key: 5000,
        deviceInfo: info('Sound card ', 'Sound card'),
        connectable: connectable(ctx.poweredOn),
        controllerKey: 100,
        unitNumber: 21,
      }),
    );
  }

  // PCI passthrough / vGPU / dynamic DirectPath
  const pt = o.passthrough === undefined ? [] : Array.isArray(o.passthrough) ? o.passthrough : [o.passthrough];
  let numVmiop = 0;
  let ptIndex = 0;
  for (const kind of pt) {
    if (kind === 'sriov') {
      const net = ctx.resolveNetwork(undefined);
      if (!networks.includes(net)) networks.push(net);
      numNics++;
      addNic(
        'VirtualSriovEthernetCard',
        4000 + nics.length + (o.pcnet32 ? 1 : 0) + ptIndex,
        `SR-IOV network adapter ${ptIndex + 1}`,
        net,
        ctx.poweredOn,
      );
      ptIndex++;
      continue;
    }
    const key = 13000 + ptIndex;
    let backing: Obj;
    let summary: string;
    if (kind === 'vgpu') {
      numVmiop++;
      backing = d('VirtualPCIPassthroughVmiopBackingInfo', { vgpu: 'grid_t4-4q' });
      summary = 'NVIDIA GRID vGPU grid_t4-4q';
    } else if (kind === 'dynamic') {
      backing = d('VirtualPCIPassthroughDynamicBackingInfo', {
        deviceName: '',
        useAutoDetect: false,
        allowedDevice: [d('VirtualPCIPassthroughAllowedDevice', { vendorId: 4318, deviceId: 7864 })],
        customLabel: '',
        assignedId: '',
      });
      summary = 'Dynamic DirectPath IO';
    } else {
      backing = d('VirtualPCIPassthroughDeviceBackingInfo', {
        deviceName: 'MT27800 Family [ConnectX-5]',
        useAutoDetect: false,
        id: '0000:3b:00.1',
        deviceId: '1017',
        systemId: '5f2b6d84-1a38-0a4e-6d2b-3cfdfe9b4f4c',
        vendorId: 5555,
      });
      summary = '0000:3b:00.1 | MT27800 Family [ConnectX-5]';
    }
    pci.push(key);
    devices.push(
      d('VirtualPCIPassthrough', {
        key,
        deviceInfo: info(`PCI device ${ptIndex}`, summary),
        backing,
        controllerKey: 100,
        unitNumber: 18 + ptIndex,
      }),
    );
    ptIndex++;
  }
  if (o.vtpm) {
    pci.push(11000);
    devices.push(
      d('VirtualTPM', {
        key: 11000,
        deviceInfo: info('Virtual TPM', 'Virtual TPM'),
        controllerKey: 100,
        unitNumber: 30,
        endorsementKeyCertificateSigningRequest: [],
        endorsementKeyCertificate: [],
      }),
    );
  }
  if (o.vmiRom)
    devices.push(d('VirtualMachineVMIROM', { key: 11100, deviceInfo: info('VMI ROM', 'VMI ROM'), controllerKey: 100, unitNumber: 29 }));

  return { devices, diskDatastores, networks, numDisks, numNics, numVmiop };
}
