// A finding's stable id: derived from what it is about, never from where it was scanned from, so the same
// estate scanned as vc.example.com, by IP or as localhost gives the same ids, and a baseline matches by id.
import { hash } from 'node:crypto';
import { normalizeServer } from '../util/server.js';
import type { Finding } from './types.js';

/** What identifies the vCenter: its about.instanceUuid (the server name only when a vCenter reports none). */
export function vcenterKey(instanceUuid: string | undefined, server: string): string {
  return instanceUuid ? instanceUuid.toLowerCase() : `server:${normalizeServer(server)}`;
}

/** Device keys cited by the finding's evidence on its own object ("config.hardware.device[key=2000]..."). */
function deviceKeys(f: Pick<Finding, 'moid' | 'evidence'>): string[] {
  const keys = new Set<string>();
  for (const e of f.evidence ?? []) {
    // Most paths cite no device: skip the regular expression for them.
    if (e.moid !== f.moid || !e.path.includes('[key=')) continue;
    for (const m of e.path.matchAll(/\[key=([^\]]+)\]/g)) keys.add(m[1]!);
  }
  return keys.size ? [...keys].sort() : [];
}

type IdFields = Pick<Finding, 'source' | 'ruleId' | 'moid' | 'vmMoid' | 'discriminator' | 'generation' | 'evidence'>;

/**
 * The id: vCenter, source (ftscan or vCenter's own answer), rule, object, the VM a host/cluster finding is
 * attached to, a discriminator (explicit, else the device keys in the evidence) and the FT generation.
 * Message and observed values are left out on purpose: they change while the problem stays the same.
 */
export function findingId(f: IdFields, vcenter: string): string {
  const disc = f.discriminator ?? deviceKeys(f).join(',');
  const material = JSON.stringify([vcenter, f.source, f.ruleId, f.moid, f.vmMoid ?? '', disc, f.generation]);
  // crypto.hash: the one-shot digest, a quarter of createHash().update().digest()'s time (no Hash object).
  return hash('sha256', material, 'hex').slice(0, 20);
}
