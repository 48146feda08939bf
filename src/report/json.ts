// The JSON report: the whole ScanResult (collected inventories included, so `ftscan report scan.json`
// re-renders offline), written as a stream of chunks: the structure is indented, and each element of a
// list of objects (a finding, a VM, an inventory record) is one compact line, so a 45,000-VM report is
// never one string in memory and two scans of the same estate diff line by line. Key order is the order
// the layers build their objects in, which is fixed. src/result/read.ts reads it back. Schema 3.0 writes each
// fact once (src/result/compact.ts): findings against the rule table, assessments against the targets, inventory
// VM records without the fields equal to their schema default; 4.0 also against the findings' positions and the
// inventory (what a record already holds is not repeated).
import {
  ASSESSED,
  type Codec,
  codecOf,
  encodeBaselineFinding,
  encodeCause,
  encodeFinding,
  encodeRule,
  encodeTagged,
  inventoryVmEncoder,
} from '../result/compact.js';
import { SCHEMA_VERSION, type ScanResult } from '../result/types.js';
import { findRule } from '../rules/explain.js';

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
const EXPANDED = new Set(['', 'summary', 'baseline', 'waivers', 'evaluation', 'causes', 'targets', 'targets.*', 'targets.*.inventory']);

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

// How the elements of a list of objects are written, by the list's path: an encoder made once per list.
type Encoder = (c: Codec, list: readonly never[]) => (x: never) => unknown;
const catalogueFacts = (id: string) => {
  const m = findRule(id)?.meta;
  return m ? { remediation: m.remediation, disruption: m.disruption } : undefined;
};
const tagged =
  (type: (typeof ASSESSED)[keyof typeof ASSESSED]): Encoder =>
  (c) =>
  (x) =>
    encodeTagged(x, c, type);
const ENCODERS: Record<string, Encoder> = {
  'evaluation.findings': (c) => (f) => encodeFinding(f, c),
  'baseline.resolved': (c) => (f) => encodeBaselineFinding(f, c),
  'baseline.unverified': (c) => (f) => encodeBaselineFinding(f, c),
  'evaluation.vms': tagged(ASSESSED.vms),
  'evaluation.clusters': tagged(ASSESSED.clusters),
  'evaluation.hosts': tagged(ASSESSED.hosts),
  'evaluation.datastores': tagged(ASSESSED.datastores),
  'causes.list': (c) => (x) => encodeCause(x, c),
  'targets.*.inventory.vms': inventoryVmEncoder,
};

const PIECE = 1 << 11;

function* emit(v: unknown, path: string, indent: string, c: Codec): Generator<string> {
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    const expand = EXPANDED.has(path);
    if (!expand && !v.some((x) => x !== null && typeof x === 'object')) return yield compact(v);
    if (expand) {
      yield '[\n';
      for (let i = 0; i < v.length; i++) {
        yield inner;
        yield* emit(v[i], path ? `${path}.*` : '*', inner, c);
        yield i < v.length - 1 ? ',\n' : '\n';
      }
      return yield `${indent}]`;
    }
    // One line per element, given out in pieces of about 2 KB (a few lines each: fewer, larger chunks).
    const encode = (ENCODERS[path] as ((c: Codec, list: readonly unknown[]) => (x: unknown) => unknown) | undefined)?.(c, v);
    let s = '[\n';
    const last = v.length - 1;
    for (let i = 0; i <= last; i++) {
      s += inner + compact(encode ? encode(v[i]) : v[i]) + (i < last ? ',\n' : '\n');
      if (s.length >= PIECE) {
        yield s;
        s = '';
      }
    }
    return yield `${s}${indent}]`;
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
      yield* emit(obj[k], path ? `${path}.${k}` : k, inner, c);
      yield i < present.length - 1 ? ',\n' : '\n';
    }
    return yield `${indent}}`;
  }
  yield compact(v);
}

/** The report as chunks of text (for streaming to a file). */
export function* chunks(result: ScanResult): Generator<string> {
  // The rule table carries each rule's remediation and disruption (from the catalogue when the result's rows lack
  // them), so the findings need not; the encoding is 3.0 whatever version the result was read from.
  const rules = result.rules?.map((r) => encodeRule(r, catalogueFacts));
  const doc = { ...result, schemaVersion: SCHEMA_VERSION, ...(rules ? { rules } : {}) };
  const c = codecOf(doc);
  // 4.0: evidence items several findings carry verbatim, once (the findings refer to them by position).
  // and the generation reasons several VMs share.
  if (c.shared.length || c.reasons.length)
    doc.evaluation = {
      ...doc.evaluation,
      ...(c.shared.length ? { sharedEvidence: c.shared } : {}),
      ...(c.reasons.length ? { generationReasons: c.reasons } : {}),
    } as typeof doc.evaluation;
  yield* emit(doc, '', '', c);
  yield '\n';
}

/** The whole report as one string: for small results and tests; files are written from chunks(). */
export function render(result: ScanResult): string {
  return [...chunks(result)].join('');
}
