// A hand-made but realistic ScanResult for the report tests: one vCenter (2 clusters, 9 VMs covering every
// verdict, findings of every severity with evidence, hostile VM names) and a second vCenter that failed.
// Built fresh on every call so tests can mutate their copy.
import type { Cluster, Host, Inventory, Vm } from '../../../src/inventory/model.js';
import { normalizeDevices } from '../../../src/inventory/normalize-devices.js';
import { applyPolicy } from '../../../src/policy/index.js';
import { renderReport, type Format, type RenderOptions } from '../../../src/report/index.js';
import { findingId, vcenterKey } from '../../../src/rules/finding-id.js';
import type { Finding, Headroom, VmAssessment } from '../../../src/rules/types.js';
import type { EvaluatedScan, ScanResult } from '../../../src/result/types.js';

export const SERVER = 'vc1.example.com';
export const FAILED_SERVER = 'vc2.example.com';
export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const FORMULA_NAME = "=cmd|' /C calc'!A0";
export const CSV_NAME = 'report, "q1"\nnext|line';

function vm(moid: string, name: string, host: string, cluster: string, extra: Partial<Vm> = {}): Vm {
  return {
    moid,
    name,
    datacenter: 'DC-East',
    hostMoid: host,
    clusterMoid: cluster,
    datastoreMoids: ['datastore-31'],
    networkMoids: ['network-41'],
    powerState: 'poweredOn',
    template: false,
    agentVm: false,
    guestId: 'rhel8_64Guest',
    guestFullName: 'Red Hat Enterprise Linux 8 (64-bit)',
    hwVersion: 19,
    numCpu: 2,
    numCoresPerSocket: 1,
    memoryMB: 8192,
    memoryReservationMB: 0,
    firmware: 'efi',
    cpuHotAdd: false,
    cpuHotRemove: false,
    memoryHotAdd: false,
    ft: { state: 'notConfigured', instanceUuids: [] },
    snapshotCount: 0,
    npiv: false,
    encrypted: false,
    vbs: false,
    nestedHv: false,
    vpmc: false,
    pmemFailover: false,
    vFlashReservationMB: 0,
    ...normalizeDevices([]), // device lists as the normalizer leaves a VM without such devices
    disks: [
      {
        key: 2000,
        label: 'Hard disk 1',
        capacityBytes: 42949672960,
        backing: 'eagerZeroedThick',
        backingType: 'VirtualDiskFlatVer2BackingInfo',
        fileName: `[ds-shared-01] ${moid}/${moid}.vmdk`,
        datastoreMoid: 'datastore-31',
        controllerKey: 1000,
        hasParent: false,
        sharing: 'sharingNone',
        iofilters: [],
        vFlashReservationMB: 0,
        encrypted: false,
      },
    ],
    scsiControllers: [{ key: 1000, type: 'ParaVirtualSCSIController', busSharing: 'noSharing' }],
    nics: [{ key: 4000, label: 'Network adapter 1', type: 'VirtualVmxnet3', backing: 'standard', networkMoid: 'network-41' }],
    unreadable: [],
    ...extra,
  };
}

function host(moid: string, name: string, cluster: string, version: string, build: string): Host {
  return {
    moid,
    name,
    clusterMoid: cluster,
    datacenter: 'DC-East',
    connectionState: 'connected',
    powerState: 'poweredOn',
    inMaintenanceMode: false,
    dasHostState: 'connectedToMaster',
    product: { name: 'VMware ESXi', fullName: `VMware ESXi ${version} build-${build}`, version, build, apiVersion: version },
    ftFeatureVersion: version.startsWith('5') ? '5.0.0' : undefined,
    cpu: {
      model: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
      vendor: 'intel',
      packages: [{ index: 0, vendor: 'intel', description: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz', hz: 2500000000 }],
      numPackages: 2,
      numCores: 40,
      numThreads: 80,
      hz: 2500000000,
    },
    evc: { currentModeKey: 'intel-cascadelake', maxModeKey: 'intel-cascadelake' },
    capability: { smpFtSupported: true, smpFtCompatibilityIssues: [], maxVcpusPerFtVm: 8 },
    hyperThreading: { available: true, active: true },
    vmotionEnabled: true,
    faultToleranceEnabled: moid !== 'host-21',
    pnics: [{ key: 'key-vim.host.PhysicalNic-vmnic0', device: 'vmnic0', speedMb: moid === 'host-12' ? 1000 : 10000 }],
    vmknics: [
      {
        key: 'key-vim.host.VirtualNic-vmk1',
        device: 'vmk1',
        portgroup: 'FT-Logging',
        vswitch: 'vSwitch1',
        ipv4: '10.0.1.11',
        ipv6Only: false,
        services: moid === 'host-21' ? ['vmotion'] : ['faultToleranceLogging', 'vmotion'],
        uplinks: [{ key: 'key-vim.host.PhysicalNic-vmnic0', device: 'vmnic0', speedMb: moid === 'host-12' ? 1000 : 10000 }],
      },
    ],
    datastoreMoids: ['datastore-31'],
    networkMoids: ['network-41'],
    unreadable: [],
  };
}

function cluster(moid: string, name: string, hosts: string[], haEnabled: boolean, admission: boolean): Cluster {
  return {
    moid,
    name,
    datacenter: 'DC-East',
    hostMoids: hosts,
    ha: {
      enabled: haEnabled,
      hostMonitoring: 'enabled',
      admissionControlEnabled: admission,
      options: {},
      maxFtVmsPerHost: 4,
      maxFtVcpusPerHost: 8,
      vmOverrides: [],
      defaultRestartPriority: 'medium',
    },
    drs: { enabled: true, defaultBehavior: 'fullyAutomated', vmOverrides: [] },
    evcModeKey: 'intel-cascadelake',
    unreadable: [],
  };
}

function inventory(): Inventory {
  return {
    schema: 'ftscan.inventory/1',
    vcenter: {
      server: SERVER,
      name: 'VMware vCenter Server',
      fullName: 'VMware vCenter Server 7.0.3 build-21477706',
      version: '7.0.3',
      build: '21477706',
      apiVersion: '7.0.3.0',
      apiType: 'VirtualCenter',
      instanceUuid: '5c1f7f5e-2a1b-4c3d-9e8f-0a1b2c3d4e5f',
    },
    collectedAt: '2026-11-28T06:00:04.120Z',
    datacenters: [{ moid: 'datacenter-3', name: 'DC-East' }],
    clusters: [
      cluster('domain-c7', 'Prod-A', ['host-11', 'host-12'], true, true),
      cluster('domain-c8', 'Legacy-B', ['host-21'], true, false),
    ],
    hosts: [
      host('host-11', 'esx-a1.example.com', 'domain-c7', '7.0.3', '21424296'),
      host('host-12', 'esx-a2.example.com', 'domain-c7', '7.0.3', '21424296'),
      host('host-21', 'esx-b1.example.com', 'domain-c8', '5.5.0', '3248547'),
    ],
    datastores: [
      {
        moid: 'datastore-31',
        name: 'ds-shared-01',
        datacenter: 'DC-East',
        type: 'VMFS',
        multipleHostAccess: true,
        accessible: true,
        capacityBytes: 4398046511104,
        freeBytes: 1099511627776,
        uncommittedBytes: 0,
        hostMoids: ['host-11', 'host-12', 'host-21'],
        unreadable: [],
      },
      {
        moid: 'datastore-32',
        name: 'esx-a2-local',
        datacenter: 'DC-East',
        type: 'VMFS',
        multipleHostAccess: false,
        accessible: true,
        capacityBytes: 549755813888,
        freeBytes: 500000000000,
        hostMoids: ['host-12'],
        unreadable: [],
      },
    ],
    networks: [{ moid: 'network-41', name: 'VM Network', kind: 'standard' }],
    vms: [
      vm('vm-101', 'web-01', 'host-11', 'domain-c7', { memoryReservationMB: 0 }),
      vm('vm-102', 'db-01', 'host-11', 'domain-c7', {
        disks: [
          {
            key: 2000,
            label: 'Hard disk 1',
            capacityBytes: 107374182400,
            backing: 'thin',
            backingType: 'VirtualDiskFlatVer2BackingInfo',
            fileName: '[ds-shared-01] db-01/db-01.vmdk',
            datastoreMoid: 'datastore-31',
            controllerKey: 1000,
            hasParent: false,
            iofilters: [],
            vFlashReservationMB: 0,
            encrypted: false,
          },
        ],
      }),
      vm('vm-103', XSS_NAME, 'host-11', 'domain-c7', {
        snapshotCount: 2,
        removable: [
          {
            key: 3002,
            kind: 'cdrom',
            label: 'CD/DVD drive 1',
            backing: 'hostDevice',
            backingType: 'VirtualCdromAtapiBackingInfo',
            connected: true,
            startConnected: true,
          },
        ],
      }),
      vm('vm-104', FORMULA_NAME, 'host-12', 'domain-c7', { usb: [{ key: 4100, label: 'USB 1', type: 'VirtualUSB' }] }),
      vm('vm-105', CSV_NAME, 'host-12', 'domain-c7', {
        unreadable: [
          { path: 'config.hardware.device', fault: 'NoPermission', message: 'Permission to perform this operation was denied.' },
        ],
      }),
      vm('vm-201', 'legacy-01', 'host-21', 'domain-c8', { numCpu: 2, hwVersion: 10, firmware: 'bios' }),
      vm('vm-202', 'legacy-02', 'host-21', 'domain-c8', { numCpu: 1, hwVersion: 10, firmware: 'bios' }),
      vm('vm-301', 'vCLS-5c1f7f5e', 'host-11', 'domain-c7', {
        agentVm: true,
        managedBy: { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' },
        numCpu: 1,
        memoryMB: 128,
      }),
      vm('vm-302', 'template-rhel9', 'host-21', 'domain-c8', { template: true, powerState: 'poweredOff' }),
    ],
    complete: false,
    problems: [
      {
        moid: 'vm-105',
        path: 'config.hardware.device',
        fault: 'NoPermission',
        message: 'Permission to perform this operation was denied.',
      },
    ],
    stats: {
      soapCalls: 14,
      restCalls: 0,
      pages: 3,
      objects: 17,
      durationMs: 2310,
      byMethod: {
        RetrieveServiceContent: 1,
        Login: 1,
        CreateContainerView: 5,
        RetrievePropertiesEx: 5,
        ContinueRetrievePropertiesEx: 1,
        Logout: 1,
      },
    },
  };
}

type F = Omit<Finding, 'id' | 'server' | 'source'> & Partial<Pick<Finding, 'source'>>;
function finding(f: F): Finding {
  const x = { server: SERVER, source: 'ftscan' as const, ...f };
  return { id: findingId(x, vcenterKey(inventory().vcenter.instanceUuid, SERVER)), ...x };
}

// Findings, keyed by a short name for the tests.
export function makeFindings() {
  return {
    memReservation: finding({
      ruleId: 'vm-memory-reservation',
      severity: 'info',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-101',
      name: 'web-01',
      generation: 'smp',
      message: 'Memory reservation 0 MB will be raised to the full 8192 MB when FT is turned on',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-101',
          name: 'web-01',
          path: 'config.memoryAllocation.reservation',
          observed: 0,
          expected: '8192 (set automatically)',
        },
      ],
      remediation: 'Check the resource pool has 8 GB of unreserved memory.',
      disruption: 'none',
    }),
    thinDisk: finding({
      ruleId: 'vm-disk-thin',
      severity: 'warning',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-102',
      name: 'db-01',
      generation: 'smp',
      message: 'Hard disk 1 is thin provisioned; FT will inflate it to 100 GiB',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-102',
          name: 'db-01',
          path: 'config.hardware.device[key=2000].backing.thinProvisioned',
          observed: true,
          expected: 'false',
        },
      ],
      remediation: 'Inflate the disk or make sure the datastore has 100 GiB free.',
      disruption: 'none',
    }),
    slowFtNic: finding({
      ruleId: 'host-ft-logging-bandwidth',
      severity: 'warning',
      scope: 'host',
      objectType: 'HostSystem',
      moid: 'host-12',
      name: 'esx-a2.example.com',
      generation: 'smp',
      message: 'FT logging vmk1 runs over a 1 GbE uplink; 10 GbE is recommended',
      evidence: [
        {
          objectType: 'HostSystem',
          moid: 'host-12',
          name: 'esx-a2.example.com',
          path: 'config.network.pnic',
          observed: { device: 'vmnic0', speedMb: 1000 },
          expected: '>= 10000 Mb',
        },
      ],
      remediation: 'Move the FT logging vmknic to a 10 GbE uplink.',
      disruption: 'hostMaintenance',
      vmMoid: 'vm-102',
    }),
    snapshots: finding({
      ruleId: 'vm-snapshots',
      severity: 'blocker',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-103',
      name: XSS_NAME,
      generation: 'smp',
      message: '2 snapshots <b>present</b>; FT needs none',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-103',
          name: XSS_NAME,
          path: 'snapshot.rootSnapshotList',
          observed: 2,
          expected: '0 "<script>alert(2)</script>"',
        },
      ],
      remediation: 'Delete or consolidate all snapshots.',
      disruption: 'none',
    }),
    cdrom: finding({
      ruleId: 'vm-cdrom-host-device',
      severity: 'blocker',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-103',
      name: XSS_NAME,
      generation: 'smp',
      message: 'CD/DVD drive 1 is backed by a host device',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-103',
          name: XSS_NAME,
          path: 'config.hardware.device[key=3002].backing',
          observed: 'VirtualCdromAtapiBackingInfo',
          expected: 'ISO on a shared datastore, or client device',
        },
      ],
      remediation: 'Disconnect the CD/DVD drive or back it with an ISO on shared storage.',
      disruption: 'vmPowerOff',
    }),
    usb: finding({
      ruleId: 'vm-usb-device',
      severity: 'blocker',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-104',
      name: FORMULA_NAME,
      generation: 'smp',
      message: 'USB device USB 1 is attached',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-104',
          name: FORMULA_NAME,
          path: 'config.hardware.device[key=4100]',
          observed: 'VirtualUSB',
          expected: 'no USB devices',
        },
      ],
      remediation: '=HYPERLINK("http://evil.example/") remove the USB device.',
      disruption: 'vmPowerOff',
    }),
    unreadable: finding({
      ruleId: 'vm-devices-readable',
      severity: 'unknown',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-105',
      name: CSV_NAME,
      generation: 'smp',
      message: 'Device list could not be read (NoPermission)',
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: 'vm-105',
          name: CSV_NAME,
          path: 'config.hardware.device',
          observed: { fault: 'NoPermission' },
        },
      ],
      remediation: 'Grant the scanning role Read-only on the VM folder.',
      disruption: 'none',
    }),
    vcpus: finding({
      ruleId: 'vm-vcpu-count',
      severity: 'blocker',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: 'vm-201',
      name: 'legacy-01',
      generation: 'legacy',
      message: '2 vCPUs; legacy FT allows 1',
      evidence: [
        { objectType: 'VirtualMachine', moid: 'vm-201', name: 'legacy-01', path: 'config.hardware.numCPU', observed: 2, expected: '<= 1' },
      ],
      remediation: 'Reduce the VM to 1 vCPU (power off), or upgrade hosts to 6.x for SMP-FT.',
      disruption: 'vmPowerOff',
    }),
    noFtNic: finding({
      ruleId: 'host-ft-logging-nic',
      severity: 'blocker',
      scope: 'host',
      objectType: 'HostSystem',
      moid: 'host-21',
      name: 'esx-b1.example.com',
      generation: 'legacy',
      message: 'No vmknic is enabled for FT logging',
      evidence: [
        {
          objectType: 'HostSystem',
          moid: 'host-21',
          name: 'esx-b1.example.com',
          path: 'config.virtualNicManagerInfo.netConfig',
          observed: [],
          expected: 'a vmknic with faultToleranceLogging',
        },
      ],
      remediation: 'Enable FT logging on a vmknic of esx-b1.example.com.',
      disruption: 'none',
    }),
    admission: finding({
      ruleId: 'cluster-ha-admission-control',
      severity: 'warning',
      scope: 'cluster',
      objectType: 'ClusterComputeResource',
      moid: 'domain-c8',
      name: 'Legacy-B',
      generation: 'legacy',
      message: 'HA admission control is disabled; FT secondaries may not restart after a host failure',
      evidence: [
        {
          objectType: 'ClusterComputeResource',
          moid: 'domain-c8',
          name: 'Legacy-B',
          path: 'configurationEx.dasConfig.admissionControlEnabled',
          observed: false,
          expected: 'true',
        },
      ],
      remediation: 'Enable HA admission control on Legacy-B.',
      disruption: 'clusterConfig',
    }),
    localDs: finding({
      ruleId: 'datastore-shared',
      severity: 'info',
      scope: 'datastore',
      objectType: 'Datastore',
      moid: 'datastore-32',
      name: 'esx-a2-local',
      generation: 'smp',
      message: 'esx-a2-local is visible to one host only',
      evidence: [
        {
          objectType: 'Datastore',
          moid: 'datastore-32',
          name: 'esx-a2-local',
          path: 'summary.multipleHostAccess',
          observed: false,
          expected: 'true',
        },
      ],
      remediation: 'Keep FT VM disks and secondaries on shared datastores.',
      disruption: 'none',
    }),
  };
}

const HEADROOM_A: Headroom = {
  maxFtVmsPerHost: 4,
  maxFtVcpusPerHost: 8,
  ftCapableHosts: 2,
  currentFtVms: 2,
  currentFtVcpus: 4,
  additionalFtVms: 3,
  additionalFtVcpus: 6,
  largestNewFtVmVcpus: 6,
};
const HEADROOM_B: Headroom = {
  maxFtVmsPerHost: 4,
  maxFtVcpusPerHost: 8,
  ftCapableHosts: 0,
  currentFtVms: 0,
  currentFtVcpus: 0,
  additionalFtVms: 0,
  additionalFtVcpus: 0,
  largestNewFtVmVcpus: 0,
  note: 'no host in Legacy-B has an FT logging vmknic',
};

// The scan's facts (what the scan layer hands to the policy stage): assessments reference findings by id.
export function makeEvaluatedScan(): EvaluatedScan {
  const f = makeFindings();
  const ids = (fs: Finding[]) => fs.map((x) => x.id);
  const a = { clusterMoid: 'domain-c7', clusterName: 'Prod-A', server: SERVER };
  const b = { clusterMoid: 'domain-c8', clusterName: 'Legacy-B', server: SERVER };
  const smp = { generation: 'smp' as const, generationReason: 'hosts run ESXi 7.0.3 (SMP-FT)' };
  const legacy = { generation: 'legacy' as const, generationReason: 'hosts run ESXi 5.5.0 (legacy FT)' };
  type Vm = VmAssessment & { server: string };
  const vmA = (moid: string, name: string, hostMoid: string, hostName: string, findings: Finding[]): Vm => ({
    moid,
    name,
    ...a,
    hostMoid,
    hostName,
    ...smp,
    findingIds: ids(findings),
    secondaryCandidates: hostMoid === 'host-11' ? ['host-12'] : ['host-11'],
  });
  const vms: Vm[] = [
    vmA('vm-101', 'web-01', 'host-11', 'esx-a1.example.com', [f.memReservation]),
    vmA('vm-102', 'db-01', 'host-11', 'esx-a1.example.com', [f.thinDisk, f.slowFtNic]),
    vmA('vm-103', XSS_NAME, 'host-11', 'esx-a1.example.com', [f.snapshots, f.cdrom]),
    vmA('vm-104', FORMULA_NAME, 'host-12', 'esx-a2.example.com', [f.usb]),
    vmA('vm-105', CSV_NAME, 'host-12', 'esx-a2.example.com', [f.unreadable]),
    {
      moid: 'vm-201',
      name: 'legacy-01',
      ...b,
      hostMoid: 'host-21',
      hostName: 'esx-b1.example.com',
      ...legacy,
      findingIds: ids([f.vcpus, f.noFtNic, f.admission]),
      secondaryCandidates: [],
      vcenterOpinion: { status: 'evaluated', faults: ['VmFaultToleranceTooManyVcpus'], disagreements: [] },
    },
    {
      moid: 'vm-202',
      name: 'legacy-02',
      ...b,
      hostMoid: 'host-21',
      hostName: 'esx-b1.example.com',
      ...legacy,
      findingIds: ids([f.noFtNic, f.admission]),
      secondaryCandidates: [],
    },
    {
      moid: 'vm-301',
      name: 'vCLS-5c1f7f5e',
      ...a,
      hostMoid: 'host-11',
      hostName: 'esx-a1.example.com',
      generation: null,
      generationReason: 'excluded',
      excludedReason: 'vSphere Cluster Services agent VM',
      findingIds: [],
      secondaryCandidates: [],
    },
    {
      moid: 'vm-302',
      name: 'template-rhel9',
      ...b,
      hostMoid: 'host-21',
      hostName: 'esx-b1.example.com',
      generation: null,
      generationReason: 'excluded',
      excludedReason: 'template',
      findingIds: [],
      secondaryCandidates: [],
    },
  ];
  return {
    tool: { name: 'ftscan', version: '0.1.0' },
    startedAt: '2026-11-28T06:00:00.000Z',
    finishedAt: '2026-11-28T06:00:07.500Z',
    profile: 'auto',
    targetCluster: 'Prod-A',
    targets: [
      { server: SERVER, status: 'complete', inventory: inventory() },
      {
        server: FAILED_SERVER,
        status: 'failed',
        error: { kind: 'tls', message: 'certificate not trusted: pass --ca-file FILE, or --insecure' },
      },
    ],
    evaluation: {
      profile: 'auto',
      edition: 'enterprisePlus',
      editionSource: 'license',
      vms,
      clusters: [
        { moid: 'domain-c7', name: 'Prod-A', server: SERVER, findingIds: [], headroom: HEADROOM_A },
        { moid: 'domain-c8', name: 'Legacy-B', server: SERVER, findingIds: ids([f.admission]), headroom: HEADROOM_B },
      ],
      hosts: [
        { moid: 'host-11', name: 'esx-a1.example.com', findingIds: [] },
        { moid: 'host-12', name: 'esx-a2.example.com', findingIds: ids([f.slowFtNic]) },
        { moid: 'host-21', name: 'esx-b1.example.com', findingIds: ids([f.noFtNic]) },
      ],
      datastores: [{ moid: 'datastore-32', name: 'esx-a2-local', findingIds: ids([f.localDs]) }],
      findings: Object.values(f),
    },
    soapCalls: 14,
  };
}

/** The assembled result: the facts above judged by the policy stage (no waivers, no baseline). */
export function makeScanResult(): ScanResult {
  return applyPolicy(makeEvaluatedScan(), {}, '2026-11-28');
}

/** A rendered report as one string (renderReport yields chunks: JSON streams). */
export function renderText(format: Format, result: ScanResult, opts?: RenderOptions): string {
  return [...renderReport(format, result, opts)].join('');
}
