// What a scan is asked to do: the options and targets the application hands to runScan (run.ts) and its stages
// (stages.ts), kept apart so the two import this contract instead of each other.
import type { MoveOptions } from '../rules/types.js';
import type { Logger } from 'pino';
import type { CollectProgress } from '../inventory/collect.js';
import type { Scope } from '../inventory/scope.js';
import type { Edition, Profile } from '../rules/types.js';
import type { TlsOptions } from '../vsphere/api.js';

export interface ScanTarget {
  server: string;
  user: string;
  password: string; // kept in memory for the client's re-login only
  tls: TlsOptions;
  maxResponseBytes?: number; // --max-response-mb
}

export interface ScanProgress {
  server: string;
  phase: 'connect' | CollectProgress['phase'] | 'done' | 'failed';
  objects: number;
  pages: number;
}

export interface ScanOptions {
  version: string; // ftscan's version, for the report
  targets: ScanTarget[];
  scope: Scope; // datacenter, cluster, host, VM glob, VM list, tag filters
  profile: Profile;
  edition?: Edition;
  askVcenter?: boolean;
  maxObjects?: number;
  targetCluster?: string;
  move?: MoveOptions; // with targetCluster: --target-datastore, --target-network, --target-host
  skipRules?: string[]; // rule ids not evaluated (--skip-rule / --only-rule), listed in the report
  concurrency?: number; // default 4
  targetTimeoutMs?: number; // per target, connect to logout; default 30 min
  logger?: Logger;
  onProgress?: (p: ScanProgress) => void;
  now?: () => Date;
}
