// VirtualMachine.config.hardware.device[] -> the model's device lists. Classification is by the vim25
// type name in `_type` (the xsi:type vCenter sends on every device and backing); unknown device types
// are ignored, unknown backing types map to 'other' with the type name kept verbatim.

import { DEFAULTS, orDefault } from './defaults.js';
import type {
  Disk,
  DiskBacking,
  PassthroughDevice,
  RemovableBacking,
  RemovableDevice,
  ScsiController,
  SimpleDevice,
  VmNic,
} from './model.js';
import { arr, bool, get, moid, num, obj, str, strs, typeOf, type Obj } from './values.js';

export interface VmDevices {
  disks: Disk[];
  scsiControllers: ScsiController[];
  removable: RemovableDevice[];
  usb: SimpleDevice[];
  usbControllers: SimpleDevice[];
  sound: SimpleDevice[];
  serial: SimpleDevice[];
  parallel: SimpleDevice[];
  video3d: boolean;
  vmciUnrestricted: boolean; // VirtualMachineVMCIDevice.allowUnrestrictedCommunication = true
  passthrough: PassthroughDevice[];
  vmiRom: boolean;
  pcnet32: boolean;
  nvdimm: boolean;
  vtpm: boolean;
  nics: VmNic[];
}

const SCSI_CONTROLLERS = new Set([
  'VirtualSCSIController',
  'ParaVirtualSCSIController',
  'VirtualBusLogicController',
  'VirtualLsiLogicController',
  'VirtualLsiLogicSASController',
]);
const SOUND_CARDS = new Set(['VirtualSoundCard', 'VirtualEnsoniq1371', 'VirtualSoundBlaster16', 'VirtualHdAudioCard']);
const USB_CONTROLLERS = new Set(['VirtualUSBController', 'VirtualUSBXHCIController']);
const ETHERNET_CARDS = new Set([
  'VirtualEthernetCard',
  'VirtualE1000',
  'VirtualE1000e',
  'VirtualPCNet32',
  'VirtualVmxnet',
  'VirtualVmxnet2',
  'VirtualVmxnet3',
  'VirtualVmxnet3Vrdma',
  'VirtualSriovEthernetCard',
]);

const CDROM_BACKINGS: Record<string, RemovableBacking> = {
  VirtualCdromIsoBackingInfo: 'iso',
  VirtualCdromAtapiBackingInfo: 'hostDevice',
  VirtualCdromPassthroughBackingInfo: 'passthrough',
  VirtualCdromRemoteAtapiBackingInfo: 'remoteAtapi',
  VirtualCdromRemotePassthroughBackingInfo: 'remotePassthrough',
};
const FLOPPY_BACKINGS: Record<string, RemovableBacking> = {
  VirtualFloppyImageBackingInfo: 'iso',
  VirtualFloppyDeviceBackingInfo: 'hostDevice',
  VirtualFloppyRemoteDeviceBackingInfo: 'remoteDevice',
};

export function diskBackingKind(backing: Obj | undefined): DiskBacking {
  switch (typeOf(backing)) {
    case 'VirtualDiskFlatVer2BackingInfo':
      if (bool(backing?.thinProvisioned)) return 'thin';
      // eagerlyScrub unset = lazily zeroed (VirtualDiskFlatVer2BackingInfo docs)
      return bool(backing?.eagerlyScrub) ? 'eagerZeroedThick' : 'lazyZeroedThick';
    case 'VirtualDiskRawDiskMappingVer1BackingInfo':
      return str(backing?.compatibilityMode) === 'physicalMode' ? 'rdmPhysical' : 'rdmVirtual';
    case 'VirtualDiskSparseVer1BackingInfo':
    case 'VirtualDiskSparseVer2BackingInfo':
    case 'VirtualDiskSeSparseBackingInfo':
      return 'sparse';
    case 'VirtualDiskLocalPMemBackingInfo':
      return 'pmem';
    default:
      return 'other';
  }
}

function label(d: Obj): string {
  return str(get(d, 'deviceInfo.label')) ?? '';
}

function simple(d: Obj, type: string): SimpleDevice {
  return { key: num(d.key) ?? 0, label: label(d), type };
}

function disk(d: Obj): Disk {
  const backing = obj(d.backing);
  // capacityInBytes is 5.5+; older servers only send capacityInKB.
  const bytes = num(d.capacityInBytes) ?? (num(d.capacityInKB) ?? 0) * 1024;
  const fileName = str(backing?.fileName);
  const datastoreMoid = moid(backing?.datastore);
  const controllerKey = num(d.controllerKey);
  const sharing = str(backing?.sharing);
  return {
    key: num(d.key) ?? 0,
    label: label(d),
    capacityBytes: bytes,
    backing: diskBackingKind(backing),
    backingType: typeOf(backing) ?? 'none',
    ...(fileName !== undefined ? { fileName } : {}),
    ...(datastoreMoid !== undefined ? { datastoreMoid } : {}),
    ...(controllerKey !== undefined ? { controllerKey } : {}),
    hasParent: obj(backing?.parent) !== undefined,
    ...(sharing !== undefined ? { sharing } : {}),
    iofilters: strs(d.iofilter),
    vFlashReservationMB: orDefault(num(get(d, 'vFlashCacheConfigInfo.reservationInMB')), DEFAULTS.vFlashReservationMB),
    encrypted: obj(backing?.keyId) !== undefined,
  };
}

function removable(d: Obj, kind: 'cdrom' | 'floppy'): RemovableDevice {
  const backing = obj(d.backing);
  const backingType = typeOf(backing);
  const table = kind === 'cdrom' ? CDROM_BACKINGS : FLOPPY_BACKINGS;
  const fileName = str(backing?.fileName);
  const datastoreMoid = moid(backing?.datastore);
  return {
    key: num(d.key) ?? 0,
    kind,
    label: label(d),
    backing: backingType === undefined ? 'none' : (table[backingType] ?? 'other'),
    backingType: backingType ?? 'none',
    ...(fileName !== undefined ? { fileName } : {}),
    ...(datastoreMoid !== undefined ? { datastoreMoid } : {}),
    connected: orDefault(bool(get(d, 'connectable.connected')), DEFAULTS.connected),
    startConnected: orDefault(bool(get(d, 'connectable.startConnected')), DEFAULTS.startConnected),
  };
}

// VirtualPCIPassthrough by its backing (SR-IOV cards are classified with the NICs below).
function passthroughKind(d: Obj): PassthroughDevice['kind'] {
  switch (typeOf(d.backing)) {
    case 'VirtualPCIPassthroughVmiopBackingInfo':
      return 'vgpu';
    case 'VirtualPCIPassthroughDynamicBackingInfo':
      return 'dynamic';
    default:
      return 'pci';
  }
}

function nic(d: Obj, type: string): VmNic {
  const backing = obj(d.backing);
  const base = simple(d, type);
  switch (typeOf(backing)) {
    case 'VirtualEthernetCardNetworkBackingInfo': {
      const networkMoid = moid(backing?.network);
      return { ...base, backing: 'standard', ...(networkMoid ? { networkMoid } : {}) };
    }
    case 'VirtualEthernetCardDistributedVirtualPortBackingInfo': {
      const portgroupKey = str(get(backing, 'port.portgroupKey'));
      const dvsUuid = str(get(backing, 'port.switchUuid'));
      return {
        ...base,
        backing: 'distributed',
        ...(portgroupKey !== undefined ? { portgroupKey } : {}),
        ...(dvsUuid !== undefined ? { dvsUuid } : {}),
      };
    }
    case 'VirtualEthernetCardOpaqueNetworkBackingInfo': {
      const opaqueNetworkType = str(backing?.opaqueNetworkType);
      return { ...base, backing: 'opaque', ...(opaqueNetworkType !== undefined ? { opaqueNetworkType } : {}) };
    }
    default:
      return { ...base, backing: 'other' };
  }
}

export function normalizeDevices(devices: unknown): VmDevices {
  const out: VmDevices = {
    disks: [],
    scsiControllers: [],
    removable: [],
    usb: [],
    usbControllers: [],
    sound: [],
    serial: [],
    parallel: [],
    video3d: false,
    vmciUnrestricted: false,
    passthrough: [],
    vmiRom: false,
    pcnet32: false,
    nvdimm: false,
    vtpm: false,
    nics: [],
  };
  for (const item of arr(devices)) {
    const d = obj(item);
    const type = typeOf(d);
    if (!d || !type) continue;
    if (type === 'VirtualDisk') out.disks.push(disk(d));
    else if (SCSI_CONTROLLERS.has(type))
      out.scsiControllers.push({
        key: num(d.key) ?? 0,
        type,
        busSharing: orDefault(str(d.sharedBus), DEFAULTS.scsiSharedBus),
      });
    else if (type === 'VirtualCdrom') out.removable.push(removable(d, 'cdrom'));
    else if (type === 'VirtualFloppy') out.removable.push(removable(d, 'floppy'));
    else if (type === 'VirtualUSB') out.usb.push(simple(d, type));
    else if (USB_CONTROLLERS.has(type)) out.usbControllers.push(simple(d, type));
    else if (SOUND_CARDS.has(type)) out.sound.push(simple(d, type));
    else if (type === 'VirtualSerialPort') out.serial.push(simple(d, type));
    else if (type === 'VirtualParallelPort') out.parallel.push(simple(d, type));
    else if (type === 'VirtualMachineVideoCard') out.video3d ||= bool(d.enable3DSupport) === true;
    else if (type === 'VirtualMachineVMCIDevice') out.vmciUnrestricted ||= bool(d.allowUnrestrictedCommunication) === true;
    else if (type === 'VirtualPCIPassthrough') out.passthrough.push({ ...simple(d, type), kind: passthroughKind(d) });
    else if (type === 'VirtualMachineVMIROM') out.vmiRom = true;
    else if (type === 'VirtualNVDIMM') out.nvdimm = true;
    else if (type === 'VirtualTPM') out.vtpm = true;
    if (ETHERNET_CARDS.has(type)) {
      out.nics.push(nic(d, type));
      if (type === 'VirtualPCNet32') out.pcnet32 = true;
      if (type === 'VirtualSriovEthernetCard') out.passthrough.push({ ...simple(d, type), kind: 'sriov' });
    }
  }
  return out;
}
