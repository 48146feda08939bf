import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-usb-devices',
    title: 'No USB devices',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'USB devices (host, remote host or client) cannot be mirrored to the secondary.',
    remediation: 'Remove the USB devices from the VM.',
    disruption: 'none',
    references: ['ft-requirements §5.1, §5.3', 'B3', 'D3', 'D10', 'D14'],
    severityNote:
      'A bare USB controller without devices is only an info note: the FT tables list USB devices, not controllers (UNVERIFIED whether a controller alone blocks), and many VMs get one by default.',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    if (vm.usb.length > 0) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${vm.usb.map((d) => d.label).join(', ')}: USB devices are not supported with FT`,
          vm.usb.map((d) => evidence(s, devicePath(d.key), d.type, 'absent')),
        ),
      ];
    }
    if (vm.usbControllers.length > 0) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${vm.usbControllers.map((d) => d.label).join(', ')} present without devices; remove it if FT refuses the VM`,
          vm.usbControllers.map((d) => evidence(s, devicePath(d.key), d.type)),
          { severity: 'info' },
        ),
      ];
    }
    return [];
  },
});
