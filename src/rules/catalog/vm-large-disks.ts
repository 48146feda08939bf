import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { TiB, evidence, finding, fmtBytes, subjectOf } from '../finding.js';

export const MAX_FT_DISK_BYTES = 2 * TiB;

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-large-disks',
    title: 'SMP-FT: no virtual disk larger than 2 TB',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    rationale: 'SMP-FT does not support VMDKs larger than 2 TB.',
    remediation: 'Split the data over disks of at most 2 TB (disks cannot shrink in place: copy to new disks).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V6, §5.3', 'D3', 'D10', 'B13'],
    severityNote: 'Threshold: exactly 2 TiB (2^41 bytes) passes, anything above fails (the documents say "2 TB"; the exact boundary is unverified, §6.14).',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const big = vm.disks.filter((d) => d.capacityBytes > MAX_FT_DISK_BYTES);
    if (big.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, `${big.map((d) => `${d.label} is ${fmtBytes(d.capacityBytes)}`).join(', ')}; SMP-FT allows at most 2 TiB per disk`, big.map((d) => evidence(s, devicePath(d.key, 'capacityInBytes'), d.capacityBytes, `<= ${MAX_FT_DISK_BYTES}`)))];
  },
};
