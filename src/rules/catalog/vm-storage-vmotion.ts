import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-storage-vmotion',
    title: 'Storage vMotion not available while FT is on',
    severity: 'info',
    scope: 'vm',
    rationale:
      'FT VMs cannot be moved with Storage vMotion (legacy: only powered off, vCenter toggles FT; SMP-FT: not while FT is on). Storage DRS and manual storage migrations must turn FT off first.',
    remediation: 'Turn FT off before a Storage vMotion and back on afterwards; exclude the VM from Storage DRS automation.',
    disruption: 'none',
    references: ['ft-requirements ST6', 'seed', 'D11', 'D2'],
    seedRequirement: 'Storage vMotion not supported',
    severityNote: 'Operational constraint, not a pre-check: info, reported for VMs that already have FT configured.',
    needs: [VM_PATHS.ftState],
  },
  check({ vm }, ctx) {
    if (vm.ft.state === 'notConfigured') return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, 'FT is configured: Storage vMotion needs FT turned off first', [
        evidence(s, VM_PATHS.ftState, vm.ft.state),
      ]),
    ];
  },
});
