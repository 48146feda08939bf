// Every scan setting, from flags and/or the YAML config file (--config). Each flag has a config key of the
// same name (kebab-case); a flag given on the command line wins over the config file. Values are validated
// here once, so a bad value is a one-line usage error (exit 2) before anything connects.
import { isAbsolute, resolve } from 'node:path';
import {
  type Channel,
  closestRuleId,
  type FailOn,
  findRule,
  type LogLevel,
  type ScanChoices,
  type ServerEntry,
  SEVERITIES,
  type Severity,
  UnknownRuleError,
} from '../app/index.js';
import { UsageError, ValueError } from '../util/errors.js';
import { type Kind, type OptionDef, type OptionKey, OPTIONS } from './options.js';

export type { OptionKey, ServerEntry };

export interface Settings extends ScanChoices {
  servers: ServerEntry[];
  user?: string;
  password?: string; // config file only: never a flag
  passwordFile?: string;
  caFile?: string;
  thumbprint: string[];
  insecure: boolean;
  concurrency: number;
  targetTimeoutSec: number;
  maxResponseMb?: number; // bulk-page ceiling (--max-response-mb); single-document replies get 1/32 of it
  output: string[];
  baseline?: string;
  waivers?: string;
  failOn: FailOn;
  outputDir?: string; // --output-dir: a history of run folders (app/history.ts)
  keep: number; // run folders kept under --output-dir
  severity?: Severity[]; // table/markdown/html show only these severities (--severity)
  detail: boolean; // table/markdown: every VM and finding in full
  quiet: boolean; // no summary on stderr when the run fails and every report went to a file
  logLevel: LogLevel;
  logFile?: string;
  notify?: Channel[]; // config file only: the `notify:` list (src/notify/config.ts)
}

// Settings fields the option table covers; `notify` is the config's nested channel list (src/notify/config.ts).
type TableField = NonNullable<(typeof OPTIONS)[number] extends infer O ? (O extends { field: infer F } ? F : never) : never>;
// Compile-time check that the table and Settings name the same fields, both ways.
type EveryFieldInTheTable = [Exclude<keyof Settings, TableField | 'notify'>, Exclude<TableField, keyof Settings>] extends [never, never]
  ? true
  : never;
true satisfies EveryFieldInTheTable;

const TABLE: readonly OptionDef[] = OPTIONS;
const SPEC = new Map(TABLE.map((o) => [o.key, o]));
export const SETTING_KEYS = TABLE.filter((o) => o.field && o.where !== 'flag').map((o) => o.key); // the config file's keys
export const SERVER_KEYS = TABLE.filter((o) => o.perServer).map((o) => o.key); // a `server:` entry's keys

// The field a config key or flag sets (undefined: not a setting).
export function fieldOf(key: string): string | undefined {
  return SPEC.get(key)?.field;
}

// "90" (seconds), "90s", "15m", "2h"
export function parseDuration(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'] ?? 1);
  return n > 0 ? n : undefined;
}

// Converts one raw value (a flag string or a YAML value) to its settings form; throws a ValueError (the
// caller names the flag, variable or file line).
export function convertValue(key: OptionKey, raw: unknown, baseDir: string): unknown {
  const spec = SPEC.get(key)!;
  const kind: Kind = spec.kind;
  const label = key;
  const str = (v: unknown): string => {
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || v.trim() === '') throw new ValueError(`'${label}' must be a non-empty string`);
    return v;
  };
  const path = (v: unknown): string => {
    const s = str(v);
    return isAbsolute(s) ? s : resolve(baseDir, s);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  // Repeatable and comma lists alike: "a,b" and ["a", "b,c"].
  const words = (v: unknown): string[] =>
    list(v)
      .map(str)
      .flatMap((x) => x.split(','))
      .map((x) => x.trim())
      .filter((x) => x !== '');
  if (Array.isArray(kind)) {
    const s = str(raw);
    if (!kind.includes(s)) throw new ValueError(`'${label}' must be one of ${kind.join(', ')} (got '${s}')`);
    return spec.decode?.[s] ?? s;
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
      throw new ValueError(`'${label}' must be true or false`);
    case 'count': {
      const n = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 1) throw new ValueError(`'${label}' must be a whole number >= 1 (got '${String(raw)}')`);
      return n;
    }
    case 'duration': {
      const d = parseDuration(String(raw));
      if (d === undefined) throw new ValueError(`'${label}' must be a duration like 90s, 15m or 2h (got '${String(raw)}')`);
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
    case 'thumbprints':
      return words(raw).map((t) => {
        const fp = normalizeThumbprint(t);
        if (fp === undefined) {
          const hex = t.replace(/^sha-?1:/i, '').replace(/:/g, '');
          if (/^[0-9a-f]{40}$/i.test(hex)) {
            throw new ValueError(
              `'${label}' must be a SHA-256 fingerprint, not SHA-1 (got '${t}'): \`ftscan trust --server HOST\` prints it`,
            );
          }
          throw new ValueError(
            `'${label}' must be a SHA-256 fingerprint like SHA256:AB:CD:... (32 bytes in hex; got '${t}'): \`ftscan trust --server HOST\` prints it`,
          );
        }
        return fp;
      });
    case 'rules':
      return words(raw).map((id) => {
        if (!findRule(id)) throw new ValueError(`'${label}' names ${new UnknownRuleError(id, closestRuleId(id)).message}`);
        return id;
      });
    case 'severities':
      return [
        ...new Set(
          words(raw).map((w) => {
            if (!(SEVERITIES as readonly string[]).includes(w))
              throw new ValueError(`'${label}' must be a list of ${SEVERITIES.join(', ')} (got '${w}')`);
            return w;
          }),
        ),
      ];
    case 'servers':
      return list(raw).map((e) => {
        const server = str(e);
        // "https://user:secret@vc" would carry the password into argv, the reports (targets[].server) and the
        // logs. The value is not echoed: it may hold the password.
        if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(server.trim())) {
          throw new ValueError(
            `'${label}' must not hold a user name or password (user@host): give the host only, the user with --user and the password with FTSCAN_PASSWORD or --password-file`,
          );
        }
        // vCenter's SDK is served over https only; an http:// URL would otherwise surface as "cannot reach".
        const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(server.trim())?.[1];
        if (scheme && scheme.toLowerCase() !== 'https') {
          throw new ValueError(
            `'${label}' must be a host name or an https:// URL (vCenter serves its API over https only): use https://${server.trim().slice(scheme.length + 3)}`,
          );
        }
        return { server } satisfies ServerEntry;
      });
  }
}

// A SHA-256 certificate fingerprint as written by a user ("SHA256:ab:cd:...", "AB:CD:..." or 64 hex digits)
// in the form node's X509Certificate.fingerprint256 gives ("AB:CD:..."); undefined when it is not one.
export function normalizeThumbprint(t: string): string | undefined {
  const hex = t
    .trim()
    .replace(/^sha-?256[:=]?/i, '')
    .replace(/:/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)!.join(':');
}

// A setting nobody gave: the table's default (converted like a given value), else empty or unset by kind.
function defaultOf(o: OptionDef): unknown {
  if (o.default !== undefined) return convertValue(o.key as OptionKey, o.default, '/');
  if (o.kind === 'bool') return false;
  if (o.kind === 'list' || o.kind === 'servers' || o.kind === 'outputs' || o.kind === 'thumbprints' || o.kind === 'rules') return [];
  return undefined;
}

// Merges config-file values under environment values under command-line values (each already converted).
export function mergeSettings(fromConfig: Partial<Settings>, fromFlags: Partial<Settings>, fromEnv: Partial<Settings> = {}): Settings {
  const conf = fromConfig as Record<string, unknown>;
  const flags = fromFlags as Record<string, unknown>;
  const envs = fromEnv as Record<string, unknown>;
  const s: Record<string, unknown> = {};
  for (const o of TABLE) {
    if (!o.field) continue;
    const f = o.field;
    if (o.merge === 'add') s[f] = [...((conf[f] as unknown[]) ?? []), ...((flags[f] as unknown[]) ?? [])];
    else s[f] = (o.where === 'config' ? undefined : flags[f]) ?? (o.env ? envs[f] : undefined) ?? conf[f] ?? defaultOf(o);
  }
  s.notify = fromConfig.notify ?? [];
  return s as unknown as Settings;
}

// Converts commander's option values (only those given on the command line) to settings.
export function settingsFromFlags(values: Record<string, unknown>, cwd: string): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const spec of TABLE) {
    const key = spec.key as OptionKey;
    const camel = key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const v = values[camel];
    if (v === undefined || !spec.field || spec.where === 'config') continue;
    try {
      (out as Record<string, unknown>)[spec.field] = convertValue(key, v, cwd);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      throw new UsageError(`--${err.message.replace(/^'([^']+)'/, '$1')}`);
    }
  }
  return out;
}

// The settings the environment gives (the table's `env` column: FTSCAN_SERVER, FTSCAN_USER, FTSCAN_CA_FILE).
// An empty variable is unset, as for govc's GOVC_* variables.
// `keys`: the options the command takes (a variable for an option it lacks is not its business).
export function settingsFromEnv(env: Record<string, string | undefined>, cwd: string, keys?: readonly string[]): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const spec of TABLE) {
    if (keys && !keys.includes(spec.key)) continue;
    const v = spec.env ? env[spec.env] : undefined;
    if (!spec.env || !spec.field || v === undefined || v.trim() === '') continue;
    try {
      (out as Record<string, unknown>)[spec.field] = convertValue(spec.key as OptionKey, v, cwd);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      throw new UsageError(`${spec.env}: ${err.message}`);
    }
  }
  return out;
}
