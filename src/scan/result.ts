// The scan result: what every report format renders and what `ftscan report scan.json` reads back.
// Versioned by `schemaVersion` (docs/scan-result.schema.json validates it).
import type { Inventory } from '../inventory/model.js';
import type {
  ClusterAssessment, Evaluation, Finding, Generation, Profile, Scope, Severity, VmAssessment,
} from '../rules/types.js';

export const SCHEMA_VERSION = '1.0';

export interface TargetResult {
  server: string; // as configured, never with credentials
  status: 'complete' | 'incomplete' | 'failed';
  error?: { kind: string; message: string }; // one line, for failed/incomplete targets
  inventory?: Inventory; // absent when the target failed
}

export interface ScanResult {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'ftscan'; version: string };
  startedAt: string;
  finishedAt: string;
  profile: Profile;
  targetCluster?: string; // pre-migration what-if
  complete: boolean; // every target complete
  targets: TargetResult[];
  evaluation: Evaluation; // merged over targets; findings carry `server`
  summary: {
    vms: Record<VmAssessment['verdict'], number>;
    findings: Record<Finding['severity'], number>;
    soapCalls: number;
  };
  // resolved = in the baseline, gone now; unverified = baseline findings of targets not read completely this
  // time (neither confirmed nor resolved)
  baseline?: { file: string; resolved: Finding[]; unverified?: Finding[] };
  // The rule catalog that was evaluated (filled by the scan layer): lets JUnit list passing VM x rule cases.
  rules?: { id: string; title: string; severity: Severity; scope: Scope; generations: Generation[] }[];
  // expired[].findings = how many findings the expired waiver matched (they count again)
  waivers?: {
    applied: number;
    expired: { ruleId: string; object: string; reason: string; expires: string; server?: string; findings?: number }[];
  };
}

export type { ClusterAssessment, VmAssessment, Finding };
