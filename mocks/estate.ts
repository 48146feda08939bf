// The estate description that drives the mock vCenter: every managed object with its vim25 properties in the
// decoded-value convention of src/vsphere/api.ts (data objects carry `_type`, MoRefs are
// `{ _type: 'ManagedObjectReference', type, value }`, repeated fields are arrays, huge longs are bigint).
// The handlers answer any dotted property path by walking `props`; nothing here is shaped for our parser.

export type VimValue = unknown;

export interface MoRefValue {
  _type: 'ManagedObjectReference';
  type: string;
  value: string;
}

export type ManagedObjectType =
  | 'Folder'
  | 'Datacenter'
  | 'ComputeResource'
  | 'ClusterComputeResource'
  | 'HostSystem'
  | 'ResourcePool'
  | 'VirtualApp'
  | 'VirtualMachine'
  | 'Datastore'
  | 'StoragePod'
  | 'Network'
  | 'DistributedVirtualPortgroup'
  | 'OpaqueNetwork'
  | 'VmwareDistributedVirtualSwitch';

export interface MockObject {
  type: ManagedObjectType;
  moid: string;
  // Inventory parent (Folder, Datacenter, cluster, resource pool). Also exposed as the `parent` property.
  parent?: MoRefValue;
  // Top-level managed-object properties: name, config, runtime, summary, hardware, capability, ...
  props: Record<string, VimValue>;
}

// Privileges per entity moid; '*' applies to every entity. A user without `privileges` has all of them.
export type PrivilegeGrants = Record<string, string[]>;

export interface MockUser {
  name: string; // "ftscan@vsphere.local"
  password: string;
  privileges?: PrivilegeGrants;
  // Privileges a property read needs, checked per object: without System.Read on an object the user
  // gets NoPermission in missingSet for every path of that object (vCenter behaviour).
}

export interface TagCategory {
  id: string; // "urn:vmomi:InventoryServiceCategory:...:GLOBAL"
  name: string;
  description?: string;
  cardinality?: 'SINGLE' | 'MULTIPLE';
  associableTypes?: string[];
}

export interface Tag {
  id: string; // "urn:vmomi:InventoryServiceTag:...:GLOBAL"
  categoryId: string;
  name: string;
  description?: string;
}

export interface TagAttachment {
  tagId: string;
  object: { type: string; id: string }; // DynamicID: { type: 'VirtualMachine', id: 'vm-123' }
}

export interface TagEstate {
  categories: TagCategory[];
  tags: Tag[];
  attachments: TagAttachment[];
}

export interface LicenseInfo {
  editionKey: string; // "esx.enterprisePlus.cpuPackage"
  name: string; // "VMware vSphere 7 Enterprise Plus"
  licenseKey?: string;
  costUnit?: string;
}

export type RestFlavour = 'api' | 'rest' | 'both';

export interface Estate {
  about: VimValue; // AboutInfo data object ({ _type: 'AboutInfo', name, fullName, ..., apiType: 'VirtualCenter' })
  objects: MockObject[];
  users: MockUser[];
  tags?: TagEstate;
  restFlavour?: RestFlavour; // default 'both'
  // Answers of QueryFaultToleranceCompatibility(Ex) per VM moid: LocalizedMethodFault values
  // ({ _type: 'LocalizedMethodFault', fault: { _type: 'VmFaultToleranceConfigIssue', reason: 'hasSnapshots' }, localizedMessage }).
  ftCompat?: Record<string, VimValue[]>;
  licenses?: Record<string, LicenseInfo>; // by host moid
}

export function moref(type: string, value: string): MoRefValue {
  return { _type: 'ManagedObjectReference', type, value };
}

export function isMoRef(v: unknown): v is MoRefValue {
  return typeof v === 'object' && v !== null && (v as { _type?: unknown })._type === 'ManagedObjectReference';
}
