// Which vim25 properties the inventory reads, per managed object type, and the API version that introduced
// each path.
//
// Why versions: real vCenter fails the WHOLE RetrievePropertiesEx with InvalidProperty when one requested
// path does not exist in the API version it speaks (e.g. config.ftEncryptionMode on 6.5). vcsim is lenient
// (per-object missingSet), so only version tagging keeps real servers safe. Each path carries the release
// that added it (pyVmomi's version table: version5 = 4.0, version6 = 4.1, version7 = 5.0, version8 = 5.1,
// version9 = 5.5, version10 = 6.0, version11 = 6.5, version12 = 6.7, v7_0_2_0 = 7.0.2.0; checked against
// pyVmomi ServerObjects.py and shared/reference/ft-requirements.md) and `pathsFor()` drops every path newer
// than `client.about.apiVersion`. Narrow paths are read instead of whole `config` objects to keep pages small.
//
// Base types vs subtypes: a PropertySpec applies to objects of its type AND its subtypes, and the
// properties collected for an object are the union of all PropertySpecs that apply (vim25 PropertySpec
// docs; vcsim's property_collector.go does the same). So common paths go on the base type (ComputeResource,
// Network) and subtype-only paths on the subtype (ClusterComputeResource, DistributedVirtualPortgroup,
// OpaqueNetwork), never the same path twice; the ContainerView lists the base types only. Subtype-only
// fields of a base-typed property (ClusterConfigInfoEx.dasConfig under ComputeResource.configurationEx) are
// read through the whole property ("configurationEx", "summary"), because a path through a field the
// declared type lacks is not a valid property path.

import type { CollectSpec, MoRef, PropSet } from '../vsphere/api.js';
import { compareVersions } from '../util/version.js';
import { pathDefs } from './fields/field.js';
import { CLUSTER_FIELDS, COMPUTE_RESOURCE_FIELDS } from './fields/cluster.js';
import { DATASTORE_FIELDS } from './fields/datastore.js';
import { HOST_FIELDS } from './fields/host.js';
import { DVPG_FIELDS, NETWORK_FIELDS, OPAQUE_NETWORK_FIELDS } from './fields/network.js';
import { RESOURCE_POOL_FIELDS } from './fields/resource-pool.js';
import { VM_FIELDS } from './fields/vm.js';

export interface PathDef {
  path: string;
  since: string; // vim25 API version that introduced the path
}

// Types without a field table yet list their paths here.
const p = (since: string, ...paths: string[]): PathDef[] => paths.map((path) => ({ path, since }));

export const VM_PROPS: PathDef[] = pathDefs(VM_FIELDS); // the field table (fields/vm.ts)

export const HOST_PROPS: PathDef[] = pathDefs(HOST_FIELDS); // the field table (fields/host.ts)

// ComputeResource: standalone hosts and (as base type) clusters.
export const COMPUTE_RESOURCE_PROPS: PathDef[] = pathDefs(COMPUTE_RESOURCE_FIELDS); // the field table (fields/cluster.ts)
// ClusterComputeResource-only: configurationEx is ClusterConfigInfoEx (dasConfig, dasVmConfig, drsConfig,
// drsVmConfig) and summary is ClusterComputeResourceSummary (currentEVCModeKey).
export const CLUSTER_PROPS: PathDef[] = pathDefs(CLUSTER_FIELDS);

export const DATASTORE_PROPS: PathDef[] = pathDefs(DATASTORE_FIELDS); // the field table (fields/datastore.ts)

// Network and its subtypes: the field tables (fields/network.ts).
export const NETWORK_PROPS: PathDef[] = pathDefs(NETWORK_FIELDS);
export const DVPG_PROPS: PathDef[] = pathDefs(DVPG_FIELDS);
export const OPAQUE_NETWORK_PROPS: PathDef[] = pathDefs(OPAQUE_NETWORK_FIELDS);
const DVS_PROPS: PathDef[] = p('4.0', 'name', 'uuid');

const FOLDER_PROPS: PathDef[] = p('2.0', 'name', 'parent');
const DATACENTER_PROPS: PathDef[] = p('2.0', 'name', 'parent');
// Resource pools and vApps sit between clusters and VMs; their parent chain resolves VM datacenters
// when runtime.host is unset (powered-off VM of a vApp); a cluster's root pool gives its unreserved memory
// (the field table, fields/resource-pool.ts).
const RESOURCE_POOL_PROPS: PathDef[] = pathDefs(RESOURCE_POOL_FIELDS);

export const PROPS_BY_TYPE: Record<string, PathDef[]> = {
  VirtualMachine: VM_PROPS,
  HostSystem: HOST_PROPS,
  ComputeResource: COMPUTE_RESOURCE_PROPS,
  ClusterComputeResource: CLUSTER_PROPS,
  Datastore: DATASTORE_PROPS,
  Network: NETWORK_PROPS,
  DistributedVirtualPortgroup: DVPG_PROPS,
  OpaqueNetwork: OPAQUE_NETWORK_PROPS,
  DistributedVirtualSwitch: DVS_PROPS,
  Folder: FOLDER_PROPS,
  Datacenter: DATACENTER_PROPS,
  ResourcePool: RESOURCE_POOL_PROPS,
};

// ContainerView types: base types only (subtypes are in the view through them).
export const VIEW_TYPES = [
  'Folder',
  'Datacenter',
  'ComputeResource',
  'HostSystem',
  'ResourcePool',
  'VirtualMachine',
  'Datastore',
  'Network',
  'DistributedVirtualSwitch',
];

export function isApiAtLeast(apiVersion: string, since: string): boolean {
  return compareVersions(apiVersion, since) >= 0;
}

export function pathsFor(defs: PathDef[], apiVersion: string): string[] {
  return defs.filter((d) => isApiAtLeast(apiVersion, d.since)).map((d) => d.path);
}

export function propSetsFor(apiVersion: string): PropSet[] {
  return Object.entries(PROPS_BY_TYPE)
    .map(([type, defs]) => ({ type, paths: pathsFor(defs, apiVersion) }))
    .filter((ps) => ps.paths.length > 0);
}

export function buildCollectSpec(apiVersion: string, container?: MoRef, maxObjects?: number): CollectSpec {
  return {
    ...(container ? { container } : {}),
    viewTypes: VIEW_TYPES,
    recursive: true,
    propSets: propSetsFor(apiVersion),
    ...(maxObjects ? { maxObjects } : {}),
  };
}
