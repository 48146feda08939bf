// The assembled scan result: what every report format renders and what `ftscan report scan.json` reads back.
// Versioned by `schemaVersion` (docs/scan-result.schema.json validates it). Built in two steps:
// the scan layer produces an EvaluatedScan (inventories and rule findings, no policy), the policy stage
// (src/policy) adds waivers, baseline marks and verdicts and returns the ScanResult. Renderers read only this.
import type { Inventory, Visibility } from '../inventory/model.js';
import type {
  ClusterAssessment,
  Edition,
  EditionSource,
  Finding,
  Generation,
  ObjectAssessment,
  PlacementSummary,
  Disruption,
  Profile,
  Scope,
  Severity,
  Verdict,
  VmAssessment,
} from '../rules/types.js';

// 2.2: optional inventory fields Host.memoryBytes, Cluster.rootPool, Cluster.ha.admissionControlPolicy (capacity).
// 2.1: `notFound` (names of a VM list that no scanned vCenter has), `evaluation.placement[].server`.
// 2.2: `evaluation.edition` optional (absent when unknown), editionSource 'unknown' (no Enterprise Plus default).
// 2.2: `causes` (what to fix first, decided by the policy stage, with the cumulative fix order).
// 2.2: `evaluation.vms[].move` (pre-migration what-if: current placement, target datastores, move steps).
// 2.2: `baseline.startedAt` (the baseline's date, for "since the baseline of ...").
// 2.2: `skippedRules` (--skip-rule / --only-rule), `evaluation.vms[].unchecked`.
// 3.0: each fact once (issue 21; src/result/compact.ts): `rules[]` carries each rule's remediation and disruption,
// which its findings write only where they differ (severity, scope, objectType, generation and source likewise);
// a finding or assessment names its vCenter by index (`target`) instead of the URL, and not at all in a
// single-target report; evidence about the finding's own object does not repeat it; inventory VM fields equal to
// their schema `default` are left out. The in-memory shape below is unchanged: reading fills every field back.
// 4.0: each fact once, continued (issue 21): references to findings are positions in evaluation.findings (a
// finding keeps its id); a finding's or assessment's name equal to its object's inventory name, a VM assessment's
// host, cluster and editionSource equal to its inventory record's and the evaluation's, and an empty
// secondaryCandidates are left out; evidence several findings carry verbatim is written once
// (evaluation.sharedEvidence); an inventory VM record leaves out what its host (cluster, datacenter), its only
// datastore (a disk's), its port group (a NIC's network and switch) give and writes a disk file under its home
// directory relative to it (`file`). A major version: a 3.x reader would take the missing fields for absent.
export const SCHEMA_VERSION = '4.0';

export interface TargetResult {
  server: string; // as configured, never with credentials
  status: 'complete' | 'incomplete' | 'failed';
  error?: { kind: string; message: string }; // one line, for failed/incomplete targets
  inventory?: Inventory; // absent when the target failed
  // The scan's privilege check on its scope (2.2): System.View / System.Read missing on the root folder or on a
  // named datacenter / cluster makes the target incomplete (objects the user cannot see are absent).
  visibility?: Visibility;
}

// Assessments tagged with the vCenter they came from (several targets merge into one list).
type Tagged<T> = T & { server?: string };

export interface MergedEvaluation {
  profile: Profile;
  edition?: Edition; // absent: no licence with FT read and no --edition
  editionSource: EditionSource;
  findings: Finding[]; // every finding once, each with `server`; assessments reference them by id
  vms: Tagged<VmAssessment>[];
  clusters: Tagged<ClusterAssessment>[];
  hosts: Tagged<ObjectAssessment>[];
  datastores: Tagged<ObjectAssessment>[];
  placement?: Tagged<PlacementSummary>[]; // plan / what-if: how many of the chosen VMs fit together, per cluster
}

/** A name of the VM list (--vms) that matched no VM in any vCenter read, with the closest VM name if one is near. */
export interface NotFoundName {
  name: string;
  suggestion?: string;
}

export interface RuleSummary {
  id: string;
  title: string;
  severity: Severity;
  scope: Scope;
  generations: Generation[];
  // 3.0: written into the JSON report's rule table (its findings do not repeat them); present after reading one.
  remediation?: string;
  disruption?: Disruption;
}

/** What the scan layer hands to the policy stage: facts only, no verdicts. */
export interface EvaluatedScan {
  tool: { name: 'ftscan'; version: string };
  startedAt: string;
  finishedAt: string;
  profile: Profile;
  targetCluster?: string; // pre-migration what-if
  targets: TargetResult[];
  evaluation: MergedEvaluation;
  notFound?: NotFoundName[];
  soapCalls: number;
  rules?: RuleSummary[]; // the catalogue that was evaluated
  skippedRules?: string[]; // rule ids deliberately not evaluated (--skip-rule / --only-rule)
}

// Policy outcomes per VM and cluster.
export type VmResult = Tagged<VmAssessment> & {
  verdict: Verdict; // decided once, by the policy stage, from the non-waived findings
  fixIds: string[]; // finding ids to fix, in order
};
export type ClusterResult = Tagged<ClusterAssessment> & { counts: Record<Verdict, number> };

export interface ResultEvaluation extends Omit<MergedEvaluation, 'vms' | 'clusters'> {
  vms: VmResult[];
  clusters: ClusterResult[];
}

export interface ExpiredWaiver {
  ruleId: string;
  object: string;
  reason: string;
  expires: string;
  server?: string;
  findings?: number; // how many findings it matched (they count again)
}

/**
 * One root cause of blockers ("what to fix first"): one VM rule across the VMs it blocks, one cluster /
 * datastore / network finding, or one host rule on the hosts of a cluster that fail it. Decided by the policy
 * stage (src/policy/causes.ts); renderers only read it.
 */
export interface Cause {
  key: string;
  ruleId: string;
  title: string; // rule title when the result carries the catalogue, else the rule id
  kind: 'vm' | 'object'; // 'vm': one VM rule across many VMs (each VM fixed on its own)
  object?: { type: Finding['objectType']; name: string; moid: string; server?: string };
  hosts?: string[]; // a host rule failed by several hosts of the cluster named in `object`: their names
  fix: string; // what to do, one line
  disruption: Disruption; // the most disruptive among its findings
  findingIds: string[]; // its own findings
  derivedFindingIds?: string[]; // findings that exist only because of it (no FT-capable host, no secondary host)
  affected: number; // in-scope candidate VMs it blocks (directly or through a derived finding)
  unblocks: number; // of those, VMs that become ready (or ready with warnings) with this fix alone
  readyAfter: number; // VMs ready or ready with warnings once this cause and every cause before it are fixed
  newFindings: number; // findings marked new against the baseline
}

/** The causes in cumulative fix order (greedy: most VMs made ready at each step). */
export interface Causes {
  readyNow: number; // VMs ready or ready with warnings today
  list: Cause[];
}

/** A vCenter the baseline was not compared with (another instanceUuid), with the baseline's vCenter at that URL. */
export interface NotCompared {
  server: string;
  instanceUuid?: string;
  baselineServer?: string;
  baselineInstanceUuid?: string;
}

/** An unexpired waiver that matched no finding in a complete, unscoped scan (2.2+). */
export interface StaleWaiver {
  ruleId: string;
  object: string;
  reason: string;
  expires: string;
  server?: string;
}

/** A warning as data: a stable code and the one line the CLI prints. */
export interface PolicyWarning {
  code: 'waiver-stale' | 'baseline-not-compared';
  message: string;
}

export interface ScanResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'ftscan'; version: string };
  startedAt: string;
  finishedAt: string;
  profile: Profile;
  targetCluster?: string;
  notFound?: NotFoundName[]; // --vms names no scanned vCenter has
  complete: boolean; // every target read completely
  targets: TargetResult[];
  evaluation: ResultEvaluation;
  summary: {
    vms: Record<Verdict, number>;
    findings: Record<Severity, number>; // not waived
    soapCalls: number;
  };
  // resolved = in the baseline, gone now; unverified = baseline findings of vCenters not read completely this
  // time (neither confirmed nor resolved)
  // notCompared (2.2+): vCenters read now whose instanceUuid the baseline does not hold; their findings carry no
  // new/unchanged mark
  baseline?: {
    file: string;
    startedAt?: string;
    new: number;
    unchanged: number;
    resolved: Finding[];
    unverified?: Finding[];
    notCompared?: NotCompared[];
  };
  rules?: RuleSummary[];
  waivers?: { applied: number; expired: ExpiredWaiver[]; stale?: StaleWaiver[] };
  warnings?: PolicyWarning[]; // decided by the policy stage (2.2+): stale waivers, a baseline not compared
  causes?: Causes; // what to fix first (2.2+; recomputed when an older report is judged again)
  skippedRules?: string[]; // rule ids deliberately not evaluated (--skip-rule / --only-rule)
}
