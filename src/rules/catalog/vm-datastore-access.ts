import { HOST_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { unmountedDatastores } from '../pairing.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-datastore-access',
    title: "The VM's datastores are mounted on its host",
    severity: 'blocker',
    scope: 'vm',
    rationale:
      "The primary's host must reach every datastore of the VM. In a pre-migration what-if this reveals datastores the target cluster cannot see (a Storage vMotion would be needed first).",
    remediation: 'Mount the datastores on the target hosts, or Storage vMotion the VM to storage the cluster shares.',
    disruption: 'none',
    references: ['ft-requirements C7, ST1', 'D12', 'D16', 'D19'],
    needs: [VM_PATHS.datastores],
  },
  check({ vm, host, whatIf }, ctx) {
    if (!host) return [];
    const missing = unmountedDatastores(vm, host);
    if (missing.length === 0) return [];
    const s = subjectOf.vm(vm);
    const names = missing.map((d) => ctx.index.datastore(d)?.name ?? d);
    const where = whatIf ? `target host ${host.name}` : `host ${host.name}`;
    return [
      finding(rule.meta, ctx, s, `${where} does not mount ${names.join(', ')}`, [
        evidence(subjectOf.host(host), HOST_PATHS.datastores, host.datastoreMoids, `includes ${missing.join(', ')}`),
      ]),
    ];
  },
});
