// Public surface of the rules layer.
export { evaluate, UnknownClusterError } from './engine.js';
export { verdictOf, orderFixes, DISRUPTION_ORDER } from './verdict.js';
export { findingId, vcenterKey } from './finding-id.js';
export { listRules, explainRule, findRule, UnknownRuleError, type RuleRow } from './explain.js';
export { RULES } from './catalog/index.js';
export * from './types.js';
