import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-npiv',
    title: 'No NPIV',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'N-Port ID Virtualization (per-VM WWNs) is not supported with FT.',
    remediation: "Remove the VM's NPIV WWN assignment (VM power-off).",
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.1, §5.3', 'seed', 'B3', 'B4', 'D3', 'D10', 'D14'],
    seedRequirement: 'no NPIV',
    needs: [VM_PATHS.npiv],
  },
  check({ vm }, ctx) {
    if (!vm.npiv) return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, 'NPIV WWNs are assigned to the VM', [evidence(s, VM_PATHS.npiv, true, 'unset')])];
  },
});
