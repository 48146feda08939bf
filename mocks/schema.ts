// The vim25 schema as the mock needs it, on top of src/vsphere/typing.ts (the shared type table
// src/vsphere/vim-types.json, the same one the decoders use). Two things are added here: the WSDL field order
// (mocks/vim-field-order.json; the shared table keeps fields sorted by name, vCenter writes them in order)
// and property paths through subtype fields (`summary.currentEVCModeKey` on a cluster, whose `summary` is
// declared ComputeResourceSummary), which vCenter accepts.
import { createRequire } from 'node:module';
import {
  baseOf,
  fieldsOf,
  isDataType,
  isEnum,
  isManagedType,
  isSubtypeOf,
  methodReturnType as sharedReturnType,
  type FieldType,
} from '../src/vsphere/typing.js';
import table from '../src/vsphere/vim-types.json' with { type: 'json' };

export type { FieldType };
export { isDataType, isEnum, isManagedType };

const require = createRequire(import.meta.url);
const fieldOrder = require('./vim-field-order.json') as Record<string, string[]>;
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

export interface OrderedField {
  name: string;
  type: FieldType;
}

const orderedCache = new Map<string, OrderedField[]>();
const fieldMapCache = new Map<string, Map<string, { type: FieldType; rank: number }>>();

// All fields of a data type, inherited ones first, each level in WSDL order.
export function orderedFields(type: string): OrderedField[] {
  let out = orderedCache.get(type);
  if (out) return out;
  const base = baseOf(type);
  out = base ? [...orderedFields(base)] : [];
  const inherited = new Set(out.map((f) => f.name));
  const all = fieldsOf(type) ?? new Map<string, FieldType>();
  const own = [...all.keys()].filter((n) => !inherited.has(n));
  const declared = fieldOrder[type] ?? [];
  const names = [...declared.filter((n) => own.includes(n)), ...own.filter((n) => !declared.includes(n)).sort()];
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

export function fieldType(type: string, field: string): FieldType | undefined {
  return fieldMap(type).get(field)?.type;
}

export function fieldRank(type: string, field: string): number | undefined {
  return fieldMap(type).get(field)?.rank;
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
export function fieldTypeOrSubtype(type: string, field: string): FieldType | undefined {
  const direct = fieldType(type, field);
  if (direct) return direct;
  for (const sub of subtypesOf(type)) {
    const t = fieldTypeOrSubtype(sub, field);
    if (t) return t;
  }
  return undefined;
}

// Static type of a managed object's top-level property (inherited properties included).
export function managedPropertyType(moType: string, prop: string): FieldType | undefined {
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
