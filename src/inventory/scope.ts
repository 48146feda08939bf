// Which VMs a scan looks at. Datacenter/cluster scope narrows the ContainerView to one datacenter when it
// can (a cluster's ContainerView would miss its datastores and networks, which live in the datacenter's
// datastore/network folders, so clusters narrow to their datacenter). Every other filter applies after the
// collection; the inventory then keeps what the in-scope VMs need for pairing: their clusters with ALL
// their hosts (secondary placement), and the datastores and networks those VMs and hosts use.

import { readFile } from 'node:fs/promises';
import { globMatcher as compileGlob, isGlob } from '../util/glob.js';
import { closest } from '../util/suggest.js';
import type { CollectionProblem, Inventory, Vm } from './model.js';

// Near misses of a VM list, by name: recorded beside scopeNotFound while the inventory still has every VM.
// (Declared here, beside the one place that writes it, until src/inventory/model.ts takes it in.)
declare module './model.js' {
  interface Inventory {
    scopeSuggestions?: Record<string, string>; // scopeNotFound name -> closest VM name of this vCenter
  }
}

export interface Scope {
  datacenters?: string[]; // datacenter names or globs, matched as VM names are (case-insensitive)
  clusters?: string[]; // cluster names or globs, matched as VM names are (case-insensitive)
  hosts?: string[]; // host name globs
  vms?: string[]; // VM name globs (glob.ts: no backtracking on hostile names)
  vmNames?: string[]; // VM names, e.g. from a pre-migration list (loadVmList); matched case-insensitively
  tags?: string[]; // "Category/Tag" or a bare tag name; a VM matches when it carries any of them
}

export function hasScope(scope: Scope | undefined): boolean {
  return !!scope && Object.values(scope).some((v) => Array.isArray(v) && v.length > 0);
}

// A pre-migration list: one VM name per line, '#' starts a comment line, blank lines ignored.
export function parseVmList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

// A scope that cannot be applied as asked (an unreadable VM list, tags that could not be read): a user-facing
// one-line error, not a bug.
export class ScopeError extends Error {
  override readonly name = 'ScopeError';
}

export async function loadVmList(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ScopeError(`cannot read the VM list ${path} (${code}): check the path given to --vms`);
  }
  return parseVmList(text);
}

function globMatcher(globs: string[] | undefined): ((name: string) => boolean) | undefined {
  if (!globs?.length) return undefined;
  // Names without glob characters are compared literally, so "web(1)" matches itself.
  const matchers = globs.map((g) => (isGlob(g) ? compileGlob(g) : (n: string) => n.toLowerCase() === g.toLowerCase()));
  return (name) => matchers.some((m) => m(name));
}

function tagMatcher(tags: string[] | undefined): ((vmTags: string[]) => boolean) | undefined {
  if (!tags?.length) return undefined;
  const wanted = tags.map((t) => t.toLowerCase());
  return (vmTags) =>
    vmTags.some((t) => {
      const full = t.toLowerCase();
      const bare = full.slice(full.indexOf('/') + 1);
      return wanted.includes(full) || wanted.includes(bare);
    });
}

export interface ScopeResult {
  inventory: Inventory;
  notFound: string[]; // vmNames entries that matched no VM
  suggestions: Record<string, string>; // of those, the closest VM name when one is near (a typo)
}

// Suggestions for at most this many missing names (VM, cluster or datacenter names, per vCenter and per run):
// each one compares with every name of a similar length.
export const MAX_SUGGESTED = 50;

export function suggestionsFor(missing: string[], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of missing.slice(0, MAX_SUGGESTED)) {
    const max = Math.max(2, Math.floor(m.length / 3));
    const near = closest(
      m,
      names.filter((n) => Math.abs(n.length - m.length) <= max),
      max,
    );
    if (near !== undefined) out[m] = near;
  }
  return out;
}

// Applies the post-collection filters. Datacenter names must already be resolved on the objects.
export function applyScope(inv: Inventory, scope: Scope | undefined): ScopeResult {
  if (!hasScope(scope) || !scope) return { inventory: inv, notFound: [], suggestions: {} };
  const clusterName = new Map(inv.clusters.map((c) => [c.moid, c.name]));
  const hostName = new Map(inv.hosts.map((h) => [h.moid, h.name]));
  // Datacenters and clusters are matched the way VMs are: a name case-insensitively, a glob as a glob.
  const dcMatch = globMatcher(scope.datacenters);
  const clusterMatch = globMatcher(scope.clusters);
  const hostMatch = globMatcher(scope.hosts);
  const vmMatch = globMatcher(scope.vms);
  // VM names in vCenter are case-sensitive, but a list typed by hand rarely is: "WEB-01" finds "web-01".
  const names = scope.vmNames?.length ? new Set(scope.vmNames.map((n) => n.toLowerCase())) : undefined;
  const tagMatch = tagMatcher(scope.tags);

  const inScope = (vm: Vm): boolean => {
    if (dcMatch && !(vm.datacenter && dcMatch(vm.datacenter))) return false;
    if (clusterMatch && !(vm.clusterMoid && clusterMatch(clusterName.get(vm.clusterMoid) ?? ''))) return false;
    if (hostMatch && !(vm.hostMoid && hostMatch(hostName.get(vm.hostMoid) ?? ''))) return false;
    if (names && !names.has(vm.name.toLowerCase())) return false;
    if (vmMatch && !vmMatch(vm.name)) return false;
    if (tagMatch && !tagMatch(inv.tags?.[vm.moid] ?? [])) return false;
    return true;
  };
  const vms = inv.vms.filter(inScope);
  const found = new Set(vms.map((v) => v.name.toLowerCase()));
  const notFound = names ? [...new Set(scope.vmNames)].filter((n) => !found.has(n.toLowerCase())) : [];
  const suggestions = notFound.length
    ? suggestionsFor(
        notFound,
        inv.vms.map((v) => v.name),
      )
    : {};

  const clusterIds = new Set(vms.flatMap((v) => (v.clusterMoid ? [v.clusterMoid] : [])));
  const hostIds = new Set(vms.flatMap((v) => (v.hostMoid ? [v.hostMoid] : [])));
  for (const c of inv.clusters) if (clusterIds.has(c.moid)) c.hostMoids.forEach((h) => hostIds.add(h));
  const hosts = inv.hosts.filter((h) => hostIds.has(h.moid));
  // FT VMs outside the scope still occupy FT slots on these hosts: keep them as context for headroom
  // (they get no verdict: scopeVmMoids lists the VMs that do).
  const inScopeIds = new Set(vms.map((v) => v.moid));
  const context = inv.vms.filter(
    (v) => !inScopeIds.has(v.moid) && v.hostMoid !== undefined && hostIds.has(v.hostMoid) && isFtConfigured(v),
  );
  const dsIds = new Set([...vms.flatMap((v) => v.datastoreMoids), ...hosts.flatMap((h) => h.datastoreMoids)]);
  const netIds = new Set([...vms.flatMap((v) => v.networkMoids), ...hosts.flatMap((h) => h.networkMoids)]);
  const keptIds = new Set([...vms.map((v) => v.moid), ...context.map((v) => v.moid), ...hostIds, ...clusterIds, ...dsIds, ...netIds]);
  const dcNames = new Set(
    [...vms, ...hosts, ...inv.clusters.filter((c) => clusterIds.has(c.moid))].flatMap((o) => (o.datacenter ? [o.datacenter] : [])),
  );
  // A datacenter or cluster name this vCenter does not have: noted, not fatal (the same scope may be
  // applied to several vCenters), with the nearest name when one is close.
  const scopeNotes: CollectionProblem[] = [
    ...scopeMisses(
      'datacenter',
      scope.datacenters,
      inv.datacenters.map((d) => d.name),
    ),
    ...scopeMisses(
      'cluster',
      scope.clusters,
      inv.clusters.map((c) => c.name),
    ),
  ];
  const inventory: Inventory = {
    ...inv,
    datacenters: inv.datacenters.filter((d) => dcNames.has(d.name)),
    clusters: inv.clusters.filter((c) => clusterIds.has(c.moid)),
    hosts,
    datastores: inv.datastores.filter((d) => dsIds.has(d.moid)),
    networks: inv.networks.filter((n) => netIds.has(n.moid)),
    vms: [...vms, ...context],
    scopeVmMoids: [...inScopeIds],
    // problems of objects that left the scope no longer concern this scan
    problems: [...inv.problems.filter((p) => !p.moid || keptIds.has(p.moid)), ...scopeNotes],
    ...(inv.tags ? { tags: Object.fromEntries(Object.entries(inv.tags).filter(([m]) => keptIds.has(m))) } : {}),
  };
  inventory.complete = isComplete(inventory.problems);
  return { inventory, notFound, suggestions };
}

/** A datacenter or cluster of the scope that matches nothing in a vCenter: data, worded by scopeMissText. */
export interface ScopeNotFound {
  kind: 'datacenter' | 'cluster';
  name: string; // as the user gave it (a name or a glob)
  suggestion?: string; // the nearest name this vCenter has
}

/** "no cluster "Prod-X" in this vCenter": the one wording of a miss; `where` says which vCenter(s). */
export function scopeMissText(m: ScopeNotFound, where: string): string {
  return `no ${m.kind} "${m.name}" in ${where}`;
}

/** What to do about a miss, when there is more to say than "check the name": the nearest name, or the comma. */
export function scopeMissHint(m: ScopeNotFound): string | undefined {
  if (m.suggestion !== undefined) return `did you mean '${m.suggestion}'?`;
  // "--cluster A,B" is one name: commas do not split a list (a vCenter name may hold one).
  if (m.name.includes(',')) return `the name holds a comma and no ${m.kind} here has it: give --${m.kind} once per name`;
  return undefined;
}

// The typed miss behind each ScopeNotFound note (the note itself, a CollectionProblem, is stored in the report
// as it always was): the application words its warning from this, never by reading the note back.
const MISSES = new WeakMap<CollectionProblem, ScopeNotFound>();

/** The ScopeNotFound behind a collection problem, if it is one. */
export function scopeNotFoundOf(p: CollectionProblem): ScopeNotFound | undefined {
  return MISSES.get(p);
}

// The names (or globs) of a datacenter/cluster scope that match nothing here, one ScopeNotFound note each.
function scopeMisses(kind: 'datacenter' | 'cluster', wanted: string[] | undefined, names: string[]): CollectionProblem[] {
  if (!wanted?.length) return [];
  const missing = [...new Set(wanted)].filter((w) => {
    const m = globMatcher([w])!;
    return !names.some((n) => m(n));
  });
  const near = suggestionsFor(
    missing.filter((w) => !isGlob(w)),
    names,
  );
  return missing.map((w) => {
    const miss: ScopeNotFound = { kind, name: w, ...(near[w] !== undefined ? { suggestion: near[w] } : {}) };
    const hint = scopeMissHint(miss);
    const note: CollectionProblem = {
      fault: 'ScopeNotFound',
      message: `${scopeMissText(miss, 'this vCenter')}${hint ? `; ${hint}` : ''}`,
      optional: true,
    };
    MISSES.set(note, miss);
    return note;
  });
}

function isFtConfigured(vm: Vm): boolean {
  return vm.ft.state !== 'notConfigured' || vm.ft.role !== undefined;
}

// Optional extras (licences, tags, the FT query) that could not be read never make a scan incomplete.
export function isComplete(problems: CollectionProblem[]): boolean {
  return problems.every((p) => p.optional === true);
}
