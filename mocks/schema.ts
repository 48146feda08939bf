// The vim25 schema as the mock needs it, on top of src/vsphere/typing.ts (the shared type table
// src/vsphere/vim-types.json, the same one the decoders use, fields in WSDL order). Two things are added here:
// the place of the fields newer than the table's govmomi source (AFTER), and property paths through subtype
// fields (`summary.currentEVCModeKey` on a cluster, whose `summary` is declared ComputeResourceSummary), which
// vCenter accepts.
import {
  baseOf,
  fieldsOf,
  isDataType,
  isManagedType,
  isSubtypeOf,
  methodReturnType as sharedReturnType,
  type FieldType,
} from '../src/vsphere/typing.js';
import table from '../src/vsphere/vim-types.json' with { type: 'json' };

export type { FieldType };
export { isManagedType };

const allTypes = [...Object.keys(table.types), ...Object.keys(table.managed)];

export const XSD_TYPES = new Set([
  'string',
  'boolean',
  'int',
  'long',
  'short',
  'byte',
  'float',
  'double',
  'dateTime',
  'anyType',
  'base64Binary',
  'anyURI',
]);

export function methodReturnType(method: string): FieldType | undefined {
  return sharedReturnType(method) ?? undefined;
}

export function isKnownMethod(method: string): boolean {
  return sharedReturnType(method) !== undefined;
}

// `type` is `base` or derives from it (data and managed types).
export function isA(type: string, base: string): boolean {
  return isSubtypeOf(type, base);
}

// Fields newer than govmomi 0.24.2 that the shared table appends (scripts/gen-vim-types.ts OVERLAY), placed
// after the field a real vCenter 8 writes them after (pyvmomi/test_json_vm_explode_default.yaml).
const AFTER: Record<string, Record<string, string>> = {
  VirtualMachineConfigInfo: { ftEncryptionMode: 'sgxInfo', pmemFailoverEnabled: 'sevEnabled' },
  HostCpuPackage: { family: 'cpuFeature', model: 'family', stepping: 'model' },
  HostCapability: { encryptedFtSupported: 'ftVmcpSupported' },
};

interface OrderedField {
  name: string;
  type: FieldType;
}

const orderedCache = new Map<string, OrderedField[]>();
const fieldMapCache = new Map<string, Map<string, { type: FieldType; rank: number }>>();

// All fields of a data type, inherited ones first, each level in WSDL order.
function orderedFields(type: string): OrderedField[] {
  let out = orderedCache.get(type);
  if (out) return out;
  const base = baseOf(type);
  out = base ? [...orderedFields(base)] : [];
  const inherited = new Set(out.map((f) => f.name));
  const all = fieldsOf(type) ?? new Map<string, FieldType>();
  const names = [...all.keys()].filter((n) => !inherited.has(n));
  for (const [field, after] of Object.entries(AFTER[type] ?? {})) {
    if (!names.includes(field) || !names.includes(after)) throw new Error(`mocks/schema.ts AFTER: ${type} has no ${field} or ${after}`);
    names.splice(names.indexOf(field), 1);
    names.splice(names.indexOf(after) + 1, 0, field);
  }
  for (const n of names) out.push({ name: n, type: all.get(n)! });
  orderedCache.set(type, out);
  return out;
}

export function fieldMap(type: string): Map<string, { type: FieldType; rank: number }> {
  let m = fieldMapCache.get(type);
  if (!m) {
    m = new Map(orderedFields(type).map((f, i) => [f.name, { type: f.type, rank: i }]));
    fieldMapCache.set(type, m);
  }
  return m;
}

function fieldType(type: string, field: string): FieldType | undefined {
  return fieldMap(type).get(field)?.type;
}

let subtypes: Map<string, string[]> | undefined;
function subtypesOf(type: string): string[] {
  if (!subtypes) {
    subtypes = new Map();
    for (const name of allTypes) {
      const b = baseOf(name);
      if (b) subtypes.set(b, [...(subtypes.get(b) ?? []), name]);
    }
  }
  return subtypes.get(type) ?? [];
}

// The static type of `field` on `type` or, failing that, on any subtype: a property path such as
// `summary.currentEVCModeKey` on a cluster is valid although `summary` is declared ComputeResourceSummary.
function fieldTypeOrSubtype(type: string, field: string): FieldType | undefined {
  const direct = fieldType(type, field);
  if (direct) return direct;
  for (const sub of subtypesOf(type)) {
    const t = fieldTypeOrSubtype(sub, field);
    if (t) return t;
  }
  return undefined;
}

// Static type of a managed object's top-level property (inherited properties included).
function managedPropertyType(moType: string, prop: string): FieldType | undefined {
  return isManagedType(moType) ? fieldsOf(moType)?.get(prop) : undefined;
}

// Static type at the end of a property path, or undefined when the path does not exist in the schema
// (vCenter then fails the whole call with InvalidProperty). Arrays cannot be traversed.
const pathCache = new Map<string, FieldType | null>();
export function pathType(moType: string, path: string): FieldType | undefined {
  const key = moType + ' ' + path;
  let hit = pathCache.get(key);
  if (hit === undefined) pathCache.set(key, (hit = walkPath(moType, path) ?? null));
  return hit ?? undefined;
}

function walkPath(moType: string, path: string): FieldType | undefined {
  const [head, ...rest] = path.split('.');
  let t = managedPropertyType(moType, head!);
  for (const seg of rest) {
    if (!t || t.array || !isDataType(t.type)) return undefined;
    t = fieldTypeOrSubtype(t.type, seg);
  }
  return t;
}
