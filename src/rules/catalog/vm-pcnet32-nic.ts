import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-pcnet32-nic',
    title: 'Legacy FT: no vlance (PCnet32) NIC',
    severity: 'blocker',
    scope: 'vm',
    generations: ['legacy'],
    rationale: 'Legacy FT does not support the vlance (AMD PCnet32) virtual NIC; SMP-FT does.',
    remediation: 'Replace the vlance adapter with E1000/E1000e or vmxnet3 (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V26', 'D11', 'D14'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (!vm.pcnet32) return [];
    const s = subjectOf.vm(vm);
    const nic = vm.nics.find((n) => n.type === 'VirtualPCNet32');
    return [
      finding(rule.meta, ctx, s, `${nic?.label ?? 'a network adapter'} is a vlance (PCnet32) NIC`, [
        evidence(s, nic ? devicePath(nic.key) : VM_PATHS.devices, 'VirtualPCNet32', 'VirtualVmxnet3 or VirtualE1000e'),
      ]),
    ];
  },
});
