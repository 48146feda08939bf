import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

// guestId prefixes of operating systems that never were on the legacy FT guest list (KB 1008027 covered
// Windows 2000/XP and later, RHEL/SLES/CentOS/Ubuntu/Debian, Solaris 10, etc.).
const NOT_LISTED =
  /^(other|dos|win31|win95|win98|winme|winnt|os2|netware|darwin|freebsd|openserver|unixware|sco|ecomstation|vmkernel|genericlinux|solaris[6-9]|solaris8)/i;

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-guest-os',
    title: 'Legacy FT: guest OS on the FT guest list',
    severity: 'warning',
    scope: 'vm',
    generations: ['legacy'],
    rationale:
      'Legacy FT supported a published list of guest operating systems (and some OS/CPU combinations only with later updates); SMP-FT supports every guest the ESXi release supports.',
    remediation: 'Check the guest OS / CPU combination in KB 1008027 and the VMware Compatibility Guide; set the correct guest OS type.',
    disruption: 'none',
    references: ['ft-requirements V29', 'K1', 'B2'],
    seedRequirement: 'supported guest OS',
    severityNote: 'Source V29: WARNING (the per-OS list was not recovered, so a name match cannot be a blocker).',
    needs: [VM_PATHS.guestId],
  },
  check({ vm }, ctx) {
    if (vm.guestId && !NOT_LISTED.test(vm.guestId)) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `guest OS ${vm.guestId || '(not set)'}${vm.guestFullName ? ` (${vm.guestFullName})` : ''} is not on the legacy FT guest list`,
        [evidence(s, VM_PATHS.guestId, vm.guestId, 'a guest OS from KB 1008027')],
      ),
    ];
  },
});
