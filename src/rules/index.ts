// Public surface of the rules layer.
export { evaluate, UnknownClusterError, orderFixes } from './engine.js';
export { verdictOf } from './verdict.js';
export { listRules, explainRule, findRule, UnknownRuleError, type RuleRow } from './explain.js';
export { RULES } from './catalog/index.js';
export * from './types.js';
