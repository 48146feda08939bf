import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

const vmx = (n: number) => `vmx-${String(n).padStart(2, '0')}`;

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-hw-version',
    title: 'Virtual hardware version 7 or later',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'FT needs virtual hardware vmx-07 (ESX 4.0) or later. No source states a higher SMP-FT minimum; SMP-FT arrived with ESXi 6.0 (vmx-11).',
    remediation: "Upgrade the VM's compatibility (virtual hardware) - needs a VM power-off and, for Windows, current VMware Tools first.",
    disruption: 'vmPowerOff',
    references: ['ft-requirements V10, §6.3', 'seed', 'B3', 'S3'],
    seedRequirement: 'hardware version 7 or later',
    severityNote:
      'SMP-FT minimum undocumented (§6.3). Decision: vmx-07 is the blocker for both generations; an SMP-FT VM below vmx-11 gets an info note recommending the upgrade.',
    needs: [VM_PATHS.hwVersion],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const ev = (expected: string) => [evidence(s, VM_PATHS.hwVersion, vm.hwVersion === undefined ? null : vmx(vm.hwVersion), expected)];
    if (vm.hwVersion === undefined)
      return [finding(rule.meta, ctx, s, 'virtual hardware version not reported', ev('>= vmx-07'), { severity: 'unknown' })];
    if (vm.hwVersion < 7)
      return [finding(rule.meta, ctx, s, `virtual hardware ${vmx(vm.hwVersion)}; FT needs vmx-07 or later`, ev('>= vmx-07'))];
    if (ctx.generation === 'smp' && vm.hwVersion < 11) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `virtual hardware ${vmx(vm.hwVersion)} predates SMP-FT (ESXi 6.0, vmx-11); upgrading is recommended`,
          ev('>= vmx-11 recommended'),
          { severity: 'info' },
        ),
      ];
    }
    return [];
  },
});
