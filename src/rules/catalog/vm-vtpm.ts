import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vtpm',
    title: 'No virtual TPM (6.7 / 7.0)',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    versions: 'blocker on 6.7/7.0 hosts, warning on 8.0+',
    rationale: 'The 6.7 and 7.0 guides list vTPM as unsupported with FT; the 8.0 list no longer mentions it.',
    remediation:
      'Remove the vTPM device (VM power-off; the guest may need BitLocker/credential guard reconfigured), or run the VM on 8.0 hosts.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V17, §5.2', 'D10', 'D8', 'D2', 'S2'],
    severityNote: '8.0 dropped vTPM from the unsupported list without saying it is supported (UNVERIFIED): warning on 8.0+.',
    needs: [VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    if (!vm.vtpm) return [];
    const s = subjectOf.vm(vm);
    const ev = [evidence(s, VM_PATHS.devices + '[VirtualTPM]', true, 'absent')];
    if (atLeast(host?.product.version, '8.0')) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `vTPM present; ESXi ${host!.product.version} no longer lists vTPM as unsupported, but support is not confirmed`,
          ev,
          { severity: 'warning' },
        ),
      ];
    }
    return [finding(rule.meta, ctx, s, `vTPM present; FT on ESXi ${host?.product.version ?? '6.7/7.0'} does not support it`, ev)];
  },
});
