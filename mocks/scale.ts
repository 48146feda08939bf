// Large uniform estates for paging and performance tests (10 to 10,000 VMs): one datacenter, clusters of
// identical hosts, one shared datastore and one port group per cluster, VMs spread round-robin over hosts.
// Every VM carries the full realistic property set (devices, config, runtime, summary), so serializing a
// 5,000-VM page exercises the same code and volume as a real collection.
import type { HostRef } from './builder-types.js';
import { estate } from './builders.js';
import type { Estate } from './estate.js';

export interface ScaleOptions {
  clusters?: number; // default: one per 1,000 VMs (at least 1)
  hostsPerCluster?: number; // default 8
  seed?: number;
  user?: { name: string; password: string }; // default administrator@vsphere.local / VMware1!
}

export function scaleEstate(nVms: number, opts: ScaleOptions = {}): Estate {
  const b = estate({ seed: opts.seed ?? 7 });
  const dc = b.datacenter('DC-Scale');
  const clusters = opts.clusters ?? Math.max(1, Math.ceil(nVms / 1000));
  const perCluster = opts.hostsPerCluster ?? 8;
  const hosts: HostRef[] = [];
  for (let c = 1; c <= clusters; c++) {
    const cl = b.cluster({ name: `Cluster-${String(c).padStart(2, '0')}`, datacenter: dc });
    const ds = b.datastore({ name: `vmfs-scale-${String(c).padStart(2, '0')}`, datacenter: dc, capacityGB: 65536, freeGB: 30000 });
    const pg = b.dvPortgroup({ name: `dvpg-scale-${String(c).padStart(2, '0')}`, datacenter: dc });
    for (let h = 1; h <= perCluster; h++)
      hosts.push(
        b.host({
          name: `esx-c${String(c).padStart(2, '0')}-${String(h).padStart(2, '0')}.scale.local`,
          cluster: cl,
          datastores: [ds],
          networks: [pg],
        }),
      );
  }
  for (let i = 0; i < nVms; i++) {
    const host = hosts[i % hosts.length]!;
    b.vm({
      name: `vm-scale-${String(i + 1).padStart(5, '0')}`,
      host,
      numCpu: [1, 2, 4][i % 3],
      memoryMB: [2048, 4096, 8192][i % 3],
      disks: [{ capacityGB: 40, kind: i % 4 === 0 ? 'thin' : 'eager' }],
      snapshots: i % 50 === 0 ? 1 : 0,
    });
  }
  const user = opts.user ?? { name: 'administrator@vsphere.local', password: 'VMware1!' };
  b.user(user.name, user.password);
  return b.build();
}
