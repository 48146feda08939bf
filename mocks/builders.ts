// Friendly builders for estates: realistic vim-shaped objects with the properties a real vCenter returns for
// everything ftscan reads (src/inventory/model.ts *_PATHS), vCenter-style moids from one global counter
// (datacenter-2, group-v3, group-h4, ..., domain-c7) and the inventory hierarchy
// group-d1 -> datacenter -> hostFolder/vmFolder/datastoreFolder/networkFolder -> ...
// Device shapes follow real recordings (fog-vsphere/get_template.yml, pyvmomi/test_json_vm_explode_default.yaml).
import type { Estate, LicenseInfo, MockObject, MockUser, MoRefValue, PrivilegeGrants, RestFlavour, TagEstate } from './estate.js';
import { moref } from './estate.js';
import { Prng } from './prng.js';
import type {
  ClusterOptions,
  ClusterRef,
  DatacenterRef,
  DatastoreOptions,
  DatastoreRef,
  DrsOptions,
  DvPortgroupOptions,
  EstateOptions,
  HaOptions,
  HostOptions,
  HostRef,
  NetworkOptions,
  NetworkRef,
  OpaqueNetworkOptions,
  Ref,
  VmOptions,
  VmRef,
} from './builder-types.js';
import { aboutEsx, aboutVcenter, ESX_BUILDS, ftFeatureVersion, ver } from './versions.js';
import { type BuildContext, d, type Obj, optionValues } from './objects/context.js';
import { hostCapability, hostNetwork, netConfig } from './objects/host-config.js';
import { buildVm } from './objects/vm.js';

const POWER_POLICIES = { static: 1, dynamic: 2, low: 3, custom: 4 } as const;

export class EstateBuilder {
  readonly rng: Prng;
  private seq = 1; // group-d1 is the root folder; everything else counts from 2 like vpxd
  private readonly objects: MockObject[] = [];
  private readonly byMoid = new Map<string, MockObject>();
  private readonly datacenters: DatacenterRef[] = [];
  private readonly clusters: ClusterRef[] = [];
  private readonly hosts: HostRef[] = [];
  private readonly datastores: DatastoreRef[] = [];
  private readonly networks: NetworkRef[] = [];
  private readonly vms: VmRef[] = [];
  private readonly dvSwitches = new Map<string, { moid: string; uuid: string; name: string; dc: DatacenterRef; portgroups: string[] }>();
  private readonly users: MockUser[] = [];
  private readonly tagState: TagEstate = { categories: [], tags: [], attachments: [] };
  private readonly ftCompatState: Record<string, unknown[]> = {};
  private readonly licenses: Record<string, LicenseInfo> = {};
  private readonly autoMultiHost = new Set<string>(); // datastores whose multipleHostAccess follows their mounts
  private readonly clusterOverrides: { cluster: ClusterRef; ha?: HaOptions; drs?: DrsOptions }[] = [];
  private readonly about: Obj;
  private readonly restFlavour?: RestFlavour;
  private macSeq = 0;

  constructor(opts: EstateOptions = {}) {
    this.rng = new Prng(opts.seed ?? 1);
    this.about = aboutVcenter(opts.vcenterVersion ?? '7.0.3', opts.vcenterBuild, this.rng.uuid());
    this.restFlavour = opts.restFlavour;
    this.add('Folder', 'group-d1', undefined, {
      name: 'Datacenters',
      childType: ['Folder', 'Datacenter'],
      childEntity: [],
    });
  }

  private nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  private add(type: MockObject['type'], moid: string, parent: MoRefValue | undefined, props: Obj): MockObject {
    const obj: MockObject = {
      type,
      moid,
      parent,
      props: { name: props.name, ...(parent ? { parent } : {}), overallStatus: 'green', configStatus: 'gray', ...props },
    };
    this.objects.push(obj);
    this.byMoid.set(moid, obj);
    if (parent) {
      const p = this.byMoid.get(parent.value);
      if (p && Array.isArray(p.props.childEntity)) (p.props.childEntity as MoRefValue[]).push(moref(type, moid));
    }
    return obj;
  }

  private ref<T extends Ref>(list: T[], x: T | string | undefined, what: string): T | undefined {
    if (x === undefined) return undefined;
    if (typeof x !== 'string') return x;
    const found = list.find((r) => r.name === x || r.moid === x);
    if (!found) throw new Error(`estate builder: unknown ${what} "${x}"`);
    return found;
  }

  private dc(x: DatacenterRef | string | undefined): DatacenterRef {
    return this.ref(this.datacenters, x, 'datacenter') ?? this.datacenters[0] ?? this.datacenter('Datacenter');
  }

  private buildContext(): BuildContext {
    return {
      rng: this.rng,
      nextId: (prefix) => this.nextId(prefix),
      add: (type, moid, parent, props) => this.add(type, moid, parent, props),
      ref: (list, x, what) => this.ref(list, x, what),
      mac: () => this.mac(),
      vm: (o) => this.vm(o),
      byMoid: this.byMoid,
      clusters: this.clusters,
      hosts: this.hosts,
      datastores: this.datastores,
      networks: this.networks,
      vms: this.vms,
    };
  }

  mac(): string {
    const n = ++this.macSeq;
    return `00:50:56:${this.rng.hex(2)}:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
  }

  datacenter(name: string): DatacenterRef {
    const moid = this.nextId('datacenter-');
    const folders = {
      vmFolder: this.nextId('group-v'),
      hostFolder: this.nextId('group-h'),
      datastoreFolder: this.nextId('group-s'),
      networkFolder: this.nextId('group-n'),
    };
    const obj = this.add('Datacenter', moid, moref('Folder', 'group-d1'), {
      name,
      vmFolder: moref('Folder', folders.vmFolder),
      hostFolder: moref('Folder', folders.hostFolder),
      datastoreFolder: moref('Folder', folders.datastoreFolder),
      networkFolder: moref('Folder', folders.networkFolder),
      datastore: [],
      network: [],
    });
    const dcRef = moref('Datacenter', moid);
    this.add('Folder', folders.vmFolder, dcRef, { name: 'vm', childType: ['Folder', 'VirtualMachine', 'VirtualApp'], childEntity: [] });
    this.add('Folder', folders.hostFolder, dcRef, { name: 'host', childType: ['Folder', 'ComputeResource'], childEntity: [] });
    this.add('Folder', folders.datastoreFolder, dcRef, {
      name: 'datastore',
      childType: ['Folder', 'Datastore', 'StoragePod'],
      childEntity: [],
    });
    this.add('Folder', folders.networkFolder, dcRef, {
      name: 'network',
      childType: ['Folder', 'Network', 'DistributedVirtualSwitch'],
      childEntity: [],
    });
    const r: DatacenterRef = { moid, name, ref: dcRef, obj, ...folders };
    this.datacenters.push(r);
    return r;
  }

  // A VM folder under the datacenter's vm folder; returns its moid (pass as VmOptions.folder).
  vmFolder(name: string, datacenter?: DatacenterRef | string): string {
    const dc = this.dc(datacenter);
    const moid = this.nextId('group-v');
    this.add('Folder', moid, moref('Folder', dc.vmFolder), {
      name,
      childType: ['Folder', 'VirtualMachine', 'VirtualApp'],
      childEntity: [],
    });
    return moid;
  }

  cluster(o: ClusterOptions): ClusterRef {
    const dc = this.dc(o.datacenter);
    const moid = this.nextId('domain-c');
    const obj = this.add('ClusterComputeResource', moid, moref('Folder', dc.hostFolder), {
      name: o.name,
      host: [],
      datastore: [],
      network: [],
    });
    const rp = this.nextId('resgroup-');
    obj.props.resourcePool = moref('ResourcePool', rp);
    this.add('ResourcePool', rp, moref('ClusterComputeResource', moid), {
      name: 'Resources',
      owner: moref('ClusterComputeResource', moid),
      resourcePool: [],
      vm: [],
    });
    const ha = o.ha === false ? { enabled: false } : { enabled: true, ...o.ha };
    const drs = o.drs === false ? { enabled: false } : { enabled: true, ...o.drs };
    obj.props.configurationEx = d('ClusterConfigInfoEx', {
      dasConfig: d('ClusterDasConfigInfo', {
        enabled: ha.enabled,
        vmMonitoring: 'vmMonitoringDisabled',
        hostMonitoring: ha.hostMonitoring ?? 'enabled',
        vmComponentProtecting: ha.vmComponentProtecting ?? 'disabled',
        failoverLevel: 1,
        admissionControlPolicy: d('ClusterFailoverResourcesAdmissionControlPolicy', {
          cpuFailoverResourcesPercent: 50,
          memoryFailoverResourcesPercent: 50,
          failoverLevel: 1,
          autoComputePercentages: true,
        }),
        admissionControlEnabled: ha.admissionControl ?? true,
        defaultVmSettings: d('ClusterDasVmSettings', {
          restartPriority: 'medium',
          restartPriorityTimeout: 600,
          isolationResponse: 'none',
          vmToolsMonitoringSettings: d('ClusterVmToolsMonitoringSettings', {
            enabled: false,
            vmMonitoring: 'vmMonitoringDisabled',
            clusterSettings: true,
            failureInterval: 30,
            minUpTime: 120,
            maxFailures: 3,
            maxFailureWindow: -1,
          }),
        }),
        option: optionValues(ha.options ?? {}),
        heartbeatDatastore: [],
        hBDatastoreCandidatePolicy: 'allFeasibleDsWithUserPreference',
      }),
      dasVmConfig: [],
      drsConfig: d('ClusterDrsConfigInfo', {
        enabled: drs.enabled,
        enableVmBehaviorOverrides: true,
        defaultVmBehavior: drs.behavior ?? 'fullyAutomated',
        vmotionRate: 3,
        scaleDescendantsShares: 'disabled',
        option: [],
      }),
      drsVmConfig: [],
      rule: [],
      dpmConfigInfo: d('ClusterDpmConfigInfo', { enabled: false, defaultDpmBehavior: 'automated', hostPowerActionRate: 3, option: [] }),
      dpmHostConfig: [],
      vsanHostConfig: [],
      group: [],
    });
    obj.props.summary = d('ClusterComputeResourceSummary', {
      totalCpu: 0,
      totalMemory: 0,
      numCpuCores: 0,
      numCpuThreads: 0,
      effectiveCpu: 0,
      effectiveMemory: 0,
      numHosts: 0,
      numEffectiveHosts: 0,
      overallStatus: 'green',
      currentFailoverLevel: 1,
      numVmotions: 0,
      ...(o.evcModeKey ? { currentEVCModeKey: o.evcModeKey } : {}),
    });
    const r: ClusterRef = {
      moid,
      name: o.name,
      ref: moref('ClusterComputeResource', moid),
      obj,
      datacenter: dc,
      resourcePool: rp,
      hosts: [],
    };
    this.clusters.push(r);
    // ha / drs may be `false` (feature off): only an options object carries overrides.
    if ((o.ha && o.ha.vmOverrides) || (o.drs && o.drs.vmOverrides)) {
      this.clusterOverrides.push({ cluster: r, ha: o.ha || undefined, drs: o.drs || undefined });
    }
    return r;
  }

  host(o: HostOptions): HostRef {
    const cluster = this.ref(this.clusters, o.cluster, 'cluster');
    const dc = cluster?.datacenter ?? this.dc(o.datacenter);
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
      computeResource = this.nextId('domain-s');
      resourcePool = this.nextId('resgroup-');
      const cr = this.add('ComputeResource', computeResource, moref('Folder', dc.hostFolder), {
        name: o.name,
        host: [],
        datastore: [],
        network: [],
      });
      cr.props.resourcePool = moref('ResourcePool', resourcePool);
      this.add('ResourcePool', resourcePool, moref('ComputeResource', computeResource), {
        name: 'Resources',
        owner: moref('ComputeResource', computeResource),
        resourcePool: [],
        vm: [],
      });
      parent = moref('ComputeResource', computeResource);
    }
    const moid = this.nextId('host-');
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
    const hostIndex = this.hosts.length + 1;
    const network = hostNetwork(this.rng, pnics, vmknics, hostIndex);
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
    const uuid = this.rng.uuid();
    const sysVendor = o.vendor ?? (vendor === 'amd' ? 'Dell Inc.' : 'HPE');
    const sysModel = o.model ?? (vendor === 'amd' ? 'PowerEdge R7525' : 'ProLiant DL380 Gen10');
    const hostNetworks: MoRefValue[] = [];
    const obj = this.add('HostSystem', moid, parent, {
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
              identifierValue: `CZ${this.rng.hex(8).toUpperCase()}`,
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
          sslThumbprint: Array.from({ length: 20 }, () => this.rng.hex(2).toUpperCase()).join(':'),
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
    this.hosts.push(r);
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
      (this.byMoid.get(computeResource)!.props.host as MoRefValue[]).push(me);
    }
    for (const ds of o.datastores ?? []) this.mount(r, this.ref(this.datastores, ds, 'datastore')!);
    for (const n of o.networks ?? []) this.attachNetwork(r, this.ref(this.networks, n, 'network')!);
    return r;
  }

  private mount(h: HostRef, ds: DatastoreRef): void {
    if (h.datastores.includes(ds)) return;
    h.datastores.push(ds);
    ds.hosts.push(h);
    (h.obj.props.datastore as MoRefValue[]).push(ds.ref);
    const url = (ds.obj.props.summary as Obj).url as string;
    (ds.obj.props.host as Obj[]).push(
      d('DatastoreHostMount', {
        key: h.ref,
        mountInfo: d('HostMountInfo', {
          path: url.replace(/^ds:\/\//, '').replace(/\/$/, ''),
          accessMode: 'readWrite',
          mounted: true,
          accessible: true,
        }),
      }),
    );
    const s = ds.obj.props.summary as Obj;
    if (this.autoMultiHost.has(ds.moid)) s.multipleHostAccess = ds.hosts.length > 1;
    const cr = this.byMoid.get(h.computeResource)!;
    if (!(cr.props.datastore as MoRefValue[]).some((m) => m.value === ds.moid)) (cr.props.datastore as MoRefValue[]).push(ds.ref);
  }

  private attachNetwork(h: HostRef, n: NetworkRef): void {
    if (h.networks.includes(n)) return;
    h.networks.push(n);
    n.hosts.push(h);
    (h.obj.props.network as MoRefValue[]).push(n.ref);
    (n.obj.props.host as MoRefValue[]).push(h.ref);
    const cr = this.byMoid.get(h.computeResource)!;
    if (!(cr.props.network as MoRefValue[]).some((m) => m.value === n.moid)) (cr.props.network as MoRefValue[]).push(n.ref);
  }

  datastore(o: DatastoreOptions): DatastoreRef {
    const dc = this.dc(o.datacenter);
    const moid = this.nextId('datastore-');
    const type = o.type ?? 'VMFS';
    const capacity = o.capacity ?? Math.round((o.capacityGB ?? 4096) * 1024 ** 3);
    const free = o.free ?? Math.round((o.freeGB ?? (o.capacityGB ?? 4096) * 0.4) * 1024 ** 3);
    const id = this.rng.hex(8) + '-' + this.rng.hex(8) + '-' + this.rng.hex(4) + '-' + this.rng.hex(12);
    const url =
      type === 'NFS' || type === 'NFS41'
        ? `ds:///vmfs/volumes/${this.rng.hex(8)}-${this.rng.hex(8)}/`
        : type === 'vsan'
          ? `ds:///vmfs/volumes/vsan:${this.rng.hex(16)}-${this.rng.hex(16)}/`
          : type === 'VVOL'
            ? `ds:///vmfs/volumes/vvol:${this.rng.hex(16)}-${this.rng.hex(16)}/`
            : `ds:///vmfs/volumes/${id}/`;
    const infoBase = {
      name: o.name,
      url,
      freeSpace: free,
      maxFileSize: 70368744177664,
      maxVirtualDiskCapacity: 68169720922112,
      maxMemoryFileSize: 70368744177664,
      timestamp: '2024-05-02T10:11:12.345Z',
      containerId: id,
    };
    const info =
      type === 'VMFS'
        ? d('VmfsDatastoreInfo', {
            ...infoBase,
            maxPhysicalRDMFileSize: 70368744177664,
            maxVirtualRDMFileSize: 68169720922112,
            vmfs: d('HostVmfsVolume', {
              type: 'VMFS',
              name: o.name,
              capacity,
              blockSizeMb: 1,
              blockSize: 1024,
              unmapGranularity: 1024,
              unmapPriority: 'low',
              maxBlocks: 63963136,
              majorVersion: 6,
              version: '6.82',
              uuid: id,
              extent: [d('HostScsiDiskPartition', { diskName: `naa.6000c29${this.rng.hex(25)}`, partition: 1 })],
              vmfsUpgradable: false,
              ssd: true,
              local: o.local ?? false,
              scsiDiskType: 'native512',
            }),
          })
        : type === 'NFS' || type === 'NFS41'
          ? d('NasDatastoreInfo', {
              ...infoBase,
              nas: d('HostNasVolume', {
                type,
                name: o.name,
                capacity,
                remoteHost: 'nas01.example.local',
                remotePath: `/export/${o.name}`,
                remoteHostNames: ['nas01.example.local'],
                securityType: 'AUTH_SYS',
              }),
            })
          : type === 'vsan'
            ? d('VsanDatastoreInfo', { ...infoBase, membershipUuid: this.rng.uuid(), accessGenNo: 3 })
            : type === 'VVOL'
              ? d('VvolDatastoreInfo', {
                  ...infoBase,
                  vvolDS: d('HostVvolVolume', { type: 'VVOL', name: o.name, capacity, scId: `vvol:${this.rng.hex(16)}`, storageArray: [] }),
                })
              : d('DatastoreInfo', infoBase);
    const obj = this.add('Datastore', moid, moref('Folder', dc.datastoreFolder), {
      name: o.name,
      summary: d('DatastoreSummary', {
        datastore: moref('Datastore', moid),
        name: o.name,
        url,
        capacity,
        freeSpace: free,
        uncommitted: o.uncommitted ?? Math.round(Number(capacity) * 0.1),
        accessible: o.accessible ?? true,
        ...(o.multipleHostAccess !== undefined ? { multipleHostAccess: o.multipleHostAccess } : {}),
        type,
        maintenanceMode: o.maintenanceMode ?? 'normal',
      }),
      info,
      capability: d('DatastoreCapability', {
        directoryHierarchySupported: true,
        rawDiskMappingsSupported: type === 'VMFS',
        perFileThinProvisioningSupported: true,
        storageIORMSupported: type === 'VMFS' || type === 'NFS',
        nativeSnapshotSupported: type === 'VVOL',
        topLevelDirectoryCreateSupported: type !== 'vsan' && type !== 'VVOL',
        seSparseSupported: type === 'VMFS',
        vmfsSparseSupported: type === 'VMFS',
        vsanSparseSupported: type === 'vsan',
      }),
      host: [],
      vm: [],
    });
    (dc.obj.props.datastore as MoRefValue[]).push(moref('Datastore', moid));
    const r: DatastoreRef = { moid, name: o.name, ref: moref('Datastore', moid), obj, datacenter: dc, hosts: [], vms: [] };
    if (o.multipleHostAccess === undefined) this.autoMultiHost.add(moid);
    this.datastores.push(r);
    for (const h of o.hosts ?? []) this.mount(this.ref(this.hosts, h, 'host')!, r);
    return r;
  }

  network(o: NetworkOptions): NetworkRef {
    const dc = this.dc(o.datacenter);
    const moid = this.nextId('network-');
    const obj = this.add('Network', moid, moref('Folder', dc.networkFolder), {
      name: o.name,
      summary: d('NetworkSummary', { network: moref('Network', moid), name: o.name, accessible: true, ipPoolName: '' }),
      host: [],
      vm: [],
    });
    return this.addNetwork(dc, obj, o, { kind: 'standard' });
  }

  private addNetwork(
    dc: DatacenterRef,
    obj: MockObject,
    o: NetworkOptions,
    extra: Partial<NetworkRef> & { kind: NetworkRef['kind'] },
  ): NetworkRef {
    (dc.obj.props.network as MoRefValue[]).push(moref(obj.type, obj.moid));
    const r: NetworkRef = {
      moid: obj.moid,
      name: o.name,
      ref: moref(obj.type, obj.moid),
      obj,
      datacenter: dc,
      hosts: [],
      vms: [],
      ...extra,
    };
    this.networks.push(r);
    for (const h of o.hosts ?? []) this.attachNetwork(this.ref(this.hosts, h, 'host')!, r);
    return r;
  }

  private dvSwitch(name: string, dc: DatacenterRef) {
    let s = this.dvSwitches.get(name);
    if (s) return s;
    const moid = this.nextId('dvs-');
    const h = this.rng.hex(32);
    const uuid = h
      .match(/../g)!
      .join(' ')
      .replace(/^((?:.. ){7}..) /, '$1-');
    s = { moid, uuid, name, dc, portgroups: [] };
    this.dvSwitches.set(name, s);
    this.add('VmwareDistributedVirtualSwitch', moid, moref('Folder', dc.networkFolder), {
      name,
      uuid,
      portgroup: [],
      summary: d('DVSSummary', {
        name,
        uuid,
        numPorts: 512,
        productInfo: d('DistributedVirtualSwitchProductSpec', { name: 'DVS', vendor: 'VMware, Inc.', version: '7.0.3', build: '19193900' }),
        hostMember: [],
        vm: [],
        host: [],
        portgroupName: [],
        description: '',
      }),
    });
    return s;
  }

  dvPortgroup(o: DvPortgroupOptions): NetworkRef {
    const dc = this.dc(o.datacenter);
    const sw = this.dvSwitch(o.switchName ?? 'DSwitch', dc);
    const moid = this.nextId('dvportgroup-');
    const obj = this.add('DistributedVirtualPortgroup', moid, moref('Folder', dc.networkFolder), {
      name: o.name,
      key: moid,
      summary: d('NetworkSummary', { network: moref('DistributedVirtualPortgroup', moid), name: o.name, accessible: true, ipPoolName: '' }),
      config: d('DVPortgroupConfigInfo', {
        key: moid,
        name: o.name,
        numPorts: 8,
        distributedVirtualSwitch: moref('VmwareDistributedVirtualSwitch', sw.moid),
        defaultPortConfig: d('VMwareDVSPortSetting', {
          vlan: d('VmwareDistributedVirtualSwitchVlanIdSpec', { inherited: false, vlanId: o.vlanId ?? 0 }),
        }),
        description: '',
        type: 'earlyBinding',
        ...(o.backingType ? { backingType: o.backingType } : { backingType: 'standard' }),
        policy: d('VMwareDVSPortgroupPolicy', {
          blockOverrideAllowed: true,
          shapingOverrideAllowed: false,
          vendorConfigOverrideAllowed: false,
          livePortMovingAllowed: false,
          portConfigResetAtDisconnect: true,
          vlanOverrideAllowed: false,
          uplinkTeamingOverrideAllowed: false,
          securityPolicyOverrideAllowed: false,
          ipfixOverrideAllowed: false,
        }),
        configVersion: '1',
        autoExpand: true,
        uplink: o.uplink ?? false,
        ...(o.backingType === 'nsx'
          ? {
              transportZoneUuid: this.rng.uuid(),
              transportZoneName: 'nsx-overlay-transportzone',
              logicalSwitchUuid: this.rng.uuid(),
              segmentId: `/infra/segments/${o.name}`,
            }
          : {}),
      }),
      portKeys: Array.from({ length: 8 }, (_, i) => String(i)),
      host: [],
      vm: [],
    });
    sw.portgroups.push(moid);
    (this.byMoid.get(sw.moid)!.props.portgroup as MoRefValue[]).push(moref('DistributedVirtualPortgroup', moid));
    return this.addNetwork(dc, obj, o, { kind: 'distributed', dvsUuid: sw.uuid, portgroupKey: moid });
  }

  // The uuid of a distributed switch (created on first use), for VmknicOptions.dvs.switchUuid.
  dvsUuid(switchName = 'DSwitch', datacenter?: DatacenterRef | string): string {
    return this.dvSwitch(switchName, this.dc(datacenter)).uuid;
  }

  opaqueNetwork(o: OpaqueNetworkOptions): NetworkRef {
    const dc = this.dc(o.datacenter);
    const moid = this.nextId('network-o');
    const opaqueNetworkId = this.rng.uuid();
    const opaqueNetworkType = o.opaqueNetworkType ?? 'nsx.LogicalSwitch';
    const obj = this.add('OpaqueNetwork', moid, moref('Folder', dc.networkFolder), {
      name: o.name,
      summary: d('OpaqueNetworkSummary', {
        network: moref('OpaqueNetwork', moid),
        name: o.name,
        accessible: true,
        ipPoolName: '',
        opaqueNetworkId,
        opaqueNetworkType,
      }),
      host: [],
      vm: [],
    });
    return this.addNetwork(dc, obj, o, { kind: 'opaque', opaqueNetworkId, opaqueNetworkType });
  }

  vm(o: VmOptions): VmRef {
    return buildVm(this.buildContext(), o);
  }

  user(name: string, password: string, privileges?: PrivilegeGrants): this {
    this.users.push({ name, password, privileges });
    return this;
  }

  // Attach tag `category/tag` to objects (created on first use).
  tag(category: string, tag: string, objects: Ref[]): this {
    let cat = this.tagState.categories.find((c) => c.name === category);
    if (!cat) {
      cat = {
        id: `urn:vmomi:InventoryServiceCategory:${this.rng.uuid()}:GLOBAL`,
        name: category,
        description: '',
        cardinality: 'MULTIPLE',
        associableTypes: [],
      };
      this.tagState.categories.push(cat);
    }
    let t = this.tagState.tags.find((x) => x.name === tag && x.categoryId === cat!.id);
    if (!t) {
      t = { id: `urn:vmomi:InventoryServiceTag:${this.rng.uuid()}:GLOBAL`, categoryId: cat.id, name: tag, description: '' };
      this.tagState.tags.push(t);
    }
    for (const o of objects) this.tagState.attachments.push({ tagId: t.id, object: { type: o.obj.type, id: o.moid } });
    return this;
  }

  // What QueryFaultToleranceCompatibility(Ex) answers for `vm`: VmFaultToleranceConfigIssue reasons
  // ("hasSnapshots") or full fault objects ({ _type: 'VmFaultToleranceTooManyVMsOnHost', ... }).
  ftCompat(vm: VmRef, issues: (string | Obj)[]): this {
    this.ftCompatState[vm.moid] = issues.map((i) =>
      d('LocalizedMethodFault', {
        fault: typeof i === 'string' ? d('VmFaultToleranceConfigIssue', { reason: i, entityName: vm.name, entity: vm.ref }) : i,
        localizedMessage: typeof i === 'string' ? `Fault Tolerance is not supported: ${i}` : '',
      }),
    );
    return this;
  }

  license(host: HostRef, info: LicenseInfo): this {
    this.licenses[host.moid] = info;
    return this;
  }

  build(): Estate {
    for (const { cluster, ha, drs } of this.clusterOverrides) {
      const ex = cluster.obj.props.configurationEx as Obj;
      const vmRef = (v: VmRef | string) =>
        typeof v === 'string' ? (this.vms.find((x) => x.name === v || x.moid === v)?.ref ?? moref('VirtualMachine', v)) : v.ref;
      ex.dasVmConfig = (ha?.vmOverrides ?? []).map((o) =>
        d('ClusterDasVmConfigInfo', {
          key: vmRef(o.vm),
          restartPriority: o.restartPriority,
          dasSettings: d('ClusterDasVmSettings', { restartPriority: o.restartPriority }),
        }),
      );
      ex.drsVmConfig = (drs?.vmOverrides ?? []).map((o) =>
        d('ClusterDrsVmConfigInfo', {
          key: vmRef(o.vm),
          ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
          ...(o.behavior ? { behavior: o.behavior } : {}),
        }),
      );
    }
    return {
      about: this.about,
      objects: this.objects,
      users: this.users.length ? this.users : [{ name: 'administrator@vsphere.local', password: 'VMware1!' }],
      tags: this.tagState,
      restFlavour: this.restFlavour,
      ftCompat: this.ftCompatState,
      licenses: this.licenses,
    };
  }
}

export function estate(opts?: EstateOptions): EstateBuilder {
  return new EstateBuilder(opts);
}
