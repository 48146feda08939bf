// One collection for the whole estate: ONE ContainerView over every needed type, read with the VMs split off
// (src/vsphere/collect.ts): one RetrievePropertiesEx (plus its Continue pages) for every other object and the
// VMs' refs, then the VMs (devices included) in parts of 1,000 or more through ListViews, three at a time, so
// that decoding overlaps the server building the next part; up to one part's VMs are read over the same
// ContainerView (one more call than a single request). The number of SOAP calls is a constant plus one per page
// and two per part (CreateListView, DestroyView; at most 20 parts) whatever the number of VMs. Objects are
// normalized as they stream in and only the normalized form is kept; cross-references (VM -> host -> cluster,
// datacenter names, DVPG keys, DVS uuids) are resolved once the stream has ended. Optional extras follow: tags
// (REST), licences, and vCenter's own FT compatibility query (--ask-vcenter).

import type { Logger } from 'pino';
import type { MoRef, ObjectContent, VimClient } from '../vsphere/api.js';
import { askVcenterFt, type FtQueryOptions } from './ft-query.js';
import { readHostLicenses } from './license.js';
import type { Cluster, CollectionProblem, Datacenter, Datastore, Host, Inventory, Network, Vm } from './model.js';
import { normalizeCluster } from './normalize-cluster.js';
import { normalizeDatastore } from './normalize-datastore.js';
import { normalizeHost } from './normalize-host.js';
import { normalizeNetwork } from './normalize-network.js';
import { type Link, linkOf, prepare, type PreparedVm, preparedOnWorker } from './prepare.js';
import { checkVisibility } from './privileges.js';
import { RESOURCE_POOL_FIELDS } from './fields/resource-pool.js';
import { ROOT_POOL_PATHS } from './model.js';
import { buildCollectSpec } from './property-specs.js';
import { applyScope, hasScope, isComplete, ScopeError, type Scope } from './scope.js';
import type { TagReader } from './tags.js';
import { num, prop, str } from './values.js';

export interface CollectProgress {
  phase: 'locate' | 'collect' | 'tags' | 'licenses' | 'ftQuery';
  pages: number;
  objects: number;
}

export interface CollectOptions {
  scope?: Scope;
  maxObjects?: number; // RetrievePropertiesEx page size
  partSize?: number; // VMs per part of the split read (default: src/vsphere/collect.ts partsOf)
  onProgress?: (p: CollectProgress) => void;
  logger?: Logger;
  server?: string; // the server as the user gave it (VCenterInfo.server); default: host of client.serverUrl
  tags?: TagReader; // reads "Category/Tag" per object over REST (tags.ts); needed when scope.tags is set
  licenses?: boolean; // QueryAssignedLicenses for host editions (default true)
  askVcenter?: FtQueryOptions | boolean; // vCenter's QueryFaultToleranceCompatibility(Ex), opt-in
  visibility?: boolean; // check System.View/System.Read on the scope (privileges.ts checkVisibility; default true)
  now?: () => Date;
}

class Accumulator {
  vms = new Map<string, Vm>();
  hosts = new Map<string, Host>();
  clusters = new Map<string, Cluster>();
  datastores = new Map<string, Datastore>();
  networks = new Map<string, Network>();
  dvsOfPortgroup = new Map<string, string>(); // DVPG moid -> DVS moid
  dvsUuid = new Map<string, string>(); // DVS moid -> uuid
  links = new Map<string, Link>();
  // Resource pools' unreserved memory (bytes) or the fault that kept it unread; clusters take their root pool's.
  pools = new Map<string, { unreservedForVmBytes?: number; fault?: { fault: string; message?: string } }>();
  problems: CollectionProblem[] = [];
  objects = 0;

  add(oc: ObjectContent): void {
    this.objects++;
    const id = oc.obj.value;
    const type = oc.obj.type;
    // A VM comes prepared when its page was decoded on the worker (CollectSpec.prepare).
    const vm =
      type !== 'VirtualMachine' ? undefined : oc.prepared !== undefined ? preparedOnWorker(oc.prepared as PreparedVm) : prepare(oc);
    this.links.set(id, vm ? vm.link : linkOf(oc));
    let modelled = true; // carried by the model (datacenters by name)
    switch (type) {
      case 'VirtualMachine':
        this.vms.set(id, vm!.vm);
        break;
      case 'HostSystem':
        this.hosts.set(id, normalizeHost(oc));
        break;
      case 'ClusterComputeResource':
        this.clusters.set(id, normalizeCluster(oc));
        break;
      case 'Datastore':
        this.datastores.set(id, normalizeDatastore(oc));
        break;
      case 'Network':
      case 'DistributedVirtualPortgroup':
      case 'OpaqueNetwork': {
        const n = normalizeNetwork(oc);
        this.networks.set(id, n.network);
        if (n.dvsMoid) this.dvsOfPortgroup.set(id, n.dvsMoid);
        break;
      }
      case 'Datacenter':
        break;
      case 'ResourcePool':
      case 'VirtualApp': {
        const path = RESOURCE_POOL_FIELDS.unreservedForVm.path;
        const bytes = num(prop(oc.props, path));
        const m = oc.missing.find((x) => x.path === path || path.startsWith(`${x.path}.`));
        this.pools.set(id, {
          ...(bytes !== undefined ? { unreservedForVmBytes: bytes } : {}),
          ...(m ? { fault: { fault: m.faultName, ...(m.message ? { message: m.message } : {}) } } : {}),
        });
        modelled = false;
        break;
      }
      default:
        // Folders, resource pools, standalone compute resources, switches: only links. A DVS gives its uuid.
        if (str(oc.props.uuid)) this.dvsUuid.set(id, str(oc.props.uuid)!);
        modelled = false;
    }
    // Unreadable properties of the objects the model carries make the scan incomplete; NotAuthenticated
    // never gets here (the client turns it into a re-login and a restart).
    if (modelled) {
      for (const m of oc.missing) {
        if (m.faultName === 'NotAuthenticated') continue;
        this.problems.push({
          moid: id,
          path: m.path,
          fault: m.faultName,
          message: m.message || `${m.path} of ${type} ${id} could not be read`,
        });
      }
    }
  }
}

// Datastore clusters: a StoragePod is a Folder (its name and parent come with the folders); its datastores are
// the datastores whose parent it is.
function datastoreClustersOf(acc: Accumulator): Pick<Inventory, 'datastoreClusters'> {
  const pods = new Map<string, { moid: string; name: string; datastoreMoids: string[] }>();
  for (const d of acc.datastores.keys()) {
    const parent = acc.links.get(d)?.parent;
    const link = parent ? acc.links.get(parent) : undefined;
    if (!parent || link?.type !== 'StoragePod') continue;
    const pod = pods.get(parent) ?? { moid: parent, name: link.name ?? parent, datastoreMoids: [] };
    pod.datastoreMoids.push(d);
    pods.set(parent, pod);
  }
  return pods.size ? { datastoreClusters: [...pods.values()] } : {};
}

// prepare.ts as the decoding worker imports it; none in a bundle without import.meta.url (VMs then normalized here).
const PREPARE = ((): string | undefined => {
  try {
    return new URL('./prepare.js', import.meta.url).href;
  } catch {
    return undefined;
  }
})();

function serverName(client: VimClient, given?: string): string {
  if (given) return given;
  try {
    return new URL(client.serverUrl).host;
  } catch {
    return client.serverUrl;
  }
}

// A cheap first collection that finds the one datacenter a datacenter/cluster scope lives in, so the main
// ContainerView can start there. Returns undefined (collect from the root) when the scope spans several.
async function locateDatacenter(
  client: VimClient,
  scope: Scope,
  log?: Logger,
): Promise<{ container: MoRef; datacenter: Datacenter; links: Map<string, Link> } | undefined> {
  const wantDcs = scope.datacenters ?? [];
  const wantClusters = scope.clusters ?? [];
  if (!wantDcs.length && !wantClusters.length) return undefined;
  const links = new Map<string, Link>();
  const viewTypes = wantClusters.length ? ['Datacenter', 'Folder', 'ClusterComputeResource'] : ['Datacenter'];
  await client.collect(
    { viewTypes, propSets: viewTypes.map((type) => ({ type, paths: ['name', 'parent'] })) },
    {
      onObject: (oc) => links.set(oc.obj.value, linkOf(oc)),
      onRestart: () => links.clear(),
    },
  );
  const dcOf = datacenterResolver(links);
  const found = new Set<string>();
  for (const [id, l] of links) {
    if (l.type === 'Datacenter' && wantDcs.includes(l.name ?? '')) found.add(id);
    if (l.type === 'ClusterComputeResource' && wantClusters.includes(l.name ?? '')) {
      const dc = dcOf(id);
      if (dc) found.add(dc.moid);
    }
  }
  if (found.size !== 1) {
    log?.debug({ datacenters: found.size }, 'scope spans no single datacenter: collecting from the root folder');
    return undefined;
  }
  const dcMoid = [...found][0]!;
  return { container: { type: 'Datacenter', value: dcMoid }, datacenter: { moid: dcMoid, name: links.get(dcMoid)?.name ?? dcMoid }, links };
}

function datacenterResolver(links: Map<string, Link>): (id: string) => Datacenter | undefined {
  const memo = new Map<string, Datacenter | undefined>();
  const resolve = (id: string): Datacenter | undefined => {
    if (memo.has(id)) return memo.get(id);
    memo.set(id, undefined); // cycle guard
    const l = links.get(id);
    let dc: Datacenter | undefined;
    if (l?.type === 'Datacenter') dc = { moid: id, name: l.name ?? id };
    else if (l?.parent) dc = resolve(l.parent);
    memo.set(id, dc);
    return dc;
  };
  return resolve;
}

function resolve(acc: Accumulator, extraLinks?: Map<string, Link>): void {
  if (extraLinks) for (const [id, l] of extraLinks) if (!acc.links.has(id)) acc.links.set(id, l);
  const dcOf = datacenterResolver(acc.links);
  const dcName = (id: string): string | undefined => dcOf(id)?.name;

  for (const c of acc.clusters.values()) {
    const dc = dcName(c.moid);
    if (dc) c.datacenter = dc;
    // The root pool's unreserved memory belongs to the cluster; unread, it is the cluster's unreadable path.
    const pool = c.rootPool ? acc.pools.get(c.rootPool.moid) : undefined;
    if (c.rootPool && pool?.unreservedForVmBytes !== undefined) c.rootPool.unreservedForVmBytes = pool.unreservedForVmBytes;
    if (c.rootPool && pool?.fault && pool.fault.fault !== 'NotAuthenticated') {
      const path = ROOT_POOL_PATHS.unreservedForVm;
      c.unreadable.push({ path, fault: pool.fault.fault, ...(pool.fault.message ? { message: pool.fault.message } : {}) });
      acc.problems.push({
        moid: c.rootPool.moid,
        path: RESOURCE_POOL_FIELDS.unreservedForVm.path,
        fault: pool.fault.fault,
        message:
          pool.fault.message ||
          `${RESOURCE_POOL_FIELDS.unreservedForVm.path} of the root resource pool of cluster ${c.name} could not be read`,
      });
    }
    for (const h of c.hostMoids) {
      const host = acc.hosts.get(h);
      if (host && !host.clusterMoid) host.clusterMoid = c.moid;
    }
  }
  for (const h of acc.hosts.values()) {
    const dc = dcName(h.moid);
    if (dc) h.datacenter = dc;
  }
  for (const d of acc.datastores.values()) {
    const dc = dcName(d.moid);
    if (dc) d.datacenter = dc;
  }
  for (const [pg, dvs] of acc.dvsOfPortgroup) {
    const uuid = acc.dvsUuid.get(dvs);
    const n = acc.networks.get(pg);
    if (uuid && n) n.dvsUuid = uuid;
  }
  const networkByPortgroupKey = new Map<string, string>();
  for (const n of acc.networks.values()) if (n.portgroupKey) networkByPortgroupKey.set(n.portgroupKey, n.moid);
  for (const vm of acc.vms.values()) {
    const host = vm.hostMoid ? acc.hosts.get(vm.hostMoid) : undefined;
    if (host?.clusterMoid) vm.clusterMoid = host.clusterMoid;
    const dc = dcName(vm.moid) ?? host?.datacenter;
    if (dc) vm.datacenter = dc;
    for (const nic of vm.nics) {
      if (nic.backing === 'distributed' && nic.portgroupKey && !nic.networkMoid) {
        const net = networkByPortgroupKey.get(nic.portgroupKey);
        if (net) nic.networkMoid = net;
      }
    }
  }
}

// The objects that bound the scope: each datacenter / cluster named by --datacenter / --cluster (found, and
// the names not found), or undefined for the whole vCenter (the root folder).
function scopeObjects(
  links: Map<string, Link>,
  scope: Scope | undefined,
): [named: { moid: string; type: string; name: string }[] | undefined, notFound: { type: string; name: string }[]] {
  const wanted = [
    ...(scope?.datacenters ?? []).map((name) => ({ type: 'Datacenter', name })),
    ...(scope?.clusters ?? []).map((name) => ({ type: 'ClusterComputeResource', name })),
  ];
  if (!wanted.length) return [undefined, []];
  const named: { moid: string; type: string; name: string }[] = [];
  const notFound: { type: string; name: string }[] = [];
  for (const w of wanted) {
    const found = [...links].filter(([, l]) => l.type === w.type && l.name === w.name);
    if (!found.length) notFound.push(w);
    for (const [moid] of found) named.push({ moid, ...w });
  }
  return [named, notFound];
}

function byName<T extends { name: string; moid: string }>(m: Map<string, T>): T[] {
  return [...m.values()].sort((a, b) => a.name.localeCompare(b.name) || a.moid.localeCompare(b.moid));
}

export async function collectInventory(client: VimClient, opts: CollectOptions = {}): Promise<Inventory> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const log = opts.logger;
  const apiVersion = client.about.apiVersion;
  let restCalls = 0;

  if (opts.scope?.datacenters?.length || opts.scope?.clusters?.length) opts.onProgress?.({ phase: 'locate', pages: 0, objects: 0 });
  const located = opts.scope ? await locateDatacenter(client, opts.scope, log) : undefined;

  const acc = new Accumulator();
  const spec = {
    ...buildCollectSpec(apiVersion, located?.container, opts.maxObjects),
    split: { type: 'VirtualMachine', ...(opts.partSize ? { partSize: opts.partSize } : {}) },
    ...(PREPARE ? { prepare: PREPARE } : {}),
  };
  const stats = await client.collect(spec, {
    onObject: (oc) => acc.add(oc),
    onRestart: () => {
      log?.info('collection restarted after a re-login: dropping the objects received so far');
      Object.assign(acc, new Accumulator());
    },
    onPage: (page, objects) => opts.onProgress?.({ phase: 'collect', pages: page, objects }),
  });
  resolve(acc, located?.links);
  const visibility = opts.visibility === false ? undefined : await checkVisibility(client, ...scopeObjects(acc.links, opts.scope));

  const datacenters = new Map<string, Datacenter>();
  for (const [id, l] of acc.links) if (l.type === 'Datacenter') datacenters.set(id, { moid: id, name: l.name ?? id });
  if (located) datacenters.set(located.datacenter.moid, located.datacenter);

  const about = client.about;
  let inv: Inventory = {
    schema: 'ftscan.inventory/1',
    vcenter: {
      server: serverName(client, opts.server),
      name: about.name,
      fullName: about.fullName,
      version: about.version,
      build: about.build,
      apiVersion: about.apiVersion,
      apiType: about.apiType,
      ...(about.instanceUuid ? { instanceUuid: about.instanceUuid } : {}),
    },
    collectedAt: now().toISOString(),
    datacenters: byName(datacenters),
    clusters: byName(acc.clusters),
    hosts: byName(acc.hosts),
    datastores: byName(acc.datastores),
    networks: byName(acc.networks),
    vms: byName(acc.vms),
    ...datastoreClustersOf(acc),
    complete: true,
    problems: acc.problems,
    ...(visibility ? { visibility } : {}),
    stats: { soapCalls: 0, restCalls: 0, pages: stats.pages, objects: stats.objects, durationMs: 0, byMethod: {} },
  };

  const scope = opts.scope;
  if (opts.tags) {
    opts.onProgress?.({ phase: 'tags', pages: stats.pages, objects: stats.objects });
    const objects = [
      ...inv.vms.map((o) => ({ type: 'VirtualMachine', id: o.moid })),
      ...inv.hosts.map((o) => ({ type: 'HostSystem', id: o.moid })),
      ...inv.clusters.map((o) => ({ type: 'ClusterComputeResource', id: o.moid })),
      ...inv.datastores.map((o) => ({ type: 'Datastore', id: o.moid })),
    ];
    const result = await opts.tags(objects);
    restCalls += result.calls;
    if (result.tags) inv.tags = result.tags;
    else if (scope?.tags?.length) {
      throw new ScopeError(
        `${result.problems[0]?.message ?? 'vSphere tags not read'}: the tag filter cannot be applied (fix access to the vSphere REST API or drop the tag filter)`,
      );
    }
    inv.problems.push(...result.problems);
  } else if (scope?.tags?.length) {
    throw new ScopeError('a tag scope needs the vSphere REST API, which this scan does not use: drop the tag filter or enable tags');
  }

  if (hasScope(scope)) {
    const scoped = applyScope(inv, scope);
    inv = scoped.inventory;
    if (scope?.vmNames?.length) {
      inv.scopeNotFound = scoped.notFound;
      if (Object.keys(scoped.suggestions).length) inv.scopeSuggestions = scoped.suggestions;
    }
  }

  if (opts.licenses !== false && inv.hosts.length) {
    opts.onProgress?.({ phase: 'licenses', pages: stats.pages, objects: stats.objects });
    const lic = await readHostLicenses(
      client,
      inv.hosts.map((h) => h.moid),
    );
    for (const h of inv.hosts) {
      const edition = lic.editions.get(h.moid);
      if (edition) h.licenseEdition = edition;
    }
    inv.problems.push(...lic.problems);
  }

  if (opts.askVcenter) {
    opts.onProgress?.({ phase: 'ftQuery', pages: stats.pages, objects: stats.objects });
    const ftOpts = typeof opts.askVcenter === 'object' ? opts.askVcenter : {};
    inv.ftQuery = await askVcenterFt(client, inv.vms, inv.hosts, ftOpts);
  }

  // Objects the user cannot see are absent, not read: the scope was not seen whole.
  inv.complete = isComplete(inv.problems) && !(visibility && (visibility.missing.length || visibility.error));
  inv.stats = {
    soapCalls: client.calls.total,
    restCalls,
    pages: stats.pages,
    objects: stats.objects,
    durationMs: Date.now() - started,
    byMethod: { ...client.calls.byMethod },
  };
  log?.debug({ stats: inv.stats }, 'inventory collected');
  return inv;
}
