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
    versions: 'vVol: all SMP-FT versions; vSAN: SMP-FT 6.0+',
    rationale:
      'vVol datastores are not supported with FT; PMem datastores cannot hold FT VMs; vSAN is supported by SMP-FT (6.0+) but is not in the legacy FT storage list.',
    remediation: 'Storage vMotion the VM to a VMFS (FC/iSCSI) or NFS datastore (or vSAN for SMP-FT).',
    disruption: 'none',
    references: ['ft-requirements ST1, ST3, ST4, V18', 'D13', 'D10', 'D8', 'D2', 'D14'],
    seedRequirement: 'shared storage (FC, iSCSI, NAS; vSAN/VVOL by version)',
    severityNote: 'vSAN under legacy FT is UNVERIFIED in the sources (ST3): warning, not blocker.',
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
        finding(rule.meta, ctx, s, `datastore ${d.name} is vSAN; legacy FT lists only FC, iSCSI and NAS storage`, ev('VMFS or NFS'), {
          severity: 'warning',
        }),
      ];
    }
    return [];
  },
});
