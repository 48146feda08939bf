// Contracts of the rules layer: a rule is a pure function over the normalized inventory plus metadata.
import type { Cluster, Datastore, Host, Inventory, Moid, VCenterInfo, Vm } from '../inventory/model.js';

export type Severity = 'blocker' | 'warning' | 'info' | 'unknown'; // 'unknown' = data needed by the rule was unreadable
export type Scope = 'vcenter' | 'cluster' | 'host' | 'datastore' | 'vm';
export type Generation = 'legacy' | 'smp';
export type Profile = 'auto' | 'legacy' | 'smp';
export type Edition = 'standard' | 'enterprise' | 'enterprisePlus';
export type Disruption = 'none' | 'vmPowerOff' | 'hostReboot' | 'bios' | 'hostMaintenance' | 'clusterConfig';
// Every verdict a VM can get, worst first: the one list renderers and counts iterate. Candidates (FT off) are
// blocked / disputed (vCenter refuses for a reason ftscan found no issue with) / unknown / warnings / ready;
// a VM with FT already configured is protected or degraded instead (src/rules/ft/protection.ts).
export const VERDICTS = ['blocked', 'disputed', 'unknown', 'degraded', 'warnings', 'ready', 'protected', 'excluded'] as const;
export type Verdict = (typeof VERDICTS)[number];
// What people read for each verdict, in every report and channel (machine formats keep the keys above).
// 'warnings' is ready with caveats: a separate count, never added to 'ready' anywhere.
export const VERDICT_LABEL: Record<Verdict, string> = {
  blocked: 'blocked',
  disputed: 'disputed',
  unknown: 'unknown',
  degraded: 'degraded',
  warnings: 'ready with warnings',
  ready: 'ready',
  protected: 'protected',
  excluded: 'excluded',
};
/** "5 blocked, 0 disputed, ..., 20 ready with warnings, 33 ready": the one wording of VM counts. */
export function verdictCounts(counts: Partial<Record<Verdict, number>>, opts: { zeros?: boolean; only?: readonly Verdict[] } = {}): string {
  const list = (opts.only ?? VERDICTS).filter((v) => opts.zeros !== false || (counts[v] ?? 0) > 0);
  return list.map((v) => `${counts[v] ?? 0} ${VERDICT_LABEL[v]}`).join(', ') || 'no VMs';
}
// Every severity, worst first.
export const SEVERITIES = ['blocker', 'unknown', 'warning', 'info'] as const;

export interface Evidence {
  objectType: 'VirtualMachine' | 'HostSystem' | 'ClusterComputeResource' | 'Datastore' | 'Network' | 'vCenter';
  moid: Moid;
  name?: string;
  path: string; // vim25 property path, e.g. "config.hardware.numCPU" or "config.hardware.device[key=2000].backing.thinProvisioned"
  observed: unknown; // JSON value
  expected?: string; // human-readable expectation: "<= 1", "eagerZeroedThick"
}

export interface RuleMeta {
  id: string; // stable, kebab-case with a scope prefix: "vm-snapshots", "host-ft-logging-nic"
  title: string;
  severity: Severity; // default severity; a finding may carry another (e.g. thin disk: warning, blocker without space)
  scope: Scope;
  generations: Generation[]; // which FT generations the rule applies to
  versions?: string; // free text: "SMP-FT 6.7-7.0", when narrower than the generation
  rationale: string;
  remediation: string;
  disruption: Disruption; // what the fix needs
  references: string[]; // doc ids/URLs from ft-requirements.md
  seedRequirement?: string; // the seed (2009 list) requirement this rule implements, if any
  severityNote?: string; // where sources disagree: the decision, the reason and the source
  vcenterReasons?: string[]; // VmFaultToleranceConfigIssueReasonForIssue / fault names this rule corresponds to
  // vim25 paths (on the rule's own object) the rule reads: when one is in the object's `unreadable`,
  // the engine emits an `unknown` finding instead of running the check.
  needs?: string[];
  // vim25 paths the rule reads but can often decide without (partial evidence): the engine runs the check
  // anyway and the rule yields `unknown` (unreadableFinding) only when its outcome depends on the gap.
  reads?: string[];
}

export interface Finding {
  // Stable identity (src/rules/finding-id.ts): vCenter instanceUuid, source, rule, object, VM, discriminator,
  // generation; equal across scans of the same estate whatever URL reached it. Assigned by the engine.
  id: string;
  ruleId: string;
  severity: Severity;
  scope: Scope;
  objectType: Evidence['objectType'];
  moid: Moid; // the object the finding is about
  name: string;
  server?: string; // vCenter, filled by the scan layer when several are merged
  generation: Generation;
  message: string; // one sentence, specific: "2 vCPUs; legacy FT allows 1"
  evidence: Evidence[];
  remediation: string;
  disruption: Disruption;
  source: 'ftscan' | 'vcenter'; // vcenter = mapped from QueryFaultToleranceCompatibilityEx
  vmMoid?: Moid; // for host/cluster/datastore findings attached to a VM's verdict (pairing)
  // Tells apart several findings of one rule on one object when their evidence does not (device keys do).
  discriminator?: string;
  // --ask-vcenter: vCenter's query gave the same reason (a fault mapped onto this finding's rule).
  corroboration?: { source: 'vcenter'; reason: string; message: string }[];
  // Filled by the policy stage:
  status?: 'new' | 'unchanged' | 'resolved';
  waived?: { reason: string; expires?: string };
  expiredWaiver?: { reason: string; expires: string }; // a waiver that would hide it, past its date
}

// Where the edition came from: the host licence, --edition, or neither ('unknown': no edition assumed).
// 'default' appears only in stored reports before schema 2.2, which assumed Enterprise Plus.
export type EditionSource = 'license' | 'flag' | 'unknown' | 'default';

// The FT ceilings that apply to one VM on one host, with where each number came from.
export interface FtLimits {
  edition?: Edition; // absent: unknown (editionSource 'unknown') or a licence without FT
  editionSource: EditionSource;
  editionWhy: string; // where the edition came from, for messages: "licence esx.standard.cpuPackage"
  editionKey?: string; // the licence editionKey when it was read
  // Edition unknown (SMP-FT): the vCPUs every FT edition allows. Between it and maxVcpus the edition decides.
  vcpusAnyEdition?: number;
  maxVcpus: number; // the most the host's edition allows (edition unknown: the most any edition allows)
  maxVcpusSource: string; // "host capability.maxVcpusPerFtVm" / "Enterprise Plus on ESXi 7.0"
  maxMemMB: number;
  maxMemSource: string;
}

export interface RuleContext {
  inv: Inventory;
  generation: Generation;
  editionFlag?: Edition; // --edition: the edition of hosts whose licence was not read (ftLimits)
  index: InventoryIndex;
  // Host-scope findings of a host for this context's generation (memoized by the engine); cluster and
  // pairing rules use it to decide which hosts are FT-capable.
  hostFindings(host: Host): Finding[];
}

export interface InventoryIndex {
  host(moid: Moid): import('../inventory/model.js').Host | undefined;
  cluster(moid: Moid): import('../inventory/model.js').Cluster | undefined;
  datastore(moid: Moid): import('../inventory/model.js').Datastore | undefined;
  network(moid: Moid): import('../inventory/model.js').Network | undefined;
  vm(moid: Moid): import('../inventory/model.js').Vm | undefined;
  hostsOf(clusterMoid: Moid): import('../inventory/model.js').Host[];
  vmsOn(hostMoid: Moid): import('../inventory/model.js').Vm[];
}

export interface Headroom {
  maxFtVmsPerHost: number; // 0 = unlimited (check disabled)
  maxFtVcpusPerHost: number;
  ftCapableHosts: number;
  currentFtVms: number; // primaries + secondaries placed in the cluster
  currentFtVcpus: number;
  additionalFtVms: number | null; // how many more FT VMs (each = primary + secondary) fit; null = unlimited
  additionalFtVcpus: number | null; // free FT vCPUs summed over host pairs (an upper bound: see largestNewFtVmVcpus)
  // The most vCPUs one more FT VM can have: each half needs its vCPUs on one host, so two hosts must each
  // have that much room (and a free VM slot). null = no vCPU limit; 0 = no pair has room. What the per-VM
  // check vm-ft-capacity decides with.
  largestNewFtVmVcpus: number | null;
  // The FT generation the cluster's headroom is counted for: legacy FT has no vCPU limit and 1-vCPU VMs only.
  generation?: Generation;
  note?: string;
}

export interface VmAssessment {
  moid: Moid;
  name: string;
  clusterMoid?: Moid;
  clusterName?: string;
  hostMoid?: Moid;
  hostName?: string;
  generation: Generation | null; // null when excluded
  generationReason: string; // "hosts run ESXi 7.0.3 (SMP-FT)" / "--profile legacy"
  excludedReason?: string;
  findingIds: string[]; // the VM's own findings, plus the host/cluster/datastore findings that affect it
  secondaryCandidates: Moid[]; // hosts that could carry the secondary
  edition?: Edition; // the edition whose caps applied (absent when excluded)
  editionSource?: EditionSource;
  vcenterOpinion?: { status: 'evaluated' | 'notEvaluated'; reason?: string; faults: string[]; disagreements: string[] };
  // Set when FT is already configured: the VM is not a candidate, its verdict comes from its FT state.
  protection?: Protection;
  // Pre-migration what-if (targetCluster): where the VM is now, where it lands and the steps of the move.
  move?: Move;
  unchecked?: string[]; // rule ids of the VM's generation deliberately not evaluated (--skip-rule / --only-rule)
}

export interface Protection {
  verdict: 'protected' | 'degraded';
  state: string; // runtime.faultToleranceState (VirtualMachineFaultToleranceState)
  reason: string; // "FT running" / "secondary not running (needSecondary): the VM runs unprotected"
}

export interface ClusterAssessment {
  moid: Moid;
  name: string;
  findingIds: string[];
  headroom: Headroom;
}

export interface ObjectAssessment {
  moid: Moid;
  name: string;
  findingIds: string[];
}

export interface Evaluation {
  profile: Profile;
  edition?: Edition; // absent when no host licence with FT was read and no --edition was given
  editionSource: EditionSource; // 'license' when any host's licence was read
  vms: VmAssessment[]; // no verdicts here: the policy stage decides them once, after waivers
  clusters: ClusterAssessment[];
  hosts: ObjectAssessment[];
  datastores: ObjectAssessment[];
  findings: Finding[]; // every finding once; assessments reference them by id
  // plan / what-if (targetCluster or a VM scope): per cluster the chosen VMs are placed in, how many fit
  // together under the per-host FT limits (greedy: at least that many).
  placement?: PlacementSummary[];
}

export interface PlacementSummary {
  clusterMoid: Moid;
  clusterName: string;
  vms: number; // candidates placed in this cluster (FT not configured, a host and secondary candidates known)
  fitTogether: number; // of those, how many fit at once (greedy lower bound)
  placedVmMoids: Moid[];
}

export interface EvaluateOptions {
  profile: Profile;
  edition?: Edition; // --edition; licence data wins when present
  targetCluster?: string; // what-if: evaluate VMs as if placed in this cluster (name or moid)
  move?: MoveOptions; // what-if: the target datastores, port group mapping and hosts the admin states
  vmMoids?: Set<Moid>; // limit verdicts to these VMs (scope)
  skipRules?: ReadonlySet<string>; // rule ids not evaluated (--skip-rule, or outside --only-rule)
}

/** What the admin states about the move (--target-datastore, --target-network, --target-host). */
// Pre-migration move (src/rules/move.ts).
export interface MoveOptions {
  datastores?: string[]; // where the VM's files go: datastore names (one is chosen, the best for FT)
  networks?: Record<string, string>; // source port group name -> target port group name
  hosts?: string[]; // the primary's host, then the secondary's
}

type MoveAction = 'vmotion' | 'storageVmotion' | 'networkMapping';

export interface MoveStep {
  action: MoveAction;
  text: string;
  disruption: Disruption;
}

/** Where the VM is now and where the what-if puts it; names only, so every renderer can print it. */
export interface Move {
  current: { clusterName?: string; hostName?: string; datastores: string[]; networks: string[] };
  datastores: string[]; // the VM's datastores after the move (what-if)
  networks: string[]; // its port groups after the move (what-if)
  steps: MoveStep[];
}

// What a rule of each scope receives. A VM is checked as placed: on `host` in `cluster` (its own, or the
// what-if target's), under the limits of that host.
export interface VmTarget {
  vm: Vm;
  host?: Host;
  cluster?: Cluster;
  limits: FtLimits;
  whatIf: boolean;
  secondaryHost?: Host; // what-if: the host the admin names for the secondary (--target-host, the second one)
}

export interface ScopeTargets {
  vm: VmTarget;
  host: Host;
  cluster: Cluster;
  datastore: Datastore;
  vcenter: VCenterInfo;
}

export interface Rule<S extends Scope = Scope> {
  meta: RuleMeta & { scope: S };
  // Evaluates one object of the rule's scope; returns zero or more findings.
  check(target: ScopeTargets[S], ctx: RuleContext): Finding[];
}

export type AnyRule = { [S in Scope]: Rule<S> }[Scope];
