import { VM_PATHS } from '../../inventory/model.js';
import type { Rule, Severity } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';

const STATES: Record<string, { severity: Severity; message: string }> = {
  needSecondary: { severity: 'blocker', message: 'FT is on but the secondary is not running (needSecondary): the VM is not protected' },
  notProtected: { severity: 'blocker', message: 'FT is on but the VM is not protected' },
  disabled: { severity: 'warning', message: 'FT is turned off (disabled) for this VM: it is not protected' },
  starting: { severity: 'info', message: 'the FT secondary is starting' },
};

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-ft-health',
    title: 'Health of an already-protected VM',
    severity: 'blocker',
    scope: 'vm',
    generations: ['legacy', 'smp'],
    rationale: 'A VM with FT configured is only protected while its secondary runs (state running, or enabled while powered off).',
    remediation: 'Look at the VM\'s FT events: restart the secondary (Turn On / Restart Secondary) after fixing the host or network problem; turn FT back on if it was turned off.',
    disruption: 'none',
    references: ['ft-requirements §3.2, §3.4', 'S1', 'S2'],
    severityNote: 'needSecondary / notProtected: blocker (the VM is running unprotected); disabled: warning (an admin turned FT off); starting: info (transient).',
    needs: [VM_PATHS.ftState],
  },
  check({ vm }, ctx) {
    const st = STATES[vm.ft.state];
    if (!st) return [];
    const s = subjectOf.vm(vm);
    return [finding(rule.meta, ctx, s, st.message, [evidence(s, VM_PATHS.ftState, vm.ft.state, 'running')], { severity: st.severity })];
  },
};
