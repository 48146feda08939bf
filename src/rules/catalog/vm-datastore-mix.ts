import { DATASTORE_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-datastore-mix',
    title: 'SMP-FT: vSAN not mixed with other datastore types',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    rationale: 'SMP-FT VMs may use vSAN, but the primary and secondary may not mix vSAN with other datastore types.',
    remediation: "Keep all of the VM's files either on vSAN or on non-vSAN datastores.",
    disruption: 'none',
    references: ['ft-requirements ST3', 'D14'],
    needs: [VM_PATHS.datastores],
  },
  check({ vm }, ctx) {
    const dss = vm.datastoreMoids.map((m) => ctx.index.datastore(m)).filter((d) => d !== undefined);
    const vsan = dss.filter((d) => d.type === 'vsan');
    if (vsan.length === 0 || vsan.length === dss.length) return [];
    const s = subjectOf.vm(vm);
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `the VM mixes vSAN (${vsan.map((d) => d.name).join(', ')}) with other datastores (${dss
          .filter((d) => d.type !== 'vsan')
          .map((d) => `${d.name} ${d.type}`)
          .join(', ')})`,
        dss.map((d) => evidence(subjectOf.datastore(d), DATASTORE_PATHS.type, d.type, 'all vsan or none')),
      ),
    ];
  },
});
