import { VM_PATHS } from '../../inventory/model.js';
import type { Evidence, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-pmem',
    title: 'No persistent memory (NVDIMM / PMem HA failover)',
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    rationale: 'Persistent-memory devices and PMem HA failover are host-local and not supported with FT.',
    remediation: 'Remove the NVDIMM device and turn PMem HA failover off (VM power-off).',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V18', 'S1', 'S2'],
    vcenterReasons: ['unsupportedPMemHAFailOver'],
    needs: [VM_PATHS.devices, VM_PATHS.pmemFailover],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const ev: Evidence[] = [];
    const parts: string[] = [];
    if (vm.nvdimm) {
      ev.push(evidence(s, VM_PATHS.devices + '[VirtualNVDIMM]', true, 'absent'));
      parts.push('an NVDIMM device');
    }
    if (vm.pmemFailover) {
      ev.push(evidence(s, VM_PATHS.pmemFailover, true, 'false'));
      parts.push('PMem HA failover');
    }
    return parts.length ? [finding(rule.meta, ctx, s, `the VM has ${parts.join(' and ')}`, ev)] : [];
  },
};
