// Small inventory builder for rules tests: a sound SMP-FT 7.0 cluster (3 hosts, one clean VM) and a sound
// legacy 5.5 variant, plus mutators. Every field is set the way src/inventory/defaults.ts would leave it.
import type { Cluster, Datastore, Disk, Host, Inventory, Network, Vm, Vmknic } from '../../../src/inventory/model.js';
import { normalizeDevices } from '../../../src/inventory/normalize-devices.js';
import { evaluate } from '../../../src/rules/engine.js';
import type { EvaluateOptions, Evaluation, Finding, ObjectAssessment } from '../../../src/rules/types.js';
import { fixText } from '../../../src/rules/verdict.js';
import { decideVerdicts } from '../../../src/policy/verdicts.js';
import type { ClusterResult, VmResult } from '../../../src/result/types.js';

import { GiB, TiB } from '../../../src/rules/finding.js';

export { GiB, TiB };

interface HostOpts {
  version: string;
  build: string;
  cpu: string;
  vendor: 'intel' | 'amd';
  hz: number;
  nicMb: number;
  smp: boolean;
}

function makeHost(i: number, o: HostOpts): Host {
  const uplink = (n: number) => ({ key: `key-vim.host.PhysicalNic-vmnic${n}`, device: `vmnic${n}`, speedMb: o.nicMb });
  const vmk = (n: number, services: string[], uplinks: number[]): Vmknic => ({
    key: `key-vim.host.VirtualNic-vmk${n}`,
    device: `vmk${n}`,
    portgroup: `pg-vmk${n}`,
    vswitch: `vSwitch${n}`,
    ipv4: `10.0.${n}.${i}`,
    ipv6Only: false,
    services,
    uplinks: uplinks.map(uplink),
  });
  return {
    moid: `host-${i}`,
    name: `esx-0${i}.lab`,
    clusterMoid: 'domain-c1',
    datacenter: 'dc1',
    connectionState: 'connected',
    powerState: 'poweredOn',
    inMaintenanceMode: false,
    dasHostState: i === 1 ? 'master' : 'connectedToMaster',
    product: {
      name: 'VMware ESXi',
      fullName: `VMware ESXi ${o.version} build-${o.build}`,
      version: o.version,
      build: o.build,
      apiVersion: o.version,
    },
    ftFeatureVersion: o.smp ? undefined : '5.0.0-5.0.0-5.0.0',
    cpu: {
      model: o.cpu,
      vendor: o.vendor,
      packages: [0, 1].map((index) => ({ index, vendor: o.vendor, description: o.cpu, hz: o.hz })),
      numPackages: 2,
      numCores: 16,
      numThreads: 32,
      hz: o.hz,
    },
    evc: {},
    capability: o.smp
      ? {
          smpFtSupported: true,
          smpFtCompatibilityIssues: [],
          maxVcpusPerFtVm: 8,
          maxMemMBPerFtVm: 131072,
          ftEfiSupported: true,
          encryptedFtSupported: true,
        }
      : { ftSupported: true, recordReplaySupported: true, replayCompatibilityIssues: [], ftCompatibilityIssues: [] },
    hyperThreading: { available: true, active: o.smp },
    powerPolicy: { key: 1, shortName: 'static' },
    vmotionEnabled: true,
    faultToleranceEnabled: true,
    pnics: [0, 1, 2, 3].map(uplink),
    vmknics: [vmk(0, ['management'], [0]), vmk(1, ['vmotion'], [1]), vmk(2, ['faultToleranceLogging'], [2, 3])],
    datastoreMoids: ['datastore-1'],
    networkMoids: ['network-1'],
    memoryBytes: 512 * GiB,
    licenseEdition: 'esx.enterprisePlus.cpuPackage',
    unreadable: [],
  };
}

export function disk(key: number, over: Partial<Disk> = {}): Disk {
  return {
    key,
    label: `Hard disk ${key - 1999}`,
    capacityBytes: 100 * GiB,
    backing: 'eagerZeroedThick',
    backingType: 'VirtualDiskFlatVer2BackingInfo',
    fileName: `[shared-ds] app01/app01_${key}.vmdk`,
    datastoreMoid: 'datastore-1',
    controllerKey: 1000,
    hasParent: false,
    sharing: 'sharingNone',
    iofilters: [],
    vFlashReservationMB: 0,
    encrypted: false,
    ...over,
  };
}

function makeVm(o: { numCpu: number; hwVersion: number; guestId: string }): Vm {
  return {
    moid: 'vm-100',
    name: 'app01',
    datacenter: 'dc1',
    hostMoid: 'host-1',
    clusterMoid: 'domain-c1',
    datastoreMoids: ['datastore-1'],
    networkMoids: ['network-1'],
    powerState: 'poweredOn',
    template: false,
    agentVm: false,
    guestId: o.guestId,
    guestFullName: 'Microsoft Windows Server',
    hwVersion: o.hwVersion,
    numCpu: o.numCpu,
    numCoresPerSocket: 1,
    memoryMB: 8192,
    memoryReservationMB: 0,
    firmware: 'bios',
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
    // Device lists start as the normalizer leaves a VM without such devices; then the sound VM's own.
    ...normalizeDevices([]),
    disks: [disk(2000)],
    scsiControllers: [{ key: 1000, type: 'VirtualLsiLogicSASController', busSharing: 'noSharing' }],
    removable: [
      {
        key: 3000,
        kind: 'cdrom',
        label: 'CD/DVD drive 1',
        backing: 'iso',
        backingType: 'VirtualCdromIsoBackingInfo',
        fileName: '[shared-ds] iso/tools.iso',
        datastoreMoid: 'datastore-1',
        connected: false,
        startConnected: false,
      },
    ],
    nics: [{ key: 4000, label: 'Network adapter 1', type: 'VirtualVmxnet3', backing: 'standard', networkMoid: 'network-1' }],
    unreadable: [],
  };
}

function makeCluster(): Cluster {
  return {
    moid: 'domain-c1',
    name: 'Prod',
    datacenter: 'dc1',
    hostMoids: ['host-1', 'host-2', 'host-3'],
    ha: {
      enabled: true,
      hostMonitoring: 'enabled',
      admissionControlEnabled: true,
      options: {},
      maxFtVmsPerHost: 4,
      maxFtVcpusPerHost: 8,
      vmOverrides: [],
      defaultRestartPriority: 'medium',
      admissionControlPolicy: {
        type: 'ClusterFailoverResourcesAdmissionControlPolicy',
        memoryFailoverResourcesPercent: 33,
        failoverLevel: 1,
        autoComputePercentages: false,
      },
    },
    drs: { enabled: true, defaultBehavior: 'fullyAutomated', vmOverrides: [] },
    rootPool: { moid: 'resgroup-1', unreservedForVmBytes: 1000 * GiB },
    unreadable: [],
  };
}

function makeDatastore(): Datastore {
  return {
    moid: 'datastore-1',
    name: 'shared-ds',
    datacenter: 'dc1',
    type: 'VMFS',
    multipleHostAccess: true,
    accessible: true,
    capacityBytes: 10 * TiB,
    freeBytes: 5 * TiB,
    hostMoids: ['host-1', 'host-2', 'host-3'],
    unreadable: [],
  };
}

const network = (): Network => ({ moid: 'network-1', name: 'VM Network', kind: 'standard' });

function inventory(vcVersion: string, hosts: Host[], vm: Vm): Inventory {
  return {
    schema: 'ftscan.inventory/1',
    vcenter: {
      server: 'vc.lab',
      name: 'VMware vCenter Server',
      fullName: `VMware vCenter Server ${vcVersion}`,
      version: vcVersion,
      build: '1',
      apiVersion: vcVersion,
      apiType: 'VirtualCenter',
      instanceUuid: 'vc-uuid',
    },
    collectedAt: '2026-01-01T00:00:00Z',
    datacenters: [{ moid: 'datacenter-1', name: 'dc1' }],
    clusters: [makeCluster()],
    hosts,
    datastores: [makeDatastore()],
    networks: [network()],
    vms: [vm],
    complete: true,
    problems: [],
    stats: { soapCalls: 0, restCalls: 0, pages: 0, objects: 0, durationMs: 0, byMethod: {} },
  };
}

// SMP-FT: vCenter 7.0.3, three ESXi 7.0.3 hosts (Xeon Gold 6248, 10 Gb FT logging on two uplinks,
// Enterprise Plus), shared VMFS, HA + DRS on; one 2-vCPU VM with an eager-zeroed disk.
export function cleanInventory(): Inventory {
  const o: HostOpts = {
    version: '7.0.3',
    build: '21930508',
    cpu: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
    vendor: 'intel',
    hz: 2_500_000_000,
    nicMb: 10000,
    smp: true,
  };
  return inventory(
    '7.0.3',
    [1, 2, 3].map((i) => makeHost(i, o)),
    makeVm({ numCpu: 2, hwVersion: 19, guestId: 'windows2019srv_64Guest' }),
  );
}

// Legacy FT: vCenter 5.5, three ESXi 5.5 hosts (Xeon X5670 Westmere, same build, 1 Gb FT logging on two
// uplinks, HT off, EVC on), one 1-vCPU vmx-10 VM.
export function legacyInventory(): Inventory {
  const o: HostOpts = {
    version: '5.5.0',
    build: '1331820',
    cpu: 'Intel(R) Xeon(R) CPU           X5670  @ 2.93GHz',
    vendor: 'intel',
    hz: 2_933_000_000,
    nicMb: 1000,
    smp: false,
  };
  const inv = inventory(
    '5.5.0',
    [1, 2, 3].map((i) => makeHost(i, o)),
    makeVm({ numCpu: 1, hwVersion: 10, guestId: 'windows7Server64Guest' }),
  );
  inv.clusters[0]!.evcModeKey = 'intel-westmere'; // DRS may then act on legacy FT VMs (4.1+)
  return inv;
}

// ---- mutators and accessors -------------------------------------------------------------------------

export const vm0 = (inv: Inventory): Vm => inv.vms[0]!;
export const host = (inv: Inventory, i: number): Host => inv.hosts[i - 1]!;
export const cluster0 = (inv: Inventory): Cluster => inv.clusters[0]!;
export const ds0 = (inv: Inventory): Datastore => inv.datastores[0]!;

export function setHosts(inv: Inventory, fn: (h: Host) => void): Inventory {
  inv.hosts.forEach(fn);
  return inv;
}

export function setHostVersion(inv: Inventory, version: string): Inventory {
  return setHosts(inv, (h) => {
    h.product = { ...h.product, version, apiVersion: version, fullName: `VMware ESXi ${version}` };
  });
}

export function setNicSpeed(h: Host, speedMb: number | null): void {
  for (const n of h.vmknics) for (const u of n.uplinks) u.speedMb = speedMb;
  for (const p of h.pnics) p.speedMb = speedMb;
}

export function removeFtLogging(h: Host): void {
  h.vmknics = h.vmknics.filter((n) => !n.services.includes('faultToleranceLogging'));
}

// A second VM, copied from the first, on another host.
export function addVm(inv: Inventory, moid: string, over: Partial<Vm> = {}): Vm {
  const v: Vm = { ...structuredClone(vm0(inv)), moid, name: moid, ...over };
  inv.vms.push(v);
  return v;
}

// A second cluster "DR" with hosts 4-5 (copies of host 1) and its own datastore.
export function addCluster(inv: Inventory, n = 2): Cluster {
  const c: Cluster = { ...structuredClone(cluster0(inv)), moid: 'domain-c2', name: 'DR', hostMoids: [] };
  const ds: Datastore = { ...structuredClone(ds0(inv)), moid: 'datastore-2', name: 'dr-ds', hostMoids: [] };
  for (let i = 0; i < n; i++) {
    const h: Host = {
      ...structuredClone(host(inv, 1)),
      moid: `host-${4 + i}`,
      name: `dr-0${i + 1}.lab`,
      clusterMoid: c.moid,
      datastoreMoids: ['datastore-2'],
    };
    h.dasHostState = i === 0 ? 'master' : 'connectedToMaster';
    c.hostMoids.push(h.moid);
    ds.hostMoids.push(h.moid);
    inv.hosts.push(h);
  }
  inv.clusters.push(c);
  inv.datastores.push(ds);
  return c;
}

// ---- evaluation helpers -----------------------------------------------------------------------------

// The engine's evaluation judged by the policy stage's verdict function (no waivers), with each assessment's
// findings and fixes looked up by id: what a rule test asserts on.
export type JudgedVm = VmResult & {
  findings: Finding[];
  fixes: { ruleId: string; remediation: string; disruption: Finding['disruption'] }[];
};
export interface Judged extends Omit<Evaluation, 'vms' | 'clusters' | 'hosts' | 'datastores'> {
  vms: JudgedVm[];
  clusters: (ClusterResult & { findings: Finding[] })[];
  hosts: (ObjectAssessment & { findings: Finding[] })[];
  datastores: (ObjectAssessment & { findings: Finding[] })[];
}

export function judgeEvaluation(ev: Evaluation): Judged {
  const byId = new Map(ev.findings.map((f) => [f.id, f]));
  const of = (ids: string[]) => ids.map((id) => byId.get(id)!);
  const j = decideVerdicts(ev);
  return {
    ...ev,
    vms: j.vms.map((v) => ({
      ...v,
      findings: of(v.findingIds),
      fixes: of(v.fixIds).map((f) => ({ ruleId: f.ruleId, remediation: fixText(f), disruption: f.disruption })),
    })),
    clusters: j.clusters.map((c) => ({ ...c, findings: of(c.findingIds) })),
    hosts: ev.hosts.map((h) => ({ ...h, findings: of(h.findingIds) })),
    datastores: ev.datastores.map((d) => ({ ...d, findings: of(d.findingIds) })),
  };
}

export function run(inv: Inventory, opts: Partial<EvaluateOptions> = {}): Judged {
  return judgeEvaluation(evaluate(inv, { profile: 'auto', ...opts }));
}

export function assessment(ev: Judged, moid = 'vm-100'): JudgedVm {
  const a = ev.vms.find((v) => v.moid === moid);
  if (!a) throw new Error(`no assessment for ${moid}`);
  return a;
}

export function ruleFindings(ev: Judged, ruleId: string, moid = 'vm-100'): Finding[] {
  return assessment(ev, moid).findings.filter((f) => f.ruleId === ruleId && f.source === 'ftscan');
}
