// Lookup tables over one inventory, built once per evaluation.
import type { Cluster, Datastore, Host, Inventory, Moid, Network, Vm } from '../inventory/model.js';
import type { InventoryIndex } from './types.js';

export function buildIndex(inv: Inventory): InventoryIndex {
  const by = <T extends { moid: Moid }>(xs: T[]) => {
    const m = new Map<Moid, T>();
    for (const x of xs) m.set(x.moid, x);
    return m;
  };
  const hosts = by<Host>(inv.hosts);
  const clusters = by<Cluster>(inv.clusters);
  const datastores = by<Datastore>(inv.datastores);
  const networks = by<Network>(inv.networks);
  const vms = by<Vm>(inv.vms);
  const hostsOf = new Map<Moid, Host[]>();
  for (const c of inv.clusters)
    hostsOf.set(
      c.moid,
      c.hostMoids.map((m) => hosts.get(m)).filter((h): h is Host => h !== undefined),
    );
  // Hosts that name a cluster the cluster's own host list misses still belong to it.
  for (const h of inv.hosts) {
    if (!h.clusterMoid) continue;
    const list = hostsOf.get(h.clusterMoid) ?? [];
    if (!list.includes(h)) hostsOf.set(h.clusterMoid, [...list, h]);
  }
  const vmsOn = new Map<Moid, Vm[]>();
  for (const v of inv.vms) {
    if (!v.hostMoid) continue;
    const list = vmsOn.get(v.hostMoid);
    if (list) list.push(v);
    else vmsOn.set(v.hostMoid, [v]);
  }
  return {
    host: (m) => hosts.get(m),
    cluster: (m) => clusters.get(m),
    datastore: (m) => datastores.get(m),
    network: (m) => networks.get(m),
    vm: (m) => vms.get(m),
    hostsOf: (m) => hostsOf.get(m) ?? [],
    vmsOn: (m) => vmsOn.get(m) ?? [],
  };
}
