// Waivers: an accepted, dated exception for one rule on some objects. A matching unexpired waiver marks the
// finding waived (still shown; it no longer counts toward verdicts or --fail-on). An expired one stops
// hiding its findings and is itself reported, so nobody forgets to renew or fix.
import { readFileSync, statSync } from 'node:fs';
import { globMatcher } from '../util/glob.js';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { Finding } from '../rules/types.js';
import type { ExpiredWaiver, StaleWaiver } from '../result/types.js';
import { normalizeServer } from '../util/server.js';
import { closest } from '../util/suggest.js';

export interface Waiver {
  rule: string; // rule id
  object: string; // object name, moid, or glob over names ("web-*")
  server?: string; // limit to one vCenter
  reason: string;
  expires: string; // YYYY-MM-DD, valid through that day
}

/** Unusable waivers file: the CLI maps it to exit code 2. */
export class WaiverFileError extends Error {
  override name = 'WaiverFileError';
}

const KEYS = ['rule', 'object', 'server', 'reason', 'expires'];
const REQUIRED = ['rule', 'object', 'reason', 'expires'];
const FORMAT_HINT = 'each waiver needs rule, object, reason and expires (YYYY-MM-DD)';

// Bounds on the file (issue 22 §5): the YAML parser keeps a node per value, so a 1,000,000-entry file would take
// gigabytes. 10,000 waivers load in well under 256 MB of heap; globs ("web-*") cover many objects with one.
export const MAX_WAIVERS = 10_000;
const MAX_WAIVERS_BYTES = 4 * 1024 * 1024;
// Every YAML node needs a newline, comma, colon, dash or bracket near it: counting those bounds the parse.
const MAX_YAML_MARKS = 15 * MAX_WAIVERS;
const MAX_BRACE_DEPTH = 16; // brace nesting in a waiver's object glob

export function loadWaivers(path: string, knownRuleIds: Iterable<string>): Waiver[] {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_WAIVERS_BYTES) {
      throw new WaiverFileError(
        `waivers file ${path} is ${(size / 1024 / 1024).toFixed(1)} MB: at most ${MAX_WAIVERS_BYTES / 1024 / 1024} MB and ${MAX_WAIVERS.toLocaleString('en-US')} waivers; cover many objects with one glob (web-*)`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof WaiverFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new WaiverFileError(`cannot read waivers file ${path} (${code}): check the --waivers path and its permissions`);
  }
  return parseWaivers(text, path, knownRuleIds);
}

export function parseWaivers(text: string, path: string, knownRuleIds: Iterable<string>): Waiver[] {
  const limit = `at most ${MAX_WAIVERS.toLocaleString('en-US')} waivers; cover many objects with one glob (web-*)`;
  const entries = text.match(/\brule["']?\s*:/g)?.length ?? 0;
  if (entries > MAX_WAIVERS) throw new WaiverFileError(`waivers file ${path} has ${entries.toLocaleString('en-US')} waivers: ${limit}`);
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n , : - [ {
    if (c === 10 || c === 44 || c === 58 || c === 45 || c === 91 || c === 123) marks++;
  }
  if (marks > MAX_YAML_MARKS) {
    throw new WaiverFileError(
      `waivers file ${path} is too large a YAML document (${marks.toLocaleString('en-US')} values and lines): ${limit}`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (msg: string): never => {
    throw new WaiverFileError(`waivers file ${path}: ${msg}`);
  };
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const at = lines.linePos(err.pos[0]);
    fail(`invalid YAML at line ${at.line}, column ${at.col} (${err.message.split('\n')[0]}); ${FORMAT_HINT}`);
  }
  let list: Node | null | undefined = doc.contents as Node | null;
  if (isMap(list) && list.has('waivers')) list = list.get('waivers', true) as Node | undefined;
  if (list === null || list === undefined) return []; // empty file: no waivers
  if (!isSeq(list)) fail(`expected a list of waivers; ${FORMAT_HINT}`);

  const known = new Set(knownRuleIds);
  const out: Waiver[] = [];
  (list as import('yaml').YAMLSeq).items.forEach((item, i) => {
    const node = item as Node;
    const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
    const where = `entry ${i + 1}${line ? ` (line ${line})` : ''}`;
    if (!isMap(node)) fail(`${where} is not a mapping; ${FORMAT_HINT}`);
    const entry = (node as import('yaml').YAMLMap).toJSON() as Record<string, unknown>;
    for (const k of Object.keys(entry)) {
      if (!KEYS.includes(k)) fail(`${where}: unknown key "${k}" (allowed: ${KEYS.join(', ')})`);
    }
    for (const k of REQUIRED) {
      const v = entry[k];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) fail(`${where}: missing "${k}"; ${FORMAT_HINT}`);
    }
    for (const k of ['rule', 'object', 'reason', 'server']) {
      if (entry[k] !== undefined && typeof entry[k] !== 'string') fail(`${where}: "${k}" must be text, got ${JSON.stringify(entry[k])}`);
    }
    const expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : entry.expires;
    if (typeof expires !== 'string' || !isCalendarDate(expires)) {
      fail(`${where}: "expires" must be a date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    }
    const depth = braceDepth(entry.object as string);
    if (depth > MAX_BRACE_DEPTH) fail(`${where}: "object" nests braces ${depth} deep (at most ${MAX_BRACE_DEPTH})`);
    const rule = (entry.rule as string).trim();
    if (!known.has(rule)) {
      const hint = closest(rule, known, Math.max(3, Math.floor(rule.length / 4)));
      fail(`${where}: unknown rule id "${rule}"${hint ? `; did you mean "${hint}"?` : "; use a rule id from the report's ruleId column"}`);
    }
    const w: Waiver = {
      rule,
      object: (entry.object as string).trim(),
      reason: (entry.reason as string).trim(),
      expires: expires as string,
    };
    if (typeof entry.server === 'string' && entry.server.trim()) w.server = entry.server.trim();
    out.push(w);
  });
  return out;
}

function braceDepth(s: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') max = Math.max(max, ++depth);
    else if (s[i] === '}' && depth > 0) depth--;
  }
  return max;
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The waiver matches: same rule, object by moid, exact name or glob over the name, and server if given. */
function waiverMatcher(w: Waiver, defaultServer?: string): (f: Finding) => boolean {
  // Names come from the server: a matcher that cannot backtrack (a single * also crosses "/").
  const glob = globMatcher(w.object, { caseSensitive: true });
  const server = w.server !== undefined ? normalizeServer(w.server) : undefined;
  return (f) =>
    f.ruleId === w.rule &&
    (f.moid === w.object || f.name === w.object || glob(f.name)) &&
    (server === undefined || normalizeServer(f.server ?? defaultServer ?? '') === server);
}

/** Local calendar date: admins write expiry dates in their own calendar. */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Marks each finding waived (an unexpired waiver matches) or expiredWaiver (only an expired one does), in place;
 * returns the waiver summary for the report. `day` is YYYY-MM-DD. With `findStale` (the vCenters scanned, in a
 * complete, unscoped scan: every finding a waiver could match was seen), an unexpired waiver that matched no
 * finding is listed as stale — unless it names a vCenter this scan did not read (one file shared by several jobs).
 */
export function markWaivers(
  findings: Finding[],
  waivers: Waiver[],
  day: string,
  defaultServer?: string,
  findStale: string[] | false = false,
): { applied: number; expired: ExpiredWaiver[]; stale?: StaleWaiver[] } {
  const active = waivers.filter((w) => w.expires >= day).map((w) => ({ w, match: waiverMatcher(w, defaultServer), n: 0 }));
  const expired = waivers.filter((w) => w.expires < day).map((w) => ({ w, match: waiverMatcher(w, defaultServer), n: 0 }));
  // Only the waivers of a finding's rule can match it: a large file costs findings x waivers-per-rule.
  const byRule = <T extends { w: Waiver }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const list = m.get(x.w.rule);
      if (list) list.push(x);
      else m.set(x.w.rule, [x]);
    }
    return m;
  };
  const activeByRule = byRule(active);
  const expiredByRule = byRule(expired);
  let applied = 0;
  for (const f of findings) {
    delete f.waived;
    delete f.expiredWaiver;
    let hit: (typeof active)[number] | undefined;
    for (const a of activeByRule.get(f.ruleId) ?? []) {
      if (!a.match(f)) continue;
      a.n++;
      hit ??= a;
    }
    if (hit) {
      f.waived = { reason: hit.w.reason, expires: hit.w.expires };
      applied++;
    }
    for (const e of expiredByRule.get(f.ruleId) ?? []) {
      if (!e.match(f)) continue;
      e.n++;
      if (!hit && !f.expiredWaiver) f.expiredWaiver = { reason: e.w.reason, expires: e.w.expires };
    }
  }
  const scanned = findStale ? new Set(findStale.map(normalizeServer)) : new Set<string>();
  const stale = findStale
    ? active
        .filter((a) => a.n === 0 && (a.w.server === undefined || scanned.has(normalizeServer(a.w.server))))
        .map(({ w }) => ({
          ruleId: w.rule,
          object: w.object,
          reason: w.reason,
          expires: w.expires,
          ...(w.server ? { server: w.server } : {}),
        }))
    : [];
  return {
    applied,
    ...(stale.length ? { stale } : {}),
    expired: expired.map(({ w, n }) => ({
      ruleId: w.rule,
      object: w.object,
      reason: w.reason,
      expires: w.expires,
      findings: n,
      ...(w.server ? { server: w.server } : {}),
    })),
  };
}
