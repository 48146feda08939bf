import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast } from '../version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-nsx-network',
    title: 'ESXi 8.0: no NSX-backed port groups',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    versions: 'SMP-FT on ESXi 8.0+',
    rationale: 'vSphere 8.0 does not support FT for VMs on NSX-T created port groups (VLAN or overlay segments).',
    remediation: "Connect the VM's adapters to a non-NSX port group (VLAN-backed vDS or standard switch).",
    disruption: 'none',
    references: ['ft-requirements V19, §5.2', 'D1', 'S1', 'S2'],
    needs: [VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    if (!atLeast(host?.product.version, '8.0')) return [];
    const nsx = vm.nics.filter(
      (n) => n.backing === 'opaque' || (n.networkMoid !== undefined && ctx.index.network(n.networkMoid)?.backingType === 'nsx'),
    );
    if (nsx.length === 0) return [];
    const s = subjectOf.vm(vm);
    const names = nsx.map(
      (n) => `${n.label} (${(n.networkMoid && ctx.index.network(n.networkMoid)?.name) || n.opaqueNetworkType || 'NSX'})`,
    );
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `${names.join(', ')} on NSX-backed networks; FT on ESXi 8.0 does not support them`,
        nsx.map((n) =>
          evidence(
            s,
            devicePath(n.key, 'backing'),
            n.backing === 'opaque' ? (n.opaqueNetworkType ?? 'opaque') : 'nsx',
            'non-NSX port group',
          ),
        ),
      ),
    ];
  },
});
