// Secondary placement: FT needs at least one OTHER usable host in the primary's cluster that can carry the
// secondary: FT-capable (no blocker host finding), CPU-compatible with the primary's host, the same FT
// version / build under legacy FT, mounting every datastore of the VM and connected to its networks,
// running an ESXi that knows the VM's hardware version, and (encrypted VMs) supporting encrypted FT
// [C3, C7, H2, H5, H6, H7; D19: "all hosts must have access to the virtual machines' datastores and networks"],
// and licensed for the VM's vCPUs (the edition caps the secondary as it caps the primary [D1, D10, D14]).
// Among the hosts that can, the secondary goes to one without warning-level host findings (FT logging speed,
// uplinks, logging shared with vMotion...) when one has room; otherwise the VM's verdict carries the warning.
import { HOST_PATHS, VM_PATHS } from '../inventory/model.js';
import type { Cluster, Host, Vm } from '../inventory/model.js';
import type { Evidence, Finding, RuleContext, RuleMeta, VmTarget } from './types.js';
import { cpuPairCompatible } from './ft/cpu.js';
import { maxHwVersion } from './ft/hw-version.js';
import { hostEncryptedFt, vmEncrypted } from './ft/encryption.js';
import { secondaryNeedsDatastores } from './ft/datastores.js';
import { evidence, finding, subjectOf } from './finding.js';
import { ftLimits, LICENSE_EDITION_PATH } from './ft/edition.js';
import { limitsFor, loadsOf, overLimit, placeOne, usable } from './ft/placement.js';

// Host rules that make a host unfit for FT whatever its network: "FT-capable" in messages.
const CAPABILITY_RULES = new Set([
  'host-version-generation',
  'host-cpu-ft-capable',
  'host-hv-enabled',
  'host-ft-product',
  'host-ft-licensed',
]);

export function ftCapableHosts(hosts: Host[], ctx: Pick<RuleContext, 'hostFindings'>): Host[] {
  return hosts.filter((h) => usable(h) && !ctx.hostFindings(h).some((f) => f.severity === 'blocker'));
}

// The VM's datastores that host `h` does not mount (placement and secondary checks).
export function unmountedDatastores(vm: Vm, h: Host): string[] {
  return vm.datastoreMoids.filter((d) => !h.datastoreMoids.includes(d));
}

// Legacy pairing key: the FT feature version (4.1+) or, without it (4.0), the build.
export function ftVersionKey(h: Host): string {
  return h.ftFeatureVersion ? `FT ${h.ftFeatureVersion}` : `build ${h.product.build}`;
}

interface Rejection {
  host: Host;
  reasons: string[];
  evidence: Evidence[];
  unknown: string[];
  warnings: string[]; // the host can carry the secondary, with a caveat (legacy clock difference)
  capable: boolean; // passes the capability rules and is usable: only pairing-specific problems
  // What makes the host a second choice when it fits (host-level only: the same for every VM); see caveatsOf.
  caveats: Caveat[];
  // reasons joined, the key hosts are grouped by in the VM's message (computed on first use).
  text?: string;
}

interface Caveat {
  text: string;
  finding?: Finding;
}

// The host-level part of a candidate's exam: its state, its blocker host findings, its CPU and FT version against
// the primary's host. It depends on the primary's host, the candidate, the cluster (EVC) and the context, never on
// the VM, so it is computed once per (cluster, primary, candidate) and shared by every VM on that primary.
// With the candidate's own facts the VM-level part compares against: its newest virtual hardware and its licence
// limits (host, generation and --edition only). A VM the VM-level part finds nothing against shares this exam
// as its Rejection (never written to after it is built), so most VMs copy nothing.
type HostExam = Rejection & { maxHw: number | undefined; limits: ReturnType<typeof ftLimits> };
// Keyed by the engine's inventory index (one per evaluation: its options, such as skipped rules, shape the host
// findings; it makes a RuleContext per VM) and, within it, by everything the part reads: one row per (generation,
// --edition, cluster, primary), looked up once per VM, then the candidate's exam in it.
const hostExams = new WeakMap<RuleContext['index'], Map<string, Map<string, HostExam>>>();
function hostExamsOf(cluster: Cluster | undefined, primary: Host, ctx: RuleContext): Map<string, HostExam> {
  let rows = hostExams.get(ctx.index);
  if (!rows) hostExams.set(ctx.index, (rows = new Map()));
  const key = [ctx.generation, ctx.editionFlag ?? '', cluster?.moid ?? '', primary.moid].join('\u0000');
  let row = rows.get(key);
  if (!row) rows.set(key, (row = new Map()));
  return row;
}

function examineHost(row: Map<string, HostExam>, cluster: Cluster | undefined, primary: Host, h: Host, ctx: RuleContext): HostExam {
  let e = row.get(h.moid);
  if (!e) row.set(h.moid, (e = hostPart(cluster, primary, h, ctx)));
  return e;
}

function hostPart(cluster: Cluster | undefined, primary: Host, h: Host, ctx: RuleContext): HostExam {
  const hs = subjectOf.host(h);
  const r: HostExam = {
    host: h,
    reasons: [],
    evidence: [],
    unknown: [],
    warnings: [],
    caveats: [],
    capable: usable(h),
    maxHw: maxHwVersion(h),
    limits: ftLimits(h, ctx.generation, ctx.editionFlag),
  };
  if (h.connectionState !== 'connected') {
    r.reasons.push(`is ${h.connectionState}`);
    r.evidence.push(evidence(hs, HOST_PATHS.connectionState, h.connectionState, 'connected'));
  } else if (h.inMaintenanceMode) {
    r.reasons.push('is in maintenance mode');
    r.evidence.push(evidence(hs, HOST_PATHS.inMaintenanceMode, true, 'false'));
  } else if (h.powerState !== 'poweredOn') {
    r.reasons.push(`is ${h.powerState}`);
    r.evidence.push(evidence(hs, HOST_PATHS.powerState, h.powerState, 'poweredOn'));
  }
  for (const f of ctx.hostFindings(h)) {
    if (f.severity === 'blocker') {
      r.reasons.push(`${f.message} (${f.ruleId})`);
      r.evidence.push(...f.evidence.slice(0, 1));
      if (CAPABILITY_RULES.has(f.ruleId)) r.capable = false;
    } else if (f.severity === 'unknown') {
      r.unknown.push(`${f.message} (${f.ruleId})`);
    }
  }
  const cpu = cpuPairCompatible(primary, h, ctx.generation, cluster);
  if (cpu.ok === false) {
    r.reasons.push(cpu.reason!);
    r.evidence.push(
      evidence(hs, HOST_PATHS.cpuPkg + '[0].description', h.cpu.packages[0]?.description ?? h.cpu.model, `compatible with ${primary.name}`),
    );
  }
  if (cpu.warning) r.warnings.push(`${h.name}: ${cpu.warning}`);
  if (ctx.generation === 'legacy' && ftVersionKey(h) !== ftVersionKey(primary)) {
    r.reasons.push(`${ftVersionKey(h)} differs from the primary's ${ftVersionKey(primary)}`);
    r.evidence.push(
      evidence(
        hs,
        h.ftFeatureVersion ? HOST_PATHS.featureVersion : HOST_PATHS.build,
        h.ftFeatureVersion ?? h.product.build,
        ftVersionKey(primary),
      ),
    );
  }
  r.caveats = caveatsOf(r, ctx);
  return r;
}

// A candidate's whole exam for one VM: the shared host-level part, then what depends on the VM (its datastores,
// networks, hardware version, vCPUs against the candidate's licence, encryption). The host-level exam itself is
// returned when the VM adds nothing; else a copy with the VM's reasons after the host's.
// `needs`: the datastores the secondary's host must mount (secondaryNeedsDatastores), the same for every candidate.
function examine(vmT: VmTarget, he: HostExam, ctx: RuleContext, needs: string[]): Rejection {
  const h = he.host;
  let r: Rejection | undefined;
  // SMP-FT keeps its own disk copies: the secondary needs the VM home / FT metadata datastores only.
  const missing = absent(needs, h.datastoreMoids);
  if (missing.length) {
    const names = missing.map((d) => ctx.index.datastore(d)?.name ?? d);
    (r ??= copyOf(he)).reasons.push(`does not mount ${names.join(', ')}`);
    r!.evidence.push(evidence(subjectOf.host(h), HOST_PATHS.datastores, h.datastoreMoids, `includes ${missing.join(', ')}`));
  }
  const vm = vmT.vm;
  const nets = absent(vm.networkMoids, h.networkMoids);
  if (nets.length) {
    (r ??= copyOf(he)).reasons.push(`is not connected to network ${nets.map((n) => ctx.index.network(n)?.name ?? n).join(', ')}`);
    r!.evidence.push(evidence(subjectOf.host(h), 'network', h.networkMoids, `includes ${nets.join(', ')}`));
  }
  const maxHw = he.maxHw;
  if (vm.hwVersion !== undefined && maxHw !== undefined && vm.hwVersion > maxHw) {
    (r ??= copyOf(he)).reasons.push(
      `runs ESXi ${h.product.version}, which supports virtual hardware up to vmx-${maxHw} (the VM is vmx-${vm.hwVersion})`,
    );
    r!.evidence.push(evidence(subjectOf.host(h), HOST_PATHS.version, h.product.version, `a release that runs vmx-${vm.hwVersion}`));
  }
  // The secondary's licence caps the VM too. Over the primary's own cap vm-vcpu-count reports it (blocker, or
  // unknown when the primary's edition is unknown), so only a VM the primary can take is checked here.
  if (ctx.generation === 'smp' && vm.numCpu <= vmT.limits.maxVcpus && !primaryEditionUnknown(vmT)) {
    const lim = he.limits;
    if (vm.numCpu > lim.maxVcpus) {
      (r ??= copyOf(he)).reasons.push(`allows ${lim.maxVcpus} vCPUs per FT VM (${lim.maxVcpusSource}); the VM has ${vm.numCpu}`);
      r!.evidence.push(
        lim.edition && lim.edition !== 'enterprisePlus'
          ? evidence(
              subjectOf.host(h),
              LICENSE_EDITION_PATH,
              h.licenseEdition ?? `--edition ${lim.edition}`,
              `an edition allowing ${vm.numCpu} vCPUs`,
            )
          : evidence(subjectOf.host(h), HOST_PATHS.capability + '.maxVcpusPerFtVm', lim.maxVcpus, `>= ${vm.numCpu}`),
      );
    } else if (lim.vcpusAnyEdition !== undefined && vm.numCpu > lim.vcpusAnyEdition) {
      (r ??= copyOf(he)).unknown.push(`${h.name}: edition unknown (${lim.editionWhy}); ${vm.numCpu} vCPUs need Enterprise Plus there too`);
    }
  }
  if (ctx.generation === 'smp' && vmEncrypted(vm) && hostEncryptedFt(h) === false) {
    (r ??= copyOf(he)).reasons.push('does not support encrypted FT (the VM is encrypted; 7.0 Update 2+ with encryptedFtSupported)');
    r!.evidence.push(
      evidence(subjectOf.host(h), HOST_PATHS.capability + '.encryptedFtSupported', h.capability.encryptedFtSupported ?? null, 'true'),
    );
    r!.evidence.push(
      evidence(subjectOf.vm(vm), VM_PATHS.encrypted, vm.encrypted ? 'set' : 'disk keys set', 'unset, or an encrypted-FT host'),
    );
  }
  return r ?? he;
}

const copyOf = (he: HostExam): Rejection => ({
  host: he.host,
  reasons: [...he.reasons],
  evidence: [...he.evidence],
  unknown: [...he.unknown],
  warnings: he.warnings,
  capable: he.capable,
  caveats: he.caveats,
});

// The members of `wanted` not in `have`, in order (no array built when there is none: the usual case).
function absent(wanted: string[], have: string[]): string[] {
  let out: string[] | undefined;
  for (const x of wanted) if (!have.includes(x)) (out ??= []).push(x);
  return out ?? NONE;
}
const NONE: string[] = [];

export interface PairingResult {
  candidates: Host[];
  findings: Finding[];
}

// The other hosts of the cluster examined once per VM target and context: vm-secondary-host reports on them,
// vm-ft-capacity and the VM's assessment (secondaryCandidates) read the candidates from the same exams, and the
// secondary chosen from them (chooseSecondary) is kept beside them. One entry per VM target (the engine gives a
// VM one context; another context examines again).
interface Examined {
  ctx: RuleContext;
  exams: Rejection[];
  choice?: SecondaryChoice;
}
const examined = new WeakMap<VmTarget, Examined>();
// When the VM adds no reason to any host, its exams are the host-level ones: one list per (context, cluster,
// primary, named secondary host), shared by those VMs (and their no-candidate answer worded once: pairSecondary).
const sharedLists = new WeakMap<RuleContext['index'], Map<string, Rejection[]>>();
const sharedExams = new WeakSet<Rejection[]>();
function examinedOf(t: VmTarget, ctx: RuleContext, primary: Host, cluster: Cluster): Examined {
  let x = examined.get(t);
  if (x?.ctx !== ctx) {
    const needs = secondaryNeedsDatastores(t.vm, ctx.generation, ctx.index);
    let exams: Rejection[] = [];
    let own = false;
    const row = hostExamsOf(cluster, primary, ctx);
    for (const h of ctx.index.hostsOf(cluster.moid)) {
      if (h.moid === primary.moid || (t.secondaryHost && h.moid !== t.secondaryHost.moid)) continue;
      const he = examineHost(row, cluster, primary, h, ctx);
      const e = examine(t, he, ctx, needs);
      if (e !== he) own = true;
      exams.push(e);
    }
    if (!own) {
      let lists = sharedLists.get(ctx.index);
      if (!lists) sharedLists.set(ctx.index, (lists = new Map()));
      const key = [ctx.generation, ctx.editionFlag ?? '', cluster.moid, primary.moid, t.secondaryHost?.moid ?? ''].join('\u0000');
      const known = lists.get(key);
      if (known) exams = known;
      else {
        lists.set(key, exams);
        sharedExams.add(exams);
      }
    }
    examined.set(t, (x = { ctx, exams }));
  }
  return x;
}

const fits = (e: Rejection): boolean => e.reasons.length === 0 && e.unknown.length === 0;

const primaryEditionUnknown = (t: VmTarget): boolean => t.limits.vcpusAnyEdition !== undefined && t.vm.numCpu > t.limits.vcpusAnyEdition;

// What makes a fitting host a second choice: its warning-level host findings and pair caveats.
function caveatsOf(e: Pick<Rejection, 'host' | 'warnings'>, ctx: RuleContext): Caveat[] {
  return [
    ...e.warnings.map((text) => ({ text })),
    ...ctx
      .hostFindings(e.host)
      .filter((f) => f.severity === 'warning')
      .map((f) => ({ text: `${e.host.name}: ${f.message} (${f.ruleId})`, finding: f })),
  ];
}

interface SecondaryChoice {
  fitting: Rejection[]; // every host that can carry the secondary
  preferred: Rejection[]; // those placement chooses from: without caveats when one of them has room
  chosen?: Rejection; // where the secondary would go (per-host FT limits: the preferred host with the most room)
  cleanFull: boolean; // hosts without caveats exist but none has room
}

function chooseSecondary(t: VmTarget, ctx: RuleContext, primary: Host, cluster: Cluster): SecondaryChoice {
  const x = examinedOf(t, ctx, primary, cluster);
  return (x.choice ??= choose(t, ctx, primary, cluster, x.exams));
}

function choose(t: VmTarget, ctx: RuleContext, primary: Host, cluster: Cluster, exams: Rejection[]): SecondaryChoice {
  const fitting = exams.filter(fits);
  // No host fits (every candidate rejected): nothing to place.
  if (fitting.length === 0) return { fitting, preferred: fitting, cleanFull: false };
  const clean = fitting.filter((e) => e.caveats.length === 0);
  const limits = limitsFor(cluster, ctx.generation, ctx.inv.vcenter.apiVersion);
  const loads = loadsOf(ctx.index, [primary, ...fitting.map((e) => e.host)]);
  const room = (e: Rejection) => !overLimit(loads.get(e.host.moid)!, t.vm.numCpu, limits);
  const cleanFull = clean.length > 0 && !clean.some(room);
  const preferred = clean.length > 0 && !cleanFull ? clean : fitting;
  const pick = placeOne(
    t.vm.numCpu,
    primary,
    preferred.map((e) => e.host),
    loads,
    limits,
  ).pair?.secondary;
  const chosen = preferred.find((e) => e.host.moid === pick) ?? preferred.find(room) ?? preferred[0];
  return { fitting, preferred, cleanFull, ...(chosen ? { chosen } : {}) };
}

/**
 * The hosts placement chooses the VM's secondary from (none without a host or a cluster): those that can carry
 * it, narrowed to the ones without warning-level host findings when one of them has FT room.
 */
export function secondaryCandidates(t: VmTarget, ctx: RuleContext): Host[] {
  return t.host && t.cluster ? chooseSecondary(t, ctx, t.host, t.cluster).preferred.map((e) => e.host) : [];
}

export function pairSecondary(t: VmTarget, ctx: RuleContext, meta: RuleMeta): PairingResult {
  const vs = subjectOf.vm(t.vm);
  const over = { vmMoid: t.vm.moid };
  if (!t.host) {
    return {
      candidates: [],
      findings: [
        finding(meta, ctx, vs, "the VM's host is unknown, so no secondary host can be checked", [evidence(vs, VM_PATHS.host, null)], {
          ...over,
          severity: 'unknown',
        }),
      ],
    };
  }
  if (!t.cluster) {
    return {
      candidates: [],
      findings: [
        finding(
          meta,
          ctx,
          vs,
          `host ${t.host.name} is standalone: FT needs an HA cluster with a second host`,
          [evidence(subjectOf.host(t.host), 'parent', 'standalone', 'ClusterComputeResource')],
          over,
        ),
      ],
    };
  }
  const primary = t.host;
  const choice = chooseSecondary(t, ctx, primary, t.cluster);
  const exams = examined.get(t)!.exams;
  const candidates = choice.preferred.map((e) => e.host);
  if (candidates.length > 0) {
    // The secondary goes to a host with a caveat (every candidate has one, or those without have no FT room):
    // the pair is possible, with that host's warning.
    const chosen = choice.chosen!;
    const caveats = chosen.caveats;
    if (caveats.length === 0) return { candidates, findings: [] };
    const why = choice.cleanFull ? 'the secondary candidates without a caveat have no FT room' : 'every secondary candidate has a caveat';
    const msg = `${why}: the secondary would run on ${chosen.host.name}: ${caveats.map((c) => c.text).join('; ')}`;
    const hostFinding = caveats.find((c) => c.finding)?.finding;
    const ev = caveats.flatMap((c) =>
      c.finding
        ? c.finding.evidence.slice(0, 1)
        : [
            evidence(
              subjectOf.host(chosen.host),
              HOST_PATHS.cpuInfo + '.hz',
              chosen.host.cpu.hz,
              `within 400 MHz of ${primary.name} (${primary.cpu.hz})`,
            ),
          ],
    );
    return {
      candidates,
      findings: [
        finding(meta, ctx, vs, msg, ev, {
          ...over,
          severity: 'warning',
          remediation: hostFinding
            ? `${chosen.host.name}: ${hostFinding.remediation} (or fix another candidate host so the secondary can go there)`
            : "Prefer secondary hosts whose CPU clock is within 400 MHz of the primary's (legacy FT keeps the pair in lockstep; a slower secondary slows the primary).",
        }),
      ],
    };
  }
  // No candidate: the answer is the exams' alone (the same for every VM that shares them), worded once for those.
  let why = sharedExams.has(exams) ? noSecondaryMemo.get(exams) : undefined;
  if (!why) {
    why = noSecondary(t.cluster, primary, exams);
    if (sharedExams.has(exams)) noSecondaryMemo.set(exams, why);
  }
  return {
    candidates,
    findings: [finding(meta, ctx, vs, why.message, [...why.evidence], why.unknown ? { ...over, severity: 'unknown' } : over)],
  };
}

interface NoSecondary {
  message: string;
  evidence: Evidence[];
  unknown?: boolean;
}
const noSecondaryMemo = new WeakMap<Rejection[], NoSecondary>();

// Why no other host of the cluster can carry the secondary (no exam fits).
function noSecondary(cluster: Cluster, primary: Host, exams: Rejection[]): NoSecondary {
  const cs = subjectOf.cluster(cluster);
  if (exams.length === 0) {
    return {
      message: `cluster ${cluster.name} has no host other than ${primary.name} for the secondary`,
      evidence: [evidence(cs, 'host', [primary.moid], '>= 2 hosts')],
    };
  }
  const rejected = exams.filter((e) => e.reasons.length > 0);
  const unknownOnly = exams.filter((e) => e.reasons.length === 0);
  if (unknownOnly.length > 0) {
    return {
      message: `cannot tell whether ${unknownOnly.map((e) => e.host.name).join(', ')} can hold the secondary: ${unknownOnly.map((e) => e.unknown.join('; ')).join('; ')}`,
      evidence: [
        evidence(
          cs,
          'host',
          unknownOnly.map((e) => e.host.moid),
        ),
      ],
      unknown: true,
    };
  }
  const capable = rejected.filter((e) => e.capable);
  if (capable.length === 1) {
    const e = capable[0]!;
    return {
      message: `the only other FT-capable host in cluster ${cluster.name}, ${e.host.name}, cannot hold the secondary: ${e.reasons.join('; ')}`,
      evidence: e.evidence,
    };
  }
  // Hosts rejected for the same reasons are named together, with the evidence of the first of them: each
  // host's own findings carry the rest, and a 32-host cluster must not put 32 copies into every VM's finding.
  const groups = new Map<string, Rejection[]>();
  for (const e of rejected) {
    const key = (e.text ??= e.reasons.join('; '));
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  return {
    message: noSecondaryMessage(
      cluster.name,
      [...groups].map(([reasons, es]) =>
        es.length > 1 ? `${hostList(es.map((e) => e.host.name))} (each): ${reasons}` : `${es[0]!.host.name} ${reasons}`,
      ),
    ),
    evidence: [...groups.values()].flatMap((es) => es[0]!.evidence),
  };
}

// "no other host in cluster C can hold the secondary: <group> | <group>": each group names hosts rejected for the
// same reasons. The groups are the cluster's host analysis (with the VM-level reasons, when there are, of the VMs
// that share them): the JSON report (schema 3.0, src/result/compact.ts) writes each group once per cluster and
// rebuilds the message with this function.
export const noSecondaryPrefix = (clusterName: string): string => `no other host in cluster ${clusterName} can hold the secondary: `;
export const NO_SECONDARY_SEPARATOR = ' | ';
export function noSecondaryMessage(clusterName: string, groups: string[]): string {
  return noSecondaryPrefix(clusterName) + groups.join(NO_SECONDARY_SEPARATOR);
}

// "a, b, c, d, e and 27 more": a 32-host cluster's names once per VM would dwarf the rest of the report.
function hostList(names: string[], shown = 5): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
