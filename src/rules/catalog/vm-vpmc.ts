import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vpmc',
    title: 'Virtual performance counters (vPMC) off',
    severity: 'warning',
    scope: 'vm',
    rationale: 'Virtual CPU performance counters are often cited as incompatible with FT.',
    remediation: 'Turn off "Enable virtualized CPU performance counters" (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.4', 'S2', 'B12'],
    severityNote: 'Not confirmed by any primary source (§5.4, UNVERIFIED): warning.',
    needs: [VM_PATHS.vpmc],
  },
  check({ vm }, ctx) {
    if (!vm.vpmc) return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, 'virtualized CPU performance counters are enabled', [evidence(s, VM_PATHS.vpmc, true, 'false')])];
  },
});
