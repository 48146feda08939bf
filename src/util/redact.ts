// Secrets a vCenter could echo back: the password ftscan sent and the session values it was given
// (vmware_soap_session cookie, vmware-api-session-id token). They are registered where they become known
// (credentials, the client's cookie jar, the REST login), and scrubbed from text that comes from outside
// ftscan where that text enters (fault strings, error messages, missingSet messages), before it can reach a
// log, stderr or a report. ftscan's own messages never hold a secret by construction and are not scrubbed.
//
// Process-wide on purpose: the text to scrub is made deep in the client and decoders, far from the code that
// knows the password, and a secret of one target must not leak through another target's fault either.

const REDACTED = '***';

// Below this length a value a server chose is no credible session secret, and scrubbing it would only
// garble fault strings; a password is scrubbed whatever its length.
const MIN_SESSION_SECRET = 8;

const forms = new Set<string>();
let pattern: RegExp | undefined;

function xmlEscape(s: string, apos: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, apos);
}

// Every spelling of `secret` a server may send back undecoded: XML/HTML-escaped (the entity spellings HTML
// serialisers use for quotes too), JSON string content, URL- and form-encoded.
export function secretForms(secret: string): string[] {
  const all = new Set<string>([secret]);
  for (const apos of ['&apos;', '&#39;', '&#x27;']) {
    all.add(xmlEscape(secret, apos));
    all.add(xmlEscape(secret, apos).replace(/&quot;/g, '&#34;'));
  }
  all.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')); // text-node escaping only
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  for (const j of [json, asciiJson]) {
    all.add(j);
    all.add(j.replace(/\//g, '\\/'));
  }
  all.add(encodeURIComponent(secret));
  all.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  all.add(encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
  all.delete('');
  return [...all];
}

/** Registers the password ftscan sends (any length). */
export function registerPassword(password: string): void {
  add(password);
}

/**
 * Registers the encoded forms an SMTP login sends (AUTH PLAIN's base64 of "\0user\0password", with or without
 * an authorisation identity; AUTH LOGIN's base64 of the password): a server's 535 reply may quote them.
 */
export function registerSmtpAuth(user: string, password: string): void {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  add(b64(`\u0000${user}\u0000${password}`));
  add(b64(`${user}\u0000${user}\u0000${password}`));
  add(b64(password));
}

/** Registers a session value a server handed out (cookie or token); quotes around a cookie value dropped. */
export function registerSessionSecret(value: string): void {
  const bare = value.replace(/^"(.*)"$/, '$1');
  if (bare.length >= MIN_SESSION_SECRET) add(bare);
}

function add(secret: string): void {
  if (!secret) return;
  let grew = false;
  for (const f of secretForms(secret)) {
    if (!forms.has(f)) {
      forms.add(f);
      grew = true;
    }
  }
  if (grew) pattern = undefined;
}

/** `text` (from outside ftscan) with every registered secret, in every spelling, replaced by ***. */
export function scrubSecrets(text: string): string {
  if (forms.size === 0 || !text) return text;
  // Longest first, so an escaped spelling is replaced whole rather than around a shorter one inside it.
  pattern ??= new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return text.replace(pattern, REDACTED);
}

/** Every string inside a (plain, acyclic or not) value scrubbed; for error details headed to a log. */
export function scrubDeep<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (!value || typeof value !== 'object') return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, seen)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, seen);
  return out as T;
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  forms.clear();
  pattern = undefined;
}
