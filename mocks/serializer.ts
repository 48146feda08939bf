// The ONE serializer of the mock vCenter: vim values (decoded-value convention of src/vsphere/api.ts) to
// vim25 XML exactly as vpxd writes it (shared/fixtures/real/NOTES.md items 1, 6-11, 14, 16):
// - every propSet `val` (and every ArrayOfX item) carries xsi:type: xsd:string, enum names, data types,
//   ArrayOfX whose items are named after the item type (<VirtualDevice xsi:type="VirtualDisk">, <string>);
// - nested fields carry xsi:type only where the runtime type differs from the schema's static type;
// - arrays inside data objects are repeated sibling elements; fields follow the WSDL order;
// - MoRefs are <obj type="HostSystem">host-1</obj>; "" is <x></x>; text is escaped.
import { fieldMap, XSD_TYPES, type FieldType } from './schema.js';
import { isMoRef } from './estate.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const ESC_RE = /[&<>"']/g;
const NEEDS_ESC = /[&<>"']/;

export function escapeXml(text: string): string {
  return NEEDS_ESC.test(text) ? text.replace(ESC_RE, (c) => ESC[c]!) : text;
}

// Copied from real vpxd responses (fog-vsphere/get_template.yml): newlines between envelope parts.
export const ENVELOPE_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"\n' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"\n' +
  ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"\n' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
  '<soapenv:Body>\n';
const ENVELOPE_TAIL = '\n</soapenv:Body>\n</soapenv:Envelope>';

// A field the schema does not know: written untyped, as a newer vCenter would (its schema knows it).
const UNKNOWN_FIELD: FieldType = { type: '?', array: false };

interface DataObject {
  _type: string;
  [k: string]: unknown;
}

function isDataObject(v: unknown): v is DataObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as DataObject)._type === 'string';
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return escapeXml(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v); // number, bigint
}

// xsi:type of a value whose static type says nothing (anyType) or that must be typed (val, ArrayOf items).
function runtimeTypeName(v: unknown, st: FieldType | undefined): string {
  if (isMoRef(v)) return 'ManagedObjectReference';
  if (isDataObject(v)) return v._type;
  if (st && st.type !== 'anyType') return XSD_TYPES.has(st.type) ? `xsd:${st.type}` : st.type;
  if (typeof v === 'boolean') return 'xsd:boolean';
  if (typeof v === 'bigint') return 'xsd:long';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'xsd:double';
    return v >= -2147483648 && v <= 2147483647 ? 'xsd:int' : 'xsd:long';
  }
  return 'xsd:string';
}

function arrayItemName(st: FieldType | undefined, items: unknown[]): string {
  if (st && st.type !== 'anyType') return st.type; // "string", "int", "VirtualDevice", "ManagedObjectReference"
  const first = items[0];
  if (isMoRef(first)) return 'ManagedObjectReference';
  if (isDataObject(first)) return first._type;
  return runtimeTypeName(first, undefined).replace('xsd:', '');
}

function arrayTypeName(itemName: string): string {
  return 'ArrayOf' + itemName.charAt(0).toUpperCase() + itemName.slice(1);
}

// Writes one element `name` holding `value` whose schema (static) type is `st`; `typed` forces xsi:type.
export function serializeValue(name: string, value: unknown, st: FieldType | undefined, out: string[], typed = false): void {
  if (value === undefined || value === null) return;
  const kind = typeof value;
  if (kind !== 'object') {
    // Leaf fast path: most elements of a page are plainly typed scalars.
    if (!typed && st && st.type !== 'anyType') out.push(`<${name}>${scalarText(value)}</${name}>`);
    else out.push(`<${name} xsi:type="${runtimeTypeName(value, st)}">${scalarText(value)}</${name}>`);
    return;
  }
  if (Array.isArray(value)) {
    if ((st?.array || st === UNKNOWN_FIELD) && !typed) {
      // Repeated field inside a data object: sibling elements, no wrapper.
      const item = st === UNKNOWN_FIELD ? st : { type: st!.type, array: false };
      for (const v of value) serializeValue(name, v, item, out);
      return;
    }
    // The array is the whole value (propSet val, anyType field): ArrayOfX with items named after X.
    const itemName = arrayItemName(st, value);
    const itemSt = { type: itemName, array: false };
    out.push(`<${name} xsi:type="${arrayTypeName(itemName)}">`);
    for (const v of value) serializeValue(itemName, v, itemSt, out, true);
    out.push(`</${name}>`);
    return;
  }
  if (isMoRef(value)) {
    const typeAttr =
      typed || !st || (st.type !== 'ManagedObjectReference' && st !== UNKNOWN_FIELD) ? ' xsi:type="ManagedObjectReference"' : '';
    out.push(`<${name} type="${escapeXml(value.type)}"${typeAttr}>${escapeXml(value.value)}</${name}>`);
    return;
  }
  if (isDataObject(value)) {
    const t = value._type;
    const untyped = !typed && st && (st.type === t || st === UNKNOWN_FIELD);
    out.push(untyped ? `<${name}>` : `<${name} xsi:type="${escapeXml(t)}">`);
    serializeFields(value, out);
    out.push(`</${name}>`);
    return;
  }
  const needsType = typed || !st || st.type === 'anyType';
  out.push(needsType ? `<${name} xsi:type="${runtimeTypeName(value, st)}">` : `<${name}>`);
  out.push(scalarText(value), `</${name}>`);
}

// Fields in WSDL order. A field the schema does not know (newer than the table) keeps its place after
// the known field that precedes it in the object, so round-tripping a newer vCenter's data is stable.
function serializeFields(obj: DataObject, out: string[]): void {
  const fm = fieldMap(obj._type);
  const keys = Object.keys(obj);
  const ranks = new Array<number>(keys.length);
  let last = -1;
  let prev = -Infinity;
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '_type') {
      ranks[i] = -1;
      continue;
    }
    const r = fm.get(key)?.rank;
    const rank = r === undefined ? last + 0.5 : r;
    if (r !== undefined) last = r;
    if (rank < prev) sorted = false;
    prev = rank;
    ranks[i] = rank;
  }
  let order: number[] | undefined;
  if (!sorted) order = keys.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!);
  for (let j = 0; j < keys.length; j++) {
    const i = order ? order[j]! : j;
    if (ranks[i] === -1) continue;
    const key = keys[i]!;
    serializeValue(key, obj[key], fm.get(key)?.type ?? UNKNOWN_FIELD, out);
  }
}

// propSet/val, FetchResponse/returnval: always typed.
export function serializeTypedValue(name: string, value: unknown, st: FieldType | undefined, out: string[]): void {
  if (Array.isArray(value) && !st?.array && st) st = { type: st.type, array: true };
  serializeValue(name, value, st, out, true);
}

export function serializeEnvelope(method: string, body: string): string {
  return `${ENVELOPE_HEAD}<${method}Response xmlns="urn:vim25">${body}</${method}Response>${ENVELOPE_TAIL}`;
}

// A method's answer: `returnval` repeated for array return types, absent when undefined.
export function serializeResponse(method: string, returnval: unknown, rt: FieldType | undefined): string {
  const out: string[] = [];
  if (Array.isArray(returnval)) {
    const item = rt ? { type: rt.type, array: false } : undefined;
    for (const v of returnval) serializeValue('returnval', v, item, out);
  } else {
    serializeValue('returnval', returnval, rt ? { type: rt.type, array: false } : undefined, out);
  }
  return serializeEnvelope(method, out.join(''));
}

// soapenv:Fault as vpxd writes it (HTTP 500): detail element `<Name>Fault` typed with xsi:type.
export function serializeFault(faultName: string, fields: Record<string, unknown> = {}, faultString = ''): string {
  const out: string[] = [];
  serializeFields({ ...fields, _type: faultName }, out);
  return (
    `${ENVELOPE_HEAD}<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${escapeXml(faultString)}</faultstring>` +
    `<detail><${faultName}Fault xmlns="urn:vim25" xsi:type="${faultName}">${out.join('')}</${faultName}Fault></detail>` +
    `</soapenv:Fault>${ENVELOPE_TAIL}`
  );
}
