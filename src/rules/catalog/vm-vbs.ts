import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
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
    severityNote:
      'When config.flags.vbsEnabled is unreadable, a VM that cannot have VBS (BIOS firmware, or virtual hardware below vmx-14: VBS needs EFI and vmx-14) passes; otherwise unknown.',
    needs: [VM_PATHS.firmware],
    reads: [VM_PATHS.vbs],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const gap = unreadableAmong(rule.meta.reads, vm.unreadable);
    if (gap) {
      const impossible = vm.firmware !== 'efi' || (vm.hwVersion !== undefined && vm.hwVersion < 14);
      return impossible ? [] : [unreadableFinding(rule.meta, ctx, s, gap, 'the VM has EFI firmware and vmx-14+, so it could have VBS')];
    }
    if (!vm.vbs) return [];
    return [finding(rule.meta, ctx, s, 'Virtualization-Based Security is enabled', [evidence(s, VM_PATHS.vbs, true, 'false')])];
  },
});
