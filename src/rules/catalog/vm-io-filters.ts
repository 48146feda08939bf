import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-io-filters',
    title: 'SMP-FT: no I/O filters on disks',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    rationale: 'VAIO I/O filters (replication, caching, encryption filters) are not supported with SMP-FT.',
    remediation: "Remove the I/O filter (storage policy) from the VM's disks.",
    disruption: 'none',
    references: ['ft-requirements V15, §5.2', 'D13', 'D10', 'D2', 'S2'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const disks = vm.disks.filter((d) => d.iofilters.length > 0);
    if (disks.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${disks.map((d) => `${d.label} (${d.iofilters.join(', ')})`).join(', ')}: I/O filters are not supported with FT`,
        disks.map((d) => evidence(s, devicePath(d.key, 'iofilter'), d.iofilters, 'none')),
      ),
    ];
  },
});
