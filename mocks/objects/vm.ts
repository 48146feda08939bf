// VirtualMachine: the object a real vCenter returns for every path ftscan reads (config, runtime, summary,
// snapshot, layoutEx, guest), an FT secondary when the options ask for one. Devices come from devices.ts.
import type { DatastoreRef, VmOptions, VmRef } from '../builder-types.js';
import { vmDevices, type DeviceContext } from '../devices.js';
import { moref, type MoRefValue } from '../estate.js';
import { type BuildContext, d, type Obj, optionValues } from './context.js';

const GUEST_NAMES: Record<string, string> = {
  rhel7_64Guest: 'Red Hat Enterprise Linux 7 (64-bit)',
  rhel8_64Guest: 'Red Hat Enterprise Linux 8 (64-bit)',
  rhel9_64Guest: 'Red Hat Enterprise Linux 9 (64-bit)',
  windows9Server64Guest: 'Microsoft Windows Server 2016 or later (64-bit)',
  windows2019srv_64Guest: 'Microsoft Windows Server 2019 (64-bit)',
  windows2019srvNext_64Guest: 'Microsoft Windows Server 2022 (64-bit)',
  windows7Server64Guest: 'Microsoft Windows Server 2008 R2 (64-bit)',
  ubuntu64Guest: 'Ubuntu Linux (64-bit)',
  centos7_64Guest: 'CentOS 7 (64-bit)',
  sles12_64Guest: 'SUSE Linux Enterprise 12 (64-bit)',
  other3xLinux64Guest: 'Other 3.x Linux (64-bit)',
  vmwarePhoton64Guest: 'VMware Photon OS (64-bit)',
  winNetStandardGuest: 'Microsoft Windows Server 2003 Standard (32-bit)',
};

export function buildVm(b: BuildContext, o: VmOptions): VmRef {
  const cluster = b.ref(b.clusters, o.cluster, 'cluster');
  const host = b.ref(b.hosts, o.host, 'host') ?? cluster?.hosts[0];
  if (!host) throw new Error(`estate builder: vm "${o.name}" needs a host or a cluster with hosts`);
  const dc = host.datacenter;
  const moid = b.nextId('vm-');
  const me = moref('VirtualMachine', moid);
  const uuid = b.rng.uuid();
  const instanceUuid = b.rng.uuid();
  const numCpu = o.numCpu ?? 2;
  const memoryMB = o.memoryMB ?? 4096;
  const guestId = o.guestId ?? 'rhel8_64Guest';
  const guestFullName = o.guestFullName ?? GUEST_NAMES[guestId] ?? guestId;
  const powerState = o.template ? 'poweredOff' : (o.powerState ?? 'poweredOn');
  const firstDs = host.datastores[0];
  const resolveDs = (x: DatastoreRef | string | undefined) => b.ref(b.datastores, x, 'datastore') ?? firstDs;
  const homeDs = resolveDs(o.disks?.[0]?.datastore);
  if (!homeDs) throw new Error(`estate builder: vm "${o.name}" needs a datastore (host "${host.name}" has none)`);
  const dsName = (ds: DatastoreRef) => ds.name;
  const hwVersion = o.hwVersion ?? 'vmx-13';
  const hwNum = Number(hwVersion.replace('vmx-', ''));
  const snapshots = o.snapshots ?? 0;

  const ctx: DeviceContext = {
    rng: b.rng,
    vmName: o.name,
    homeDs: { name: dsName(homeDs), moid: homeDs.moid },
    resolveDs: (x) => {
      const ds = resolveDs(x);
      return { name: ds!.name, moid: ds!.moid };
    },
    resolveNetwork: (x) => {
      const n = b.ref(b.networks, x, 'network') ?? host.networks[0];
      if (!n) throw new Error(`estate builder: vm "${o.name}" has a NIC but host "${host.name}" has no network`);
      return n;
    },
    mac: () => b.mac(),
    snapshots,
    poweredOn: powerState === 'poweredOn',
  };
  const { devices, diskDatastores, networks, numDisks, numNics, numVmiop } = vmDevices(o, ctx);
  const dsRefs = [...new Set([homeDs.moid, ...diskDatastores])].map((m) => b.datastores.find((x) => x.moid === m)!);
  const ftState = o.ftState ?? 'notConfigured';
  // Turning FT on sets the reservation to the full memory (both halves); vCenter keeps it while FT is configured.
  const memoryReservationMB = o.memoryReservationMB ?? (ftState !== 'notConfigured' ? memoryMB : 0);
  const ftInfo =
    o.ftRole === 2
      ? undefined // filled by the primary below
      : ftState !== 'notConfigured' && ftState !== undefined
        ? d('FaultTolerancePrimaryConfigInfo', {
            role: 1,
            instanceUuids: [instanceUuid],
            configPaths: [`[${dsName(homeDs)}] ${o.name}/${o.name}.vmx`],
            orphaned: false,
            secondaries: [],
          })
        : undefined;
  const keyId = o.encrypted
    ? d('CryptoKeyId', { keyId: b.rng.uuid(), providerId: d('KeyProviderId', { id: 'kms-cluster-01' }) })
    : undefined;
  const vmPathName = `[${dsName(homeDs)}] ${o.name}/${o.name}.vmx`;
  const managedBy = o.managedBy ? d('ManagedByInfo', o.managedBy) : undefined;
  const config = d('VirtualMachineConfigInfo', {
    changeVersion: '2024-04-19T09:12:44.123456Z',
    modified: '1970-01-01T00:00:00Z',
    name: o.name,
    guestFullName,
    version: hwVersion,
    uuid,
    createDate: '2023-11-02T14:20:31.845Z',
    instanceUuid,
    npivNodeWorldWideName: o.npiv ? [BigInt('0x28' + b.rng.hex(14))] : [],
    npivPortWorldWideName: o.npiv ? [BigInt('0x28' + b.rng.hex(14))] : [],
    ...(o.npiv
      ? {
          npivWorldWideNameType: 'vc',
          npivDesiredNodeWwns: 1,
          npivDesiredPortWwns: 1,
          npivTemporaryDisabled: false,
          npivOnNonRdmDisks: false,
        }
      : {}),
    locationId: `564d${b.rng.hex(4)}-${b.rng.hex(4)}-${b.rng.hex(4)}-${b.rng.hex(4)}-${b.rng.hex(12)}`,
    template: o.template ?? false,
    guestId,
    alternateGuestName: '',
    annotation: o.annotation ?? '',
    files: d('VirtualMachineFileInfo', {
      vmPathName,
      snapshotDirectory: `[${dsName(homeDs)}] ${o.name}/`,
      suspendDirectory: `[${dsName(homeDs)}] ${o.name}/`,
      logDirectory: `[${dsName(homeDs)}] ${o.name}/`,
      ...(ftInfo ? { ftMetadataDirectory: `[${dsName(homeDs)}] ${o.name}/` } : {}),
    }),
    tools: d('ToolsConfigInfo', {
      toolsVersion: 12320,
      toolsInstallType: 'guestToolsTypeOpenVMTools',
      afterPowerOn: true,
      afterResume: true,
      beforeGuestStandby: true,
      beforeGuestShutdown: true,
      toolsUpgradePolicy: 'manual',
      syncTimeWithHostAllowed: true,
      syncTimeWithHost: false,
    }),
    flags: d('VirtualMachineFlagInfo', {
      disableAcceleration: false,
      enableLogging: true,
      useToe: false,
      runWithDebugInfo: false,
      monitorType: 'release',
      htSharing: 'any',
      snapshotDisabled: false,
      snapshotLocked: false,
      diskUuidEnabled: false,
      virtualMmuUsage: 'automatic',
      virtualExecUsage: 'hvAuto',
      snapshotPowerOffBehavior: 'powerOff',
      recordReplayEnabled: false,
      faultToleranceType: ftState !== 'notConfigured' ? (o.ftType ?? 'checkpointing') : 'unset',
      cbrcCacheEnabled: false,
      vvtdEnabled: o.vbs ?? false,
      vbsEnabled: o.vbs ?? false,
    }),
    defaultPowerOps: d('VirtualMachineDefaultPowerOpInfo', {
      powerOffType: 'soft',
      suspendType: 'hard',
      resetType: 'soft',
      defaultPowerOffType: 'soft',
      defaultSuspendType: 'hard',
      defaultResetType: 'soft',
      standbyAction: 'checkpoint',
    }),
    rebootPowerOff: false,
    hardware: d('VirtualHardware', {
      numCPU: numCpu,
      numCoresPerSocket: o.coresPerSocket ?? 1,
      autoCoresPerSocket: false,
      memoryMB,
      virtualICH7MPresent: false,
      virtualSMCPresent: false,
      device: devices,
      motherboardLayout: 'i440bxHostBridge',
      simultaneousThreads: 1,
    }),
    cpuAllocation: d('ResourceAllocationInfo', {
      reservation: 0,
      expandableReservation: false,
      limit: -1,
      shares: d('SharesInfo', { shares: numCpu * 1000, level: 'normal' }),
    }),
    memoryAllocation: d('ResourceAllocationInfo', {
      reservation: memoryReservationMB,
      expandableReservation: false,
      limit: -1,
      shares: d('SharesInfo', { shares: memoryMB * 10, level: 'normal' }),
    }),
    latencySensitivity: d('LatencySensitivity', { level: 'normal' }),
    memoryHotAddEnabled: o.hotAdd?.mem ?? false,
    cpuHotAddEnabled: o.hotAdd?.cpu ?? false,
    cpuHotRemoveEnabled: o.hotAdd?.cpuRemove ?? false,
    ...(o.hotAdd?.mem ? { hotPlugMemoryLimit: memoryMB * 16, hotPlugMemoryIncrementSize: 128 } : {}),
    extraConfig: optionValues({
      nvram: `${o.name}.nvram`,
      'svga.present': 'TRUE',
      'pciBridge0.present': 'TRUE',
      'hpet0.present': 'TRUE',
      'sched.cpu.latencySensitivity': 'normal',
      'migrate.hostLog': `${o.name}-${b.rng.hex(8)}.hlog`,
      'vmware.tools.internalversion': '12320',
      ...o.extraConfig,
    }),
    swapPlacement: 'inherit',
    bootOptions: d('VirtualMachineBootOptions', {
      bootDelay: 0,
      enterBIOSSetup: false,
      efiSecureBootEnabled: o.firmware === 'efi' && (o.vbs ?? false),
      bootRetryEnabled: false,
      bootRetryDelay: 10000,
      bootOrder: [],
      networkBootProtocol: 'ipv4',
    }),
    ...(ftInfo ? { ftInfo } : {}),
    vAssertsEnabled: false,
    changeTrackingEnabled: false,
    firmware: o.firmware ?? 'bios',
    maxMksConnections: 40,
    guestAutoLockEnabled: hwNum >= 11,
    ...(managedBy ? { managedBy } : {}),
    memoryReservationLockedToMax: ftState !== 'notConfigured',
    initialOverhead: d('VirtualMachineConfigInfoOverheadInfo', {
      initialMemoryReservation: 104_857_600 + memoryMB * 8192,
      initialSwapReservation: 178_257_920,
    }),
    nestedHVEnabled: o.nestedHv ?? false,
    vPMCEnabled: o.vpmc ?? false,
    scheduledHardwareUpgradeInfo: d('ScheduledHardwareUpgradeInfo', { upgradePolicy: 'never', scheduledHardwareUpgradeStatus: 'none' }),
    vFlashCacheReservation: (o.vFlashMB ?? 0) * 1024 * 1024,
    messageBusTunnelEnabled: false,
    ...(keyId ? { keyId } : {}),
    guestIntegrityInfo: d('VirtualMachineGuestIntegrityInfo', { enabled: false }),
    migrateEncryption: 'opportunistic',
    sgxInfo: d('VirtualMachineSgxInfo', { epcSize: 0, flcMode: 'unlocked', requireAttestation: false }),
    ...(o.ftEncryptionMode ? { ftEncryptionMode: o.ftEncryptionMode } : {}),
    guestMonitoringModeInfo: d('VirtualMachineGuestMonitoringModeInfo', {}),
    sevEnabled: false,
    pmemFailoverEnabled: false,
  });
  const rp = host.resourcePool;
  const runtime = d('VirtualMachineRuntimeInfo', {
    device: [],
    host: host.ref,
    connectionState: 'connected',
    powerState,
    faultToleranceState: ftState,
    toolsInstallerMounted: false,
    ...(powerState === 'poweredOn' ? { bootTime: '2024-04-19T09:12:51.512Z' } : {}),
    suspendInterval: 0,
    ...(powerState === 'poweredOn' ? { memoryOverhead: 0, maxCpuUsage: numCpu * 2500, maxMemoryUsage: memoryMB } : {}),
    numMksConnections: 0,
    recordReplayState: 'inactive',
    onlineStandby: false,
    consolidationNeeded: false,
    paused: false,
    snapshotInBackground: false,
    instantCloneFrozen: false,
    ...(o.encrypted ? { cryptoState: 'unlocked' } : {}),
  });
  const snapshotInfo = snapshots > 0 ? snapshotTree(b, me, snapshots) : undefined;
  const sizeGB = (o.disks ?? [{ capacityGB: 40 }]).reduce((s, x) => s + x.capacityGB, 0);
  const folder = o.folder ?? dc.vmFolder;
  const obj = b.add('VirtualMachine', moid, moref('Folder', folder), {
    name: o.name,
    config,
    runtime,
    summary: d('VirtualMachineSummary', {
      vm: me,
      runtime,
      guest: d('VirtualMachineGuestSummary', {
        guestId,
        guestFullName,
        toolsStatus: powerState === 'poweredOn' ? 'toolsOk' : 'toolsNotRunning',
        toolsVersionStatus: 'guestToolsUnmanaged',
        toolsVersionStatus2: 'guestToolsUnmanaged',
        toolsRunningStatus: powerState === 'poweredOn' ? 'guestToolsRunning' : 'guestToolsNotRunning',
        hostName: powerState === 'poweredOn' ? `${o.name}.example.local` : '',
        ...(powerState === 'poweredOn' ? { ipAddress: `10.20.${b.rng.int(0, 255)}.${b.rng.int(2, 254)}` } : {}),
        hwVersion,
      }),
      config: d('VirtualMachineConfigSummary', {
        name: o.name,
        template: o.template ?? false,
        vmPathName,
        memorySizeMB: memoryMB,
        cpuReservation: 0,
        memoryReservation: memoryReservationMB,
        numCpu,
        numEthernetCards: numNics,
        numVirtualDisks: numDisks,
        uuid,
        instanceUuid,
        guestId,
        guestFullName,
        annotation: o.annotation ?? '',
        installBootRequired: false,
        ...(ftInfo ? { ftInfo } : {}),
        ...(managedBy ? { managedBy } : {}),
        tpmPresent: o.vtpm ?? false,
        numVmiopBackings: numVmiop,
        hwVersion,
      }),
      storage: d('VirtualMachineStorageSummary', {
        committed: sizeGB * 1024 ** 3,
        uncommitted: 0,
        unshared: sizeGB * 1024 ** 3,
        timestamp: '2024-05-02T10:11:12.345Z',
      }),
      quickStats: d('VirtualMachineQuickStats', {
        overallCpuUsage: 0,
        overallCpuDemand: 0,
        guestMemoryUsage: 0,
        hostMemoryUsage: 0,
        guestHeartbeatStatus: powerState === 'poweredOn' ? 'green' : 'gray',
        distributedCpuEntitlement: 0,
        distributedMemoryEntitlement: 0,
        staticCpuEntitlement: 0,
        staticMemoryEntitlement: 0,
        privateMemory: 0,
        sharedMemory: 0,
        swappedMemory: 0,
        balloonedMemory: 0,
        consumedOverheadMemory: 0,
        ftLogBandwidth: ftInfo ? 1024 : -1,
        ftSecondaryLatency: ftInfo ? 0 : -1,
        ftLatencyStatus: 'gray',
        compressedMemory: 0,
        uptimeSeconds: 0,
        ssdSwappedMemory: 0,
      }),
      overallStatus: 'green',
    }),
    guest: d('GuestInfo', {
      toolsStatus: powerState === 'poweredOn' ? 'toolsOk' : 'toolsNotRunning',
      toolsVersionStatus: 'guestToolsUnmanaged',
      toolsVersionStatus2: 'guestToolsUnmanaged',
      toolsRunningStatus: powerState === 'poweredOn' ? 'guestToolsRunning' : 'guestToolsNotRunning',
      toolsVersion: '12320',
      guestId,
      guestFullName,
      net: [],
      disk: [],
      guestState: powerState === 'poweredOn' ? 'running' : 'notRunning',
      guestOperationsReady: powerState === 'poweredOn',
      interactiveGuestOperationsReady: false,
      guestStateChangeSupported: true,
    }),
    resourcePool: o.template ? undefined : moref('ResourcePool', rp),
    datastore: dsRefs.map((x) => x.ref),
    network: networks.map((n) => n.ref),
    ...(snapshotInfo ? { snapshot: snapshotInfo.info } : {}),
    rootSnapshot: snapshotInfo ? [snapshotInfo.root] : [],
    guestHeartbeatStatus: powerState === 'poweredOn' ? 'green' : 'gray',
  });
  if (o.template) delete obj.props.resourcePool;
  else (b.byMoid.get(rp)!.props.vm as MoRefValue[]).push(me);
  (host.obj.props.vm as MoRefValue[]).push(me);
  for (const ds of dsRefs) (ds.obj.props.vm as MoRefValue[]).push(me);
  for (const n of networks) (n.obj.props.vm as MoRefValue[]).push(me);
  const r: VmRef = { moid, name: o.name, ref: me, obj, host, instanceUuid };
  b.vms.push(r);
  host.vms.push(r);
  for (const ds of dsRefs) ds.vms.push(r);
  for (const n of networks) n.vms.push(r);

  const secHost = b.ref(b.hosts, o.ftSecondaryHost, 'host');
  if (ftInfo && secHost) {
    const sec = b.vm({ ...o, host: secHost, ftSecondaryHost: undefined, ftRole: 2, cluster: undefined });
    const secInfo = d('FaultToleranceSecondaryConfigInfo', {
      role: 2,
      instanceUuids: [instanceUuid, sec.instanceUuid],
      configPaths: [`[${dsName(homeDs)}] ${o.name}/${o.name}.vmx`, `[${dsName(homeDs)}] ${o.name}/${o.name}_1.vmx`],
      orphaned: false,
      primaryVM: me,
    });
    ftInfo.instanceUuids = [instanceUuid, sec.instanceUuid];
    ftInfo.configPaths = secInfo.configPaths;
    ftInfo.secondaries = [sec.ref];
    const sc = sec.obj.props.config as Obj;
    sc.ftInfo = secInfo;
    ((sec.obj.props.summary as Obj).config as Obj).ftInfo = secInfo;
    (sc.files as Obj).ftMetadataDirectory = `[${dsName(homeDs)}] ${o.name}/`;
    sc.memoryReservationLockedToMax = true;
  }
  return r;
}

function snapshotTree(b: BuildContext, vm: MoRefValue, n: number): { info: Obj; root: MoRefValue } {
  let child: Obj | undefined;
  let current: MoRefValue | undefined;
  let root: MoRefValue | undefined;
  const ids: string[] = Array.from({ length: n }, () => b.nextId('snapshot-'));
  for (let i = n - 1; i >= 0; i--) {
    const snap = moref('VirtualMachineSnapshot', ids[i]!);
    current ??= snap;
    child = d('VirtualMachineSnapshotTree', {
      snapshot: snap,
      vm,
      name: i === 0 ? 'before-patching' : `snap-${i + 1}`,
      description: '',
      id: i + 1,
      createTime: `2024-0${(i % 9) + 1}-1${i % 9}T10:00:00.${String(100 + i)}Z`,
      state: 'poweredOff',
      quiesced: false,
      childSnapshotList: child ? [child] : [],
      replaySupported: false,
    });
    root = snap;
  }
  return { info: d('VirtualMachineSnapshotInfo', { currentSnapshot: current, rootSnapshotList: [child] }), root: root! };
}
