// ResourcePool (and its subtype VirtualApp): every property the inventory reads, once (see field.ts). Pools are
// not modelled on their own: `name` / `parent` serve the links (a vApp's VM reaches its datacenter through them)
// and a cluster's ROOT pool lends its unreserved memory to the cluster (Cluster.rootPool, collect.ts).
// ResourcePoolRuntimeInfo.memory is a ResourcePoolResourceUsage; its unreservedForVm is in bytes (xsd:long):
// the memory still reservable by VMs in the pool, what FT's full-memory reservations draw from.
import { field } from './field.js';

export const RESOURCE_POOL_FIELDS = {
  name: field('2.0', 'name'),
  parent: field('2.0', 'parent'), // link
  unreservedForVm: field('2.0', 'runtime.memory.unreservedForVm', { model: 'rootPool.unreservedForVmBytes' }),
};
