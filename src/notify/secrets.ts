// A channel's secrets, read when the notification is sent (the config only names the file or variable): an
// unset variable or an unreadable file is an undeliverable notification, reported as a warning by the caller,
// never an exit code. What is read is registered for scrubbing in the form it travels in: the trimmed URL
// ftscan actually posts to and its path and query tokens, the password and the SMTP AUTH blobs that carry it.
import { readFileSync } from 'node:fs';
import { registerPassword, registerSmtpAuth } from '../util/redact.js';
import type { MailChannel, SecretRef, WebhookChannel } from './types.js';

/** Why a channel cannot be delivered before anything is sent (a missing secret, a URL that is not one). */
export class Undeliverable extends Error {}

export type Env = Record<string, string | undefined>;

function read(ref: SecretRef, what: 'password' | 'url', env: Env): string {
  if ('env' in ref) {
    const v = env[ref.env];
    if (!v) throw new Undeliverable(`environment variable ${ref.env} (${what}-env) is not set in this run's environment`);
    return v;
  }
  try {
    return readFileSync(ref.file, 'utf8');
  } catch (e) {
    throw new Undeliverable(`cannot read ${what}-file ${ref.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The SMTP password as sent (one trailing line break dropped), registered with its AUTH PLAIN/LOGIN forms. */
export function mailPassword(ch: MailChannel, env: Env): string | undefined {
  if (!ch.password) return undefined;
  const v = read(ch.password, 'password', env).replace(/\r?\n$/, '');
  if (!v) throw new Undeliverable(`the password read from ${'env' in ch.password ? 'password-env' : 'password-file'} is empty`);
  registerPassword(v);
  if (ch.user) registerSmtpAuth(ch.user, v);
  return v;
}

/** The webhook URL as posted (surrounding white space dropped), registered with its tokens; https only. */
export function webhookUrl(ch: WebhookChannel, env: Env): URL {
  const from = 'env' in ch.url ? 'url-env' : 'url-file';
  const raw = read(ch.url, 'url', env);
  const v = raw.trim();
  // Registered before the URL is parsed: even an error about it must not print it.
  if (raw !== v) registerPassword(raw);
  if (!v) throw new Undeliverable(`the webhook URL read from ${from} is empty`);
  registerPassword(v);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new Undeliverable(`the webhook URL read from ${from} is not a URL`);
  }
  for (const part of urlSecrets(u)) registerPassword(part);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))) {
    throw new Undeliverable(`the webhook URL read from ${from} must be https (http only to localhost)`);
  }
  return u;
}

// An endpoint's error may echo only the path, or one token of it: the href as serialised, the path and query,
// and every path segment or query value except plain words ("services", "workflows", "invoke"), version
// numbers and dates, which would only garble the text they are scrubbed from.
function urlSecrets(u: URL): string[] {
  const parts = [u.href, u.pathname + u.search, u.search.slice(1), ...u.pathname.split('/'), ...u.searchParams.values()];
  for (const seg of u.pathname.split('/')) {
    try {
      parts.push(decodeURIComponent(seg));
    } catch {
      // a malformed escape: the raw segment is registered already
    }
  }
  return parts.filter((p) => p.length >= 4 && p !== '/' && !/^[a-z]+(-[a-z]+)*$/.test(p) && !/^[\d.:-]+$/.test(p));
}
