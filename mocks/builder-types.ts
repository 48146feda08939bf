// The builder's vocabulary: references to the objects an estate holds and the options each kind takes.
// Kept apart from builders.ts so the device builders (devices.ts) and the per-kind code import these types
// without importing the builder back (no cycle, type-only imports included).
import type { MockObject, MoRefValue, RestFlavour } from './estate.js';

export interface Ref {
  moid: string;
  name: string;
  ref: MoRefValue;
  obj: MockObject;
}
export interface DatacenterRef extends Ref {
  hostFolder: string;
  vmFolder: string;
  datastoreFolder: string;
  networkFolder: string;
}
export interface ClusterRef extends Ref {
  datacenter: DatacenterRef;
  resourcePool: string; // root resource pool moid
  hosts: HostRef[];
  unreservedForVmMB?: number; // ClusterOptions.unreservedForVmMB
}
export interface HostRef extends Ref {
  datacenter: DatacenterRef;
  cluster?: ClusterRef;
  computeResource: string; // cluster moid, or the standalone ComputeResource moid
  resourcePool: string;
  datastores: DatastoreRef[];
  networks: NetworkRef[];
  vms: VmRef[];
  version: string;
}
export interface DatastoreRef extends Ref {
  datacenter: DatacenterRef;
  hosts: HostRef[];
  vms: VmRef[];
}
export interface NetworkRef extends Ref {
  datacenter: DatacenterRef;
  kind: 'standard' | 'distributed' | 'opaque';
  hosts: HostRef[];
  vms: VmRef[];
  dvsUuid?: string;
  portgroupKey?: string;
  opaqueNetworkId?: string;
  opaqueNetworkType?: string;
}
export interface VmRef extends Ref {
  host?: HostRef;
  instanceUuid: string;
}

export interface EstateOptions {
  seed?: number; // PRNG seed for uuids and MAC addresses (default 1)
  vcenterVersion?: '5.5.0' | '6.0.0' | '6.5.0' | '6.7.0' | '7.0.3' | '8.0.2' | '8.0.3' | string; // default 7.0.3
  vcenterBuild?: string;
  restFlavour?: RestFlavour;
}

export interface HaOptions {
  enabled?: boolean; // default true
  hostMonitoring?: 'enabled' | 'disabled';
  admissionControl?: boolean;
  // dasConfig.admissionControlPolicy (default: ClusterFailoverResourcesAdmissionControlPolicy, percentages
  // auto-computed for one host failure, as a 6.5+ vCenter sets it); false: none sent.
  admissionControlPolicy?:
    | { type: 'resources'; memoryPercent?: number; cpuPercent?: number; failoverLevel?: number; auto?: boolean }
    | { type: 'slots'; failoverLevel: number; slotMemoryMB?: number }
    | { type: 'hosts'; failoverHosts: (HostRef | string)[]; failoverLevel?: number }
    | false;
  vmComponentProtecting?: 'enabled' | 'disabled';
  options?: Record<string, string>; // das.* advanced options: { 'das.maxftvmsperhost': '4' }
  vmOverrides?: {
    vm: VmRef | string;
    restartPriority: 'disabled' | 'lowest' | 'low' | 'medium' | 'high' | 'highest' | 'clusterRestartPriority';
  }[];
}
export interface DrsOptions {
  enabled?: boolean; // default true
  behavior?: 'manual' | 'partiallyAutomated' | 'fullyAutomated';
  vmOverrides?: { vm: VmRef | string; enabled?: boolean; behavior?: 'manual' | 'partiallyAutomated' | 'fullyAutomated' }[];
}
export interface ClusterOptions {
  name: string;
  datacenter?: DatacenterRef | string;
  ha?: HaOptions | false; // false: HA turned off
  drs?: DrsOptions | false;
  evcModeKey?: string; // "intel-broadwell"
  // The root resource pool's runtime.memory.unreservedForVm in MB (default: 95 % of the hosts' memory less the
  // reservations of the cluster's powered-on VMs, computed at build()).
  unreservedForVmMB?: number;
}

interface CpuOptions {
  vendor?: 'intel' | 'amd';
  description?: string; // "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz"
  packages?: number; // default 2
  cores?: number; // total cores (default 20 per package)
  threads?: number; // total threads (default cores * 2 when HT is available)
  hz?: number;
  family?: number; // HostCpuPackage.family (8.0U3+ hosts only)
  model?: number;
  stepping?: number;
}
export interface PnicOptions {
  device: string; // vmnic0
  speedMb: number | null; // null = link down
  driver?: string;
}
export interface VmknicOptions {
  device: string; // vmk1
  services: string[]; // ['faultToleranceLogging'], ['vmotion'], ['management']...
  portgroup?: string; // standard switch port group name (default: derived from the services)
  vswitch?: string; // default: a vSwitch per distinct uplink set
  uplinks?: string[]; // active uplinks (vmnic names)
  standbyUplinks?: string[];
  dvs?: { switchUuid: string; portgroupKey: string; name?: string; uplinks: string[] }; // distributed switch variant
  ip?: string; // IPv4 address
  ipv6Only?: boolean;
  mtu?: number;
}
export interface HostCapabilityOptions {
  ftSupported?: boolean;
  ftCompatibilityIssues?: string[];
  recordReplaySupported?: boolean;
  replayCompatibilityIssues?: string[];
  replayUnsupportedReason?: string;
  smpFtSupported?: boolean;
  smpFtCompatibilityIssues?: string[];
  maxVcpusPerFtVm?: number;
  maxMemMBPerFtVm?: number;
  ftEfiSupported?: boolean;
  ftVmcpSupported?: boolean;
  encryptionFaultToleranceSupported?: boolean;
  encryptedFtSupported?: boolean;
  vmotionSupported?: boolean;
}
export interface HostOptions {
  name: string;
  cluster?: ClusterRef | string;
  datacenter?: DatacenterRef | string; // standalone host (no cluster)
  version?: string; // "7.0.3"
  build?: string; // "19193900"
  cpu?: CpuOptions;
  memoryGB?: number;
  capability?: HostCapabilityOptions;
  ht?: { available: boolean; active: boolean };
  powerPolicy?: 'static' | 'dynamic' | 'low' | 'custom';
  pnics?: PnicOptions[];
  vmknics?: VmknicOptions[];
  connectionState?: 'connected' | 'disconnected' | 'notResponding';
  powerState?: 'poweredOn' | 'poweredOff' | 'standBy' | 'unknown';
  maintenance?: boolean;
  dasHostState?: string | null; // runtime.dasHostState.state; null = not set (HA off)
  featureVersionFt?: string | null; // config.featureVersion faultTolerance value; null = none (pre-4.1)
  vmotionEnabled?: boolean;
  faultToleranceEnabled?: boolean;
  evc?: { current?: string; max?: string };
  datastores?: (DatastoreRef | string)[];
  networks?: (NetworkRef | string)[];
  vendor?: string; // hardware vendor "Dell Inc."
  model?: string; // "PowerEdge R740"
}

export interface DatastoreOptions {
  name: string;
  datacenter?: DatacenterRef | string;
  type?: 'VMFS' | 'NFS' | 'NFS41' | 'vsan' | 'VVOL' | 'VFFS' | 'PMEM' | 'OTHER' | string;
  capacityGB?: number;
  freeGB?: number;
  capacity?: number | bigint; // bytes (wins over capacityGB)
  free?: number | bigint;
  uncommitted?: number;
  multipleHostAccess?: boolean; // default: more than one host
  accessible?: boolean;
  maintenanceMode?: string;
  local?: boolean; // VMFS on a local disk
  hosts?: (HostRef | string)[];
}
export interface NetworkOptions {
  name: string;
  datacenter?: DatacenterRef | string;
  hosts?: (HostRef | string)[];
}
export interface DvPortgroupOptions extends NetworkOptions {
  switchName?: string; // default "DSwitch"
  backingType?: 'standard' | 'nsx';
  uplink?: boolean;
  vlanId?: number;
}
export interface OpaqueNetworkOptions extends NetworkOptions {
  opaqueNetworkType?: string; // "nsx.LogicalSwitch"
}

type DiskKind = 'thin' | 'lazy' | 'eager' | 'rdmPhysical' | 'rdmVirtual' | 'sparse' | 'seSparse';
export interface DiskOptions {
  capacityGB: number;
  kind?: DiskKind; // default 'lazy' (lazy-zeroed thick)
  datastore?: DatastoreRef | string;
  sharing?: 'sharingNone' | 'sharingMultiWriter';
  iofilters?: string[];
  parent?: boolean; // delta disk over a parent (linked clone)
  controller?: number; // index into scsi[] (default 0)
  encrypted?: boolean;
  vFlashMB?: number;
  diskMode?: 'persistent' | 'independent_persistent' | 'independent_nonpersistent';
}
interface ScsiOptions {
  type?: 'pvscsi' | 'lsilogic' | 'lsilogicsas' | 'buslogic';
  busSharing?: 'noSharing' | 'virtualSharing' | 'physicalSharing';
}
export interface NicOptions {
  network?: NetworkRef | string; // default: the first network of the host
  type?: 'vmxnet3' | 'e1000' | 'e1000e' | 'pcnet32' | 'vmxnet2' | 'sriov';
  connected?: boolean;
}
type CdromKind = 'iso' | 'hostDevice' | 'passthrough' | 'remote' | 'remotePassthrough' | 'client';
export interface VmOptions {
  name: string;
  host?: HostRef | string;
  cluster?: ClusterRef | string; // without host: the cluster's first host
  numCpu?: number;
  coresPerSocket?: number;
  memoryMB?: number;
  memoryReservationMB?: number;
  hwVersion?: string; // "vmx-13"
  guestId?: string;
  guestFullName?: string;
  firmware?: 'bios' | 'efi';
  hotAdd?: { cpu?: boolean; mem?: boolean; cpuRemove?: boolean };
  template?: boolean;
  managedBy?: { extensionKey: string; type: string };
  powerState?: 'poweredOn' | 'poweredOff' | 'suspended';
  ftState?: 'notConfigured' | 'disabled' | 'enabled' | 'needSecondary' | 'starting' | 'running';
  ftRole?: 1 | 2; // 1 primary, 2 secondary (set by ftSecondaryHost for the generated secondary)
  ftType?: 'checkpointing' | 'recordReplay';
  ftSecondaryHost?: HostRef | string; // creates the secondary VM (same name) on that host
  snapshots?: number; // a chain of n snapshots
  disks?: DiskOptions[]; // default: one 40 GB lazy-zeroed disk on the host's first datastore
  scsi?: ScsiOptions[]; // default one ParaVirtual controller
  cdrom?: { kind: CdromKind; file?: string; connected?: boolean; datastore?: DatastoreRef | string } | false;
  floppy?: { kind: 'image' | 'device' | 'remote' | 'client'; file?: string; connected?: boolean };
  usb?: number | boolean; // USB devices (a USB controller is added with them)
  usbController?: 'usb' | 'xhci';
  sound?: boolean;
  serial?: number | boolean;
  parallel?: boolean;
  video3d?: boolean;
  vmciUnrestricted?: boolean; // VMCI device with allowUnrestrictedCommunication (VM-to-VM VMCI, ESXi 5.0 and older)
  passthrough?: 'pci' | 'vgpu' | 'sriov' | 'dynamic' | ('pci' | 'vgpu' | 'sriov' | 'dynamic')[];
  vmiRom?: boolean;
  pcnet32?: boolean; // an extra VirtualPCNet32 adapter
  nics?: NicOptions[]; // default one vmxnet3 on the host's first network
  npiv?: boolean;
  encrypted?: boolean;
  vtpm?: boolean;
  vbs?: boolean;
  nestedHv?: boolean;
  vpmc?: boolean;
  vFlashMB?: number;
  ftEncryptionMode?: 'ftEncryptionDisabled' | 'ftEncryptionOpportunistic' | 'ftEncryptionRequired';
  annotation?: string;
  extraConfig?: Record<string, string>;
  folder?: string; // vm folder moid (default: the datacenter's vmFolder)
}
