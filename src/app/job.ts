// What the application is asked to do, and how it talks back: the contract between a front end (the cli) and
// the application (runJob, rejudgeJob, privilegesJob, ...). A Job is plain data, named as the settings are;
// Events is the terminal as the application sees it: lines, documents and reports to show, warnings (data
// with a code), progress, and the one question it may ask (a password).
import type { Writable } from 'node:stream';
import type { Channel } from '../notify/types.js';
import type { FailOn } from '../result/gate.js';
import type { OutputFormat } from '../report/index.js';
import type { Edition, Profile, Severity } from '../rules/types.js';
import type { ScanProgress } from '../scan/run.js';
import type { ExitCode } from './exit-codes.js';
import type { LogLevel } from './logging.js';

/** One --output: a format and a file ('-' is stdout). */
export interface OutputSpec {
  format: OutputFormat;
  file: string | '-';
}

/** One vCenter as the settings give it (a --server, or an entry of the config's `server:` list). */
export interface ServerEntry {
  server: string;
  user?: string;
  password?: string; // config file only
  passwordFile?: string;
  caFile?: string;
  thumbprint?: string[]; // pinned leaf certificates, "AB:CD:..." (SHA-256)
  insecure?: boolean;
}

/** Where and how the reports of a run go, and what decides its exit code (scan, plan and report). */
export interface ReportJob {
  outputs: OutputSpec[];
  baseline?: string;
  waivers?: string;
  failOn: FailOn;
  severity?: Severity[];
  detail: boolean;
  quiet: boolean;
  notify?: Channel[];
  logLevel: LogLevel;
  logFile?: string;
  cwd: string;
  env: Record<string, string | undefined>; // notification secrets are read from it at send time
  stdout: { color: boolean; width?: number }; // how reports to stdout are rendered
}

/** The vCenters to connect to, and how (scan, plan and privileges). */
export interface ConnectJob {
  servers: ServerEntry[];
  user?: string;
  caFile?: string;
  thumbprint: string[];
  insecure: boolean;
  maxResponseMb?: number;
  targetTimeoutSec: number;
  logLevel: LogLevel;
  logFile?: string;
}

/** What to scan and how to judge it, named as the settings name it (the cli's Settings extend this). */
export interface ScanChoices {
  datacenter: string[];
  cluster: string[];
  host: string[];
  vm: string[];
  vms?: string;
  tag: string[];
  profile: Profile;
  edition?: Edition;
  askVcenter: boolean;
  skipRule: string[]; // rule ids not evaluated (--skip-rule)
  onlyRule: string[]; // when non-empty, the only rule ids evaluated (--only-rule)
  maxObjects?: number;
  targetCluster?: string;
  targetDatastore: string[];
  targetNetwork: string[];
  targetHost: string[];
}

export interface ScanJob extends ReportJob, ConnectJob, ScanChoices {
  mode: 'scan' | 'plan';
  concurrency: number;
  outputDir?: string;
  keep: number;
}

/** A warning: a stable code (for tests and tools) and the line a person reads. */
export interface Warning {
  code: string;
  message: string;
}

export interface Events {
  /** A document of ftscan's own (the plan, the role, the rule list, the trend). */
  out(text: string): void;
  /** A chunk of a rendered report going to stdout. */
  report(format: string, chunk: string): void;
  warn(w: Warning): void;
  /** One line of an error or of the failure summary. */
  error(line: string): void;
  /** Several lines for a person (e.g. what --write-ca wrote). */
  info(text: string): void;
  /** A report file was written (a terminal says so; cron stays silent). */
  wrote(format: string, file: string): void;
  progress(p: ScanProgress): void;
  progressDone(): void;
  /** The password of `user` on this server (file, environment, config or a prompt: the front end's business). */
  password(entry: ServerEntry, user: string): Promise<string>;
  /** The clock (tests fix it). */
  now(): Date;
  /** Where logs go without --log-file. */
  readonly logStream: Writable;
}

/** What a job ends with: the judged result (when there is one), the exit code, every warning it gave. */
export interface JobEnd<R = unknown> {
  result?: R;
  outcome: ExitCode;
  warnings: Warning[];
}
