// Catalogue views for `ftscan rules` and `ftscan explain <id>`.
import { closest } from '../util/suggest.js';
import { RULES } from './catalog/index.js';
import { sourceOf, whereToOpen } from './docs/sources.js';
import type { AnyRule, Generation, Scope, Severity } from './types.js';

export class UnknownRuleError extends Error {
  constructor(
    readonly id: string,
    readonly suggestion: string | undefined,
  ) {
    super(`unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (list them with: ftscan rules)`);
    this.name = 'UnknownRuleError';
  }
}

export interface RuleRow {
  id: string;
  severity: Severity;
  scope: Scope;
  generations: Generation[];
  title: string;
}

export function listRules(): RuleRow[] {
  return RULES.map(({ meta: m }) => ({ id: m.id, severity: m.severity, scope: m.scope, generations: [...m.generations], title: m.title }));
}

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

// The rule ids left out of an evaluation: those of --skip-rule, and with --only-rule every other one; in
// catalogue order. Ids are checked where they are read (cli/settings.ts).
export function skippedRuleIds(skip: readonly string[], only: readonly string[]): string[] {
  return RULES.map((r) => r.meta.id).filter((id) => skip.includes(id) || (only.length > 0 && !only.includes(id)));
}

export function closestRuleId(id: string): string | undefined {
  const q = id.toLowerCase();
  const sub = RULES.find((r) => r.meta.id.includes(q) || q.includes(r.meta.id));
  if (sub) return sub.meta.id;
  return closest(
    q,
    RULES.map((r) => r.meta.id),
    Math.max(3, Math.floor(q.length / 2)),
  );
}

const GEN: Record<Generation, string> = { legacy: 'legacy FT (4.x-5.5, 6.0 opt-in)', smp: 'SMP-FT (6.0-8.0)' };
const DISRUPTION: Record<string, string> = {
  none: 'no downtime',
  vmPowerOff: 'needs the VM powered off',
  hostReboot: 'needs a host reboot',
  bios: 'needs a BIOS change (host reboot)',
  hostMaintenance: 'needs host maintenance',
  clusterConfig: 'cluster configuration change',
};

export function explainRule(id: string): string {
  const rule = findRule(id);
  if (!rule) throw new UnknownRuleError(id, closestRuleId(id));
  const m = rule.meta;
  const lines = [
    `${m.id} - ${m.title}`,
    `severity: ${m.severity}   scope: ${m.scope}   applies to: ${m.generations.map((g) => GEN[g]).join(', ')}${m.versions ? `   (${m.versions})` : ''}`,
    '',
    `Why: ${m.rationale}`,
    `Fix: ${m.remediation} (${DISRUPTION[m.disruption] ?? m.disruption})`,
  ];
  if (m.severityNote) lines.push(`Severity decision: ${m.severityNote}`);
  if (m.seedRequirement) lines.push(`Seed requirement: ${m.seedRequirement}`);
  if (m.vcenterReasons?.length) lines.push(`vCenter reasons: ${m.vcenterReasons.join(', ')}`);
  if (m.needs?.length || m.reads?.length)
    lines.push(`Reads: ${[...(m.needs ?? []), ...(m.reads ?? []).map((p) => `${p} (decides without it when it can)`)].join(', ')}`);
  lines.push('References (docs/sources.md):');
  for (const ref of m.references) {
    const s = sourceOf(ref);
    const at = s && [s.section ? `section "${s.section}"` : '', s.kb && !s.document.includes(s.kb) ? `KB ${s.kb}` : ''].filter(Boolean);
    lines.push(
      s
        ? `  ${ref}: ${s.title}. ${s.document}, ${s.version}${at!.length ? `, ${at!.join(', ')}` : ''}. ${whereToOpen(s)}`
        : `  ${ref}: (not in docs/sources.md)`,
    );
  }
  return lines.join('\n');
}
