// VirtualMachine: every property the inventory reads, once (see field.ts). Row order is the request order.
// Versions from pyVmomi's version table (property-specs.ts header explains why they matter).
import { DEFAULTS } from '../defaults.js';
import { bool, moid, moids, num, str } from '../values.js';
import { field } from './field.js';

export const VM_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }),
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
  resourcePool: field('2.0', 'resourcePool'), // link: a vApp's VM has no parent folder
  host: field('2.0', 'runtime.host', { model: 'hostMoid', as: moid }),
  powerState: field('2.0', 'runtime.powerState', { model: 'powerState', as: str, default: DEFAULTS.vmPowerState }),
  snapshot: field('2.0', 'snapshot', { model: 'snapshotCount', evidence: 'snapshot.rootSnapshotList', default: DEFAULTS.snapshotCount }),
  datastores: field('2.0', 'datastore', { model: 'datastoreMoids', as: moids }),
  networks: field('2.0', 'network', { model: 'networkMoids', as: moids }),
  template: field('2.0', 'config.template', { model: 'template', as: bool, default: DEFAULTS.template }),
  hwVersion: field('2.0', 'config.version', { model: 'hwVersion' }),
  guestId: field('2.0', 'config.guestId', { model: 'guestId', as: str, default: '' }),
  guestFullName: field('2.0', 'config.guestFullName', { model: 'guestFullName', as: str, default: '' }),
  numCpu: field('2.0', 'config.hardware.numCPU', { model: 'numCpu', as: num, default: 0 }),
  memoryMB: field('2.0', 'config.hardware.memoryMB', { model: 'memoryMB', as: num, default: 0 }),
  devices: field('2.0', 'config.hardware.device', { model: 'disks' }), // and every other device list
  memoryReservationMB: field('2.0', 'config.memoryAllocation.reservation', {
    model: 'memoryReservationMB',
    as: num,
    default: DEFAULTS.memoryReservationMB,
  }),
  vmPathName: field('2.0', 'config.files.vmPathName', { model: 'vmPathName' }),
  npiv: field('2.5', 'config.npivWorldWideNameType', { model: 'npiv' }),
  npivNodeWwn: field('2.5', 'config.npivNodeWorldWideName', { model: 'npiv' }),
  npivPortWwn: field('2.5', 'config.npivPortWorldWideName', { model: 'npiv' }),
  cpuHotAdd: field('2.5', 'config.cpuHotAddEnabled', { model: 'cpuHotAdd', as: bool, default: DEFAULTS.cpuHotAdd }),
  cpuHotRemove: field('2.5', 'config.cpuHotRemoveEnabled', { model: 'cpuHotRemove', as: bool, default: DEFAULTS.cpuHotRemove }),
  memoryHotAdd: field('2.5', 'config.memoryHotAddEnabled', { model: 'memoryHotAdd', as: bool, default: DEFAULTS.memoryHotAdd }),
  ftState: field('4.0', 'runtime.faultToleranceState', { model: 'ft.state', as: str, default: DEFAULTS.faultToleranceState }),
  ftRole: field('4.0', 'config.ftInfo', { model: 'ft.role', evidence: 'config.ftInfo.role' }), // and ft.instanceUuids
  npivTemporaryDisabled: field('4.0', 'config.npivTemporaryDisabled', { model: 'npiv' }),
  firmware: field('5.0', 'config.firmware', { model: 'firmware', as: str, default: DEFAULTS.firmware }),
  managedBy: field('5.0', 'config.managedBy', { model: 'managedBy' }),
  numCoresPerSocket: field('5.0', 'config.hardware.numCoresPerSocket', {
    model: 'numCoresPerSocket',
    as: num,
    default: DEFAULTS.numCoresPerSocket,
  }),
  nestedHv: field('5.1', 'config.nestedHVEnabled', { model: 'nestedHv', as: bool, default: DEFAULTS.nestedHv }),
  vpmc: field('5.1', 'config.vPMCEnabled', { model: 'vpmc', as: bool, default: DEFAULTS.vpmc }),
  vFlash: field('5.5', 'config.vFlashCacheReservation', { model: 'vFlashReservationMB', default: DEFAULTS.vFlashReservationMB }),
  // Two fields of VirtualMachineFlagInfo, not the whole object (17 fields on 6.7): FlagInfo.faultToleranceType
  // is version10 (6.0), vbsEnabled version12 (6.7) in pyVmomi ServerObjects.py.
  ftType: field('6.0', 'config.flags.faultToleranceType', { model: 'ft.type', as: str }),
  ftMetadataDirectory: field('6.0', 'config.files.ftMetadataDirectory', { model: 'ftMetadataDirectory' }),
  vbs: field('6.7', 'config.flags.vbsEnabled', { model: 'vbs', as: bool, default: DEFAULTS.vbs }),
  encrypted: field('6.5', 'config.keyId', { model: 'encrypted' }),
  pmemFailover: field('7.0.2.0', 'config.pmemFailoverEnabled', { model: 'pmemFailover', as: bool, default: DEFAULTS.pmemFailover }),
  ftEncryptionMode: field('7.0.2.0', 'config.ftEncryptionMode', { model: 'ftEncryptionMode', as: str }),
};
