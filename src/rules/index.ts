// Public surface of the rules layer.
export { evaluate, UnknownClusterError, verdictOf, orderFixes } from './engine.js';
export { listRules, explainRule, findRule, UnknownRuleError, type RuleRow } from './explain.js';
export { RULES } from './catalog/index.js';
export * from './types.js';
