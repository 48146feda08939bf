import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vflash',
    title: 'No vFlash Read Cache',
    severity: 'blocker',
    scope: 'vm',
    versions: '5.5 until vFRC was removed (7.0)',
    rationale: 'VMs with vFlash Read Cache reservations cannot be protected by FT.',
    remediation: 'Set the vFlash Read Cache reservation of the VM and its disks to 0.',
    disruption: 'none',
    references: ['ft-requirements V14', 'S1', 'S2', 'S5'],
    vcenterReasons: ['hasVFlashConfiguration'],
    needs: [VM_PATHS.vFlash, VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const disks = vm.disks.filter((d) => d.vFlashReservationMB > 0);
    if (vm.vFlashReservationMB <= 0 && disks.length === 0) return [];
    const s = subjectOf.vm(vm);
    const ev = vm.vFlashReservationMB > 0 ? [evidence(s, VM_PATHS.vFlash, vm.vFlashReservationMB, '0')] : [];
    for (const d of disks) ev.push(evidence(s, devicePath(d.key, 'vFlashCacheConfigInfo.reservationInMB'), d.vFlashReservationMB, '0'));
    return [finding(rule.meta, ctx, s, 'vFlash Read Cache is reserved for the VM', ev)];
  },
});
