// The names of a VM list (--vms) that no scanned vCenter has: one list for the result, so every report format
// (and `plan`) names them. A name is missing only when no vCenter that was read has it (with several vCenters a
// VM lives in one); matching is case-insensitive (src/inventory/scope.ts). The suggestion is the closest VM name
// of a vCenter, recorded while its whole inventory was at hand.
import { suggestionsFor } from '../inventory/scope.js';
import type { NotFoundName, TargetResult } from '../result/types.js';

export function notFoundNames(targets: TargetResult[], names: string[]): NotFoundName[] {
  const read = targets.flatMap((t) => (t.inventory ? [t.inventory] : []));
  if (read.length === 0) return [];
  const missingIn = read.map((inv) => new Set((inv.scopeNotFound ?? []).map((n) => n.toLowerCase())));
  const missing = [...new Set(names)].filter((n) => missingIn.every((s) => s.has(n.toLowerCase())));
  return missing.map((name) => {
    let suggestion: string | undefined;
    for (const inv of read) {
      // A what-if collects the whole vCenter (no VM filter): its VM names are all there to compare with.
      suggestion =
        inv.scopeSuggestions?.[name] ??
        (inv.scopeVmMoids === undefined
          ? suggestionsFor(
              [name],
              inv.vms.map((v) => v.name),
            )[name]
          : undefined);
      if (suggestion !== undefined) break;
    }
    return suggestion !== undefined ? { name, suggestion } : { name };
  });
}
