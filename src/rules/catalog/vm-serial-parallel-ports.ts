import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-serial-parallel-ports',
    title: 'No serial or parallel ports',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'Serial and parallel ports (any backing) are incompatible with FT.',
    remediation: 'Remove the serial / parallel ports from the VM (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.1, §5.3', 'D3', 'D10'],
    severityNote:
      'Listed for SMP-FT (D3, D10); legacy applicability is UNVERIFIED but the legacy query rejects file-backed ports too (VmFaultToleranceInvalidFileBacking): blocker for both.',
    vcenterReasons: ['VmFaultToleranceInvalidFileBacking'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const ports = [...vm.serial, ...vm.parallel];
    if (ports.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${ports.map((d) => d.label).join(', ')}: serial/parallel ports are not supported with FT`,
        ports.map((d) => evidence(s, devicePath(d.key), d.type, 'absent')),
      ),
    ];
  },
});
