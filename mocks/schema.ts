// The vim25 schema as the mock needs it: static field types from the shared type table
// (src/vsphere/vim-types.json, the same one the decoders use) and the WSDL field order from
// mocks/vim-field-order.json (the shared table keeps fields sorted by name; vCenter writes them in order).
import { createRequire } from 'node:module';

interface TypeDef {
  b?: string;
  f?: Record<string, string>;
}
interface TypeTable {
  types: Record<string, TypeDef>;
  managed: Record<string, TypeDef>;
  methods: Record<string, string>;
  enums: string[];
}

const require = createRequire(import.meta.url);
const table = require('../src/vsphere/vim-types.json') as TypeTable;
const fieldOrder = require('./vim-field-order.json') as Record<string, string[]>;

export interface FieldType {
  type: string; // "int", "VirtualDevice", "ManagedObjectReference", "anyType"...
  array: boolean;
}

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

const enums = new Set(table.enums);

export function parseFieldType(t: string): FieldType {
  return t.endsWith('[]') ? { type: t.slice(0, -2), array: true } : { type: t, array: false };
}

export function isEnum(type: string): boolean {
  return enums.has(type);
}

export function isDataType(type: string): boolean {
  return type in table.types;
}

export function isManagedType(type: string): boolean {
  return type in table.managed || type === 'ManagedEntity' || type === 'ExtensibleManagedObject';
}

export function methodReturnType(method: string): FieldType | undefined {
  const t = table.methods[method];
  return t === undefined ? undefined : t === '' ? undefined : parseFieldType(t);
}

export function isKnownMethod(method: string): boolean {
  return method in table.methods;
}

function baseOf(type: string): string | undefined {
  const def = table.types[type] ?? table.managed[type];
  if (!def) return undefined;
  if (def.b) return def.b;
  return type in table.types && type !== 'DynamicData' ? 'DynamicData' : undefined;
}

// `type` is `base` or derives from it (data and managed types).
export function isA(type: string, base: string): boolean {
  for (let t: string | undefined = type; t; t = baseOf(t)) if (t === base) return true;
  return false;
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
  const def = table.types[type] ?? table.managed[type];
  const base = baseOf(type);
  out = base ? [...orderedFields(base)] : [];
  const own = def?.f ?? {};
  const declared = fieldOrder[type] ?? [];
  const names = [...declared.filter((n) => n in own), ...Object.keys(own).filter((n) => !declared.includes(n))];
  for (const n of names) out.push({ name: n, type: parseFieldType(own[n]!) });
  orderedCache.set(type, out);
  return out;
}

function fieldMap(type: string): Map<string, { type: FieldType; rank: number }> {
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
    for (const name of [...Object.keys(table.types), ...Object.keys(table.managed)]) {
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
  for (let t: string | undefined = moType; t; t = table.managed[t]?.b) {
    const f = table.managed[t]?.f?.[prop];
    if (f) return parseFieldType(f);
  }
  return undefined;
}

export function managedProperties(moType: string): string[] {
  const out: string[] = [];
  for (let t: string | undefined = moType; t; t = table.managed[t]?.b) out.push(...Object.keys(table.managed[t]?.f ?? {}));
  return out;
}

// Static type at the end of a property path, or undefined when the path does not exist in the schema
// (vCenter then fails the whole call with InvalidProperty). Arrays cannot be traversed.
export function pathType(moType: string, path: string): FieldType | undefined {
  const [head, ...rest] = path.split('.');
  let t = managedPropertyType(moType, head!);
  for (const seg of rest) {
    if (!t || t.array || !isDataType(t.type)) return undefined;
    t = fieldTypeOrSubtype(t.type, seg);
  }
  return t;
}
