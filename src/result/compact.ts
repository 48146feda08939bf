// Schema 3.0 writes each fact once (issue 21): what belongs to a rule (severity, scope, remediation, disruption,
// title, generations) is in the report's `rules` table, what belongs to a vCenter (its URL) in `targets`, and an
// inventory field equal to its schema `default` is left out. A finding keeps what is its own: its object, message,
// evidence, policy marks, and a severity / remediation / disruption only where it differs from its rule's. The
// in-memory ScanResult keeps its full shape: `encode*` run as the JSON is written (src/report/json.ts), `decode*`
// as it is read back (src/result/read.ts), so every renderer, the baseline, merge and notify see the same values.
import { NO_SECONDARY_SEPARATOR, noSecondaryMessage, noSecondaryPrefix } from '../rules/pairing.js';
import type { Evidence, Finding, Generation, Profile, Scope } from '../rules/types.js';
import { loadSchema } from './schemas.js';
import type { RuleSummary, ScanResult } from './types.js';

// The rule whose host analysis is written once per cluster (policy/causes.ts names it the same way).
const SECONDARY_HOST_RULE = 'vm-secondary-host';

/** The object type a finding of each scope is about (written only when a finding differs). */
const OBJECT_TYPE_OF_SCOPE: Record<Scope, Evidence['objectType']> = {
  vm: 'VirtualMachine',
  host: 'HostSystem',
  cluster: 'ClusterComputeResource',
  datastore: 'Datastore',
  vcenter: 'vCenter',
};

type RuleFacts = Pick<RuleSummary, 'severity' | 'scope' | 'generations' | 'remediation' | 'disruption'>;

/** What a 3.0 report's findings and assessments are written against: its rule table, targets and profile. */
export interface Codec {
  rules: Map<string, RuleFacts>;
  servers: string[];
  targetOf: Map<string, number>;
  profile: Profile;
  names: Map<string, Names>; // per target server: what its inventory names
  vmGeneration: Map<string, Generation>; // server + VM moid -> the generation the VM was evaluated for
  vmCluster: Map<string, { clusterMoid?: string; clusterName?: string }>; // server + VM moid -> where it is judged
  // vm-secondary-host: per server + cluster moid, the cluster's host analysis (the groups of "no other host in
  // cluster C can hold the secondary: <group> | <group>"), each group once; per finding, its groups by index.
  hostAnalysis: Map<string, { groups: string[]; index: Map<string, number> }>;
  groupsOf: Map<Finding, number[]>;
  // Evidence that is the first evidence item of a host finding (a secondary candidate's reason): written as a
  // reference to that finding. Keyed by server + object + path.
  hostEvidence: Map<string, { id: string; evidence: Evidence }>;
}

interface Names {
  hosts: Map<string, string>;
  clusters: Map<string, string>;
}

const key = (server: string | undefined, moid: unknown) => `${server ?? ''}\u0000${String(moid)}`;
const byMoid = (xs: { moid: string; name: string }[] | undefined) => new Map((xs ?? []).map((x) => [x.moid, x.name]));

export function codecOf(r: Pick<ScanResult, 'rules' | 'targets' | 'profile' | 'evaluation'>): Codec {
  const servers = r.targets.map((t) => t.server);
  const c: Codec = {
    rules: new Map((r.rules ?? []).map((x) => [x.id, x])),
    servers,
    targetOf: new Map(servers.map((s, i) => [s, i])),
    profile: r.profile,
    names: new Map(),
    vmGeneration: new Map(),
    vmCluster: new Map(),
    hostAnalysis: new Map(),
    groupsOf: new Map(),
    hostEvidence: new Map(),
  };
  for (const t of r.targets) {
    const inv = t.inventory;
    if (inv)
      c.names.set(t.server, {
        hosts: byMoid(inv.hosts),
        clusters: byMoid(inv.clusters),
      });
  }
  vmFacts(c, r.evaluation.vms);
  const findings = r.evaluation.findings;
  for (const f of findings) {
    const ev = f.scope === 'host' ? f.evidence[0] : undefined;
    const k = ev && evidenceKey(f.server ?? soleServer(c), ev);
    if (k && !c.hostEvidence.has(k)) c.hostEvidence.set(k, { id: f.id, evidence: ev! });
  }
  for (const f of findings) {
    if (f.ruleId !== SECONDARY_HOST_RULE) continue;
    const server = f.server ?? soleServer(c);
    const place = c.vmCluster.get(key(server, f.moid));
    if (place?.clusterMoid === undefined || place.clusterName === undefined) continue;
    const prefix = noSecondaryPrefix(place.clusterName);
    if (!f.message.startsWith(prefix)) continue;
    const k = key(server, place.clusterMoid);
    let t = c.hostAnalysis.get(k);
    if (!t) c.hostAnalysis.set(k, (t = { groups: [], index: new Map() }));
    const table = t;
    const refs = f.message
      .slice(prefix.length)
      .split(NO_SECONDARY_SEPARATOR)
      .map((g) => {
        let i = table.index.get(g);
        if (i === undefined) table.index.set(g, (i = table.groups.push(g) - 1));
        return i;
      });
    c.groupsOf.set(f, refs);
  }
  return c;
}

const evidenceKey = (server: string | undefined, e: Evidence) => `${server ?? ''}\u0000${e.objectType}\u0000${e.moid}\u0000${e.path}`;

function vmFacts(
  c: Codec,
  vms: readonly { moid: string; server?: string; generation: Generation | null; clusterMoid?: string; clusterName?: string }[],
): void {
  for (const v of vms) {
    const k = key(v.server ?? soleServer(c), v.moid);
    if (v.generation) c.vmGeneration.set(k, v.generation);
    c.vmCluster.set(k, { clusterMoid: v.clusterMoid, clusterName: v.clusterName });
  }
}

const soleServer = (c: Codec) => (c.servers.length === 1 ? c.servers[0] : undefined);

// The generation a finding has unless it says otherwise: its rule's only one, else that of the VM it is about or
// attached to, else the --profile's.
function defaultGeneration(
  c: Codec,
  rule: RuleFacts | undefined,
  f: { scope: unknown; moid: unknown; vmMoid?: unknown },
  server: string | undefined,
): Generation | undefined {
  if (rule?.generations?.length === 1) return rule.generations[0];
  const vm = f.scope === 'vm' ? f.moid : f.vmMoid;
  const g = vm === undefined ? undefined : c.vmGeneration.get(key(server, vm));
  return g ?? (c.profile === 'auto' ? undefined : c.profile);
}

// Keys a finding always has, written (or left out) in this order; any other key follows as it is.
const FINDING_KEYS = new Set([
  'id',
  'ruleId',
  'severity',
  'scope',
  'objectType',
  'moid',
  'name',
  'generation',
  'message',
  'evidence',
  'remediation',
  'disruption',
  'source',
  'server',
]);

/** A finding as schema 3.0 writes it. */
export function encodeFinding(f: Finding, c: Codec): Record<string, unknown> {
  const rule = c.rules.get(f.ruleId);
  const out: Record<string, unknown> = { id: f.id, ruleId: f.ruleId };
  if (f.severity !== rule?.severity) out.severity = f.severity;
  if (f.scope !== rule?.scope) out.scope = f.scope;
  if (f.objectType !== OBJECT_TYPE_OF_SCOPE[f.scope]) out.objectType = f.objectType;
  out.moid = f.moid;
  out.name = f.name;
  if (f.generation !== defaultGeneration(c, rule, f, f.server ?? soleServer(c))) out.generation = f.generation;
  const groups = c.groupsOf.get(f);
  if (groups) out.secondaryHosts = groups;
  else out.message = f.message;
  const server = f.server ?? soleServer(c);
  out.evidence = f.evidence.map((e) => {
    if (e.moid === f.moid && e.objectType === f.objectType && e.name === f.name) return ownEvidence(e);
    const ref = f.scope === 'host' ? undefined : c.hostEvidence.get(evidenceKey(server, e));
    return ref && (ref.evidence === e || JSON.stringify(ref.evidence) === JSON.stringify(e)) ? { finding: ref.id } : e;
  });
  if (f.remediation !== rule?.remediation) out.remediation = f.remediation;
  if (f.disruption !== rule?.disruption) out.disruption = f.disruption;
  if (f.source !== 'ftscan') out.source = f.source;
  for (const k in f) if (!FINDING_KEYS.has(k)) out[k] = (f as unknown as Record<string, unknown>)[k];
  if (f.server !== undefined) placeServer(out, f.server, c);
  return out;
}

function ownEvidence(e: Evidence): Record<string, unknown> {
  const out: Record<string, unknown> = { path: e.path, observed: e.observed };
  if (e.expected !== undefined) out.expected = e.expected;
  return out;
}

// One target: nothing (the reader gives back its URL); several: its index; a URL none of them has: the URL.
function placeServer(out: Record<string, unknown>, server: string, c: Codec): void {
  const i = c.targetOf.get(server);
  if (i === undefined) out.server = server;
  else if (c.servers.length > 1) out.target = i;
}

/**
 * An assessment (VM, cluster, host, datastore) as schema 3.0 writes it: its server as a target index, and a VM's
 * host and cluster names left out where its vCenter's inventory gives the same for its hostMoid and clusterMoid.
 */
export function encodeTagged<T extends { server?: string; moid: string; name: string }>(a: T, c: Codec): Record<string, unknown> {
  const names = c.names.get(a.server ?? soleServer(c) ?? '');
  const x = a as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in x) {
    if (k === 'server') continue;
    const v = x[k];
    if (names && v !== undefined) {
      if (k === 'hostName' && names.hosts.get(x.hostMoid as string) === v) continue;
      if (k === 'clusterName' && names.clusters.get(x.clusterMoid as string) === v) continue;
    }
    if (k === 'fixIds' && Array.isArray(v) && Array.isArray(x.findingIds)) {
      const at = fixPositions(v as string[], x.findingIds as string[]);
      if (at) {
        out.fix = at;
        continue;
      }
    }
    out[k] = v;
  }
  if (a.server !== undefined) placeServer(out, a.server, c);
  const analysis = x.headroom ? c.hostAnalysis.get(key(a.server ?? soleServer(c), a.moid)) : undefined;
  if (analysis) out.secondaryHosts = analysis.groups;
  return out;
}

// A VM's fix order as positions in its findingIds (each id is written there already), when every one is there.
function fixPositions(fixIds: string[], findingIds: string[]): number[] | undefined {
  if (fixIds.length === 0) return undefined;
  const at = new Map(findingIds.map((id, i) => [id, i]));
  const out: number[] = [];
  for (const id of fixIds) {
    const i = at.get(id);
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

/** A finding of a baseline's lists: as encodeFinding, without references to the current findings or clusters. */
export function encodeBaselineFinding(f: Finding, c: Codec): Record<string, unknown> {
  let plain = baselineCodecs.get(c);
  if (!plain) baselineCodecs.set(c, (plain = { ...c, groupsOf: new Map(), hostEvidence: new Map() }));
  return encodeFinding(f, plain);
}
const baselineCodecs = new WeakMap<Codec, Codec>();

/** A rule row with the remediation and disruption its findings no longer repeat. */
export function encodeRule(
  r: RuleSummary,
  facts: (id: string) => Pick<RuleSummary, 'remediation' | 'disruption'> | undefined,
): RuleSummary {
  if (r.remediation !== undefined && r.disruption !== undefined) return r;
  const f = facts(r.id);
  return f ? { ...r, ...f } : r;
}

type Raw = Record<string, unknown>;

/** Brings the findings and assessments of a parsed, validated 3.x report back to the in-memory shape (in place). */
export function decodeResult(doc: Raw, fail: (msg: string) => never): void {
  const r = doc as unknown as ScanResult;
  const c = codecOf({ ...r, evaluation: { ...r.evaluation, vms: [], findings: [] } });
  const ev = r.evaluation as unknown as Record<string, Raw[]>;
  for (const list of ['vms', 'clusters', 'hosts', 'datastores'] as const) {
    const xs = ev[list]!;
    for (let i = 0; i < xs.length; i++) xs[i] = decodeTagged(xs[i]!, c, `/evaluation/${list}/${i}`, fail);
  }
  vmFacts(c, r.evaluation.vms);
  const refs: { e: Raw[]; i: number; id: string; where: string }[] = [];
  const findings = ev.findings!;
  for (let i = 0; i < findings.length; i++) findings[i] = decodeFinding(findings[i]!, c, `/evaluation/findings/${i}`, fail, refs);
  if (refs.length) {
    const byId = new Map(findings.map((f) => [f.id as string, f]));
    for (const ref of refs) {
      const first = (byId.get(ref.id)?.evidence as Raw[] | undefined)?.[0];
      if (!first || first.finding !== undefined) fail(`${ref.where} refers to finding ${ref.id}, which has no evidence of its own`);
      ref.e[ref.i] = first;
    }
  }
  const b = r.baseline as unknown as Record<string, Raw[] | undefined> | undefined;
  for (const list of ['resolved', 'unverified'] as const) {
    const xs = b?.[list];
    if (xs) for (let i = 0; i < xs.length; i++) xs[i] = decodeFinding(xs[i]!, c, `/baseline/${list}/${i}`, fail, undefined);
  }
}

function serverOf(x: Raw, c: Codec, where: string, fail: (msg: string) => never): string | undefined {
  if (typeof x.server === 'string') return x.server;
  if (typeof x.target === 'number') {
    const s = c.servers[x.target];
    if (s === undefined) fail(`${where}/target ${x.target} names no entry of targets`);
    return s;
  }
  return soleServer(c);
}

function decodeTagged(x: Raw, c: Codec, where: string, fail: (msg: string) => never): Raw {
  const server = serverOf(x, c, where, fail);
  let out = x;
  if (x.target !== undefined || x.secondaryHosts !== undefined || x.fix !== undefined) {
    out = {};
    for (const k in x) {
      if (k === 'target' || k === 'secondaryHosts') continue;
      if (k === 'fix') {
        const ids = x.findingIds as string[];
        out.fixIds = (x.fix as number[]).map((i, j) => ids[i] ?? fail(`${where}/fix/${j} is no position in its findingIds`));
      } else out[k] = x[k];
    }
  }
  if (Array.isArray(x.secondaryHosts)) {
    const groups = x.secondaryHosts as string[];
    c.hostAnalysis.set(key(server, x.moid), { groups, index: new Map() });
  }
  if (server !== undefined && out.server === undefined) out.server = server;
  const names = c.names.get(server ?? '');
  if (names) {
    if (out.hostMoid !== undefined && out.hostName === undefined) {
      const n = names.hosts.get(out.hostMoid as string);
      if (n !== undefined) out.hostName = n;
    }
    if (out.clusterMoid !== undefined && out.clusterName === undefined) {
      const n = names.clusters.get(out.clusterMoid as string);
      if (n !== undefined) out.clusterName = n;
    }
  }
  return out;
}

type EvidenceRefs = { e: Raw[]; i: number; id: string; where: string }[] | undefined; // e: the evidence array

// In place: the parsed object becomes the finding (no copy of 135,000 findings to collect at 45,000 VMs).
function decodeFinding(x: Raw, c: Codec, where: string, fail: (msg: string) => never, refs: EvidenceRefs): Raw {
  const rule = c.rules.get(x.ruleId as string);
  const fromRule = <K extends 'severity' | 'scope' | 'remediation' | 'disruption'>(k: K): unknown => {
    const v = x[k] ?? rule?.[k];
    if (v === undefined) fail(`${where} has no ${k} and its rule ${String(x.ruleId)} is not in rules (or has none)`);
    return v;
  };
  const scope = fromRule('scope') as Scope;
  const server = serverOf(x, c, where, fail);
  const generation = x.generation ?? defaultGeneration(c, rule, { scope, moid: x.moid, vmMoid: x.vmMoid }, server);
  if (generation === undefined) fail(`${where} has no generation and its rule ${String(x.ruleId)} has several`);
  const objectType = (x.objectType as string | undefined) ?? OBJECT_TYPE_OF_SCOPE[scope];
  const evidence = x.evidence as Raw[];
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (e.finding === undefined) {
      if (e.moid === undefined) evidence[i] = { objectType, moid: x.moid, name: x.name, ...e };
    } else {
      if (!refs) fail(`${where}/evidence/${i} refers to a finding, which only evaluation.findings may do`);
      refs.push({ e: evidence, i, id: e.finding as string, where: `${where}/evidence/${i}` });
    }
  }
  if (x.message === undefined) {
    const place = c.vmCluster.get(key(server, x.moid));
    const table = place?.clusterMoid === undefined ? undefined : c.hostAnalysis.get(key(server, place.clusterMoid));
    const groups = (x.secondaryHosts as number[] | undefined)?.map((i) => table?.groups[i]);
    if (!groups || groups.some((g) => g === undefined) || place?.clusterName === undefined)
      fail(`${where} has no message, and no secondaryHosts its VM's cluster entry gives`);
    x.message = noSecondaryMessage(place.clusterName, groups as string[]);
  }
  if (x.severity === undefined) x.severity = fromRule('severity');
  if (x.scope === undefined) x.scope = scope;
  if (x.objectType === undefined) x.objectType = objectType;
  if (x.generation === undefined) x.generation = generation;
  if (x.remediation === undefined) x.remediation = fromRule('remediation');
  if (x.disruption === undefined) x.disruption = fromRule('disruption');
  if (x.source === undefined) x.source = 'ftscan';
  if (x.target !== undefined) delete x.target;
  if (x.secondaryHosts !== undefined) delete x.secondaryHosts;
  if (server !== undefined && x.server === undefined) x.server = server;
  return x;
}

// --- Inventory defaults: the fields of the 3.0 schema with a `default` (ajv fills them back on reading). ---

interface DefaultsNode {
  defaults: Map<string, unknown>;
  children: Map<string, DefaultsNode>; // arrays of objects (disks) whose items have defaults of their own
}

function defaultsOf(schema: Raw): DefaultsNode | undefined {
  const props = schema.properties as Record<string, Raw> | undefined;
  if (!props) return undefined;
  const node: DefaultsNode = { defaults: new Map(), children: new Map() };
  for (const [k, p] of Object.entries(props)) {
    if ('default' in p) node.defaults.set(k, p.default);
    const items = p.items as Raw | undefined;
    const child = items && typeof items === 'object' ? defaultsOf(items) : undefined;
    if (child && (child.defaults.size || child.children.size)) node.children.set(k, child);
  }
  return node;
}

let vmDefaults: DefaultsNode | undefined;
/** The defaults of an inventory VM record, from the current schema (docs/scan-result.schema.json). */
function inventoryVmDefaults(): DefaultsNode {
  if (!vmDefaults) {
    const s = loadSchema('3') as { $defs: { inventory: { properties: { vms: { items: Raw } } } } };
    vmDefaults = defaultsOf(s.$defs.inventory.properties.vms.items)!;
  }
  return vmDefaults;
}

const isDefault = (v: unknown, d: unknown): boolean =>
  v === d || (Array.isArray(d) && d.length === 0 && Array.isArray(v) && v.length === 0);

function strip(x: Raw, node: DefaultsNode): Raw {
  const out: Raw = {};
  for (const k in x) {
    const v = x[k];
    if (node.defaults.has(k) && isDefault(v, node.defaults.get(k))) continue;
    const child = node.children.get(k);
    out[k] = child && Array.isArray(v) && v.length ? v.map((e) => (e !== null && typeof e === 'object' ? strip(e as Raw, child) : e)) : v;
  }
  return out;
}

/** An inventory VM record as schema 3.0 writes it: the fields equal to their schema default left out. */
export function encodeInventoryVm(vm: object): Raw {
  return strip(vm as Raw, inventoryVmDefaults());
}
