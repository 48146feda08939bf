// The normalized inventory: every FT-relevant fact of one vCenter, decoupled from the vim25 wire format.
// Built by src/inventory/collect.ts, read by src/rules (pure functions) and embedded in the JSON report
// so `ftscan report scan.json` can re-render without a vCenter. Everything here is JSON-serializable
// (no Map, no bigint, no Date): byte counts are numbers (exact up to 8 PiB).
//
// Evidence: every object carries its moid; the vim25 property path behind each field is in the *_PATHS
// tables at the bottom, so a rule cites `{ moid, path }` without the model repeating paths per object.
// Absent properties are already replaced by vCenter's documented defaults (src/inventory/defaults.ts);
// a property that could not be READ (missingSet: NoPermission, InvalidProperty...) is listed in
// `unreadable` with the fault name, and rules that need it yield an `unknown`-severity finding.

import { evidencePaths, type ModelTable } from './fields/field.js';
import { CLUSTER_FIELDS, COMPUTE_RESOURCE_FIELDS } from './fields/cluster.js';
import { DATASTORE_FIELDS } from './fields/datastore.js';
import { HOST_FIELDS } from './fields/host.js';
import { RESOURCE_POOL_FIELDS } from './fields/resource-pool.js';
import { VM_FIELDS } from './fields/vm.js';
import type { Unreadable } from './values.js';

export type Moid = string;

// Defined beside the readers that produce it (values.ts), which the field tables import: the model imports
// the tables, so defining it here would close an import cycle.
export type { Unreadable } from './values.js';

export interface VCenterInfo {
  server: string; // as given by the user (host or URL), never with credentials
  name: string; // AboutInfo.name
  fullName: string;
  version: string; // "6.5.0"
  build: string;
  apiVersion: string; // "6.5"
  apiType: 'VirtualCenter' | 'HostAgent' | string;
  instanceUuid?: string;
}

export interface Datacenter {
  moid: Moid;
  name: string;
}

export interface Cluster {
  moid: Moid;
  name: string;
  datacenter?: string; // datacenter name
  hostMoids: Moid[];
  ha: {
    enabled: boolean; // configurationEx.dasConfig.enabled (absent => false)
    hostMonitoring: 'enabled' | 'disabled' | string; // absent => 'enabled'
    admissionControlEnabled: boolean; // absent => true
    vmComponentProtecting?: string;
    options: Record<string, string>; // dasConfig.option[] key => value
    maxFtVmsPerHost: number; // das.maxftvmsperhost, default 4 (0 = check disabled)
    maxFtVcpusPerHost: number; // das.maxftvcpusperhost, default 8 (0 = check disabled)
    vmOverrides: { vmMoid: Moid; restartPriority?: string }[]; // dasVmConfig[]
    defaultRestartPriority: string; // dasConfig.defaultVmSettings.restartPriority (absent => 'medium')
    // dasConfig.admissionControlPolicy: absent when not reported; `type` is the vim25 type name as sent, an
    // unrecognised one is kept so a rule can say it cannot decide.
    admissionControlPolicy?: AdmissionControlPolicy;
  };
  // The cluster's root resource pool (ComputeResource.resourcePool): what FT's memory reservations draw from.
  // unreservedForVmBytes absent = not read (the pool's runtime.memory.unreservedForVm unreadable / not sent).
  rootPool?: { moid: Moid; unreservedForVmBytes?: number };
  drs: {
    enabled: boolean; // drsConfig.enabled (absent => false)
    defaultBehavior: 'manual' | 'partiallyAutomated' | 'fullyAutomated' | string; // absent => fullyAutomated
    vmOverrides: { vmMoid: Moid; enabled?: boolean; behavior?: string }[]; // drsVmConfig[]
  };
  evcModeKey?: string; // summary.currentEVCModeKey
  unreadable: Unreadable[];
}

// dasConfig.admissionControlPolicy (a ClusterDasAdmissionControlPolicy subtype, vim25): the type name as sent and
// the fields the capacity model reads; a number that does not decode is left out (the rule says it cannot decide).
export interface AdmissionControlPolicy {
  type:
    | 'ClusterFailoverResourcesAdmissionControlPolicy'
    | 'ClusterFailoverLevelAdmissionControlPolicy'
    | 'ClusterFailoverHostAdmissionControlPolicy'
    | string;
  memoryFailoverResourcesPercent?: number; // FailoverResources: memory kept for failover (%)
  autoComputePercentages?: boolean; // FailoverResources (6.5+): percentages computed from failoverLevel
  failoverLevel?: number; // host failures to tolerate (FailoverLevel; FailoverResources / FailoverHost 6.5+)
  slotMemoryMB?: number; // FailoverLevel: slotPolicy ClusterFixedSizeSlotPolicy.memory (MB), when set
  failoverHosts?: Moid[]; // FailoverHost: dedicated failover hosts
}

export type CpuVendor = 'intel' | 'amd' | 'other';

export interface CpuPackage {
  index: number;
  vendor: CpuVendor; // HostCpuPackage.vendor ("intel" | "amd" | ...)
  description: string; // e.g. "Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz" (verbatim)
  hz?: number;
  family?: number; // API 8.0U3+ only
  model?: number;
  stepping?: number;
}

export interface PhysicalNic {
  key: string;
  device: string; // vmnic0
  speedMb: number | null; // linkSpeed.speedMb; null = link down
}

type VmknicService =
  | 'faultToleranceLogging'
  | 'vmotion'
  | 'management'
  | 'vsan'
  | 'vSphereReplication'
  | 'vSphereReplicationNFC'
  | 'vSphereProvisioning'
  | string;

export interface Vmknic {
  key: string; // HostVirtualNic.key, e.g. "key-vim.host.VirtualNic-vmk1"
  device: string; // vmk1
  portgroup?: string; // standard switch port group name
  vswitch?: string; // standard vSwitch name behind the port group
  dvsUuid?: string; // distributed switch uuid (spec.distributedVirtualPort.switchUuid)
  dvPortgroupKey?: string;
  ipv4?: string;
  ipv6Only: boolean; // no IPv4 address but IPv6 configured
  services: VmknicService[]; // from config.virtualNicManagerInfo.netConfig[].selectedVnic
  uplinks: PhysicalNic[]; // active+standby uplinks (vSwitch/portgroup teaming, or the proxy switch's pnics)
}

export interface HostFtCapability {
  // Every field is undefined when the host does not publish it (old API, or vcsim).
  ftSupported?: boolean; // legacy, deprecated 6.0
  recordReplaySupported?: boolean;
  replayUnsupportedReason?: string;
  replayCompatibilityIssues?: string[];
  ftCompatibilityIssues?: string[];
  smpFtSupported?: boolean;
  smpFtCompatibilityIssues?: string[];
  maxVcpusPerFtVm?: number;
  maxMemMBPerFtVm?: number;
  ftEfiSupported?: boolean;
  ftVmcpSupported?: boolean;
  encryptionFaultToleranceSupported?: boolean;
  encryptedFtSupported?: boolean;
}

export interface Host {
  moid: Moid;
  name: string;
  clusterMoid?: Moid; // undefined for a standalone host
  datacenter?: string;
  connectionState: 'connected' | 'disconnected' | 'notResponding' | string;
  powerState: 'poweredOn' | 'poweredOff' | 'standBy' | 'unknown' | string;
  inMaintenanceMode: boolean;
  dasHostState?: string; // runtime.dasHostState.state: master, connectedToMaster, fdmUnreachable, ...
  product: { name: string; fullName: string; version: string; build: string; apiVersion: string };
  ftFeatureVersion?: string; // config.featureVersion[key=faultTolerance].value (4.1+)
  cpu: {
    model: string; // summary.hardware.cpuModel
    vendor: CpuVendor; // from the first package
    packages: CpuPackage[];
    numPackages: number;
    numCores: number;
    numThreads: number;
    hz: number; // hardware.cpuInfo.hz
    hvSupport?: string; // hardware... not always given
  };
  evc: { currentModeKey?: string; maxModeKey?: string };
  capability: HostFtCapability;
  hyperThreading: { available: boolean; active: boolean };
  powerPolicy?: { key: number; shortName: string }; // config.powerSystemInfo.currentPolicy
  vmotionEnabled?: boolean; // summary.config.vmotionEnabled
  faultToleranceEnabled?: boolean; // summary.config.faultToleranceEnabled
  pnics: PhysicalNic[];
  vmknics: Vmknic[];
  datastoreMoids: Moid[];
  networkMoids: Moid[];
  memoryBytes?: number; // summary.hardware.memorySize (absent = not read)
  licenseEdition?: string; // from QueryAssignedLicenses when read (editionKey)
  unreadable: Unreadable[];
}

type DatastoreType = 'VMFS' | 'NFS' | 'NFS41' | 'CIFS' | 'vsan' | 'VFFS' | 'VVOL' | 'PMEM' | 'OTHER' | string;

export interface Datastore {
  moid: Moid;
  name: string;
  datacenter?: string;
  type: DatastoreType; // summary.type
  multipleHostAccess?: boolean; // summary.multipleHostAccess (vCenter only; undefined = not reported)
  accessible: boolean;
  capacityBytes: number;
  freeBytes: number;
  uncommittedBytes?: number;
  hostMoids: Moid[]; // host[].key
  unreadable: Unreadable[];
}

export interface Network {
  moid: Moid;
  name: string;
  kind: 'standard' | 'distributed' | 'opaque';
  backingType?: string; // DistributedVirtualPortgroup config.backingType ("standard" | "nsx")
  dvsUuid?: string;
  portgroupKey?: string;
  opaqueNetworkType?: string;
  uplink?: boolean; // DVPG config.uplink
}

export type DiskBacking =
  | 'thin'
  | 'lazyZeroedThick'
  | 'eagerZeroedThick'
  | 'rdmVirtual'
  | 'rdmPhysical'
  | 'sparse' // VirtualDiskSparseVer1/2, SeSparse
  | 'pmem'
  | 'other';

export interface Disk {
  key: number;
  label: string;
  capacityBytes: number;
  backing: DiskBacking;
  backingType: string; // the vim25 backing type name, verbatim
  fileName?: string;
  datastoreMoid?: Moid;
  controllerKey?: number;
  hasParent: boolean; // backing.parent set (delta disk: snapshot or linked clone)
  sharing?: string; // backing.sharing: sharingNone | sharingMultiWriter
  iofilters: string[];
  vFlashReservationMB: number; // vFlashCacheConfigInfo.reservationInMB (0 = none)
  encrypted: boolean; // backing.keyId set
}

export interface ScsiController {
  key: number;
  type: string; // ParaVirtualSCSIController, VirtualLsiLogicController...
  busSharing: 'noSharing' | 'virtualSharing' | 'physicalSharing' | string;
}

export type RemovableBacking =
  | 'iso' // CD-ROM ISO / floppy image file
  | 'hostDevice' // physical device on the host (ATAPI / floppy device)
  | 'passthrough' // CD-ROM passthrough
  | 'remoteAtapi'
  | 'remotePassthrough'
  | 'remoteDevice' // floppy remote device
  | 'client' // remote client device
  | 'none'
  | 'other';

export interface RemovableDevice {
  key: number;
  kind: 'cdrom' | 'floppy';
  label: string;
  backing: RemovableBacking;
  backingType: string;
  fileName?: string; // ISO / image path "[ds] iso/x.iso"
  datastoreMoid?: Moid;
  connected: boolean;
  startConnected: boolean;
}

export interface SimpleDevice {
  key: number;
  label: string;
  type: string; // vim25 device type name
}

export interface PassthroughDevice extends SimpleDevice {
  kind: 'pci' | 'vgpu' | 'dynamic' | 'sriov';
}

export interface VmNic extends SimpleDevice {
  backing: 'standard' | 'distributed' | 'opaque' | 'other';
  networkMoid?: Moid; // standard backing network, or the DVPG resolved by portgroupKey
  portgroupKey?: string;
  dvsUuid?: string;
  opaqueNetworkType?: string; // "nsx.LogicalSwitch"
}

type FtState = 'notConfigured' | 'disabled' | 'enabled' | 'needSecondary' | 'starting' | 'running' | string;

export interface Vm {
  moid: Moid;
  name: string;
  datacenter?: string;
  hostMoid?: Moid; // runtime.host
  clusterMoid?: Moid; // derived from the host
  datastoreMoids: Moid[];
  networkMoids: Moid[];
  powerState: 'poweredOn' | 'poweredOff' | 'suspended' | string;
  template: boolean;
  managedBy?: { extensionKey: string; type: string };
  agentVm: boolean; // vCLS / ESX agent VM (managedBy or vCLS naming), excluded from verdicts
  guestId: string;
  guestFullName: string;
  hwVersion?: number; // config.version "vmx-13" => 13
  numCpu: number;
  numCoresPerSocket: number;
  memoryMB: number;
  memoryReservationMB: number;
  firmware: 'bios' | 'efi' | string;
  cpuHotAdd: boolean;
  cpuHotRemove: boolean;
  memoryHotAdd: boolean;
  ft: {
    state: FtState; // runtime.faultToleranceState (absent => notConfigured)
    role?: number; // config.ftInfo.role: 1 = primary, 2+ = secondary
    type?: 'unset' | 'recordReplay' | 'checkpointing' | string; // config.flags.faultToleranceType
    instanceUuids: string[];
  };
  snapshotCount: number; // nodes in snapshot.rootSnapshotList (recursive)
  npiv: boolean; // npivWorldWideNameType set, or node/port WWNs present (and npivDisabled not true)
  encrypted: boolean; // config.keyId
  vtpm: boolean; // VirtualTPM device
  vbs: boolean; // config.flags.vbsEnabled
  nestedHv: boolean; // config.nestedHVEnabled
  vpmc: boolean; // config.vPMCEnabled
  pmemFailover: boolean; // config.pmemFailoverEnabled
  vFlashReservationMB: number; // config.vFlashCacheReservation
  ftEncryptionMode?: string;
  // config.files: the VM home (.vmx) and, on 6.0+, the FT metadata directory; "[datastore] path" as sent.
  vmPathName?: string;
  ftMetadataDirectory?: string;
  disks: Disk[];
  scsiControllers: ScsiController[];
  removable: RemovableDevice[]; // CD-ROMs and floppies
  usb: SimpleDevice[]; // VirtualUSB devices (not controllers)
  usbControllers: SimpleDevice[];
  sound: SimpleDevice[];
  serial: SimpleDevice[];
  parallel: SimpleDevice[];
  video3d: boolean; // VirtualMachineVideoCard.enable3DSupport
  vmciUnrestricted?: boolean; // VirtualMachineVMCIDevice.allowUnrestrictedCommunication (VM-to-VM VMCI; removed in 5.1)
  passthrough: PassthroughDevice[];
  vmiRom: boolean; // VirtualMachineVMIROM present
  pcnet32: boolean; // VirtualPCNet32 present (legacy blocker)
  nvdimm: boolean;
  nics: VmNic[];
  unreadable: Unreadable[];
}

export interface CollectionProblem {
  moid?: Moid;
  path?: string;
  fault: string; // fault name or error kind
  message: string;
  optional?: boolean; // an optional extra (licences, tags) not read, or a scope note: the scan stays complete
}

export interface FtQueryResult {
  // vCenter's own QueryFaultToleranceCompatibility(Ex), opt-in (--ask-vcenter)
  status: 'evaluated' | 'notEvaluated';
  reason?: string; // why not evaluated (no privilege, MethodNotFound, off)
  faults: { fault: string; reason?: string; message: string }[];
}

// Whether the user sees and reads the whole scope: System.View and System.Read on the root folder, or on each
// datacenter / cluster named by --datacenter / --cluster. Anything in `missing` (or an `error`, the check could
// not run) makes the target incomplete: objects the user cannot see are absent, not "ready".
interface VisibilityObject {
  moid?: Moid; // absent for a named object that was not found (it may exist, unseen)
  type: string; // Folder, Datacenter, ClusterComputeResource
  name: string;
}
export interface Visibility {
  checked: VisibilityObject[];
  missing: { privilege: string; object: VisibilityObject }[];
  error?: string; // the check failed (a fault): visibility unknown
}

export interface Inventory {
  schema: 'ftscan.inventory/1';
  vcenter: VCenterInfo;
  collectedAt: string; // ISO time
  datacenters: Datacenter[];
  clusters: Cluster[];
  hosts: Host[];
  datastores: Datastore[];
  networks: Network[];
  vms: Vm[];
  ftQuery?: Record<Moid, FtQueryResult>; // by VM moid, only with --ask-vcenter
  tags?: Record<Moid, string[]>; // "Category/Tag" per object, when tags were read
  // Set when a VM scope was applied: the VMs that get verdicts. `vms` also holds, as context, the FT VMs
  // (primaries and secondaries) on the in-scope clusters' hosts, because they use up FT headroom.
  scopeVmMoids?: Moid[];
  // Datastore clusters (StoragePod, a Folder subtype read with the folders' name and parent in the same bulk
  // collection): each pod with the datastores whose parent it is. For --target-datastore POD.
  datastoreClusters?: { moid: Moid; name: string; datastoreMoids: Moid[] }[];
  complete: boolean; // false when any object or property could not be read
  scopeNotFound?: string[]; // names from the VM list (--vm-list) that matched no VM
  problems: CollectionProblem[];
  visibility?: Visibility; // the scan's privilege check on its scope (inventory/privileges.ts checkVisibility)
  stats: { soapCalls: number; restCalls: number; pages: number; objects: number; durationMs: number; byMethod: Record<string, number> };
}

// vim25 property paths behind the model's fields, for evidence and rules' `needs`. Device-level evidence uses
// `config.hardware.device[key=<key>].<field>` built with devicePath(). `satisfies ModelTable<T>`: every row's
// `model` is a path of the type it fills, so a misspelt one does not compile.
export const VM_PATHS = evidencePaths(VM_FIELDS satisfies ModelTable<Vm>); // from the field table (fields/vm.ts)

export const HOST_PATHS = evidencePaths(HOST_FIELDS satisfies ModelTable<Host>); // from the field table (fields/host.ts)

// A cluster's paths: the ComputeResource rows it inherits and its own (fields/cluster.ts).
export const CLUSTER_PATHS = evidencePaths({ ...COMPUTE_RESOURCE_FIELDS, ...CLUSTER_FIELDS } satisfies ModelTable<Cluster>);

export const DATASTORE_PATHS = evidencePaths(DATASTORE_FIELDS satisfies ModelTable<Datastore>); // from the field table (fields/datastore.ts)

// The root resource pool's paths, cited on the cluster through its `resourcePool` link (fields/resource-pool.ts).
export const ROOT_POOL_PATHS = {
  unreservedForVm: `${CLUSTER_PATHS.resourcePool}.${evidencePaths(RESOURCE_POOL_FIELDS satisfies ModelTable<Cluster>).unreservedForVm}`,
} as const;

export function devicePath(key: number, field?: string): string {
  return `config.hardware.device[key=${key}]${field ? '.' + field : ''}`;
}
