// evaluate(): runs the catalogue over one inventory and builds per-VM verdicts, per-cluster headroom and the
// host / datastore finding lists. Pure: no I/O, no clock.
import type { Cluster, Datastore, Host, Inventory, Moid, Unreadable, Vm } from '../inventory/model.js';
import type {
  ClusterAssessment,
  Disruption,
  Edition,
  EditionSource,
  EvaluateOptions,
  Evaluation,
  Finding,
  Generation,
  InventoryIndex,
  Rule,
  RuleContext,
  Scope,
  ScopeTargets,
  Severity,
  Verdict,
  VmAssessment,
  VmTarget,
} from './types.js';
import { RULES } from './catalog/index.js';
import { rule as secondaryRule } from './catalog/vm-secondary-host.js';
import { resolveEdition, ftLimits } from './edition.js';
import { evidence, finding, subjectOf, type Subject } from './finding.js';
import { chooseGeneration, hostDefaultGeneration } from './generation.js';
import { computeHeadroom } from './headroom.js';
import { buildIndex } from './index-inventory.js';
import { ftCapableHosts, pairSecondary, unmountedDatastores, usable } from './pairing.js';
import { vcenterOpinion } from './vcenter.js';
import { verdictOf } from './verdict.js';

export class UnknownClusterError extends Error {
  constructor(readonly cluster: string) {
    super(`target cluster "${cluster}" not found in the inventory; give its name or moid as listed by vCenter`);
    this.name = 'UnknownClusterError';
  }
}

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, unknown: 1, warning: 2, info: 3 };
// Fix order inside a severity: configuration changes first, then VM power-off, then host work.
const DISRUPTION_RANK: Record<Disruption, number> = { none: 0, clusterConfig: 1, vmPowerOff: 2, hostMaintenance: 3, hostReboot: 4, bios: 5 };

const rulesOf = <S extends Scope>(scope: S) => RULES.filter((r) => r.meta.scope === scope) as unknown as Rule<S>[];
const HOST_RULES = rulesOf('host');
const CLUSTER_RULES = rulesOf('cluster');
const DATASTORE_RULES = rulesOf('datastore');
const VCENTER_RULES = rulesOf('vcenter');
const VM_RULES = rulesOf('vm').filter((r) => r.meta.id !== secondaryRule.meta.id); // pairing runs apart: it also yields the candidates

// A property the rule needs is unreadable when one path is the other or a prefix of it.
function unreadableFor(needs: string[] | undefined, unreadable: Unreadable[]): Unreadable | undefined {
  if (!needs?.length || unreadable.length === 0) return undefined;
  const covers = (a: string, b: string) => a === b || a.startsWith(b + '.') || a.startsWith(b + '[');
  return unreadable.find((u) => needs.some((n) => covers(u.path, n) || covers(n, u.path)));
}

function runRule<S extends Scope>(rule: Rule<S>, target: ScopeTargets[S], ctx: RuleContext, subject: Subject, unreadable: Unreadable[]): Finding[] {
  if (!rule.meta.generations.includes(ctx.generation)) return [];
  const gap = unreadableFor(rule.meta.needs, unreadable);
  if (gap) {
    return [finding(rule.meta, ctx, subject, `cannot evaluate: ${gap.path} is unreadable (${gap.fault})`, [evidence(subject, gap.path, null)], {
      severity: 'unknown',
      remediation: ['NoPermission', 'NotAuthenticated'].includes(gap.fault)
        ? `Give the scanning account read access to ${gap.path} (a role with System.Read propagated to this object), then scan again.`
        : `vCenter could not return ${gap.path} (${gap.fault}); check the object's state and scan again.`,
      disruption: 'none',
    })];
  }
  try {
    return rule.check(target, ctx);
  } catch (e) {
    // A rule must never take the whole scan down on an odd inventory value: report it on the object.
    return [finding(rule.meta, ctx, subject, `rule failed on this object: ${(e as Error).message}`, [], { severity: 'unknown' })];
  }
}

export function orderFixes(findings: Finding[]): VmAssessment['fixes'] {
  const seen = new Set<string>();
  return findings
    .filter((f) => f.source === 'ftscan' && (f.severity === 'blocker' || f.severity === 'warning'))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || DISRUPTION_RANK[a.disruption] - DISRUPTION_RANK[b.disruption])
    .filter((f) => {
      const k = `${f.ruleId}|${f.moid}|${f.remediation}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((f) => ({ ruleId: f.ruleId, remediation: f.moid === f.vmMoid || f.objectType === 'VirtualMachine' ? f.remediation : `${f.name}: ${f.remediation}`, disruption: f.disruption }));
}

function excludedReason(vm: Vm): string | undefined {
  if (vm.template) return 'template';
  if ((vm.ft.role ?? 1) > 1) return `FT secondary (config.ftInfo.role = ${vm.ft.role}); its primary carries the verdict`;
  if (vm.agentVm) return vm.managedBy ? `agent VM managed by ${vm.managedBy.extensionKey}` : 'vCLS / agent VM';
  return undefined;
}

function findingKey(f: Finding): string {
  return [f.source, f.ruleId, f.moid, f.generation, f.vmMoid ?? '', f.severity, f.message].join('|');
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = findingKey(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const sortFindings = (fs: Finding[]) => [...fs].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);

function resolveCluster(inv: Inventory, nameOrMoid: string): Cluster {
  const c = inv.clusters.find((x) => x.moid === nameOrMoid) ?? inv.clusters.find((x) => x.name === nameOrMoid);
  if (!c) throw new UnknownClusterError(nameOrMoid);
  return c;
}

class Evaluator {
  readonly index: InventoryIndex;
  private readonly hostCache = new Map<string, Finding[]>();
  private readonly clusterCache = new Map<string, Finding[]>();
  // Per datastore, then per generation (in evaluation order): allDatastoreFindings() reads one entry.
  private readonly dsCache = new Map<Moid, Map<Generation, Finding[]>>();
  private readonly vcCache = new Map<Generation, Finding[]>();

  constructor(
    readonly inv: Inventory,
    readonly opts: EvaluateOptions,
  ) {
    this.index = buildIndex(inv);
  }

  ctx(generation: Generation, host?: Host): RuleContext {
    const ed = resolveEdition(host, this.opts.edition);
    return { inv: this.inv, index: this.index, generation, edition: ed.edition, editionSource: ed.source, hostFindings: (h) => this.hostFindings(h, generation) };
  }

  hostFindings(h: Host, gen: Generation): Finding[] {
    const key = `${gen}|${h.moid}`;
    let out = this.hostCache.get(key);
    if (!out) {
      const ctx = this.ctx(gen, h);
      out = HOST_RULES.flatMap((r) => runRule(r, h, ctx, subjectOf.host(h), h.unreadable));
      this.hostCache.set(key, out);
    }
    return out;
  }

  clusterFindings(c: Cluster, gen: Generation): Finding[] {
    const key = `${gen}|${c.moid}`;
    let out = this.clusterCache.get(key);
    if (!out) {
      const ctx = this.ctx(gen, this.index.hostsOf(c.moid)[0]);
      out = CLUSTER_RULES.flatMap((r) => runRule(r, c, ctx, subjectOf.cluster(c), c.unreadable));
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
      out = DATASTORE_RULES.flatMap((r) => runRule(r, d, ctx, subjectOf.datastore(d), d.unreadable));
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
      out = VCENTER_RULES.flatMap((r) => runRule(r, vc, this.ctx(gen), subjectOf.vcenter(vc), []));
      this.vcCache.set(gen, out);
    }
    return out;
  }

  allDatastoreFindings(moid: Moid): Finding[] {
    return dedupe([...(this.dsCache.get(moid)?.values() ?? [])].flat());
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

  assessVm(vm: Vm, target: Cluster | undefined): VmAssessment {
    const base = { moid: vm.moid, name: vm.name, secondaryCandidates: [] as Moid[], fixes: [] as VmAssessment['fixes'] };
    const excluded = excludedReason(vm);
    const ownHost = vm.hostMoid ? this.index.host(vm.hostMoid) : undefined;
    const ownCluster = ownHost?.clusterMoid ? this.index.cluster(ownHost.clusterMoid) : vm.clusterMoid ? this.index.cluster(vm.clusterMoid) : undefined;
    const whatIf = target !== undefined && target.moid !== ownCluster?.moid;
    const cluster = whatIf ? target : ownCluster;
    const host = whatIf ? this.choosePrimary(vm, target!) : ownHost;
    const place = { clusterMoid: cluster?.moid, clusterName: cluster?.name, hostMoid: host?.moid, hostName: host?.name };
    if (excluded) return { ...base, ...place, verdict: 'excluded', generation: null, generationReason: '', excludedReason: excluded, findings: [] };

    const carriers = [host, ...(cluster ? this.index.hostsOf(cluster.moid) : [])].filter((h): h is Host => h !== undefined);
    const choice = chooseGeneration(vm, carriers, this.inv.vcenter, this.opts.profile);
    const gen = choice.generation;
    const limits = ftLimits(host, gen, this.opts.edition);
    const ctx = this.ctx(gen, host);
    const t: VmTarget = { vm, host, cluster, limits, whatIf };
    const subject = subjectOf.vm(vm);

    const own = VM_RULES.flatMap((r) => runRule(r, t, ctx, subject, vm.unreadable));
    const pairing = pairSecondary(t, ctx, secondaryRule.meta);
    const datastores = vm.datastoreMoids.map((m) => this.index.datastore(m)).filter((d): d is Datastore => d !== undefined);
    let findings = dedupe([
      ...this.vcenterFindings(gen),
      ...(cluster ? this.clusterFindings(cluster, gen) : []),
      ...(host ? this.hostFindings(host, gen) : []),
      ...datastores.flatMap((d) => this.datastoreFindings(d, gen)),
      ...own,
      ...pairing.findings,
    ]);

    const a: VmAssessment = {
      ...base,
      ...place,
      verdict: verdictOf(findings),
      generation: gen,
      generationReason: whatIf ? `what-if: placed in cluster ${cluster!.name} on ${host?.name ?? 'no usable host'}; ${choice.reason}` : choice.reason,
      findings: [],
      secondaryCandidates: pairing.candidates.map((h) => h.moid),
      fixes: orderFixes(findings),
      edition: limits.edition,
      editionSource: limits.editionSource,
    };
    const q = this.inv.ftQuery?.[vm.moid];
    if (q && !whatIf) {
      const op = vcenterOpinion(vm, q, findings, RULES, gen);
      a.vcenterOpinion = op.opinion;
      findings = [...findings, ...op.findings];
    } else if (q) {
      a.vcenterOpinion = { status: 'notEvaluated', reason: 'what-if placement: vCenter evaluated the VM where it runs now', faults: [], disagreements: [] };
    }
    a.findings = sortFindings(findings);
    return a;
  }

  clusterGeneration(c: Cluster): Generation {
    const h = this.index.hostsOf(c.moid).find((x) => x.connectionState === 'connected') ?? this.index.hostsOf(c.moid)[0];
    return h ? hostDefaultGeneration(h, this.opts.profile) : this.opts.profile === 'legacy' ? 'legacy' : 'smp';
  }

  assessCluster(c: Cluster, counts: Record<Verdict, number>): ClusterAssessment {
    const gen = this.clusterGeneration(c);
    const hosts = this.index.hostsOf(c.moid);
    const capable = new Set(ftCapableHosts(hosts, { hostFindings: (h) => this.hostFindings(h, gen) }).map((h) => h.moid));
    return {
      moid: c.moid,
      name: c.name,
      findings: sortFindings(this.clusterFindings(c, gen)),
      headroom: computeHeadroom({ maxFtVmsPerHost: c.ha.maxFtVmsPerHost, maxFtVcpusPerHost: c.ha.maxFtVcpusPerHost }, hosts, capable, (h) => this.index.vmsOn(h.moid)),
      counts,
    };
  }
}

function overallEdition(inv: Inventory, flag: Edition | undefined): { edition: Edition; editionSource: EditionSource } {
  const read = inv.hosts.map((h) => resolveEdition(h, flag)).filter((e) => e.source === 'license');
  if (read.length) {
    const tally = new Map<Edition, number>();
    for (const e of read) tally.set(e.edition, (tally.get(e.edition) ?? 0) + 1);
    const edition = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    return { edition, editionSource: 'license' };
  }
  const d = resolveEdition(undefined, flag);
  return { edition: d.edition, editionSource: d.source };
}

export function evaluate(inv: Inventory, opts: EvaluateOptions): Evaluation {
  const ev = new Evaluator(inv, opts);
  const target = opts.targetCluster ? resolveCluster(inv, opts.targetCluster) : undefined;
  const vms = inv.vms.filter((v) => !opts.vmMoids || opts.vmMoids.has(v.moid)).map((v) => ev.assessVm(v, target));
  const counts = new Map<Moid, Record<Verdict, number>>(inv.clusters.map((c) => [c.moid, { ready: 0, warnings: 0, blocked: 0, unknown: 0, excluded: 0 }]));
  for (const v of vms) {
    const c = v.clusterMoid ? counts.get(v.clusterMoid) : undefined;
    if (c) c[v.verdict]++;
  }
  const clusters = inv.clusters.map((c) => ev.assessCluster(c, counts.get(c.moid)!));
  const hosts = inv.hosts.map((h) => ({ moid: h.moid, name: h.name, findings: sortFindings(ev.hostFindings(h, hostDefaultGeneration(h, opts.profile))) }));
  const datastores = inv.datastores.filter((d) => ev.datastoreSeen(d.moid)).map((d) => ({ moid: d.moid, name: d.name, findings: sortFindings(ev.allDatastoreFindings(d.moid)) }));
  const findings = dedupe([...vms.flatMap((v) => v.findings), ...clusters.flatMap((c) => c.findings), ...hosts.flatMap((h) => h.findings), ...datastores.flatMap((d) => d.findings)]);
  return { profile: opts.profile, ...overallEdition(inv, opts.edition), vms, clusters, hosts, datastores, findings: sortFindings(findings) };
}
