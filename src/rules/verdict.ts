// A VM's verdict from its findings: one definition for the engine and for the report layer (which
// recomputes verdicts after waivers). vCenter's own findings (source 'vcenter') never change a verdict.
import type { Finding, Verdict } from './types.js';

export function verdictOf(findings: Finding[]): Exclude<Verdict, 'excluded'> {
  const own = findings.filter((f) => f.source === 'ftscan');
  if (own.some((f) => f.severity === 'blocker')) return 'blocked';
  if (own.some((f) => f.severity === 'unknown')) return 'unknown';
  if (own.some((f) => f.severity === 'warning')) return 'warnings';
  return 'ready';
}
