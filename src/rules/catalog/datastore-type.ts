import { DATASTORE_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'datastore'> = defineRule({
  meta: {
    id: 'datastore-type',
    title: 'Datastore type supported by the FT generation',
    severity: 'blocker',
    scope: 'datastore',
    versions: 'vVol: all SMP-FT versions; vSAN: SMP-FT 6.0+ only (legacy FT on vSAN is not supported)',
    rationale:
      'vVol datastores are not supported with FT; PMem datastores cannot hold FT VMs; vSAN is supported by SMP-FT (6.0+), but Virtual SAN 5.5 does not support Fault Tolerance (vSphere 5.5 Storage guide, "Limitations of Virtual SAN"), so legacy FT cannot use it.',
    remediation: 'Storage vMotion the VM to a VMFS (FC/iSCSI) or NFS datastore (or vSAN for SMP-FT).',
    disruption: 'none',
    references: ['ft-requirements ST1, ST3, ST4, V18', 'D21', 'D13', 'D10', 'D8', 'D2', 'D14'],
    seedRequirement: 'shared storage (FC, iSCSI, NAS; vSAN/VVOL by version)',
    severityNote:
      'vSAN under legacy FT: blocker. The vSphere 5.5 Storage guide lists Fault Tolerance among the limitations of Virtual SAN (D21); the 6.0 guide adds vSAN only for SMP-FT (D14).',
    needs: [DATASTORE_PATHS.type],
  },
  check(d, ctx) {
    const s = subjectOf.datastore(d);
    const ev = (expected: string) => [evidence(s, DATASTORE_PATHS.type, d.type, expected)];
    if (d.type === 'VVOL')
      return [finding(rule.meta, ctx, s, `datastore ${d.name} is a vVol datastore; FT does not support vVols`, ev('VMFS, NFS or vSAN'))];
    if (d.type === 'PMEM')
      return [finding(rule.meta, ctx, s, `datastore ${d.name} is persistent memory (PMem); FT VMs cannot use it`, ev('VMFS, NFS or vSAN'))];
    if (d.type === 'vsan' && ctx.generation === 'legacy') {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `datastore ${d.name} is vSAN; Virtual SAN does not support legacy FT (vSphere 5.5 Storage, "Limitations of Virtual SAN")`,
          ev('VMFS or NFS'),
          { remediation: 'Storage vMotion the VM to a VMFS (FC/iSCSI) or NFS datastore, or move it to ESXi 6.0+ hosts and use SMP-FT.' },
        ),
      ];
    }
    return [];
  },
});
