import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-sound-card',
    title: 'No sound card',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'Virtual sound devices are not supported with FT.',
    remediation: 'Remove the sound card from the VM (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.1, §5.3', 'B3', 'D3', 'D10', 'D14'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (vm.sound.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${vm.sound.map((d) => `${d.label} (${d.type})`).join(', ')}: sound devices are not supported with FT`,
        vm.sound.map((d) => evidence(s, devicePath(d.key), d.type, 'absent')),
      ),
    ];
  },
});
