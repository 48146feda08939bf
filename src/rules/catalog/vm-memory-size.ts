import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-memory-size',
    title: 'Memory within the FT limit',
    severity: 'blocker',
    scope: 'vm',
    rationale: "FT VMs are limited to 64 GB (legacy, 6.0/6.5) or the host's capability.maxMemMBPerFtVm (6.7+; commonly 128 GB).",
    remediation: "Reduce the VM's memory to the limit (needs a VM power-off: vSphere cannot remove memory from a running VM).",
    disruption: 'vmPowerOff',
    references: ['ft-requirements V2', 'B3', 'B6', 'S1', 'S2'],
    vcenterReasons: ['tooMuchMemory'],
    needs: [VM_PATHS.memoryMB],
  },
  check({ vm, limits }, ctx) {
    if (vm.memoryMB <= limits.maxMemMB) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, `${vm.memoryMB} MB of memory; the FT limit is ${limits.maxMemMB} MB (${limits.maxMemSource})`, [
        evidence(s, VM_PATHS.memoryMB, vm.memoryMB, `<= ${limits.maxMemMB}`),
      ]),
    ];
  },
});
