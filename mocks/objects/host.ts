// HostSystem: summary, hardware, config (capability and network from host-config.ts), runtime and the
// standalone ComputeResource a host outside a cluster sits in, as real ESXi hosts report them.
import type { HostOptions, HostRef } from '../builder-types.js';
import { moref, type MoRefValue } from '../estate.js';
import { aboutEsx, ESX_BUILDS, ftFeatureVersion, ver } from '../versions.js';
import { type BuildContext, d, type Obj } from './context.js';
import { hostCapability, hostNetwork, netConfig } from './host-config.js';

const POWER_POLICIES = { static: 1, dynamic: 2, low: 3, custom: 4 } as const;

export function buildHost(b: BuildContext, o: HostOptions): HostRef {
  const cluster = b.ref(b.clusters, o.cluster, 'cluster');
  const dc = cluster?.datacenter ?? b.dc(o.datacenter);
  const version = o.version ?? '7.0.3';
  const build = o.build ?? ESX_BUILDS[version] ?? '1000000';
  const mm = ver(version);
  let parent: MoRefValue;
  let computeResource: string;
  let resourcePool: string;
  if (cluster) {
    parent = cluster.ref;
    computeResource = cluster.moid;
    resourcePool = cluster.resourcePool;
  } else {
    computeResource = b.nextId('domain-s');
    resourcePool = b.nextId('resgroup-');
    const cr = b.add('ComputeResource', computeResource, moref('Folder', dc.hostFolder), {
      name: o.name,
      host: [],
      datastore: [],
      network: [],
    });
    cr.props.resourcePool = moref('ResourcePool', resourcePool);
    b.add('ResourcePool', resourcePool, moref('ComputeResource', computeResource), {
      name: 'Resources',
      owner: moref('ComputeResource', computeResource),
      resourcePool: [],
      vm: [],
    });
    parent = moref('ComputeResource', computeResource);
  }
  const moid = b.nextId('host-');
  const me = moref('HostSystem', moid);
  const vendor = o.cpu?.vendor ?? 'intel';
  const packages = o.cpu?.packages ?? 2;
  const cores = o.cpu?.cores ?? packages * 20;
  const ht = o.ht ?? { available: true, active: true };
  const threads = o.cpu?.threads ?? (ht.available ? cores * 2 : cores);
  const description =
    o.cpu?.description ?? (vendor === 'amd' ? 'AMD EPYC 7452 32-Core Processor' : 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz');
  const hz =
    o.cpu?.hz ?? (/@ ([\d.]+)GHz/.exec(description) ? Math.round(Number(/@ ([\d.]+)GHz/.exec(description)![1]) * 1e9) : 2_350_000_000);
  const memorySize = (o.memoryGB ?? 768) * 1024 ** 3;
  const connectionState = o.connectionState ?? 'connected';
  const powerState = o.powerState ?? 'poweredOn';

  const pnics = o.pnics ?? [
    { device: 'vmnic0', speedMb: 10000 },
    { device: 'vmnic1', speedMb: 10000 },
    { device: 'vmnic2', speedMb: 10000 },
    { device: 'vmnic3', speedMb: 10000 },
  ];
  const vmknics = o.vmknics ?? [
    { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
    { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic2', 'vmnic3'] },
    { device: 'vmk2', services: ['faultToleranceLogging'], portgroup: 'FT Logging', uplinks: ['vmnic3', 'vmnic2'] },
  ];
  const hostIndex = b.hosts.length + 1;
  const network = hostNetwork(b.rng, pnics, vmknics, hostIndex);
  const cap = hostCapability(version, o.capability ?? {});
  const featureVersion =
    o.featureVersionFt === null || mm < 40100
      ? []
      : [d('HostFeatureVersionInfo', { key: 'faultTolerance', value: o.featureVersionFt ?? ftFeatureVersion(version) })];
  const product = aboutEsx(version, build);
  const policy = o.powerPolicy ?? 'dynamic';
  const cpuPkg = Array.from({ length: packages }, (_, i) =>
    d('HostCpuPackage', {
      index: i,
      vendor,
      hz,
      busHz: 99_999_999,
      description,
      threadId: Array.from({ length: threads / packages }, (_, t) => i * (threads / packages) + t),
      cpuFeature: [],
      ...(o.cpu?.family !== undefined ? { family: o.cpu.family, model: o.cpu.model ?? 0, stepping: o.cpu.stepping ?? 0 } : {}),
    }),
  );
  const dasHostState =
    o.dasHostState === null ||
    (cluster && !(cluster.obj.props.configurationEx as Obj & { dasConfig: Obj }).dasConfig.enabled && o.dasHostState === undefined)
      ? undefined
      : d('ClusterDasFdmHostState', {
          state: o.dasHostState ?? (cluster && cluster.hosts.length === 0 ? 'master' : 'connectedToMaster'),
        });
  const runtime = d('HostRuntimeInfo', {
    connectionState,
    powerState,
    standbyMode: 'none',
    inMaintenanceMode: o.maintenance ?? false,
    inQuarantineMode: false,
    bootTime: '2024-03-11T08:41:17.412Z',
    ...(dasHostState ? { dasHostState } : {}),
    hostMaxVirtualDiskCapacity: 68169720922112,
    cryptoState: 'incapable',
  });
  const uuid = b.rng.uuid();
  const sysVendor = o.vendor ?? (vendor === 'amd' ? 'Dell Inc.' : 'HPE');
  const sysModel = o.model ?? (vendor === 'amd' ? 'PowerEdge R7525' : 'ProLiant DL380 Gen10');
  const hostNetworks: MoRefValue[] = [];
  const obj = b.add('HostSystem', moid, parent, {
    name: o.name,
    runtime,
    summary: d('HostListSummary', {
      host: me,
      hardware: d('HostHardwareSummary', {
        vendor: sysVendor,
        model: sysModel,
        uuid,
        otherIdentifyingInfo: [
          d('HostSystemIdentificationInfo', {
            identifierValue: ' No Asset Tag',
            identifierType: d('ElementDescription', { label: 'Asset Tag', summary: 'Asset tag of the system', key: 'AssetTag' }),
          }),
          d('HostSystemIdentificationInfo', {
            identifierValue: `CZ${b.rng.hex(8).toUpperCase()}`,
            identifierType: d('ElementDescription', { label: 'Service tag', summary: 'Service tag of the system', key: 'ServiceTag' }),
          }),
        ],
        memorySize,
        cpuModel: description,
        cpuMhz: Math.round(hz / 1e6),
        numCpuPkgs: packages,
        numCpuCores: cores,
        numCpuThreads: threads,
        numNics: pnics.length,
        numHBAs: 4,
      }),
      runtime,
      config: d('HostConfigSummary', {
        name: o.name,
        port: 443,
        sslThumbprint: Array.from({ length: 20 }, () => b.rng.hex(2).toUpperCase()).join(':'),
        product,
        vmotionEnabled: o.vmotionEnabled ?? vmknics.some((v) => v.services.includes('vmotion')),
        faultToleranceEnabled: o.faultToleranceEnabled ?? vmknics.some((v) => v.services.includes('faultToleranceLogging')),
        featureVersion,
      }),
      quickStats: d('HostListSummaryQuickStats', {
        overallCpuUsage: 4210,
        overallMemoryUsage: 181_442,
        distributedCpuFairness: 1000,
        distributedMemoryFairness: 1000,
        availablePMemCapacity: 0,
        uptime: 8_640_000,
      }),
      overallStatus: 'green',
      rebootRequired: false,
      managementServerIp: '10.0.0.10',
      ...(o.evc?.max ? { maxEVCModeKey: o.evc.max } : { maxEVCModeKey: vendor === 'amd' ? 'amd-zen2' : 'intel-cascadelake' }),
      ...(o.evc?.current ? { currentEVCModeKey: o.evc.current } : {}),
    }),
    hardware: d('HostHardwareInfo', {
      systemInfo: d('HostSystemInfo', { vendor: sysVendor, model: sysModel, uuid }),
      cpuPowerManagementInfo: d('HostCpuPowerManagementInfo', {
        currentPolicy: policy === 'static' ? 'High Performance' : 'Balanced',
        hardwareSupport: 'ACPI P-states, ACPI C-states',
      }),
      cpuInfo: d('HostCpuInfo', { numCpuPackages: packages, numCpuCores: cores, numCpuThreads: threads, hz }),
      cpuPkg,
      memorySize,
      numaInfo: d('HostNumaInfo', { type: 'NUMA', numNodes: packages }),
      smcPresent: false,
      cpuFeature: [],
      biosInfo: d('HostBIOSInfo', { biosVersion: 'U30', releaseDate: '2023-08-10T00:00:00Z' }),
    }),
    capability: cap,
    config: d('HostConfigInfo', {
      host: me,
      product,
      hyperThread: d('HostHyperThreadScheduleInfo', { available: ht.available, active: ht.active, config: ht.active }),
      network,
      virtualNicManagerInfo: d('HostVirtualNicManagerInfo', { netConfig: netConfig(network.vnic as Obj[], vmknics, mm) }),
      featureVersion,
      powerSystemInfo: d('PowerSystemInfo', {
        currentPolicy: d('HostPowerPolicy', {
          key: POWER_POLICIES[policy],
          name: `PowerPolicy.${policy}.name`,
          shortName: policy,
          description: `PowerPolicy.${policy}.description`,
        }),
      }),
    }),
    configManager: d('HostConfigManager', {
      networkSystem: moref('HostNetworkSystem', `networkSystem-${moid.slice(5)}`),
      virtualNicManager: moref('HostVirtualNicManager', `virtualNicManager-${moid.slice(5)}`),
    }),
    datastore: [],
    network: hostNetworks,
    vm: [],
  });
  const r: HostRef = {
    moid,
    name: o.name,
    ref: me,
    obj,
    datacenter: dc,
    cluster,
    computeResource,
    resourcePool,
    datastores: [],
    networks: [],
    vms: [],
    version,
  };
  b.hosts.push(r);
  if (cluster) {
    cluster.hosts.push(r);
    (cluster.obj.props.host as MoRefValue[]).push(me);
    const s = cluster.obj.props.summary as Obj;
    s.totalCpu = (s.totalCpu as number) + Math.round((cores * hz) / 1e6);
    s.totalMemory = (s.totalMemory as number) + memorySize;
    s.numCpuCores = (s.numCpuCores as number) + cores;
    s.numCpuThreads = (s.numCpuThreads as number) + threads;
    s.effectiveCpu = (s.effectiveCpu as number) + Math.round((cores * hz * 0.9) / 1e6);
    s.effectiveMemory = (s.effectiveMemory as number) + Math.round((memorySize * 0.95) / 1024 ** 2);
    s.numHosts = (s.numHosts as number) + 1;
    if (connectionState === 'connected' && !o.maintenance) s.numEffectiveHosts = (s.numEffectiveHosts as number) + 1;
  } else {
    (b.byMoid.get(computeResource)!.props.host as MoRefValue[]).push(me);
  }
  for (const ds of o.datastores ?? []) b.mount(r, b.ref(b.datastores, ds, 'datastore')!);
  for (const n of o.networks ?? []) b.attachNetwork(r, b.ref(b.networks, n, 'network')!);
  return r;
}
