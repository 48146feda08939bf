// The config's `notify:` list, checked once: unknown keys, wrong types, both -file and -env, a literal url or
// password are one-line errors (thrown as ValueError; the config loader adds the file and line: exit 2). Secrets
// (SMTP password, webhook URL) come only from a file or an environment variable, named here and read at send
// time (secrets.ts), where what is read is registered for scrubbing before anything can print it.
import { isAbsolute, resolve } from 'node:path';
import { ValueError } from '../util/errors.js';
import { didYouMean } from '../util/suggest.js';
import { CHANNEL_TYPES, WHEN, type Channel, type ChannelType, type SecretRef, type When } from './types.js';

const COMMON = ['name', 'type', 'when', 'ca-file'];
const KEYS: Record<ChannelType, string[]> = {
  mail: [...COMMON, 'host', 'port', 'tls', 'user', 'password-file', 'password-env', 'from', 'to', 'attach', 'inline-html'],
  slack: [...COMMON, 'url-file', 'url-env', 'report-link'],
  teams: [...COMMON, 'url-file', 'url-env', 'report-link'],
  webhook: [...COMMON, 'url-file', 'url-env', 'report-link'],
};

export function parseNotify(value: unknown, baseDir: string): Channel[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((raw, i) => channel(raw, i, baseDir));
}

function channel(raw: unknown, i: number, baseDir: string): Channel {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ValueError(`'notify' entry ${i + 1}: write a mapping (type: mail|slack|teams|webhook, ...)`);
  const o = raw as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string' || !(CHANNEL_TYPES as readonly string[]).includes(type)) {
    throw new ValueError(`'notify' entry ${i + 1}: type must be one of ${CHANNEL_TYPES.join(', ')}`);
  }
  const t = type as Channel['type'];
  const name = typeof o.name === 'string' && o.name ? o.name : `${t}-${i + 1}`;
  const at = `'notify' ${name}`;
  for (const k of Object.keys(o)) {
    if (!KEYS[t].includes(k)) {
      if (k === 'password' || k === 'url') throw new ValueError(`${at}: '${k}' never goes in the config: use ${k}-file or ${k}-env`);
      throw new ValueError(`${at}: unknown key '${k}'${didYouMean(k, KEYS[t])}`);
    }
  }
  const str = (k: string): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !v) throw new ValueError(`${at}: '${k}' must be a non-empty string`);
    return v;
  };
  const path = (k: string) => {
    const v = str(k);
    return v === undefined ? undefined : isAbsolute(v) ? v : resolve(baseDir, v);
  };
  const list = (k: string): string[] => {
    const v = o[k];
    if (v === undefined || v === null) return [];
    const items = Array.isArray(v) ? v : [v];
    if (!items.every((x) => typeof x === 'string' && x)) throw new ValueError(`${at}: '${k}' must be a string or a list of strings`);
    return items as string[];
  };
  const when = (o.when === undefined ? ['new-blockers'] : list('when')) as When[];
  for (const w of when)
    if (!(WHEN as readonly string[]).includes(w)) throw new ValueError(`${at}: when '${w}' is not one of ${WHEN.join(', ')}`);
  // Paths only: files and variables are read at send time (src/notify/secrets.ts), so a missing one costs a
  // notification (a warning), never the scan.
  const caFile = path('ca-file');
  const secret = (what: 'password' | 'url', required: boolean): SecretRef | undefined => {
    const file = path(`${what}-file`);
    const envName = str(`${what}-env`);
    if (file && envName) throw new ValueError(`${at}: give ${what}-file or ${what}-env, not both`);
    if (file) return { file };
    if (envName) return { env: envName };
    if (required) throw new ValueError(`${at}: give ${what}-file or ${what}-env (the ${what} is a secret: never in the config)`);
    return undefined;
  };
  const base = { name, when, ...(caFile ? { caFile } : {}) };
  if (t === 'mail') {
    const host = str('host');
    const from = str('from');
    const to = list('to');
    if (!host || !from || !to.length) throw new ValueError(`${at}: mail needs host, from and to`);
    const tls = str('tls') ?? 'starttls';
    if (!['starttls', 'implicit', 'none'].includes(tls)) throw new ValueError(`${at}: tls must be starttls, implicit or none`);
    const port = o.port === undefined ? (tls === 'implicit' ? 465 : 587) : o.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new ValueError(`${at}: port must be a number 1-65535`);
    const user = str('user');
    const password = secret('password', !!user);
    if (o['inline-html'] !== undefined && typeof o['inline-html'] !== 'boolean')
      throw new ValueError(`${at}: inline-html must be true or false`);
    return {
      ...base,
      type: 'mail',
      host,
      port,
      tls: tls as 'starttls',
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
      from,
      to,
      attach: list('attach'),
      inlineHtml: o['inline-html'] === true,
    };
  }
  const url = secret('url', true)!;
  const reportLink = str('report-link');
  return { ...base, type: t as 'slack', url, ...(reportLink ? { reportLink } : {}) };
}
