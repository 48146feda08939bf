// Every scan setting, from flags and/or the YAML config file (--config). Each flag has a config key of the
// same name (kebab-case); a flag given on the command line wins over the config file. Values are validated
// here once, so a bad value is a one-line usage error (exit 2) before anything connects.
import { isAbsolute, resolve } from 'node:path';
import { FAIL_ON, type FailOn } from '../scan/pipeline.js';
import type { Edition, Profile } from '../rules/types.js';
import { UsageError } from './errors.js';
import type { Channel } from '../notify/types.js';

export type { FailOn };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerEntry {
  server: string;
  user?: string;
  password?: string; // config file only
  passwordFile?: string;
  caFile?: string;
  insecure?: boolean;
}

export interface Settings {
  servers: ServerEntry[];
  user?: string;
  password?: string; // config file only: never a flag
  passwordFile?: string;
  caFile?: string;
  insecure: boolean;
  concurrency: number;
  targetTimeoutSec: number;
  maxResponseMb?: number; // bulk-page ceiling (--max-response-mb); single-document replies get 1/32 of it
  datacenter: string[];
  cluster: string[];
  host: string[];
  vm: string[];
  vms?: string;
  tag: string[];
  profile: Profile;
  edition?: Edition;
  askVcenter: boolean;
  maxObjects?: number;
  targetCluster?: string;
  output: string[];
  baseline?: string;
  waivers?: string;
  failOn: FailOn;
  detail: boolean; // table/markdown: every VM and finding in full
  quiet: boolean; // no summary on stderr when the run fails and every report went to a file
  logLevel: LogLevel;
  logFile?: string;
  notify?: Channel[]; // config file only: the `notify:` list (src/notify/config.ts)
}

export const DEFAULTS = {
  concurrency: 4,
  targetTimeoutSec: 30 * 60,
  profile: 'auto' as Profile,
  failOn: 'blocker' as FailOn,
  logLevel: 'warn' as LogLevel,
};

type Kind = 'string' | 'path' | 'list' | 'bool' | 'count' | 'duration' | 'servers' | 'outputs' | readonly string[];

// config key / flag name (without --) => settings field and value kind
export const OPTION_SPECS = {
  server: { field: 'servers', kind: 'servers' },
  user: { field: 'user', kind: 'string' },
  password: { field: 'password', kind: 'string' }, // config only (rejected on argv)
  'password-file': { field: 'passwordFile', kind: 'path' },
  'ca-file': { field: 'caFile', kind: 'path' },
  insecure: { field: 'insecure', kind: 'bool' },
  concurrency: { field: 'concurrency', kind: 'count' },
  'target-timeout': { field: 'targetTimeoutSec', kind: 'duration' },
  'max-response-mb': { field: 'maxResponseMb', kind: 'count' },
  datacenter: { field: 'datacenter', kind: 'list' },
  cluster: { field: 'cluster', kind: 'list' },
  host: { field: 'host', kind: 'list' },
  vm: { field: 'vm', kind: 'list' },
  vms: { field: 'vms', kind: 'path' },
  tag: { field: 'tag', kind: 'list' },
  profile: { field: 'profile', kind: ['auto', 'legacy', 'smp'] },
  edition: { field: 'edition', kind: ['standard', 'enterprise', 'enterprise-plus'] },
  'ask-vcenter': { field: 'askVcenter', kind: 'bool' },
  'max-objects': { field: 'maxObjects', kind: 'count' },
  'target-cluster': { field: 'targetCluster', kind: 'string' },
  output: { field: 'output', kind: 'outputs' },
  baseline: { field: 'baseline', kind: 'path' },
  waivers: { field: 'waivers', kind: 'path' },
  'fail-on': { field: 'failOn', kind: FAIL_ON },
  detail: { field: 'detail', kind: 'bool' },
  quiet: { field: 'quiet', kind: 'bool' },
  'log-level': { field: 'logLevel', kind: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  'log-file': { field: 'logFile', kind: 'path' },
} as const satisfies Record<string, { field: keyof Settings; kind: Kind }>;

export type OptionKey = keyof typeof OPTION_SPECS;
export const SERVER_KEYS = ['server', 'user', 'password', 'password-file', 'ca-file', 'insecure'] as const;

// "90" (seconds), "90s", "15m", "2h"
export function parseDuration(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'] ?? 1);
  return n > 0 ? n : undefined;
}

// Converts one raw value (a flag string or a YAML value) to its settings form; throws a message string.
export function convertValue(key: OptionKey, raw: unknown, baseDir: string): unknown {
  const kind: Kind = OPTION_SPECS[key].kind;
  const label = key;
  const str = (v: unknown): string => {
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || v.trim() === '') throw `'${label}' must be a non-empty string`;
    return v;
  };
  const path = (v: unknown): string => {
    const s = str(v);
    return isAbsolute(s) ? s : resolve(baseDir, s);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  if (Array.isArray(kind)) {
    const s = str(raw);
    if (!kind.includes(s)) throw `'${label}' must be one of ${kind.join(', ')} (got '${s}')`;
    return key === 'edition' && s === 'enterprise-plus' ? 'enterprisePlus' : s;
  }
  switch (kind) {
    case 'string':
      return str(raw);
    case 'path':
      return path(raw);
    case 'list':
      return list(raw).map(str);
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      throw `'${label}' must be true or false`;
    case 'count': {
      const n = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 1) throw `'${label}' must be a whole number >= 1 (got '${String(raw)}')`;
      return n;
    }
    case 'duration': {
      const d = parseDuration(String(raw));
      if (d === undefined) throw `'${label}' must be a duration like 90s, 15m or 2h (got '${String(raw)}')`;
      return d;
    }
    case 'outputs':
      // FORMAT=FILE or a bare FILE (format from its extension); "-" is stdout
      return list(raw).map((o) => {
        const s = str(o);
        const eq = s.indexOf('=');
        const file = s.slice(eq + 1);
        if (file === '' || file === '-' || isAbsolute(file)) return s;
        return `${s.slice(0, eq + 1)}${resolve(baseDir, file)}`;
      });
    case 'servers':
      return list(raw).map((e) => {
        const server = str(e);
        // "https://user:secret@vc" would carry the password into argv, the reports (targets[].server) and the
        // logs. The value is not echoed: it may hold the password.
        if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(server.trim())) {
          throw `'${label}' must not hold a user name or password (user@host): give the host only, the user with --user and the password with FTSCAN_PASSWORD or --password-file`;
        }
        // vCenter's SDK is served over https only; an http:// URL would otherwise surface as "cannot reach".
        const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(server.trim())?.[1];
        if (scheme && scheme.toLowerCase() !== 'https') {
          throw `'${label}' must be a host name or an https:// URL (vCenter serves its API over https only): use https://${server.trim().slice(scheme.length + 3)}`;
        }
        return { server } satisfies ServerEntry;
      });
  }
}

// Merges config-file values (already converted) under command-line values (already converted).
export function mergeSettings(fromConfig: Partial<Settings>, fromFlags: Partial<Settings>): Settings {
  const pick = <K extends keyof Settings>(k: K): Settings[K] | undefined => fromFlags[k] ?? fromConfig[k];
  const s: Settings = {
    servers: pick('servers') ?? [],
    user: pick('user'),
    password: fromConfig.password,
    passwordFile: pick('passwordFile'),
    caFile: pick('caFile'),
    insecure: pick('insecure') ?? false,
    concurrency: pick('concurrency') ?? DEFAULTS.concurrency,
    targetTimeoutSec: pick('targetTimeoutSec') ?? DEFAULTS.targetTimeoutSec,
    maxResponseMb: pick('maxResponseMb'),
    datacenter: pick('datacenter') ?? [],
    cluster: pick('cluster') ?? [],
    host: pick('host') ?? [],
    vm: pick('vm') ?? [],
    vms: pick('vms'),
    tag: pick('tag') ?? [],
    profile: pick('profile') ?? DEFAULTS.profile,
    edition: pick('edition'),
    askVcenter: pick('askVcenter') ?? false,
    maxObjects: pick('maxObjects'),
    targetCluster: pick('targetCluster'),
    // One rule for reports: the config's `output:` list and the command line's --output add up (a duplicate
    // is listed once; two reports to one file are refused in outputs.ts), so a flag never silently drops the
    // JSON a nightly baseline depends on.
    output: [...(fromConfig.output ?? []), ...(fromFlags.output ?? [])],
    baseline: pick('baseline'),
    waivers: pick('waivers'),
    failOn: pick('failOn') ?? DEFAULTS.failOn,
    detail: pick('detail') ?? false,
    quiet: pick('quiet') ?? false,
    logLevel: pick('logLevel') ?? DEFAULTS.logLevel,
    logFile: pick('logFile'),
    notify: fromConfig.notify ?? [],
  };
  return s;
}

// Converts commander's option values (only those given on the command line) to settings.
export function settingsFromFlags(values: Record<string, unknown>, cwd: string): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const [key, spec] of Object.entries(OPTION_SPECS) as [OptionKey, (typeof OPTION_SPECS)[OptionKey]][]) {
    const camel = key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const v = values[camel];
    if (v === undefined || key === 'password') continue;
    try {
      (out as Record<string, unknown>)[spec.field] = convertValue(key, v, cwd);
    } catch (msg) {
      throw new UsageError(`--${String(msg).replace(/^'([^']+)'/, '$1')}`);
    }
  }
  return out;
}
