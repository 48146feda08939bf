// Schema 3.0 writes each fact once (issue 21): what belongs to a rule (severity, scope, remediation, disruption,
// title, generations) is in the report's `rules` table, what belongs to a vCenter (its URL) in `targets`, and an
// inventory field equal to its schema `default` is left out. A finding keeps what is its own: its object, message,
// evidence, policy marks, and a severity / remediation / disruption only where it differs from its rule's. The
// in-memory ScanResult keeps its full shape: `encode*` run as the JSON is written (src/report/json.ts), `decode*`
// as it is read back (src/result/read.ts), so every renderer, the baseline, merge and notify see the same values.
// Schema 4.0 goes on with what another part of the report holds: a finding is referenced by its position in
// evaluation.findings; a name, a VM's host / cluster / editionSource, a disk's datastore and home directory, a
// NIC's network and switch, a VM's .vmx path in its own evidence are left out where the inventory or the evaluation
// gives the same (null where it gives one the model does not have); evidence and generation reasons several VMs
// share are written once (evaluation.sharedEvidence, evaluation.generationReasons). A 3.0 report is decoded as 3.0
// wrote it (`decodeResult(doc, fail, 3)`): there, absent means absent.
import { NO_SECONDARY_SEPARATOR, noSecondaryMessage, noSecondaryPrefix } from '../rules/pairing.js';
import type { Host, Inventory, Network, Vm } from '../inventory/model.js';
import type { EditionSource, Evidence, Finding, Generation, Profile, Scope } from '../rules/types.js';
import { loadSchema } from './schemas.js';
import { type Cause, type RuleSummary, SCHEMA_VERSION, type ScanResult } from './types.js';

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

/** What a report's findings and assessments are written against: its rule table, targets, inventories and profile. */
export interface Codec {
  rules: Map<string, RuleFacts>;
  servers: string[];
  targetOf: Map<string, number>;
  profile: Profile;
  editionSource: EditionSource | undefined; // the evaluation's, which a VM's equal one does not repeat (4.0)
  inv: Map<string, Inv>; // per target server: its inventory by moid
  // Per server, VM moid -> its assessment: the generation it was evaluated for, the cluster where it is judged.
  vmFacts: Map<string, Map<string, VmFact>>;
  // vm-secondary-host: per server + cluster moid, the cluster's host analysis (the groups of "no other host in
  // cluster C can hold the secondary: <group> | <group>"), each group once; per finding, its groups by index.
  hostAnalysis: Map<string, { groups: string[]; index: Map<string, number> }>;
  groupsOf: Map<Finding, number[]>;
  // Evidence that is the first evidence item of a host finding (a secondary candidate's reason): written as a
  // reference to that finding. Keyed by server, then the object's moid (a few items each: matched on type and path).
  hostEvidence: Map<string, Map<string, { id: string; evidence: Evidence }[]>>;
  // 4.0: a finding's position in evaluation.findings, by id (references are positions); empty for a baseline's.
  pos: Map<string, number>;
  // 4.0: evidence items that several findings carry verbatim (not about their own object), written once in
  // evaluation.sharedEvidence and referenced by position; by item (identity), its position.
  sharedOf: Map<Evidence, number>;
  shared: Evidence[];
  // 4.0: generation reasons several VMs share ("host H runs ESXi 6.5.0 (SMP-FT only)": one per host), written once
  // in evaluation.generationReasons, a VM's as its position there.
  reasons: string[];
  reasonAt: Map<string, number>;
}

// One target's inventory by moid: what an assessment's or finding's name, a VM's host and cluster, a NIC's
// switch are read from.
interface Inv {
  vmsList: readonly Vm[];
  vms: Map<string, Vm>;
  hosts: Map<string, Host>;
  byType: Partial<Record<Evidence['objectType'], Map<string, { name: string }>>>;
  networks: Map<string, Network>;
}

const key = (server: string | undefined, moid: unknown) => `${server ?? ''}\u0000${String(moid)}`;
const byMoid = <T extends { moid: string }>(xs: T[] | undefined) => new Map((xs ?? []).map((x) => [x.moid, x]));

function invOf(inv: Inventory): Inv {
  const vms = byMoid(inv.vms);
  const hosts = byMoid(inv.hosts);
  return {
    vmsList: inv.vms,
    vms,
    hosts,
    networks: byMoid(inv.networks),
    byType: { VirtualMachine: vms, HostSystem: hosts, ClusterComputeResource: byMoid(inv.clusters), Datastore: byMoid(inv.datastores) },
  };
}

export function codecOf(
  r: Pick<ScanResult, 'rules' | 'targets' | 'profile' | 'evaluation'>,
  sharing = true, // false while reading: the shared evidence is read from the report, not found
): Codec {
  const servers = r.targets.map((t) => t.server);
  const c: Codec = {
    rules: new Map((r.rules ?? []).map((x) => [x.id, x])),
    servers,
    targetOf: new Map(servers.map((s, i) => [s, i])),
    profile: r.profile,
    editionSource: r.evaluation.editionSource,
    inv: new Map(),
    vmFacts: new Map(),
    hostAnalysis: new Map(),
    groupsOf: new Map(),
    hostEvidence: new Map(),
    pos: new Map(),
    sharedOf: new Map(),
    shared: [],
    reasons: [],
    reasonAt: new Map(),
  };
  for (const t of r.targets) if (t.inventory) c.inv.set(t.server, invOf(t.inventory));
  vmFacts(c, r.evaluation.vms);
  const findings = r.evaluation.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!c.pos.has(f.id)) c.pos.set(f.id, i);
    const ev = f.scope === 'host' ? f.evidence[0] : undefined;
    if (ev) {
      const server = f.server ?? soleServer(c) ?? '';
      let byMoid = c.hostEvidence.get(server);
      if (!byMoid) c.hostEvidence.set(server, (byMoid = new Map()));
      const items = byMoid.get(ev.moid);
      if (!items) byMoid.set(ev.moid, [{ id: f.id, evidence: ev }]);
      else if (!items.some((x) => sameItem(x.evidence, ev))) items.push({ id: f.id, evidence: ev });
    }
  }
  const memo = new Map<string, { table: { groups: string[]; index: Map<string, number> }; refsOf: Map<string, number[]> }>();
  for (const f of findings) {
    if (f.ruleId !== SECONDARY_HOST_RULE) continue;
    const server = f.server ?? soleServer(c);
    const place = vmFactOf(c, server, f.moid);
    if (place?.clusterMoid === undefined || place.clusterName === undefined) continue;
    const prefix = noSecondaryPrefix(place.clusterName);
    if (!f.message.startsWith(prefix)) continue;
    const k = key(server, place.clusterMoid);
    let t = memo.get(k);
    if (!t) {
      const table = { groups: [], index: new Map() };
      c.hostAnalysis.set(k, table);
      memo.set(k, (t = { table, refsOf: new Map() }));
    }
    // The VMs of a cluster mostly share one message: each distinct one is split once.
    let refs = t.refsOf.get(f.message);
    if (!refs) {
      const table = t.table;
      refs = f.message
        .slice(prefix.length)
        .split(NO_SECONDARY_SEPARATOR)
        .map((g) => {
          let i = table.index.get(g);
          if (i === undefined) table.index.set(g, (i = table.groups.push(g) - 1));
          return i;
        });
      t.refsOf.set(f.message, refs);
    }
    c.groupsOf.set(f, refs);
  }
  if (sharing) {
    findShared(c, findings);
    const seen = new Set<string>();
    for (const v of r.evaluation.vms) {
      const g = v.generationReason;
      if (!seen.has(g)) seen.add(g);
      else if (!c.reasonAt.has(g)) c.reasonAt.set(g, c.reasons.push(g) - 1);
    }
  }
  return c;
}

// Evidence items about another object than the finding's, written verbatim by two findings or more (vcsim: every
// VM on a local datastore carries that datastore's summary.multipleHostAccess): each becomes one entry of
// evaluation.sharedEvidence, in the order first met.
function findShared(c: Codec, findings: readonly Finding[]): void {
  const seen = new Map<string, { first: Evidence; at: number | undefined }>();
  for (const f of findings) {
    const server = f.server ?? soleServer(c);
    for (const e of f.evidence) {
      if (isOwn(e, f) || hostRef(f, e, server, c)) continue;
      const text = safeJson(e);
      if (text === undefined) continue;
      const s = seen.get(text);
      if (!s) seen.set(text, { first: e, at: undefined });
      else {
        if (s.at === undefined) {
          s.at = c.shared.push(s.first) - 1;
          c.sharedOf.set(s.first, s.at);
        }
        c.sharedOf.set(e, s.at);
      }
    }
  }
}

function safeJson(v: unknown): string | undefined {
  try {
    return JSON.stringify(v);
  } catch {
    return undefined; // a bigint in observed: written where it is (src/report/json.ts keeps it exact)
  }
}

const isOwn = (e: Evidence, f: Finding) => e.moid === f.moid && e.objectType === f.objectType && e.name === f.name;

function hostRef(f: Finding, e: Evidence, server: string | undefined, c: Codec): string | undefined {
  const ref =
    f.scope === 'host'
      ? undefined
      : c.hostEvidence
          .get(server ?? '')
          ?.get(e.moid)
          ?.find((x) => sameItem(x.evidence, e));
  return ref && (ref.evidence === e || JSON.stringify(ref.evidence) === JSON.stringify(e)) ? ref.id : undefined;
}

// The same evidence item of an object: type and path (the moid is the key it is found by).
const sameItem = (a: Evidence, b: Evidence) => a.objectType === b.objectType && a.path === b.path;

type VmFact = { moid: string; server?: string; generation: Generation | null; clusterMoid?: string; clusterName?: string };

const vmFactOf = (c: Codec, server: string | undefined, moid: unknown): VmFact | undefined =>
  c.vmFacts.get(server ?? '')?.get(moid as string);

function vmFacts(c: Codec, vms: readonly VmFact[]): void {
  for (const v of vms) {
    const server = v.server ?? soleServer(c) ?? '';
    let m = c.vmFacts.get(server);
    if (!m) c.vmFacts.set(server, (m = new Map()));
    m.set(v.moid, v);
  }
}

const soleServer = (c: Codec) => (c.servers.length === 1 ? c.servers[0] : undefined);

/** The inventory name of an object of a target, if its inventory holds it. */
const inventoryName = (c: Codec, server: string | undefined, type: unknown, moid: unknown): string | undefined =>
  c.inv.get(server ?? '')?.byType[type as Evidence['objectType']]?.get(moid as string)?.name;

// A field derived from another fact (4.0): left out when equal to it, null when absent though the fact is there.
function derive(out: Raw, k: string, derived: unknown): void {
  if (derived === undefined) return;
  const v = out[k];
  if (v === derived) delete out[k];
  else if (v === undefined) out[k] = null;
}

// Reading: null = absent, absent = the fact it derives from.
function underive(x: Raw, k: string, derived: unknown): void {
  const v = x[k];
  if (v === null) delete x[k];
  else if (v === undefined && derived !== undefined) x[k] = derived;
}

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
  const g = vm === undefined ? undefined : (vmFactOf(c, server, vm)?.generation ?? undefined);
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

/** A finding as the current schema writes it. */
export function encodeFinding(f: Finding, c: Codec): Record<string, unknown> {
  const rule = c.rules.get(f.ruleId);
  const server = f.server ?? soleServer(c);
  const out: Record<string, unknown> = { id: f.id, ruleId: f.ruleId };
  if (f.severity !== rule?.severity) out.severity = f.severity;
  if (f.scope !== rule?.scope) out.scope = f.scope;
  if (f.objectType !== OBJECT_TYPE_OF_SCOPE[f.scope]) out.objectType = f.objectType;
  out.moid = f.moid;
  // 4.0: the name its object has in the inventory is not repeated.
  if (f.name !== inventoryName(c, server, f.objectType, f.moid)) out.name = f.name;
  if (f.generation !== defaultGeneration(c, rule, f, server)) out.generation = f.generation;
  const groups = c.groupsOf.get(f);
  if (groups) out.secondaryHosts = groups;
  else out.message = f.message;
  out.evidence = f.evidence.map((e) => {
    if (isOwn(e, f)) {
      // 4.0: the VM's .vmx path its inventory record holds is not repeated (vm-files-shared's first item).
      if (e.path !== VMX_PATH || f.objectType !== 'VirtualMachine') return ownEvidence(e);
      const vmx = c.inv.get(server ?? '')?.vms.get(f.moid)?.vmPathName;
      if (vmx !== undefined && e.observed === vmx) {
        const { observed: _o, ...rest } = ownEvidence(e);
        return rest;
      }
      return e.observed === undefined ? e : ownEvidence(e); // written whole: absent observed means the record's
    }
    const shared = c.sharedOf.get(e);
    if (shared !== undefined) return { evidence: shared };
    const id = hostRef(f, e, server, c);
    const at = id === undefined ? undefined : c.pos.get(id);
    return at === undefined ? e : { finding: at };
  });
  if (f.remediation !== rule?.remediation) out.remediation = f.remediation;
  if (f.disruption !== rule?.disruption) out.disruption = f.disruption;
  if (f.source !== 'ftscan') out.source = f.source;
  for (const k in f) if (!FINDING_KEYS.has(k)) out[k] = (f as unknown as Record<string, unknown>)[k];
  if (f.server !== undefined) placeServer(out, f.server, c);
  return out;
}

// The evidence path whose observed value an own item of a VM finding may leave out (4.0): the inventory's vmPathName.
const VMX_PATH = 'config.files.vmPathName';

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

// Finding ids as positions in evaluation.findings (4.0), when every one is there; else the ids.
function positions(ids: readonly string[], c: Codec): (string | number)[] {
  const out: number[] = [];
  for (const id of ids) {
    const at = c.pos.get(id);
    if (at === undefined) return ids as string[];
    out.push(at);
  }
  return out;
}

/** The object type of each list of evaluation assessments. */
export const ASSESSED = {
  vms: 'VirtualMachine',
  clusters: 'ClusterComputeResource',
  hosts: 'HostSystem',
  datastores: 'Datastore',
} as const satisfies Record<string, Evidence['objectType']>;

/**
 * An assessment (VM, cluster, host, datastore) as the current schema writes it: its server as a target index, its
 * name and a VM's host and cluster left out where its vCenter's inventory gives the same, its finding ids as
 * positions in evaluation.findings.
 */
export function encodeTagged<T extends { server?: string; moid: string; name: string }>(
  a: T,
  c: Codec,
  type: Evidence['objectType'],
): Record<string, unknown> {
  const server = a.server ?? soleServer(c);
  const inv = c.inv.get(server ?? '');
  const x = a as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in x) {
    if (k === 'server') continue;
    const v = x[k];
    if (inv && v !== undefined) {
      if (k === 'hostName' && inv.hosts.get(x.hostMoid as string)?.name === v) continue;
      if (k === 'clusterName' && inv.byType.ClusterComputeResource!.get(x.clusterMoid as string)?.name === v) continue;
    }
    if (k === 'fixIds' && Array.isArray(v) && Array.isArray(x.findingIds)) {
      const at = fixPositions(v as string[], x.findingIds as string[]);
      if (at) {
        out.fix = at;
        continue;
      }
    }
    out[k] = k === 'findingIds' ? positions(v as string[], c) : v;
  }
  if (inventoryName(c, server, type, a.moid) === a.name) delete out.name;
  if (type === 'VirtualMachine') {
    const vm = inv?.vms.get(a.moid);
    derive(out, 'hostMoid', vm?.hostMoid);
    derive(out, 'clusterMoid', vm?.clusterMoid);
    derive(out, 'editionSource', c.editionSource);
    if (Array.isArray(out.secondaryCandidates) && out.secondaryCandidates.length === 0) delete out.secondaryCandidates;
    const reason = c.reasonAt.get(x.generationReason as string);
    if (reason !== undefined) out.generationReason = reason;
  }
  if (a.server !== undefined) placeServer(out, a.server, c);
  const analysis = x.headroom ? c.hostAnalysis.get(key(server, a.moid)) : undefined;
  if (analysis) out.secondaryHosts = analysis.groups;
  return out;
}

// A VM's fix order as positions in its findingIds (each id is written there already), when every one is there.
function fixPositions(fixIds: string[], findingIds: string[]): number[] | undefined {
  if (fixIds.length === 0) return undefined;
  const out: number[] = [];
  for (const id of fixIds) {
    const i = findingIds.lastIndexOf(id); // a VM's few ids: a scan is cheaper than a map (the last of a repeated id)
    if (i < 0) return undefined;
    out.push(i);
  }
  return out;
}

/** A cause of "what to fix first" with its findings as positions in evaluation.findings (4.0). */
export function encodeCause(x: Cause, c: Codec): Raw {
  const out: Raw = { ...x, findingIds: positions(x.findingIds, c) };
  if (x.derivedFindingIds) out.derivedFindingIds = positions(x.derivedFindingIds, c);
  return out;
}

/** A finding of a baseline's lists: as encodeFinding, without references to the current findings or clusters. */
export function encodeBaselineFinding(f: Finding, c: Codec): Record<string, unknown> {
  let plain = baselineCodecs.get(c);
  if (!plain) baselineCodecs.set(c, (plain = { ...c, groupsOf: new Map(), hostEvidence: new Map(), pos: new Map(), sharedOf: new Map() }));
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
type Fail = (msg: string) => never;

/**
 * Brings the findings, assessments and inventory VM records of a parsed, validated 3.x or 4.x report back to the
 * in-memory shape (in place). `major` 3: what 3.0 leaves out; 4: that and what 4.0 leaves out besides.
 */
export function decodeResult(doc: Raw, fail: Fail, major = 4): void {
  const r = doc as unknown as ScanResult;
  const v4 = major >= 4;
  if (v4)
    for (let t = 0; t < r.targets.length; t++) {
      const inv = r.targets[t]!.inventory;
      if (inv) {
        const hosts = byMoid(inv.hosts);
        const networks = byMoid(inv.networks);
        const vms = inv.vms as unknown as Raw[];
        for (let i = 0; i < vms.length; i++) decodeInventoryVm(vms[i]!, hosts, networks, `/targets/${t}/inventory/vms/${i}`, fail);
      }
    }
  const ev = r.evaluation as unknown as Record<string, Raw[]> & { sharedEvidence?: Raw[] };
  const findings = ev.findings!;
  const c = codecOf({ ...r, evaluation: { ...r.evaluation, vms: [], findings: [] } }, false);
  const ids = findings.map((f) => f.id as string);
  const idAt = (at: unknown, where: string): string =>
    typeof at === 'number' ? (ids[at] ?? fail(`${where} is no position in evaluation.findings`)) : (at as string);
  c.reasons = (ev.generationReasons as unknown as string[] | undefined) ?? [];
  delete ev.generationReasons;
  const ctx: DecodeCtx = { c, v4, fail, idAt, shared: ev.sharedEvidence ?? [] };
  for (const list of ['vms', 'clusters', 'hosts', 'datastores'] as const) {
    const xs = ev[list]!;
    for (let i = 0; i < xs.length; i++) xs[i] = decodeTagged(xs[i]!, ctx, ASSESSED[list], `/evaluation/${list}/${i}`);
  }
  delete ev.sharedEvidence;
  vmFacts(c, r.evaluation.vms);
  const refs: EvidenceRef[] = [];
  for (let i = 0; i < findings.length; i++) findings[i] = decodeFinding(findings[i]!, ctx, `/evaluation/findings/${i}`, refs);
  if (refs.length) {
    const byId = new Map(findings.map((f) => [f.id as string, f]));
    for (const ref of refs) {
      const first = (byId.get(ref.id)?.evidence as Raw[] | undefined)?.[0];
      if (!first || first.finding !== undefined) fail(`${ref.where} refers to finding ${ref.id}, which has no evidence of its own`);
      ref.e[ref.i] = first;
    }
  }
  const causes = (doc.causes as { list?: Raw[] } | undefined)?.list;
  if (causes)
    for (let i = 0; i < causes.length; i++) {
      const x = causes[i]!;
      const where = `/causes/list/${i}`;
      x.findingIds = (x.findingIds as unknown[]).map((at, j) => idAt(at, `${where}/findingIds/${j}`));
      if (x.derivedFindingIds)
        x.derivedFindingIds = (x.derivedFindingIds as unknown[]).map((at, j) => idAt(at, `${where}/derivedFindingIds/${j}`));
    }
  const b = r.baseline as unknown as Record<string, Raw[] | undefined> | undefined;
  for (const list of ['resolved', 'unverified'] as const) {
    const xs = b?.[list];
    if (xs) for (let i = 0; i < xs.length; i++) xs[i] = decodeFinding(xs[i]!, ctx, `/baseline/${list}/${i}`, undefined);
  }
}

interface DecodeCtx {
  c: Codec;
  v4: boolean;
  fail: Fail;
  idAt: (at: unknown, where: string) => string;
  shared: Raw[];
}

function serverOf(x: Raw, c: Codec, where: string, fail: Fail): string | undefined {
  if (typeof x.server === 'string') return x.server;
  if (typeof x.target === 'number') {
    const s = c.servers[x.target];
    if (s === undefined) fail(`${where}/target ${x.target} names no entry of targets`);
    return s;
  }
  return soleServer(c);
}

function decodeTagged(x: Raw, ctx: DecodeCtx, type: Evidence['objectType'], where: string): Raw {
  const c = ctx.c;
  const fail: Fail = ctx.fail;
  const server = serverOf(x, c, where, fail);
  let out = x;
  if (x.target !== undefined || x.secondaryHosts !== undefined || x.fix !== undefined) {
    out = {};
    for (const k in x) {
      if (k === 'target' || k === 'secondaryHosts' || k === 'fix') continue;
      out[k] = x[k];
    }
  }
  if (Array.isArray(x.secondaryHosts)) {
    const groups = x.secondaryHosts as string[];
    c.hostAnalysis.set(key(server, x.moid), { groups, index: new Map() });
  }
  if (server !== undefined && out.server === undefined) out.server = server;
  const inv = c.inv.get(server ?? '');
  if (ctx.v4) {
    out.findingIds = (out.findingIds as unknown[]).map((at, j) => ctx.idAt(at, `${where}/findingIds/${j}`));
    if (out.name === undefined) out.name = inventoryName(c, server, type, out.moid) ?? fail(`${where} has no name and its inventory none`);
    if (type === 'VirtualMachine') {
      const vm = inv?.vms.get(out.moid as string);
      underive(out, 'hostMoid', vm?.hostMoid);
      underive(out, 'clusterMoid', vm?.clusterMoid);
      underive(out, 'editionSource', c.editionSource);
      if (out.secondaryCandidates === undefined) out.secondaryCandidates = [];
      if (typeof out.generationReason === 'number')
        out.generationReason =
          c.reasons[out.generationReason] ?? fail(`${where}/generationReason is no position in evaluation.generationReasons`);
    }
  }
  if (x.fix !== undefined) {
    const ids = out.findingIds as string[];
    out.fixIds = (x.fix as number[]).map((i, j) => ids[i] ?? fail(`${where}/fix/${j} is no position in its findingIds`));
  }
  if (inv) {
    if (out.hostMoid !== undefined && out.hostName === undefined) {
      const n = inv.hosts.get(out.hostMoid as string)?.name;
      if (n !== undefined) out.hostName = n;
    }
    if (out.clusterMoid !== undefined && out.clusterName === undefined) {
      const n = inv.byType.ClusterComputeResource!.get(out.clusterMoid as string)?.name;
      if (n !== undefined) out.clusterName = n;
    }
  }
  return out;
}

type EvidenceRef = { e: Raw[]; i: number; id: string; where: string }; // e: the evidence array

// In place: the parsed object becomes the finding (no copy of 135,000 findings to collect at 45,000 VMs).
function decodeFinding(x: Raw, ctx: DecodeCtx, where: string, refs: EvidenceRef[] | undefined): Raw {
  const c = ctx.c;
  const fail: Fail = ctx.fail;
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
  if (x.name === undefined)
    x.name = inventoryName(c, server, objectType, x.moid) ?? fail(`${where} has no name and its inventory none for ${String(x.moid)}`);
  const evidence = x.evidence as Raw[];
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i]!;
    if (e.evidence !== undefined) {
      if (!refs) fail(`${where}/evidence/${i} refers to evaluation.sharedEvidence, which only evaluation.findings may do`);
      evidence[i] = ctx.shared[e.evidence as number] ?? fail(`${where}/evidence/${i} is no position in evaluation.sharedEvidence`);
    } else if (e.finding === undefined) {
      if (e.moid === undefined) {
        evidence[i] = { objectType, moid: x.moid, name: x.name, ...e };
        if (ctx.v4 && e.observed === undefined && e.path === VMX_PATH && objectType === 'VirtualMachine') {
          const vmx = c.inv.get(server ?? '')?.vms.get(x.moid as string)?.vmPathName;
          if (vmx === undefined) fail(`${where}/evidence/${i} has no observed and its inventory no vmPathName`);
          evidence[i]!.observed = vmx;
        }
      }
    } else {
      if (!refs) fail(`${where}/evidence/${i} refers to a finding, which only evaluation.findings may do`);
      refs.push({ e: evidence, i, id: ctx.idAt(e.finding, `${where}/evidence/${i}/finding`), where: `${where}/evidence/${i}` });
    }
  }
  if (x.message === undefined) {
    const place = vmFactOf(c, server, x.moid);
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
  // Copied without target / secondaryHosts rather than deleted: a delete turns an object into a dictionary (45,000
  // vm-secondary-host findings at 45,000 VMs: a larger heap, slower reads in every later step). Same key order.
  const y = x.target !== undefined || x.secondaryHosts !== undefined ? without(x, 'target', 'secondaryHosts') : x;
  if (server !== undefined && y.server === undefined) y.server = server;
  return y;
}

/** A copy of x without the keys named, the others in their order (no `delete`: see decodeFinding). */
function without(x: Raw, a: string, b?: string): Raw {
  const out: Raw = {};
  for (const k in x) if (k !== a && k !== b) out[k] = x[k];
  return out;
}

// --- Inventory VM records (4.0): a field another fact of the same inventory gives is left out. ---

// The VM's home directory "[ds] dir/" (its .vmx's), under which its disks' files are usually written.
function homeOf(vmPathName: unknown): string | undefined {
  if (typeof vmPathName !== 'string' || !vmPathName.startsWith('[')) return undefined;
  const slash = vmPathName.lastIndexOf('/');
  return slash > 0 ? vmPathName.slice(0, slash + 1) : undefined;
}

// What each field of a disk or NIC derives from: a disk's datastore is the VM's only one; a NIC on a
// distributed port group has the port group's key as network moid, and the port group's switch.
const diskDatastore = (vm: Raw) => {
  const ds = vm.datastoreMoids as string[] | undefined;
  return ds?.length === 1 ? ds[0] : undefined;
};
const nicDvs = (nic: Raw, networks: Map<string, Network>) =>
  nic.networkMoid === undefined ? undefined : networks.get(nic.networkMoid as string)?.dvsUuid;

// One pass over a VM record (4.0): the fields its host, its only datastore, its home directory or its port group
// give left out (null where they give one the record lacks), and those equal to their schema default, with no
// intermediate copy. Key order is the record's, then a derived field the record does not have (as null), then a
// disk's `file`.
function encodeVmRecord(vm: Raw, hosts: Map<string, Host>, networks: Map<string, Network>, node: DefaultsNode): Raw {
  const host = hosts.get(vm.hostMoid as string);
  const cluster = host?.clusterMoid;
  const dc = host?.datacenter;
  const out: Raw = {};
  for (const k in vm) {
    let v = vm[k];
    if (k === 'clusterMoid' && cluster !== undefined) {
      if (v === cluster) continue;
      if (v === undefined) v = null;
    } else if (k === 'datacenter' && dc !== undefined) {
      if (v === dc) continue;
      if (v === undefined) v = null;
    } else if (k === 'disks' && Array.isArray(v) && v.length) {
      out.disks = encodeDisks(vm, v as Raw[], node.children.get('disks'));
      continue;
    } else if (k === 'nics' && Array.isArray(v) && v.length) {
      out.nics = (v as Raw[]).map((n) => encodeNic(n, networks));
      continue;
    }
    put(out, k, v, node);
  }
  if (cluster !== undefined && vm.clusterMoid === undefined && !Object.hasOwn(vm, 'clusterMoid')) put(out, 'clusterMoid', null, node);
  if (dc !== undefined && vm.datacenter === undefined && !Object.hasOwn(vm, 'datacenter')) put(out, 'datacenter', null, node);
  return out;
}

// A field kept unless equal to its schema default; an array of objects with defaults of their own stripped likewise.
function put(out: Raw, k: string, v: unknown, node: DefaultsNode): void {
  const d = node.defaults.get(k);
  if (d !== undefined && isDefault(v, d)) return;
  const child = node.children.get(k);
  out[k] = child && Array.isArray(v) && v.length ? v.map((e) => (e !== null && typeof e === 'object' ? strip(e as Raw, child) : e)) : v;
}

function encodeDisks(vm: Raw, disks: Raw[], node: DefaultsNode | undefined): Raw[] {
  const home = homeOf(vm.vmPathName);
  const ds = diskDatastore(vm);
  return disks.map((d) => {
    const x: Raw = {};
    const f = d.fileName;
    const rel = home && typeof f === 'string' && f.length > home.length && f.startsWith(home) ? f.slice(home.length) : undefined;
    for (const k in d) {
      let v = d[k];
      if (k === 'datastoreMoid' && ds !== undefined) {
        if (v === ds) continue;
        if (v === undefined) v = null;
      } else if (k === 'fileName' && rel !== undefined) continue;
      if (node) put(x, k, v, node);
      else x[k] = v;
    }
    if (ds !== undefined && d.datastoreMoid === undefined && !Object.hasOwn(d, 'datastoreMoid')) x.datastoreMoid = null;
    if (rel !== undefined) x.file = rel;
    return x;
  });
}

function encodeNic(n: Raw, networks: Map<string, Network>): Raw {
  const x: Raw = { ...n };
  derive(x, 'networkMoid', n.portgroupKey);
  derive(x, 'dvsUuid', nicDvs(n, networks));
  return x;
}

function decodeInventoryVm(vm: Raw, hosts: Map<string, Host>, networks: Map<string, Network>, where: string, fail: Fail): void {
  const host = hosts.get(vm.hostMoid as string);
  // underive's rule with named stores: its keyed `x[k] =` adding a property to a record of some 45 properties
  // (defaults filled in) turns the record into a dictionary, slower to read in every step after.
  if (vm.clusterMoid === null) delete vm.clusterMoid;
  else if (vm.clusterMoid === undefined && host?.clusterMoid !== undefined) vm.clusterMoid = host.clusterMoid;
  if (vm.datacenter === null) delete vm.datacenter;
  else if (vm.datacenter === undefined && host?.datacenter !== undefined) vm.datacenter = host.datacenter;
  const ds = diskDatastore(vm);
  const disks = vm.disks as Raw[];
  for (let i = 0; i < disks.length; i++) {
    // A disk losing a key is copied without it (as decodeFinding does), keys in the order underive would leave.
    const d0 = disks[i]!;
    const file = d0.file;
    const noDs = d0.datastoreMoid === null;
    const d = noDs || file !== undefined ? (disks[i] = without(d0, 'file', noDs ? 'datastoreMoid' : undefined)) : d0;
    if (!noDs) underive(d, 'datastoreMoid', ds);
    if (file !== undefined) {
      const home = homeOf(vm.vmPathName) ?? fail(`${where}/disks/${i} has a file relative to a VM home its vmPathName does not give`);
      d.fileName = home + (file as string);
    }
  }
  for (const n of vm.nics as Raw[]) {
    underive(n, 'networkMoid', n.portgroupKey);
    underive(n, 'dvsUuid', nicDvs(n, networks));
  }
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
    const s = loadSchema(SCHEMA_VERSION.split('.')[0]!) as { $defs: { inventory: { properties: { vms: { items: Raw } } } } };
    vmDefaults = defaultsOf(s.$defs.inventory.properties.vms.items)!;
  }
  return vmDefaults;
}

const isDefault = (v: unknown, d: unknown): boolean =>
  v === d || (Array.isArray(d) && d.length === 0 && Array.isArray(v) && v.length === 0);

function strip(x: Raw, node: DefaultsNode): Raw {
  const out: Raw = {};
  for (const k in x) put(out, k, x[k], node);
  return out;
}

/**
 * How the inventory VM records of one list are written (the current schema): the fields equal to their schema
 * default left out, and (4.0) those its host, its datastores, its home directory or its port group give. The
 * list's inventory is found once.
 */
export function inventoryVmEncoder(c: Codec, list: readonly object[]): (vm: object) => Raw {
  const server = c.servers.find((s) => c.inv.get(s)?.vmsList === list);
  const inv = server === undefined ? undefined : c.inv.get(server);
  const defaults = inventoryVmDefaults();
  return inv ? (vm) => encodeVmRecord(vm as Raw, inv.hosts, inv.networks, defaults) : (vm) => strip(vm as Raw, defaults);
}
