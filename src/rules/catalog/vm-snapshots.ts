import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-snapshots',
    title: 'No snapshots',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'FT cannot be turned on for a VM with snapshots, and snapshots cannot be taken of FT VMs (SMP-FT allows only the disk-only snapshots of VADP backup tools).',
    remediation: 'Delete or consolidate all snapshots (Snapshots > Delete All) before turning FT on.',
    disruption: 'none',
    references: ['ft-requirements V8', 'seed', 'D2', 'D10', 'D11', 'D13', 'S1', 'S2'],
    seedRequirement: 'no snapshots',
    vcenterReasons: ['hasSnapshots'],
    needs: [VM_PATHS.snapshot],
  },
  check({ vm }, ctx) {
    if (vm.snapshotCount === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, `${vm.snapshotCount} snapshot${vm.snapshotCount === 1 ? '' : 's'}; FT needs none`, [
        evidence(s, VM_PATHS.snapshot, vm.snapshotCount, '0 snapshots'),
      ]),
    ];
  },
});
