// Tolerant readers over decoded vim25 values (src/vsphere/api.ts conventions). Absent or oddly typed
// values come back as undefined so that normalizers apply defaults.ts instead of crashing.

import type { ObjectContent } from '../vsphere/api.js';

// A property that could not be READ (missingSet) on one object; the model lists these per object.
export interface Unreadable {
  path: string; // vim25 property path that came back in missingSet
  fault: string; // vim25 fault name, e.g. "NoPermission"
  message?: string;
}

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function arr(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strs(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

// xsd:long beyond 2^53 decodes to bigint; the model keeps numbers (exact up to 8 PiB in bytes).
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function typeOf(v: unknown): string | undefined {
  return str(obj(v)?._type);
}

export function moid(v: unknown): string | undefined {
  const o = obj(v);
  return o && typeof o.value === 'string' ? o.value : undefined;
}

export function moType(v: unknown): string | undefined {
  const o = obj(v);
  return o && typeof o.type === 'string' ? o.type : undefined;
}

export function moids(v: unknown): string[] {
  return arr(v)
    .map(moid)
    .filter((x): x is string => x !== undefined);
}

// Walks a dotted path inside a decoded data object: get(v, 'linkSpeed.speedMb').
export function get(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const part of path.split('.')) {
    const o = obj(cur);
    if (!o) return undefined;
    cur = o[part];
  }
  return cur;
}

// A property by its full path from an ObjectContent's props. The collector asks for narrow paths
// ("config.hardware.device"), but a wider read ("config") answers too: the value is walked from the
// longest prefix present, so the normalizers also accept recordings that read whole objects.
export function prop(props: Record<string, unknown>, path: string): unknown {
  if (path in props) return props[path];
  for (const [prefix, rest] of prefixesOf(path)) if (prefix in props) return get(props[prefix], rest);
  return undefined;
}

// A path's proper prefixes, longest first, each with the rest of the path: computed once per path (the field
// tables ask the same few hundred paths of every object, and most are absent), so a miss slices nothing.
const prefixCache = new Map<string, [prefix: string, rest: string][]>();
function prefixesOf(path: string): [string, string][] {
  let list = prefixCache.get(path);
  if (list === undefined) {
    list = [];
    for (let cut = path.lastIndexOf('.'); cut > 0; cut = path.lastIndexOf('.', cut - 1))
      list.push([path.slice(0, cut), path.slice(cut + 1)]);
    if (prefixCache.size < 10_000) prefixCache.set(path, list); // bounded: a recording's paths come from a file
  }
  return list;
}

// The object's missingSet as the model's `unreadable` list (every normalizer carries one).
export function unreadableOf(oc: ObjectContent): Unreadable[] {
  return oc.missing.map((m) => ({ path: m.path, fault: m.faultName, ...(m.message ? { message: m.message } : {}) }));
}
