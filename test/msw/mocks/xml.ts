// Test helpers for the mock vCenter tests: a tiny XML tree reader, a schema-driven decoder (wire XML ->
// vim values, independent of the mock's serializer), a canonical form for structural comparison, and
// a SOAP caller that talks to MockVcenter.handle.
import { XMLParser } from 'fast-xml-parser';
import { fieldType, isDataType } from '../../../src/vsphere/typing.js';
import type { MockVcenter } from '../../../mocks/index.js';

export interface El {
  name: string; // local name
  attrs: Record<string, string>; // "xsi:type", "type"
  children: El[];
  text: string; // concatenated text (verbatim) when there are no element children
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: false,
});

type Node = Record<string, unknown>;
function toEl(node: Node): El | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return undefined;
  const kids = (node[name] as Node[]) ?? [];
  const children = kids.map(toEl).filter((x): x is El => !!x);
  const text = children.length ? '' : kids.map((k) => String(k['#text'] ?? '')).join('');
  const attrs = Object.fromEntries(Object.entries((node[':@'] as Record<string, string>) ?? {}).filter(([k]) => !k.startsWith('xmlns')));
  return { name: name.replace(/^[^:]*:/, ''), attrs, children, text };
}

export function parseXml(xml: string): El {
  const nodes = parser.parse(xml) as Node[];
  for (const n of nodes) {
    const el = toEl(n);
    if (el) return el;
  }
  throw new Error('no root element');
}

export function child(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}
export function children(el: El, name: string): El[] {
  return el.children.filter((c) => c.name === name);
}
// The element inside soapenv:Body (response or Fault).
export function soapBody(xml: string): El {
  const env = parseXml(xml);
  return child(env, 'Body')!.children[0]!;
}

const local = (t: string) => t.replace(/^[^:]*:/, '');
const PRIMS = new Set([
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

function scalar(type: string, text: string): unknown {
  switch (type) {
    case 'int':
    case 'short':
    case 'byte':
    case 'float':
    case 'double':
      return Number(text);
    case 'long': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : BigInt(text);
    }
    case 'boolean':
      return text === 'true' || text === '1';
    default:
      return text;
  }
}

// Decodes one element whose schema (static) type is `st` (undefined: unknown field -> verbatim text).
export function decode(el: El, st: { type: string; array?: boolean } | undefined): unknown {
  const xsi = el.attrs['xsi:type'] ? local(el.attrs['xsi:type']) : undefined;
  if (xsi?.startsWith('ArrayOf')) {
    const item = xsi.slice(7);
    const itemType = PRIMS.has(item[0]!.toLowerCase() + item.slice(1)) ? item[0]!.toLowerCase() + item.slice(1) : item;
    return el.children.map((c) => decode(c, { type: itemType }));
  }
  const t = xsi ?? st?.type;
  if (t === 'ManagedObjectReference') return { _type: 'ManagedObjectReference', type: el.attrs.type, value: el.text };
  if (t && isDataType(t)) {
    const obj: Record<string, unknown> = { _type: t };
    for (const c of el.children) {
      const ft = fieldType(t, c.name);
      if (!ft && c.children.length) continue; // a structure newer than the schema: see knownOnly()
      const v = decode(c, ft);
      if (ft?.array || (!ft && c.name in obj)) {
        const prev = obj[c.name];
        obj[c.name] = Array.isArray(prev) ? [...prev, v] : prev === undefined ? [v] : [prev, v];
      } else obj[c.name] = v;
    }
    return obj;
  }
  if (!t) return el.children.length ? el.children.map((c) => decode(c, undefined)) : el.text;
  return scalar(t, el.text);
}

// The element without structures newer than the schema (which decode() cannot type), for comparison.
export function knownOnly(el: El, st: { type: string } | undefined): El {
  const xsi = el.attrs['xsi:type'] ? local(el.attrs['xsi:type']) : undefined;
  if (xsi?.startsWith('ArrayOf')) {
    const item = xsi.slice(7);
    return { ...el, children: el.children.map((c) => knownOnly(c, { type: item })) };
  }
  const t = xsi ?? st?.type;
  if (!t || !isDataType(t)) return el;
  const kids = el.children.filter((c) => fieldType(t, c.name) || !c.children.length).map((c) => knownOnly(c, fieldType(t, c.name)));
  return { ...el, children: kids };
}

// Canonical form for structural comparison: element names, xsi:type, MoRef type, text and order.
export interface Canon {
  n: string;
  x?: string; // xsi:type
  t?: string; // MoRef type attribute
  v?: string; // text of a leaf
  c?: Canon[];
}
export function canon(el: El): Canon {
  const out: Canon = { n: el.name };
  if (el.attrs['xsi:type']) out.x = el.attrs['xsi:type'];
  if (el.attrs.type) out.t = el.attrs.type;
  if (el.children.length) out.c = el.children.map(canon);
  else out.v = el.text;
  return out;
}

// Reverses the key order of data objects without fields unknown to the schema, so a test proves the
// serializer restores WSDL order itself.
export function scramble(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scramble);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const entries = Object.entries(o).map(([k, x]) => [k, scramble(x)] as const);
  const t = o._type as string | undefined;
  const allKnown = !!t && isDataType(t) && entries.every(([k]) => k === '_type' || fieldType(t, k));
  return Object.fromEntries(allKnown ? entries.reverse() : entries);
}

export const ENV = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

// A minimal SOAP client over MockVcenter.handle (keeps the session cookie like a real client).
export class Soap {
  cookie = '';
  constructor(readonly mock: MockVcenter) {}
  async call(method: string, thisType: string, thisValue: string, args = ''): Promise<{ status: number; xml: string; body: El }> {
    const res = await this.mock.handle(
      new Request(`${this.mock.baseUrl}/sdk`, {
        method: 'POST',
        body: ENV(`<${method} xmlns="urn:vim25"><_this type="${thisType}">${thisValue}</_this>${args}</${method}>`),
        headers: { 'content-type': 'text/xml; charset=utf-8', ...(this.cookie ? { cookie: this.cookie } : {}) },
      }),
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const xml = await res.text();
    return {
      status: res.status,
      xml,
      body: res.status === 200 || res.status === 500 ? soapBody(xml) : { name: '', attrs: {}, children: [], text: xml },
    };
  }
  login(user: string, password: string) {
    return this.call('Login', 'SessionManager', 'SessionManager', `<userName>${user}</userName><password>${password}</password>`);
  }
  async view(container: { type: string; value: string }, types: string[], recursive = true): Promise<string> {
    const r = await this.call(
      'CreateContainerView',
      'ViewManager',
      'ViewManager',
      `<container type="${container.type}">${container.value}</container>${types.map((t) => `<type>${t}</type>`).join('')}<recursive>${recursive}</recursive>`,
    );
    return child(r.body, 'returnval')!.text;
  }
  retrieve(view: string, propSets: Record<string, string[]>, maxObjects?: number) {
    const ps = Object.entries(propSets)
      .map(([type, paths]) => `<propSet><type>${type}</type>${paths.map((p) => `<pathSet>${p}</pathSet>`).join('')}</propSet>`)
      .join('');
    return this.call(
      'RetrievePropertiesEx',
      'PropertyCollector',
      'propertyCollector',
      `<specSet>${ps}<objectSet><obj type="ContainerView">${view}</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><name>traverseView</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options>${maxObjects ? `<maxObjects>${maxObjects}</maxObjects>` : ''}</options>`,
    );
  }
  continue(token: string) {
    return this.call('ContinueRetrievePropertiesEx', 'PropertyCollector', 'propertyCollector', `<token>${token}</token>`);
  }
}

// objects of a RetrieveResult: moid -> { path -> decoded val } (+ missing paths)
export function objectsOf(
  body: El,
  valType: (obj: { type: string; value: string }, path: string) => { type: string; array: boolean } | undefined,
) {
  const rv = child(body, 'returnval');
  const out = new Map<string, { type: string; props: Record<string, unknown>; missing: Record<string, El> }>();
  for (const o of rv ? children(rv, 'objects') : []) {
    const objEl = child(o, 'obj')!;
    const ref = { type: objEl.attrs.type!, value: objEl.text };
    const props: Record<string, unknown> = {};
    for (const ps of children(o, 'propSet')) {
      const name = child(ps, 'name')!.text;
      props[name] = decode(child(ps, 'val')!, valType(ref, name));
    }
    const missing: Record<string, El> = {};
    for (const m of children(o, 'missingSet')) missing[child(m, 'path')!.text] = child(m, 'fault')!;
    out.set(ref.value, { type: ref.type, props, missing });
  }
  return { objects: out, token: rv && child(rv, 'token')?.text };
}
