// The names of a VM list (--vms) that no scanned vCenter has: one list for the result, so every report format
// (and `plan`) names them. A name is missing only when no vCenter that was read has it (with several vCenters a
// VM lives in one); matching is case-insensitive (src/inventory/scope.ts). The suggestion is the closest VM name
// of a vCenter, recorded while its whole inventory was at hand.
import { MAX_SUGGESTED, suggestionsFor } from '../inventory/scope.js';
import type { NotFoundName, TargetResult } from '../result/types.js';

export function notFoundNames(targets: TargetResult[], names: string[]): NotFoundName[] {
  const read = targets.flatMap((t) => (t.inventory ? [t.inventory] : []));
  if (read.length === 0) return [];
  const missingIn = read.map((inv) => new Set((inv.scopeNotFound ?? []).map((n) => n.toLowerCase())));
  const missing = [...new Set(names)].filter((n) => missingIn.every((s) => s.has(n.toLowerCase())));
  const suggestions: Record<string, string> = {};
  for (const inv of read) for (const [n, s] of Object.entries(inv.scopeSuggestions ?? {})) suggestions[n] ??= s;
  // A what-if collects the whole vCenter (no VM filter): its VM names are all there to compare with, once per
  // vCenter for the first MAX_SUGGESTED names (the cap of every suggestion list).
  const ask = missing.slice(0, MAX_SUGGESTED).filter((n) => suggestions[n] === undefined);
  for (const inv of read) {
    if (inv.scopeVmMoids !== undefined || ask.length === 0) continue;
    const found = suggestionsFor(
      ask.filter((n) => suggestions[n] === undefined),
      inv.vms.map((v) => v.name),
    );
    for (const [n, s] of Object.entries(found)) suggestions[n] ??= s;
  }
  return missing.map((name) => (suggestions[name] !== undefined ? { name, suggestion: suggestions[name] } : { name }));
}
