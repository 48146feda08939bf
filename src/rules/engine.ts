// evaluate(): runs the catalogue over one inventory and builds per-VM verdicts, per-cluster headroom and the
// host / datastore finding lists. Pure: no I/O, no clock.
import type { Cluster, Datastore, Host, Inventory, Moid, Unreadable, Vm } from '../inventory/model.js';
import type {
  AnyRule,
  ClusterAssessment,
  Edition,
  EditionSource,
  EvaluateOptions,
  Evaluation,
  Finding,
  FtLimits,
  Generation,
  InventoryIndex,
  Move,
  Rule,
  RuleContext,
  Scope,
  ScopeTargets,
  Severity,
  PlacementSummary,
  VmAssessment,
  VmTarget,
} from './types.js';
import { SEVERITIES } from './types.js';
import { RULES } from './catalog/index.js';
import { demandOf, limitsFor, loadOf, loadsOf, placeOne, take, usable } from './ft/placement.js';
import { forProtectedLegacyVm } from './ft/legacy-vcenter.js';
import { ownCluster as ftCluster, protectionOf } from './ft/protection.js';
import { resolveEdition, ftLimits } from './ft/edition.js';
import { finding, subjectOf, unreadableAmong, unreadableFinding, type Subject } from './finding.js';
import { chooseGeneration, hostDefaultGeneration, type GenerationChoice } from './ft/generation.js';
import { computeHeadroom } from './ft/headroom.js';
import { buildIndex } from './index-inventory.js';
import { ftCapableHosts, secondaryCandidates, unmountedDatastores } from './pairing.js';
import { vcenterOpinion } from './vcenter.js';
import { planMove, resolveTargetHosts } from './move.js';
import { closest } from '../util/suggest.js';
import { findingId, vcenterKey } from './finding-id.js';

export class UnknownClusterError extends Error {
  constructor(
    readonly cluster: string,
    readonly suggestion?: string,
  ) {
    super(`target cluster "${cluster}" not found in the inventory; give its name or moid as listed by vCenter`);
    this.name = 'UnknownClusterError';
  }
}

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

// The catalogue as evaluated: every rule of a scope but the skipped ones (--skip-rule / --only-rule). The one
// place a rule is left out; the assessments then say which were not checked.
const rulesOf = <S extends Scope>(scope: S, skip: ReadonlySet<string> | undefined) =>
  RULES.filter((r) => r.meta.scope === scope && !skip?.has(r.meta.id)) as unknown as Rule<S>[];

function runRule<S extends Scope>(
  rule: Rule<S>,
  target: ScopeTargets[S],
  ctx: RuleContext,
  subject: Subject,
  unreadable: Unreadable[],
): Finding[] {
  if (!rule.meta.generations.includes(ctx.generation)) return [];
  const gap = unreadableAmong(rule.meta.needs, unreadable);
  if (gap) return [unreadableFinding(rule.meta, ctx, subject, gap)];
  try {
    return rule.check(target, ctx);
  } catch (e) {
    // A rule must never take the whole scan down on an odd inventory value: report it on the object.
    return [finding(rule.meta, ctx, subject, `rule failed on this object: ${(e as Error).message}`, [], { severity: 'unknown' })];
  }
}

function excludedReason(vm: Vm): string | undefined {
  if (vm.template) return 'template';
  if ((vm.ft.role ?? 1) > 1) return `FT secondary (config.ftInfo.role = ${vm.ft.role}); its primary carries the verdict`;
  if (vm.agentVm) return vm.managedBy ? `agent VM managed by ${vm.managedBy.extensionKey}` : 'vCLS / agent VM';
  return undefined;
}

// By severity, stable (the order within a severity is kept): one pass per severity, no comparator calls.
function sortFindings(fs: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const s of SEVERITIES) for (const f of fs) if (f.severity === s) out.push(f);
  // A severity outside the list (never built by a rule) would be dropped above: sort as before instead.
  return out.length === fs.length ? out : [...fs].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function resolveCluster(inv: Inventory, nameOrMoid: string): Cluster {
  // Matched as VM names are: exactly, else case-insensitively; a near miss is suggested.
  const c =
    inv.clusters.find((x) => x.moid === nameOrMoid) ??
    inv.clusters.find((x) => x.name === nameOrMoid) ??
    inv.clusters.find((x) => x.name.toLowerCase() === nameOrMoid.toLowerCase());
  if (!c)
    throw new UnknownClusterError(
      nameOrMoid,
      closest(
        nameOrMoid,
        inv.clusters.map((x) => x.name),
      ),
    );
  return c;
}

class Evaluator {
  readonly index: InventoryIndex;
  private readonly hostCache = new Map<string, Finding[]>();
  private readonly clusterCache = new Map<string, Finding[]>();
  // Per datastore, then per generation (in evaluation order): allDatastoreFindings() reads one entry.
  private readonly dsCache = new Map<Moid, Map<Generation, Finding[]>>();
  private readonly vcCache = new Map<Generation, Finding[]>();
  // Every finding once, by id: assessments reference these.
  readonly byId = new Map<string, Finding>();
  private readonly vcenter: string;
  private readonly hostRules: Rule<'host'>[];
  private readonly clusterRules: Rule<'cluster'>[];
  private readonly datastoreRules: Rule<'datastore'>[];
  private readonly vcenterRules: Rule<'vcenter'>[];
  private readonly vmRules: Rule<'vm'>[];
  private readonly skipped: AnyRule[];
  // One rule context per generation (rules and the pairing caches read it, none writes it), the VM rules of each
  // generation, and each host's FT limits per generation (the same for every VM on it).
  private readonly ctxs = new Map<Generation, RuleContext>();
  private readonly vmRulesByGen = new Map<Generation, Rule<'vm'>[]>();
  private readonly limitsCache = new Map<string, FtLimits>();

  constructor(
    readonly inv: Inventory,
    readonly opts: EvaluateOptions,
  ) {
    const skip = opts.skipRules?.size ? opts.skipRules : undefined;
    this.hostRules = rulesOf('host', skip);
    this.clusterRules = rulesOf('cluster', skip);
    this.datastoreRules = rulesOf('datastore', skip);
    this.vcenterRules = rulesOf('vcenter', skip);
    this.vmRules = rulesOf('vm', skip);
    this.skipped = skip ? RULES.filter((r) => skip.has(r.meta.id)) : [];
    this.index = buildIndex(inv);
    this.vcenter = vcenterKey(inv.vcenter.instanceUuid, inv.vcenter.server);
  }

  // Gives each finding its id and stores it once; returns the ids (duplicates dropped, order kept). The same
  // finding object reached twice (cached host/cluster/datastore findings) is one; two objects with one id and
  // one message are one problem; two with one id and different messages are told apart by a counter.
  register(findings: Finding[]): string[] {
    const ids: string[] = [];
    // A VM's list is short: a linear look-up beats building a Set per VM.
    const seen = findings.length > 32 ? new Set<string>() : undefined;
    for (const f of findings) {
      if (!f.id) {
        const base = findingId(f, this.vcenter);
        let id = base;
        for (let n = 2; this.byId.has(id) && this.byId.get(id)!.message !== f.message; n++) id = `${base}-${n}`;
        f.id = id;
      }
      if (!this.byId.has(f.id)) this.byId.set(f.id, f);
      if (seen ? !seen.has(f.id) : !ids.includes(f.id)) {
        seen?.add(f.id);
        ids.push(f.id);
      }
    }
    return ids;
  }

  ctx(generation: Generation): RuleContext {
    let c = this.ctxs.get(generation);
    if (!c) {
      c = {
        inv: this.inv,
        index: this.index,
        generation,
        hostFindings: (h) => this.hostFindings(h, generation),
      };
      if (this.opts.edition) c.editionFlag = this.opts.edition;
      this.ctxs.set(generation, c);
    }
    return c;
  }

  private vmRulesOf(gen: Generation): Rule<'vm'>[] {
    let out = this.vmRulesByGen.get(gen);
    if (!out) this.vmRulesByGen.set(gen, (out = this.vmRules.filter((r) => r.meta.generations.includes(gen))));
    return out;
  }

  // chooseGeneration reads the VM's FT type, whether it has one vCPU, the host, the vCenter and the profile: one
  // answer (and one reason string) per such combination, shared by the VMs that have it.
  private readonly generations = new Map<string, GenerationChoice>();
  private generationOf(vm: Vm, carrier: Host | undefined): GenerationChoice {
    const key = `${carrier?.moid ?? ''}|${vm.ft.type ?? ''}|${vm.numCpu === 1}`;
    let out = this.generations.get(key);
    if (!out) this.generations.set(key, (out = chooseGeneration(vm, carrier ? [carrier] : [], this.inv.vcenter, this.opts.profile)));
    return out;
  }

  // ftLimits of a host (or of no host) for a generation, built once: a read-only value every VM on it shares.
  private limitsOf(host: Host | undefined, gen: Generation): FtLimits {
    const key = `${gen}|${host?.moid ?? ''}`;
    let out = this.limitsCache.get(key);
    if (!out) this.limitsCache.set(key, (out = ftLimits(host, gen, this.opts.edition)));
    return out;
  }

  hostFindings(h: Host, gen: Generation): Finding[] {
    const key = `${gen}|${h.moid}`;
    let out = this.hostCache.get(key);
    if (!out) {
      const ctx = this.ctx(gen);
      out = this.hostRules.flatMap((r) => runRule(r, h, ctx, subjectOf.host(h), h.unreadable));
      this.hostCache.set(key, out);
    }
    return out;
  }

  clusterFindings(c: Cluster, gen: Generation): Finding[] {
    const key = `${gen}|${c.moid}`;
    let out = this.clusterCache.get(key);
    if (!out) {
      const ctx = this.ctx(gen);
      out = this.clusterRules.flatMap((r) => runRule(r, c, ctx, subjectOf.cluster(c), c.unreadable));
      this.clusterCache.set(key, out);
    }
    return out;
  }

  datastoreFindings(d: Datastore, gen: Generation): Finding[] {
    let byGen = this.dsCache.get(d.moid);
    if (!byGen) this.dsCache.set(d.moid, (byGen = new Map()));
    let out = byGen.get(gen);
    if (!out) {
      const ctx = this.ctx(gen);
      out = this.datastoreRules.flatMap((r) => runRule(r, d, ctx, subjectOf.datastore(d), d.unreadable));
      byGen.set(gen, out);
    }
    return out;
  }

  // Datastores some VM in scope uses (evaluated for at least one generation).
  datastoreSeen(moid: Moid): boolean {
    return this.dsCache.has(moid);
  }

  vcenterFindings(gen: Generation): Finding[] {
    let out = this.vcCache.get(gen);
    if (!out) {
      const vc = this.inv.vcenter;
      out = this.vcenterRules.flatMap((r) => runRule(r, vc, this.ctx(gen), subjectOf.vcenter(vc), []));
      this.vcCache.set(gen, out);
    }
    return out;
  }

  allDatastoreFindings(moid: Moid): Finding[] {
    return [...(this.dsCache.get(moid)?.values() ?? [])].flat();
  }

  // What-if: the target cluster host that would most plausibly run the VM (usable, mounting its
  // datastores, fewest host blockers).
  choosePrimary(vm: Vm, cluster: Cluster): Host | undefined {
    const score = (h: Host) => {
      const gen = hostDefaultGeneration(h, this.opts.profile);
      const blockers = this.hostFindings(h, gen).filter((f) => f.severity === 'blocker').length;
      const missing = unmountedDatastores(vm, h).length;
      return (usable(h) ? 0 : 1000) + missing * 10 + blockers;
    };
    return [...this.index.hostsOf(cluster.moid)].sort((a, b) => score(a) - score(b))[0];
  }

  // --target-host, resolved once in the target cluster: [primary's host, secondary's host].
  private namedHosts?: Host[];
  targetHosts(target: Cluster): (Host | undefined)[] {
    this.namedHosts ??= resolveTargetHosts(target, this.index.hostsOf(target.moid), this.opts.move?.hosts);
    return this.namedHosts;
  }

  // The FT hosts of the target cluster (usable and without a host blocker; its usable hosts when none is).
  private ftHostsCache = new Map<Moid, Host[]>();
  ftHostsOf(c: Cluster): Host[] {
    let out = this.ftHostsCache.get(c.moid);
    if (!out) {
      const hosts = this.index.hostsOf(c.moid);
      const gen = this.clusterGeneration(c);
      out = ftCapableHosts(hosts, { hostFindings: (h) => this.hostFindings(h, gen) });
      if (out.length === 0) out = hosts.filter(usable);
      this.ftHostsCache.set(c.moid, out);
    }
    return out;
  }

  move(vm: Vm, target: Cluster, primary: Host | undefined): { vm: Vm; move: Move } {
    const gen = this.clusterGeneration(target);
    return planMove(
      vm,
      target,
      {
        index: this.index,
        datastores: this.inv.datastores,
        ...(this.inv.datastoreClusters ? { datastoreClusters: this.inv.datastoreClusters } : {}),
        networks: this.inv.networks,
        ftHosts: this.ftHostsOf(target),
        // Candidates are judged without joining the report's datastore list (only the VMs' datastores do).
        datastoreFindings: (d) =>
          this.dsCache.get(d.moid)?.get(gen) ??
          this.datastoreRules.flatMap((r) => runRule(r, d, this.ctx(gen), subjectOf.datastore(d), d.unreadable)),
      },
      this.opts.move ?? {},
      primary,
    );
  }

  assessVm(vm: Vm, target: Cluster | undefined): VmAssessment {
    const excluded = excludedReason(vm);
    const ownHost = vm.hostMoid ? this.index.host(vm.hostMoid) : undefined;
    const ownCluster = ownHost?.clusterMoid
      ? this.index.cluster(ownHost.clusterMoid)
      : vm.clusterMoid
        ? this.index.cluster(vm.clusterMoid)
        : undefined;
    const whatIf = target !== undefined && target.moid !== ownCluster?.moid;
    const cluster = whatIf ? target : ownCluster;
    // A what-if moves the VM as the admin will (Storage vMotion, port group mapping, the named hosts) and
    // judges the moved VM; the original stays in the inventory.
    const [namedPrimary, namedSecondary] = target ? this.targetHosts(target) : [];
    const moved = target && !excluded ? this.move(vm, target, whatIf ? namedPrimary : undefined) : undefined;
    const movedVm = moved?.vm ?? vm;
    const host = whatIf ? (namedPrimary ?? this.choosePrimary(movedVm, target!)) : ownHost;
    // Keys in the order the report has always had them (moid, name, secondaryCandidates, the place, ...).
    if (excluded)
      return {
        moid: vm.moid,
        name: vm.name,
        secondaryCandidates: [],
        clusterMoid: cluster?.moid,
        clusterName: cluster?.name,
        hostMoid: host?.moid,
        hostName: host?.name,
        generation: null,
        generationReason: '',
        excludedReason: excluded,
        findingIds: [],
      };
    vm = movedVm;

    // The generation is read off the primary's host (else the cluster's first host): chooseGeneration's hosts[0].
    const carrier = host ?? (cluster ? this.index.hostsOf(cluster.moid)[0] : undefined);
    const choice = this.generationOf(vm, carrier);
    const gen = choice.generation;
    const limits = this.limitsOf(host, gen);
    const ctx = this.ctx(gen);
    const secondaryHost = target && cluster?.moid === target.moid ? namedSecondary : undefined;
    const t: VmTarget = { vm, host, cluster, limits, whatIf, ...(secondaryHost ? { secondaryHost } : {}) };
    const subject = subjectOf.vm(vm);

    // The VM's findings in the order they are sorted from: vCenter, cluster, host, datastores, the VM's own.
    let findings: Finding[] = [];
    for (const f of this.vcenterFindings(gen)) findings.push(forProtectedLegacyVm(f, vm));
    if (cluster) for (const f of this.clusterFindings(cluster, gen)) findings.push(f);
    if (host) for (const f of this.hostFindings(host, gen)) findings.push(f);
    for (const m of vm.datastoreMoids) {
      const d = this.index.datastore(m);
      if (d) for (const f of this.datastoreFindings(d, gen)) findings.push(f);
    }
    for (const r of this.vmRulesOf(gen)) for (const f of runRule(r, t, ctx, subject, vm.unreadable)) findings.push(f);

    const a: VmAssessment = {
      moid: vm.moid,
      name: vm.name,
      secondaryCandidates: secondaryCandidates(t, ctx).map((h) => h.moid),
      clusterMoid: cluster?.moid,
      clusterName: cluster?.name,
      hostMoid: host?.moid,
      hostName: host?.name,
      generation: gen,
      generationReason: whatIf
        ? `what-if: placed in cluster ${cluster!.name} on ${host?.name ?? 'no usable host'}; ${choice.reason}`
        : choice.reason,
      findingIds: [],
      editionSource: limits.editionSource,
    };
    if (limits.edition) a.edition = limits.edition;
    // What was deliberately not checked for this VM: the skipped rules of its generation.
    if (this.skipped.length) {
      const unchecked = this.skipped.filter((r) => r.meta.generations.includes(gen)).map((r) => r.meta.id);
      if (unchecked.length) a.unchecked = unchecked;
    }
    const protection = protectionOf(vm, ftCluster(vm, this.index));
    if (protection) a.protection = protection;
    if (moved) a.move = moved.move;
    const q = this.inv.ftQuery?.[vm.moid];
    if (q && !whatIf) {
      const op = vcenterOpinion(vm, q, findings, RULES, gen);
      // vCenter's answer on a skipped rule is not checked either: no finding, no "ftscan found no such issue".
      const skip = this.opts.skipRules;
      const kept = skip?.size ? op.findings.filter((f) => !skip.has(f.ruleId)) : op.findings;
      if (skip?.size) {
        op.opinion.disagreements = op.opinion.disagreements.filter((d) => {
          const ids = /\(([^)]*)\); ftscan found no such issue$/.exec(d)?.[1]?.split(', ');
          return !ids?.every((id) => skip.has(id));
        });
      }
      a.vcenterOpinion = op.opinion;
      findings = [...findings, ...kept];
    } else if (q) {
      a.vcenterOpinion = {
        status: 'notEvaluated',
        reason: 'what-if placement: vCenter evaluated the VM where it runs now',
        faults: [],
        disagreements: [],
      };
    }
    a.findingIds = this.register(sortFindings(findings));
    return a;
  }

  clusterGeneration(c: Cluster): Generation {
    const h = this.index.hostsOf(c.moid).find((x) => x.connectionState === 'connected') ?? this.index.hostsOf(c.moid)[0];
    return h ? hostDefaultGeneration(h, this.opts.profile) : this.opts.profile === 'legacy' ? 'legacy' : 'smp';
  }

  assessCluster(c: Cluster): ClusterAssessment {
    const gen = this.clusterGeneration(c);
    const hosts = this.index.hostsOf(c.moid);
    const capable = new Set(ftCapableHosts(hosts, { hostFindings: (h) => this.hostFindings(h, gen) }).map((h) => h.moid));
    return {
      moid: c.moid,
      name: c.name,
      findingIds: this.register(sortFindings(this.clusterFindings(c, gen))),
      headroom: computeHeadroom(
        { maxFtVmsPerHost: c.ha.maxFtVmsPerHost, maxFtVcpusPerHost: c.ha.maxFtVcpusPerHost },
        hosts,
        capable,
        (h) => this.index.vmsOn(h.moid),
        limitsFor(c, gen, this.inv.vcenter.apiVersion),
        { cluster: c, generation: gen, vcpuCap: (h) => this.limitsOf(h, gen).maxVcpus, loadOf: (h) => loadOf(this.index, h) },
      ),
    };
  }
}

// The report header's edition: the most common FT edition among the licences read; else --edition; else none.
function overallEdition(inv: Inventory, flag: Edition | undefined): { edition?: Edition; editionSource: EditionSource } {
  const read = inv.hosts.map((h) => resolveEdition(h, flag)).filter((e) => e.source === 'license');
  const tally = new Map<Edition, number>();
  for (const e of read) if (e.edition) tally.set(e.edition, (tally.get(e.edition) ?? 0) + 1);
  const top = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  if (top) return { edition: top[0], editionSource: 'license' };
  if (read.length) return { editionSource: 'license' }; // licences read, none with FT
  const d = resolveEdition(undefined, flag);
  return d.edition ? { edition: d.edition, editionSource: d.source } : { editionSource: d.source };
}

export function evaluate(inv: Inventory, opts: EvaluateOptions): Evaluation {
  const ev = new Evaluator(inv, opts);
  const target = opts.targetCluster ? resolveCluster(inv, opts.targetCluster) : undefined;
  const vms = inv.vms.filter((v) => !opts.vmMoids || opts.vmMoids.has(v.moid)).map((v) => ev.assessVm(v, target));
  const clusters = inv.clusters.map((c) => ev.assessCluster(c));
  const hosts = inv.hosts.map((h) => ({
    moid: h.moid,
    name: h.name,
    findingIds: ev.register(sortFindings(ev.hostFindings(h, hostDefaultGeneration(h, opts.profile)))),
  }));
  const datastores = inv.datastores
    .filter((d) => ev.datastoreSeen(d.moid))
    .map((d) => ({ moid: d.moid, name: d.name, findingIds: ev.register(sortFindings(ev.allDatastoreFindings(d.moid))) }));
  const findings = sortFindings([...ev.byId.values()]);
  const out: Evaluation = { profile: opts.profile, ...overallEdition(inv, opts.edition), vms, clusters, hosts, datastores, findings };
  if (opts.targetCluster || opts.vmMoids) {
    // Capacity counts the VMs nothing but capacity holds back: a VM blocked (or unknown) for another cause would
    // take room it will never use.
    const otherCause = (a: VmAssessment) =>
      a.findingIds.some((id) => {
        const f = ev.byId.get(id);
        return !!f && f.source === 'ftscan' && (f.severity === 'blocker' || f.severity === 'unknown') && !CAPACITY_RULES.has(f.ruleId);
      });
    // A what-if without a named primary host may start the primary on any FT host of the target.
    const anyPrimary = (a: VmAssessment) =>
      !!target && a.clusterMoid === target.moid && !!a.move?.steps.length && !opts.move?.hosts?.length;
    out.placement = placeTogether(
      inv,
      ev.index,
      vms.filter((a) => !otherCause(a)),
      anyPrimary,
    );
  }
  return out;
}

// Rules whose blocker is the room on the hosts: the capacity answer decides about them, not "other causes".
const CAPACITY_RULES = new Set(['vm-ft-capacity']);

// plan: how many of the chosen VMs fit TOGETHER under the per-host limits, per cluster they are placed in.
// Greedy (smallest first, each on its own host plus the candidate with the most room): "at least N".
function placeTogether(
  inv: Inventory,
  index: InventoryIndex,
  vms: VmAssessment[],
  anyPrimary: (a: VmAssessment) => boolean = () => false,
): PlacementSummary[] {
  const byCluster = new Map<Moid, VmAssessment[]>();
  for (const a of vms) {
    if (a.generation === null || a.protection || !a.clusterMoid || !a.hostMoid) continue;
    byCluster.set(a.clusterMoid, [...(byCluster.get(a.clusterMoid) ?? []), a]);
  }
  return [...byCluster.entries()].map(([moid, list]) => {
    const c = index.cluster(moid)!;
    const loads = new Map(loadsOf(index, index.hostsOf(moid)));
    const numCpu = (a: VmAssessment) => index.vm(a.moid)?.numCpu ?? 0;
    const placed: Moid[] = [];
    for (const a of [...list].sort((x, y) => numCpu(x) - numCpu(y))) {
      const primary = index.host(a.hostMoid!);
      const candidates = a.secondaryCandidates.map((m) => index.host(m)).filter((h): h is Host => h !== undefined);
      if (!primary || candidates.length === 0) continue;
      const vm = index.vm(a.moid);
      const demandOn = (p: Host) => (vm ? demandOf(vm, vm.hostMoid === p.moid) : numCpu(a));
      const limits = limitsFor(c, a.generation!, inv.vcenter.apiVersion);
      // The chosen primary first; in a what-if, any host of the pool may carry the primary instead.
      const pool = [primary, ...candidates];
      const primaries = anyPrimary(a) ? pool : [primary];
      const pair = primaries
        .map((p) => placeOne(demandOn(p), p, p === primary ? candidates : pool.filter((h) => h !== p), loads, limits).pair)
        .find((x) => x !== undefined);
      if (!pair) continue;
      take(loads, pair, demandOn(index.host(pair.primary) ?? primary));
      placed.push(a.moid);
    }
    return { clusterMoid: moid, clusterName: c.name, vms: list.length, fitTogether: placed.length, placedVmMoids: placed };
  });
}
