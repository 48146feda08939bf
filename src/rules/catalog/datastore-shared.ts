import { DATASTORE_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';
import { isShared } from '../ft/datastores.js';

export const rule: Rule<'datastore'> = defineRule({
  meta: {
    id: 'datastore-shared',
    title: 'VM files on shared, accessible storage',
    severity: 'blocker',
    scope: 'datastore',
    rationale:
      "FT hosts must all reach the protected VM's files: legacy FT needs every file, disks included, on shared FC, iSCSI or NAS storage. SMP-FT keeps separate disk copies for the secondary, so only the VM's other files must be shared (vm-files-shared checks them); any datastore of the VM must still be accessible.",
    remediation: 'Storage vMotion the VM to a datastore mounted on every FT host of the cluster.',
    disruption: 'none',
    references: ['ft-requirements ST1', 'seed', 'D16', 'D10', 'D12', 'D11', 'S1', 'S2'],
    seedRequirement: 'shared storage (FC, iSCSI, NAS)',
    severityNote:
      'Legacy FT: every datastore of the VM must be shared. SMP-FT: "virtual machine files (except for the VMDK files) must be stored on shared storage" (D1, D10): a local datastore holding only disks passes here, and vm-files-shared checks the VM home and FT metadata location. Whether vCenter\'s query still reports hasLocalDisk for SMP-FT disks on local storage is UNVERIFIED.',
    vcenterReasons: ['hasLocalDisk'],
    needs: [DATASTORE_PATHS.accessible, DATASTORE_PATHS.multipleHostAccess, DATASTORE_PATHS.hosts],
  },
  check(d, ctx) {
    const s = subjectOf.datastore(d);
    if (!d.accessible)
      return [
        finding(rule.meta, ctx, s, `datastore ${d.name} is not accessible`, [evidence(s, DATASTORE_PATHS.accessible, false, 'true')]),
      ];
    if (isShared(d) || ctx.generation === 'smp') return []; // SMP-FT: vm-files-shared decides by file
    const ev =
      d.multipleHostAccess === false
        ? evidence(s, DATASTORE_PATHS.multipleHostAccess, false, 'true')
        : evidence(s, DATASTORE_PATHS.hosts, d.hostMoids, 'mounted on >= 2 hosts');
    return [finding(rule.meta, ctx, s, `datastore ${d.name} is local (not shared between hosts)`, [ev])];
  },
});
