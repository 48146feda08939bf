import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-vbs',
    title: 'No Virtualization-Based Security (VBS)',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    versions: 'SMP-FT 6.7-8.0 (VBS exists from 6.7)',
    rationale: 'VBS-enabled VMs (which also need nested HV) are not supported with FT.',
    remediation: 'Turn VBS off for the VM (VM power-off) or protect it another way.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V13, §5.2', 'D10', 'D8', 'D2', 'S1', 'S2'],
    vcenterReasons: ['hasNestedHVConfiguration'],
    needs: [VM_PATHS.vbs],
  },
  check({ vm }, ctx) {
    if (!vm.vbs) return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, 'Virtualization-Based Security is enabled', [evidence(s, VM_PATHS.vbs, true, 'false')])];
  },
};
