import { VM_PATHS } from '../../inventory/model.js';
import type { Rule, Severity } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { protectionOf } from '../protection.js';
import { defineRule } from '../define-rule.js';

// Severity of what vm-ft-health says about a configured VM; the wording is the protection reason.
const SEVERITY: Record<string, Severity> = { needSecondary: 'blocker', disabled: 'warning', enabled: 'warning', starting: 'info' };

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ft-health',
    title: 'Health of an already-protected VM',
    severity: 'blocker',
    scope: 'vm',
    rationale: 'A VM with FT configured is only protected while its secondary runs (state running, or enabled while powered off).',
    remediation:
      "Look at the VM's FT events: restart the secondary (Turn On / Restart Secondary) after fixing the host or network problem; turn FT back on if it was turned off.",
    disruption: 'none',
    references: ['ft-requirements §3.2, §3.4', 'S1', 'S2'],
    severityNote:
      "needSecondary: blocker (the VM is running unprotected); disabled, or enabled while powered on: warning; starting: info (transient). The VM's verdict is protected / degraded from the same state (src/rules/protection.ts), not from these severities.",
    needs: [VM_PATHS.ftState],
  },
  check({ vm }, ctx) {
    const p = protectionOf(vm);
    if (!p || (p.verdict === 'protected' && p.state !== 'starting')) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(rule.meta, ctx, s, p.reason, [evidence(s, VM_PATHS.ftState, vm.ft.state, 'running')], {
        severity: SEVERITY[p.state] ?? 'warning',
      }),
    ];
  },
});
