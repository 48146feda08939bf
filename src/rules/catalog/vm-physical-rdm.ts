import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Finding, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-physical-rdm',
    title: 'No physical-mode RDM',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'Physical-compatibility RDMs pass SCSI commands straight to the LUN and cannot be mirrored by FT. Virtual-mode RDMs are supported by legacy FT.',
    remediation: 'Convert the RDM to virtual compatibility mode (legacy FT) or migrate it to a VMDK (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V5, §5.3', 'seed', 'D3', 'D10', 'D14', 'S2'],
    seedRequirement: 'no physical-mode RDM (virtual RDM fine)',
    severityNote: 'Virtual RDMs under SMP-FT: undocumented (the 6.0+ tables only offer vRDM as a fix "with legacy FT"): warning.',
    vcenterReasons: ['hasUnsupportedDisk'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const out: Finding[] = [];
    const phys = vm.disks.filter((d) => d.backing === 'rdmPhysical');
    if (phys.length) {
      out.push(
        finding(
          rule.meta,
          ctx,
          s,
          `${phys.map((d) => d.label).join(', ')} ${phys.length === 1 ? 'is a' : 'are'} physical-mode RDM`,
          phys.map((d) => evidence(s, devicePath(d.key, 'backing.compatibilityMode'), 'physicalMode', 'virtualMode')),
        ),
      );
    }
    const virt = ctx.generation === 'smp' ? vm.disks.filter((d) => d.backing === 'rdmVirtual') : [];
    if (virt.length) {
      out.push(
        finding(
          rule.meta,
          ctx,
          s,
          `${virt.map((d) => d.label).join(', ')}: virtual-mode RDM support with SMP-FT is not documented`,
          virt.map((d) => evidence(s, devicePath(d.key, 'backing.compatibilityMode'), 'virtualMode', 'VMDK')),
          { severity: 'warning' },
        ),
      );
    }
    return out;
  },
});
