import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-3d-video',
    title: 'No 3D-enabled video',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'A video card with 3D support enabled is incompatible with FT.',
    remediation: 'Turn off "Enable 3D support" on the VM\'s video card (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.1, §5.3', 'D3', 'D10'],
    vcenterReasons: ['video3dEnabled'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (!vm.video3d) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, 'the video card has 3D support enabled', [
        evidence(s, VM_PATHS.devices + '[VirtualMachineVideoCard].enable3DSupport', true, 'false'),
      ]),
    ];
  },
});
