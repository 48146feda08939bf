import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-disk-backing',
    title: 'No sparse or PMem disk backings',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'FT supports flat VMDKs and RDMs; sparse formats (SparseVer1/2, SEsparse) and local PMem disks are rejected (hasUnsupportedDisk).',
    remediation: 'Clone or migrate the disk to a flat (thick or thin) VMDK on a regular datastore.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V4', 'S1'],
    vcenterReasons: ['hasUnsupportedDisk'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const bad = vm.disks.filter((d) => d.backing === 'sparse' || d.backing === 'pmem');
    if (bad.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${bad.map((d) => `${d.label} (${d.backingType})`).join(', ')}: FT does not support this disk format`,
        bad.map((d) => evidence(s, devicePath(d.key, 'backing'), d.backingType, 'VirtualDiskFlatVer2BackingInfo')),
      ),
    ];
  },
});
