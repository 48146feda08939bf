// The JSON report: the whole ScanResult (collected inventories included, so `ftscan report scan.json`
// re-renders offline), written as a stream of chunks: the structure is indented, and each element of a
// list of objects (a finding, a VM, an inventory record) is one compact line, so a 45,000-VM report is
// never one string in memory and two scans of the same estate diff line by line. Key order is the order
// the layers build their objects in, which is fixed. src/result/read.ts reads it back.
import type { ScanResult } from '../result/types.js';

// Top-level keys in reading order.
const TOP_KEYS = [
  'schemaVersion',
  'tool',
  'startedAt',
  'finishedAt',
  'profile',
  'targetCluster',
  'notFound',
  'complete',
  'summary',
  'baseline',
  'waivers',
  'evaluation',
  'rules',
  'targets',
];

// Containers laid out over several lines (path segments; '*' = any array index); everything else inside a
// list of objects is one line per element.
const EXPANDED = new Set(['', 'summary', 'baseline', 'waivers', 'evaluation', 'targets', 'targets.*', 'targets.*.inventory']);

// The inventory is number-only; a bigint is a stray raw value in evidence: keep it exact and printable.
const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v);

function compact(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch (e) {
    if (e instanceof TypeError) return JSON.stringify(v, bigints); // only when a bigint is present: the replacer is slow
    throw e;
  }
}

function* emit(v: unknown, path: string, indent: string): Generator<string> {
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    const expand = EXPANDED.has(path);
    if (!expand && !v.some((x) => x !== null && typeof x === 'object')) return yield compact(v);
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield inner;
      if (expand) yield* emit(v[i], path ? `${path}.*` : '*', inner);
      else yield compact(v[i]);
      yield i < v.length - 1 ? ',\n' : '\n';
    }
    return yield `${indent}]`;
  }
  if (v !== null && typeof v === 'object' && EXPANDED.has(path)) {
    const obj = v as Record<string, unknown>;
    const keys =
      path === ''
        ? [
            ...TOP_KEYS.filter((k) => k in obj),
            ...Object.keys(obj)
              .filter((k) => !TOP_KEYS.includes(k))
              .sort(),
          ]
        : Object.keys(obj);
    const present = keys.filter((k) => obj[k] !== undefined);
    yield '{\n';
    for (let i = 0; i < present.length; i++) {
      const k = present[i]!;
      yield `${inner}${JSON.stringify(k)}: `;
      yield* emit(obj[k], path ? `${path}.${k}` : k, inner);
      yield i < present.length - 1 ? ',\n' : '\n';
    }
    return yield `${indent}}`;
  }
  yield compact(v);
}

/** The report as chunks of text (for streaming to a file). */
export function* chunks(result: ScanResult): Generator<string> {
  yield* emit(result, '', '');
  yield '\n';
}

/** The whole report as one string: for small results and tests; files are written from chunks(). */
export function render(result: ScanResult): string {
  return [...chunks(result)].join('');
}
