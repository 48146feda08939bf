// defineRule(): a catalogue rule with the catalogue's defaults filled in, so a rule file states only what is
// its own. Today the one default is `generations`: both FT generations unless the rule says otherwise.
import type { Generation, Rule, RuleMeta, Scope } from './types.js';

const EVERY_GENERATION: readonly Generation[] = ['legacy', 'smp'];

export interface RuleDefinition<S extends Scope> {
  meta: Omit<RuleMeta, 'generations'> & { scope: S; generations?: Generation[] };
  check: Rule<S>['check'];
}

export function defineRule<S extends Scope>(def: RuleDefinition<S>): Rule<S> {
  // Field order as before (id, title, severity, scope, generations, ...): `ftscan rules --json` prints meta.
  const { id, title, severity, scope, generations = [...EVERY_GENERATION], ...rest } = def.meta;
  return { meta: { id, title, severity, scope, generations, ...rest }, check: def.check };
}
