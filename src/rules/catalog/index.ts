// The rule catalogue: one rule per file (id = file name), in the order `ftscan rules` lists them:
// vCenter, cluster, host, datastore, then VM rules.
import type { AnyRule } from '../types.js';
import { rule as vcenterFtGeneration } from './vcenter-ft-generation.js';
import { rule as clusterFtHostCount } from './cluster-ft-host-count.js';
import { rule as clusterFtVersionMatch } from './cluster-ft-version-match.js';
import { rule as clusterHaEnabled } from './cluster-ha-enabled.js';
import { rule as clusterHaHostMonitoring } from './cluster-ha-host-monitoring.js';
import { rule as hostCpuFtCapable } from './host-cpu-ft-capable.js';
import { rule as hostCpuThreads } from './host-cpu-threads.js';
import { rule as hostFtLicensed } from './host-ft-licensed.js';
import { rule as hostFtLoggingBandwidth } from './host-ft-logging-bandwidth.js';
import { rule as hostFtLoggingIpv6 } from './host-ft-logging-ipv6.js';
import { rule as hostFtLoggingNic } from './host-ft-logging-nic.js';
import { rule as hostFtLoggingUplinks } from './host-ft-logging-uplinks.js';
import { rule as hostFtProduct } from './host-ft-product.js';
import { rule as hostFtVmotionSeparate } from './host-ft-vmotion-separate.js';
import { rule as hostHaAgent } from './host-ha-agent.js';
import { rule as hostHvEnabled } from './host-hv-enabled.js';
import { rule as hostHyperthreading } from './host-hyperthreading.js';
import { rule as hostPowerManagement } from './host-power-management.js';
import { rule as hostState } from './host-state.js';
import { rule as hostVersionGeneration } from './host-version-generation.js';
import { rule as hostVmotionNic } from './host-vmotion-nic.js';
import { rule as datastoreShared } from './datastore-shared.js';
import { rule as datastoreType } from './datastore-type.js';
import { rule as vm3dVideo } from './vm-3d-video.js';
import { rule as vmClustering } from './vm-clustering.js';
import { rule as vmDatastoreAccess } from './vm-datastore-access.js';
import { rule as vmDatastoreMix } from './vm-datastore-mix.js';
import { rule as vmDeviceHotAdd } from './vm-device-hot-add.js';
import { rule as vmDiskBacking } from './vm-disk-backing.js';
import { rule as vmDiskCount } from './vm-disk-count.js';
import { rule as vmDrsAutomation } from './vm-drs-automation.js';
import { rule as vmEfiFirmware } from './vm-efi-firmware.js';
import { rule as vmEncryption } from './vm-encryption.js';
import { rule as vmEsx40Devices } from './vm-esx40-devices.js';
import { rule as vmFilesShared } from './vm-files-shared.js';
import { rule as vmFtCapacity } from './vm-ft-capacity.js';
import { rule as vmFtHealth } from './vm-ft-health.js';
import { rule as vmGuestOs } from './vm-guest-os.js';
import { rule as vmHaRestartDisabled } from './vm-ha-restart-disabled.js';
import { rule as vmHwVersion } from './vm-hw-version.js';
import { rule as vmIoFilters } from './vm-io-filters.js';
import { rule as vmLargeDisks } from './vm-large-disks.js';
import { rule as vmLinkedClone } from './vm-linked-clone.js';
import { rule as vmMemorySize } from './vm-memory-size.js';
import { rule as vmNestedHv } from './vm-nested-hv.js';
import { rule as vmNpiv } from './vm-npiv.js';
import { rule as vmNsxNetwork } from './vm-nsx-network.js';
import { rule as vmPassthrough } from './vm-passthrough.js';
import { rule as vmPcnet32Nic } from './vm-pcnet32-nic.js';
import { rule as vmPhysicalRdm } from './vm-physical-rdm.js';
import { rule as vmPmem } from './vm-pmem.js';
import { rule as vmRemovableDevices } from './vm-removable-devices.js';
import { rule as vmSecondaryHost } from './vm-secondary-host.js';
import { rule as vmSerialParallelPorts } from './vm-serial-parallel-ports.js';
import { rule as vmSnapshots } from './vm-snapshots.js';
import { rule as vmSoundCard } from './vm-sound-card.js';
import { rule as vmStorageVmotion } from './vm-storage-vmotion.js';
import { rule as vmThinDisks } from './vm-thin-disks.js';
import { rule as vmUsbDevices } from './vm-usb-devices.js';
import { rule as vmVbs } from './vm-vbs.js';
import { rule as vmVcpuCount } from './vm-vcpu-count.js';
import { rule as vmVflash } from './vm-vflash.js';
import { rule as vmVmiParavirtualization } from './vm-vmi-paravirtualization.js';
import { rule as vmVpmc } from './vm-vpmc.js';
import { rule as vmVtpm } from './vm-vtpm.js';

export const RULES: readonly AnyRule[] = [
  vcenterFtGeneration,
  clusterFtHostCount,
  clusterFtVersionMatch,
  clusterHaEnabled,
  clusterHaHostMonitoring,
  hostCpuFtCapable,
  hostCpuThreads,
  hostFtLicensed,
  hostFtLoggingBandwidth,
  hostFtLoggingIpv6,
  hostFtLoggingNic,
  hostFtLoggingUplinks,
  hostFtProduct,
  hostFtVmotionSeparate,
  hostHaAgent,
  hostHvEnabled,
  hostHyperthreading,
  hostPowerManagement,
  hostState,
  hostVersionGeneration,
  hostVmotionNic,
  datastoreShared,
  datastoreType,
  vm3dVideo,
  vmClustering,
  vmDatastoreAccess,
  vmDatastoreMix,
  vmDeviceHotAdd,
  vmDiskBacking,
  vmDiskCount,
  vmDrsAutomation,
  vmEfiFirmware,
  vmEncryption,
  vmEsx40Devices,
  vmFilesShared,
  vmFtCapacity,
  vmFtHealth,
  vmGuestOs,
  vmHaRestartDisabled,
  vmHwVersion,
  vmIoFilters,
  vmLargeDisks,
  vmLinkedClone,
  vmMemorySize,
  vmNestedHv,
  vmNpiv,
  vmNsxNetwork,
  vmPassthrough,
  vmPcnet32Nic,
  vmPhysicalRdm,
  vmPmem,
  vmRemovableDevices,
  vmSecondaryHost,
  vmSerialParallelPorts,
  vmSnapshots,
  vmSoundCard,
  vmStorageVmotion,
  vmThinDisks,
  vmUsbDevices,
  vmVbs,
  vmVcpuCount,
  vmVflash,
  vmVmiParavirtualization,
  vmVpmc,
  vmVtpm,
];
