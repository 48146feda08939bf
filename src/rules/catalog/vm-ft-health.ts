import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { assessProtection, ownCluster } from '../ft/protection.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-ft-health',
    title: 'Health of an already-protected VM',
    severity: 'warning',
    scope: 'vm',
    rationale:
      'A VM with FT configured is protected only while its secondary runs and can take over: state running, in a cluster with vSphere HA on. starting (secondary still synchronising), enabled on a powered-off VM, needSecondary and disabled are not protected; with HA host monitoring off, no new secondary starts after a failover.',
    remediation:
      "Look at the VM's FT events: wait for a starting secondary to reach running; power on a powered-off FT VM; restart the secondary (Turn On / Restart Secondary) after fixing the host or network problem; turn FT back on if it was turned off; turn on vSphere HA and its host monitoring for the cluster.",
    disruption: 'none',
    references: ['ft-requirements §3.2, §3.4, C1, C2', 'D22', 'S1', 'S2', 'D19'],
    severityNote:
      'needSecondary: blocker (the VM runs unprotected and no secondary has been placed). starting, enabled (powered off or not running), disabled, running with HA off and running with host monitoring off: warning — the VM is degraded with the reason, and a transient state such as starting must not fail a --fail-on blocker job. The verdict (protected / degraded) comes from the same state in src/rules/ft/protection.ts, not from these severities.',
    needs: [VM_PATHS.ftState],
  },
  check({ vm }, ctx) {
    const a = assessProtection(vm, ownCluster(vm, ctx.index));
    if (!a || a.protection.verdict === 'protected') return [];
    const s = subjectOf.vm(vm);
    const c = a.cause;
    const cluster = c.object === 'cluster' ? ownCluster(vm, ctx.index) : undefined;
    const ev = [evidence(cluster ? subjectOf.cluster(cluster) : s, c.path, c.observed, c.expected)];
    if (c.path !== VM_PATHS.ftState) ev.unshift(evidence(s, VM_PATHS.ftState, vm.ft.state));
    return [
      finding(rule.meta, ctx, s, a.protection.reason, ev, {
        severity: a.protection.state === 'needSecondary' ? 'blocker' : 'warning',
      }),
    ];
  },
});
