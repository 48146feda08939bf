import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-nsx-network',
    title: 'No NSX-backed port groups (opaque networks, NSX segments)',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    versions: 'SMP-FT: blocker on ESXi 8.0+, warning on earlier hosts',
    rationale:
      'vSphere 8.0 does not support FT for VMs on NSX-T created port groups (VLAN or overlay segments); earlier FT guides do not mention NSX.',
    remediation: "Connect the VM's adapters to a non-NSX port group (VLAN-backed vDS or standard switch).",
    disruption: 'none',
    references: ['ft-requirements V19, §5.2', 'D1', 'D7', 'D8', 'D10', 'S1', 'S2'],
    severityNote:
      'Blocker on ESXi 8.0+: the 8.0 FT requirements state it (D1). The 6.x and 7.0 Availability guides (D7, D8, D10) are silent on NSX, and no VMware source found extends the limitation to them: a warning there, so the admin checks it before relying on FT, not a blocker the documentation does not support.',
    needs: [VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    const stated = atLeast(host?.product.version, '8.0');
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
        stated
          ? `${names.join(', ')} on NSX-backed networks; FT on ESXi 8.0 does not support them`
          : `${names.join(', ')} on NSX-backed networks; the 8.0 FT requirements exclude them, the guides for ESXi ${host?.product.version ?? 'this version'} are silent: check with VMware before relying on FT`,
        nsx.map((n) =>
          evidence(
            s,
            devicePath(n.key, 'backing'),
            n.backing === 'opaque' ? (n.opaqueNetworkType ?? 'opaque') : 'nsx',
            'non-NSX port group',
          ),
        ),
        stated ? {} : { severity: 'warning' },
      ),
    ];
  },
});
