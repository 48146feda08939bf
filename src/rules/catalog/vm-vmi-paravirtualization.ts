import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vmi-paravirtualization',
    title: 'No paravirtualized guest (VMI)',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'VMI paravirtualized guests cannot be recorded/replayed; VMI support was removed from later releases altogether.',
    remediation: 'Turn VMI paravirtualization off in the VM settings (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V25, §5.1', 'seed', 'B3'],
    seedRequirement: 'no paravirtualization (VMI)',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (!vm.vmiRom) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, 'VMI paravirtualization is enabled (VirtualMachineVMIROM device)', [
        evidence(s, VM_PATHS.devices + '[VirtualMachineVMIROM]', true, 'absent'),
      ]),
    ];
  },
});
