import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { TiB, evidence, finding, fmtBytes, genLabel, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

const MAX_FT_DISK_BYTES = 2 * TiB;

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-large-disks',
    title: 'No virtual disk larger than 2 TB',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'FT does not support VMDKs larger than 2 TB: the SMP-FT tables say so (6.7, 8.0), and the 62 TB VMDKs of ESXi 5.5 were introduced without FT support (legacy FT on older hosts cannot have them at all).',
    remediation: 'Split the data over disks of at most 2 TB (disks cannot shrink in place: copy to new disks).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V6, §5.3', 'D3', 'D10', 'B13', 'K5'],
    severityNote:
      'Threshold: exactly 2 TiB (2^41 bytes) passes, anything above fails (the documents say "2 TB"; the exact boundary is unverified, §6.14). Legacy FT: applied too (ESXi 5.5 is the only legacy release with disks over 2 TB; KB 2058287 lists FT among the features 62 TB disks lack: UNVERIFIED here, the KB was not read).',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const big = vm.disks.filter((d) => d.capacityBytes > MAX_FT_DISK_BYTES);
    if (big.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${big.map((d) => `${d.label} is ${fmtBytes(d.capacityBytes)}`).join(', ')}; ${genLabel(ctx.generation)} allows at most 2 TiB per disk`,
        big.map((d) => evidence(s, devicePath(d.key, 'capacityInBytes'), d.capacityBytes, `<= ${MAX_FT_DISK_BYTES}`)),
      ),
    ];
  },
});
