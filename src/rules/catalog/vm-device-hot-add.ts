import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-device-hot-add',
    title: 'Device hot-add / hot-plug off',
    severity: 'warning',
    scope: 'vm',
    rationale: 'FT VMs cannot hot-add CPU or memory or hot-plug devices; vCenter switches hot-plug off by itself when FT is turned on.',
    // Optional (a warning): vCenter turns hot-plug off itself. Doing it by hand needs the VM powered off, and the
    // disruption says so, so no report calls it an online step.
    remediation: 'FT turns hot-plug off by itself (nothing blocks); to keep the setting consistent, turn CPU/memory hot-add off yourself.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V30, §5.1, §5.3', 'seed', 'B3', 'D3', 'D10', 'D14'],
    seedRequirement: 'no device hot-add',
    severityNote: 'Seed lists it as incompatible (blocker-like); VMware guides say FT disables hot-plug automatically: warning.',
    needs: [VM_PATHS.cpuHotAdd, VM_PATHS.memoryHotAdd],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const on: [string, string][] = [];
    if (vm.cpuHotAdd) on.push(['CPU hot-add', VM_PATHS.cpuHotAdd]);
    if (vm.cpuHotRemove) on.push(['CPU hot-remove', VM_PATHS.cpuHotRemove]);
    if (vm.memoryHotAdd) on.push(['memory hot-add', VM_PATHS.memoryHotAdd]);
    if (on.length === 0) return [];
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${on.map(([n]) => n).join(', ')} enabled; vCenter turns hot-plug off when FT is turned on`,
        on.map(([, p]) => evidence(s, p, true, 'false')),
      ),
    ];
  },
});
