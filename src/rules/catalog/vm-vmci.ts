import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

// VMCI is in the FT "features and devices incompatible" tables [D3, D10], but nearly every VM (vmx-07+) has a
// VMCI device: what vim25 shows beyond its presence is VirtualMachineVMCIDevice.allowUnrestrictedCommunication
// (VM-to-VM VMCI, API 2.5U2, removed from ESXi 5.1 on) and filterEnable / filterInfo (a guest-to-host
// firewall, API 6.0). Only VM-to-VM communication is use of VMCI between VMs, so only it is flagged.
export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vmci',
    title: 'No VM-to-VM VMCI communication',
    severity: 'warning',
    scope: 'vm',
    rationale:
      'The FT device tables list the Virtual Machine Communication Interface (VMCI) as incompatible with FT. A VMCI device with unrestricted VM-to-VM communication is VMCI in use between VMs, which the secondary cannot reproduce.',
    remediation: "Turn off unrestricted VMCI communication in the VM's VMCI device settings (VM power-off).",
    disruption: 'vmPowerOff',
    references: ['ft-requirements §5.3', 'D3', 'D10', 'S1', 'S2'],
    severityNote:
      "Warning, not blocker: the tables (D3, D10) name VMCI without saying which configuration is meant, and the VMCI device itself is on nearly every VM (its presence and the VMCI firewall filters are not flagged). allowUnrestrictedCommunication = true is the one vim25 value that means VMCI used between VMs (interpretation UNVERIFIED); vCenter's own answer (--ask-vcenter) decides beyond it.",
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    if (!vm.vmciUnrestricted) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, 'the VMCI device allows unrestricted VM-to-VM communication', [
        evidence(s, VM_PATHS.devices + '[VirtualMachineVMCIDevice].allowUnrestrictedCommunication', true, 'false'),
      ]),
    ];
  },
});
