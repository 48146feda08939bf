import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-linked-clone',
    title: 'Not a linked clone',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'A disk with a parent while the VM has no snapshot is a linked-clone delta disk; FT does not support linked clones.',
    remediation: 'Make a full clone of the VM (or consolidate the disk chain) and protect that.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V9', 'D2', 'D13', 'D10', 'S1', 'S2'],
    vcenterReasons: ['hasLinkedCloneDisk'],
    needs: [VM_PATHS.devices, VM_PATHS.snapshot],
  },
  check({ vm }, ctx) {
    if (vm.snapshotCount > 0) return []; // the delta disks belong to snapshots: vm-snapshots reports them
    const linked = vm.disks.filter((d) => d.hasParent);
    if (linked.length === 0) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${linked.map((d) => d.label).join(', ')} ${linked.length === 1 ? 'is a' : 'are'} linked-clone delta disk${linked.length === 1 ? '' : 's'}`,
        linked.map((d) => evidence(s, devicePath(d.key, 'backing.parent'), 'set', 'unset')),
      ),
    ];
  },
});
