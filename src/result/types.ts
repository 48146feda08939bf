// The assembled scan result: what every report format renders and what `ftscan report scan.json` reads back.
// Versioned by `schemaVersion` (docs/scan-result.schema.json validates it). Built in two steps:
// the scan layer produces an EvaluatedScan (inventories and rule findings, no policy), the policy stage
// (src/policy) adds waivers, baseline marks and verdicts and returns the ScanResult. Renderers read only this.
import type { Inventory } from '../inventory/model.js';
import type {
  ClusterAssessment,
  Edition,
  EditionSource,
  Finding,
  Generation,
  ObjectAssessment,
  PlacementSummary,
  Profile,
  Scope,
  Severity,
  Verdict,
  VmAssessment,
} from '../rules/types.js';

// 2.1: `notFound` (names of a VM list that no scanned vCenter has), `evaluation.placement[].server`.
// 2.2: `skippedRules` (--skip-rule / --only-rule), `evaluation.vms[].unchecked`.
export const SCHEMA_VERSION = '2.2';

export interface TargetResult {
  server: string; // as configured, never with credentials
  status: 'complete' | 'incomplete' | 'failed';
  error?: { kind: string; message: string }; // one line, for failed/incomplete targets
  inventory?: Inventory; // absent when the target failed
}

// Assessments tagged with the vCenter they came from (several targets merge into one list).
export type Tagged<T> = T & { server?: string };

export interface MergedEvaluation {
  profile: Profile;
  edition: Edition;
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
  baseline?: { file: string; new: number; unchanged: number; resolved: Finding[]; unverified?: Finding[] };
  rules?: RuleSummary[];
  skippedRules?: string[]; // rule ids deliberately not evaluated (--skip-rule / --only-rule)
  waivers?: { applied: number; expired: ExpiredWaiver[] };
}

export type { ClusterAssessment, VmAssessment, Finding };
