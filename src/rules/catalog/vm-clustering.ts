import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Evidence, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-clustering',
    title: 'No third-party clustering (shared SCSI bus, multi-writer disks)',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'Guest clustering (MSCS/WSFC, Oracle RAC...) shares disks through a shared SCSI bus or multi-writer VMDKs; FT cannot protect such VMs.',
    remediation: 'Use either guest clustering or FT for this workload: remove bus sharing / multi-writer sharing (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V23', 'seed', 'B3', 'B4', 'S2'],
    seedRequirement: 'no third-party clustering',
    severityNote: 'Multi-writer disks are not named by the FT docs (V23, UNVERIFIED); treated as clustering: blocker.',
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const ev: Evidence[] = [];
    const parts: string[] = [];
    for (const c of vm.scsiControllers.filter((c) => c.busSharing !== 'noSharing')) {
      ev.push(evidence(s, devicePath(c.key, 'sharedBus'), c.busSharing, 'noSharing'));
      parts.push(`SCSI controller ${c.key} shares its bus (${c.busSharing})`);
    }
    for (const d of vm.disks.filter((d) => d.sharing === 'sharingMultiWriter')) {
      ev.push(evidence(s, devicePath(d.key, 'backing.sharing'), d.sharing, 'sharingNone'));
      parts.push(`${d.label} is multi-writer`);
    }
    return parts.length ? [finding(rule.meta, ctx, s, parts.join('; '), ev)] : [];
  },
});
