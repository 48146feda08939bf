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
import { aboutVcenter } from './versions.js';
import { type BuildContext, type DvSwitch, d, type Obj } from './objects/context.js';
import { admissionPolicy, buildCluster } from './objects/cluster.js';
import { buildDatastore } from './objects/datastore.js';
import { buildHost } from './objects/host.js';
import { buildDvPortgroup, buildNetwork, buildOpaqueNetwork, dvSwitch } from './objects/network.js';
import { buildVm } from './objects/vm.js';

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
  private readonly dvSwitches = new Map<string, DvSwitch>();
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
      dc: (x) => this.dc(x),
      mount: (h, ds) => this.mount(h, ds),
      attachNetwork: (h, n) => this.attachNetwork(h, n),
      vm: (o) => this.vm(o),
      byMoid: this.byMoid,
      clusters: this.clusters,
      hosts: this.hosts,
      datastores: this.datastores,
      networks: this.networks,
      vms: this.vms,
      dvSwitches: this.dvSwitches,
      autoMultiHost: this.autoMultiHost,
      clusterOverrides: this.clusterOverrides,
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
    return buildCluster(this.buildContext(), o);
  }

  host(o: HostOptions): HostRef {
    return buildHost(this.buildContext(), o);
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
    return buildDatastore(this.buildContext(), o);
  }

  // A datastore cluster (StoragePod, a Folder subtype) in its datacenter's datastore folder, holding `datastores`
  // (their parent becomes the pod, as in vCenter).
  datastoreCluster(name: string, datastores: DatastoreRef[]): Ref {
    const dc = datastores[0]?.datacenter ?? this.dc(undefined);
    const moid = this.nextId('group-p');
    const ref = moref('StoragePod', moid);
    const obj = this.add('StoragePod', moid, moref('Folder', dc.datastoreFolder), {
      name,
      childType: ['Datastore'],
      childEntity: [],
    });
    const folder = this.byMoid.get(dc.datastoreFolder)!;
    for (const d of datastores) {
      d.obj.parent = ref;
      d.obj.props.parent = ref;
      folder.props.childEntity = (folder.props.childEntity as MoRefValue[]).filter((m) => m.value !== d.moid);
      (obj.props.childEntity as MoRefValue[]).push(d.ref);
    }
    return { moid, name, ref, obj };
  }

  network(o: NetworkOptions): NetworkRef {
    return buildNetwork(this.buildContext(), o);
  }

  dvPortgroup(o: DvPortgroupOptions): NetworkRef {
    return buildDvPortgroup(this.buildContext(), o);
  }

  // The uuid of a distributed switch (created on first use), for VmknicOptions.dvs.switchUuid.
  dvsUuid(switchName = 'DSwitch', datacenter?: DatacenterRef | string): string {
    return dvSwitch(this.buildContext(), switchName, this.dc(datacenter)).uuid;
  }

  opaqueNetwork(o: OpaqueNetworkOptions): NetworkRef {
    return buildOpaqueNetwork(this.buildContext(), o);
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

  private poolRuntimes(): void {
    const reservedOf = (vms: VmRef[]) =>
      vms.reduce((a, v) => {
        const rt = v.obj.props.runtime as Obj | undefined;
        if (rt?.powerState !== 'poweredOn') return a;
        const alloc = (v.obj.props.config as Obj | undefined)?.memoryAllocation as Obj | undefined;
        return a + ((alloc?.reservation as number | undefined) ?? 0) * 1024 ** 2;
      }, 0);
    const roots = new Map<string, Obj>();
    for (const c of this.clusters) {
      const s = c.obj.props.summary as Obj;
      const max = (s.effectiveMemory as number) * 1024 ** 2;
      const reserved = reservedOf(c.hosts.flatMap((h) => h.vms));
      const rt = poolRuntime(max, reserved, s.effectiveCpu as number);
      if (c.unreservedForVmMB !== undefined) {
        const m = rt.memory as Obj;
        m.unreservedForVm = c.unreservedForVmMB * 1024 ** 2;
        m.unreservedForPool = m.unreservedForVm;
      }
      roots.set(c.resourcePool, rt);
    }
    for (const h of this.hosts) {
      if (h.cluster || roots.has(h.resourcePool)) continue;
      const hw = (h.obj.props.summary as Obj | undefined)?.hardware as Obj | undefined;
      roots.set(h.resourcePool, poolRuntime(Math.round(((hw?.memorySize as number | undefined) ?? 0) * 0.95), reservedOf(h.vms), 0));
    }
    for (const o of this.objects) {
      if (o.type !== 'ResourcePool' && o.type !== 'VirtualApp') continue;
      if (o.props.runtime) continue;
      const owner = o.props.owner as MoRefValue | undefined;
      const root =
        roots.get(o.moid) ??
        (owner ? roots.get((this.byMoid.get(owner.value)?.props.resourcePool as MoRefValue | undefined)?.value ?? '') : undefined);
      if (root) o.props.runtime = root;
    }
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
      // Dedicated failover hosts are named before they exist: resolved now.
      if (ha?.admissionControlPolicy && ha.admissionControlPolicy.type === 'hosts')
        (ex.dasConfig as Obj).admissionControlPolicy = admissionPolicy({ hosts: this.hosts }, ha.admissionControlPolicy);
      ex.drsVmConfig = (drs?.vmOverrides ?? []).map((o) =>
        d('ClusterDrsVmConfigInfo', {
          key: vmRef(o.vm),
          ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
          ...(o.behavior ? { behavior: o.behavior } : {}),
        }),
      );
    }
    this.poolRuntimes();
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

// ResourcePool.runtime (ResourcePoolRuntimeInfo) of every pool, as vCenter reports it: memory in bytes, CPU in
// MHz. A root pool offers 95 % of its hosts' memory (cluster summary.effectiveMemory) less what its powered-on
// VMs reserve (config.memoryAllocation.reservation); a child pool (or vApp) reports its owner's.
function poolRuntime(maxMemory: number, reservedMemory: number, maxCpu: number): Obj {
  const usage = (max: number, used: number) =>
    d('ResourcePoolResourceUsage', {
      reservationUsed: used,
      reservationUsedForVm: used,
      unreservedForPool: Math.max(0, max - used),
      unreservedForVm: Math.max(0, max - used),
      overallUsage: 0,
      maxUsage: max,
    });
  return d('ResourcePoolRuntimeInfo', { memory: usage(maxMemory, reservedMemory), cpu: usage(maxCpu, 0), overallStatus: 'green' });
}

export function estate(opts?: EstateOptions): EstateBuilder {
  return new EstateBuilder(opts);
}
