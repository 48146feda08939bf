// The pre-migration what-if as the admin carries it out: a VM moved into another cluster goes with a Storage
// vMotion when its datastores are not mounted on the target's FT hosts, and with its port groups mapped when they
// do not exist there. planMove() turns that into ordered steps (each with its disruption) and the VM as it will be
// after the move (datastores, disks, files and NICs rewritten), which the engine then judges with the ordinary
// rules: a move is a step, never a blocker, and the rules decide on the place the VM lands on.
import type { Cluster, Datastore, Host, Inventory, Moid, Network, Vm } from '../inventory/model.js';
import type { Finding, InventoryIndex, Move, MoveOptions, MoveStep } from './types.js';

export class MoveTargetError extends Error {
  override readonly name = 'MoveTargetError';
}

const byName = <T extends { name: string }>(list: T[], name: string): T | undefined =>
  list.find((x) => x.name === name) ?? list.find((x) => x.name.toLowerCase() === name.toLowerCase());

/** --target-host names resolved in the target cluster: a name the cluster lacks is the user's mistake. */
export function resolveTargetHosts(cluster: Cluster, hosts: Host[], names: string[] | undefined): Host[] {
  if (!names?.length) return [];
  if (names.length > 2) throw new MoveTargetError(`--target-host names the primary's host and the secondary's: ${names.length} given`);
  return names.map((n) => {
    const h = byName(hosts, n) ?? hosts.find((x) => x.name.toLowerCase().split('.')[0] === n.toLowerCase());
    if (!h)
      throw new MoveTargetError(
        `--target-host ${n}: no such host in cluster ${cluster.name} (hosts: ${hosts.map((x) => x.name).join(', ')})`,
      );
    return h;
  });
}

/**
 * Datastore names --target-datastore gives, checked against the inventory (a name no vCenter has is a mistake);
 * a datastore cluster (StoragePod) stands for its datastores.
 */
function resolveTargetDatastores(all: Datastore[], names: string[] | undefined, pods: DatastoreCluster[] = []): Datastore[] {
  return (names ?? []).flatMap((n) => {
    const d = byName(all, n);
    if (d) return [d];
    const pod = byName(pods, n);
    if (pod) return all.filter((x) => pod.datastoreMoids.includes(x.moid));
    throw new MoveTargetError(`--target-datastore ${n}: no datastore or datastore cluster of that name in the vCenter`);
  });
}

type DatastoreCluster = NonNullable<Inventory['datastoreClusters']>[number];

export interface MoveContext {
  index: InventoryIndex;
  datastores: Datastore[]; // every datastore of the vCenter
  datastoreClusters?: DatastoreCluster[];
  networks: Network[];
  // The hosts the VM's halves may run on (FT-capable hosts of the target cluster; its usable hosts if none).
  ftHosts: Host[];
  // Datastore findings under the VM's generation: a candidate with a blocker is never the best.
  datastoreFindings(d: Datastore): Finding[];
}

const mountedOnAll = (moid: Moid, hosts: Host[]) => hosts.length > 0 && hosts.every((h) => h.datastoreMoids.includes(moid));
const onAll = (moid: Moid, hosts: Host[]) => hosts.length > 0 && hosts.every((h) => h.networkMoids.includes(moid));

// Best candidate for the VM's files: room for its disks, no datastore blocker, shared, accessible, then the most
// free space.
function rank(ctx: MoveContext, list: Datastore[], needBytes: number): Datastore[] {
  const score = (d: Datastore) =>
    (d.freeBytes < needBytes ? 8 : 0) +
    (ctx.datastoreFindings(d).some((f) => f.severity === 'blocker') ? 4 : 0) +
    (d.multipleHostAccess === false ? 2 : 0) +
    (d.accessible ? 0 : 1);
  return [...list].sort((a, b) => score(a) - score(b) || b.freeBytes - a.freeBytes || a.name.localeCompare(b.name));
}

const rewritePath = (path: string | undefined, from: Map<string, string>): string | undefined => {
  if (!path) return path;
  const m = /^\[([^\]]+)\]/.exec(path);
  const to = m ? from.get(m[1]!) : undefined;
  return to !== undefined ? `[${to}]${path.slice(m![0].length)}` : path;
};

const GiB = 1024 ** 3;
const free = (d: Datastore) => `${Math.round(d.freeBytes / GiB)} GB free`;

/**
 * The VM as moved into `cluster` (onto `primary` when one is named), with the steps that get it there. The VM
 * is returned unchanged (no steps) when it already runs in the cluster.
 */
export function planMove(vm: Vm, cluster: Cluster, ctx: MoveContext, opts: MoveOptions, primary?: Host): { vm: Vm; move: Move } {
  const { index, ftHosts } = ctx;
  const dsName = (m: Moid) => index.datastore(m)?.name ?? m;
  const netName = (m: Moid) => index.network(m)?.name ?? m;
  const ownHost = vm.hostMoid ? index.host(vm.hostMoid) : undefined;
  const ownCluster = ownHost?.clusterMoid ?? vm.clusterMoid;
  const current = {
    ...(ownCluster && index.cluster(ownCluster) ? { clusterName: index.cluster(ownCluster)!.name } : {}),
    ...(ownHost ? { hostName: ownHost.name } : {}),
    datastores: vm.datastoreMoids.map(dsName),
    networks: vm.networkMoids.map(netName),
  };
  const steps: MoveStep[] = [];
  // Already in the target cluster: nothing moves, the VM is judged where it runs.
  if (ownCluster === cluster.moid) return { vm, move: { current, datastores: current.datastores, networks: current.networks, steps } };
  const fhosts = ftHosts.map((h) => h.name);
  const where = `every FT host of ${cluster.name}`;

  // Storage: the files on datastores some FT host lacks move (all of them when the admin names the target).
  const stated = resolveTargetDatastores(ctx.datastores, opts.datastores, ctx.datastoreClusters);
  const stranded = vm.datastoreMoids.filter((m) => !mountedOnAll(m, ftHosts));
  const moving = stated.length ? vm.datastoreMoids.filter((m) => !stated.some((d) => d.moid === m)) : stranded;
  const dsMap = new Map<Moid, Moid>();
  if (moving.length && (stated.length || stranded.length)) {
    const shared = ctx.datastores.filter((d) => mountedOnAll(d.moid, ftHosts));
    const need = vm.disks
      .filter((d) => d.datastoreMoid === undefined || moving.includes(d.datastoreMoid))
      .reduce((n, d) => n + d.capacityBytes, 0);
    const candidates = rank(ctx, stated.length ? stated : shared, need);
    const best = candidates[0];
    const what = moving.map(dsName).join(', ');
    if (!best) {
      steps.push({
        action: 'storageVmotion',
        text: `Storage vMotion the VM's files off ${what}: no datastore is mounted on ${where} (${fhosts.join(', ') || 'no FT host'}); mount one first`,
        disruption: 'none',
      });
    } else {
      for (const m of moving) dsMap.set(m, best.moid);
      steps.push({
        action: 'storageVmotion',
        text: stated.length
          ? `Storage vMotion the VM's files from ${what} to ${best.name} (${free(best)}; --target-datastore)`
          : `Storage vMotion the VM's files from ${what} to a datastore mounted on ${where} (candidates: ${candidates
              .slice(0, 5)
              .map((d) => `${d.name} ${free(d)}`)
              .join(', ')}${candidates.length > 5 ? ', ...' : ''}); judged on ${best.name}`,
        disruption: 'none',
      });
    }
  }

  // Networks: a port group the FT hosts lack is mapped (as stated, or to the nearest offered one).
  const netMap = new Map<Moid, Moid>();
  const offered = ctx.networks.filter((n) => onAll(n.moid, ftHosts) && !n.uplink);
  const offeredNames = [...new Set(offered.map((n) => n.name))].sort((a, b) => a.localeCompare(b));
  for (const m of vm.networkMoids.filter((n) => !onAll(n, ftHosts))) {
    const src = netName(m);
    const wanted = Object.entries(opts.networks ?? {}).find(([s]) => s.toLowerCase() === src.toLowerCase())?.[1];
    const dst =
      wanted !== undefined
        ? byName(offered, wanted)
        : (byName(offered, src) ?? (offeredNames[0] ? byName(offered, offeredNames[0]) : undefined));
    if (wanted !== undefined && !dst) {
      steps.push({
        action: 'networkMapping',
        text: `Map port group ${src} to ${wanted} (--target-network): ${wanted} is not on ${where}; offered: ${offeredNames.join(', ') || 'none'}`,
        disruption: 'none',
      });
      continue;
    }
    if (dst) netMap.set(m, dst.moid);
    steps.push({
      action: 'networkMapping',
      text: dst
        ? wanted !== undefined
          ? `Map port group ${src} to ${dst.name} (--target-network)`
          : `Map port group ${src}, which ${cluster.name} lacks, to one on ${where} (offered: ${offeredNames.join(', ')}); judged as ${dst.name}`
        : `Map port group ${src}: no port group is on ${where}`,
      disruption: 'none',
    });
  }
  steps.unshift({
    action: 'vmotion',
    text: `vMotion the VM from ${current.clusterName ?? 'its host'} to ${primary ? primary.name : `a host of ${cluster.name}`}`,
    disruption: 'none',
  });

  const mapDs = (m: Moid | undefined) => (m !== undefined ? (dsMap.get(m) ?? m) : m);
  const mapNet = (m: Moid | undefined) => (m !== undefined ? (netMap.get(m) ?? m) : m);
  const names = new Map([...dsMap].map(([f, t]) => [dsName(f), dsName(t)]));
  const moved: Vm =
    dsMap.size || netMap.size
      ? {
          ...vm,
          datastoreMoids: [...new Set(vm.datastoreMoids.map((m) => mapDs(m)!))],
          networkMoids: [...new Set(vm.networkMoids.map((m) => mapNet(m)!))],
          disks: vm.disks.map((d) => (d.datastoreMoid ? { ...d, datastoreMoid: mapDs(d.datastoreMoid) } : d)),
          nics: vm.nics.map((n) => (n.networkMoid ? { ...n, networkMoid: mapNet(n.networkMoid) } : n)),
          ...(vm.vmPathName ? { vmPathName: rewritePath(vm.vmPathName, names)! } : {}),
          ...(vm.ftMetadataDirectory ? { ftMetadataDirectory: rewritePath(vm.ftMetadataDirectory, names)! } : {}),
        }
      : vm;
  return {
    vm: moved,
    move: { current, datastores: moved.datastoreMoids.map(dsName), networks: moved.networkMoids.map(netName), steps },
  };
}
