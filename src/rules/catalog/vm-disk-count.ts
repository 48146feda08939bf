import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

const MAX_FT_DISKS = 16;

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-disk-count',
    title: 'At most 16 virtual disks',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'The SMP-FT limits (6.0-8.0) allow 16 virtual disks per FT VM; the 5.5 legacy guidance recommends at most 16.',
    remediation: "Consolidate the VM's data onto at most 16 virtual disks.",
    disruption: 'vmPowerOff',
    references: ['ft-requirements V7', 'D15', 'F3', 'D14'],
    severityNote:
      'Source V7 says WARNING (the 5.5 wording is a recommendation); the 6.0+ limit tables state 16 as a maximum, so: blocker for SMP-FT, warning for legacy.',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const n = vm.disks.length;
    if (n <= MAX_FT_DISKS) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${n} virtual disks; FT allows ${MAX_FT_DISKS}`,
        [evidence(s, VM_PATHS.devices + '[VirtualDisk]', n, `<= ${MAX_FT_DISKS}`)],
        ctx.generation === 'legacy' ? { severity: 'warning' } : {},
      ),
    ];
  },
});
