import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-passthrough',
    title: 'No PCI passthrough, vGPU or SR-IOV devices',
    severity: 'blocker',
    scope: 'vm',
    rationale: "VMDirectPath I/O, dynamic DirectPath, vGPU and SR-IOV adapters tie the VM to one host's hardware; FT cannot mirror them.",
    remediation: 'Remove the passthrough / vGPU / SR-IOV devices (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V31, §5.1, §5.3', 'D18', 'B3', 'D3', 'D10', 'D14'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (vm.passthrough.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${vm.passthrough.map((d) => `${d.label} (${d.kind})`).join(', ')}: passthrough devices are not supported with FT`,
        vm.passthrough.map((d) => evidence(s, devicePath(d.key), d.type, 'absent')),
      ),
    ];
  },
});
