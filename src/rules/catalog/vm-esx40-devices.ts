import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Evidence, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-esx40-devices',
    title: 'Legacy FT on ESX 4.0: no PVSCSI or vmxnet3',
    severity: 'blocker',
    scope: 'vm',
    generations: ['legacy'],
    versions: 'ESX/ESXi 4.0 hosts only',
    rationale: 'On ESX 4.0 hosts legacy FT could not protect VMs with a paravirtual SCSI controller or a vmxnet3 adapter (lifted in 4.1).',
    remediation: 'Upgrade the hosts to 4.1 or later, or use LSI Logic / E1000 devices (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V24', 'S1', 'S8'],
    vcenterReasons: ['NotSupportedDeviceForFT'],
    needs: [VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    if (!host || !below(host.product.version, '4.1')) return [];
    const s = subjectOf.vm(vm);
    const ev: Evidence[] = [];
    for (const c of vm.scsiControllers.filter((c) => c.type === 'ParaVirtualSCSIController'))
      ev.push(evidence(s, devicePath(c.key), c.type, 'VirtualLsiLogicController'));
    for (const n of vm.nics.filter((n) => n.type === 'VirtualVmxnet3')) ev.push(evidence(s, devicePath(n.key), n.type, 'VirtualE1000'));
    if (ev.length === 0) return [];
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `ESX ${host.product.version} cannot run legacy FT with PVSCSI or vmxnet3 devices (${ev.length} found)`,
        ev,
      ),
    ];
  },
});
