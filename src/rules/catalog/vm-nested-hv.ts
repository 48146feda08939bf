import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-nested-hv',
    title: 'No nested hardware virtualization',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'Exposing hardware-assisted virtualization to the guest (nested HV) is not supported with FT.',
    remediation: 'Turn off "Expose hardware assisted virtualization to the guest OS" (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V13', 'D10', 'D8', 'D2', 'S1', 'S2'],
    vcenterReasons: ['hasNestedHVConfiguration'],
    needs: [VM_PATHS.nestedHv],
  },
  check({ vm }, ctx) {
    if (!vm.nestedHv) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, 'nested hardware virtualization is exposed to the guest', [evidence(s, VM_PATHS.nestedHv, true, 'false')]),
    ];
  },
});
