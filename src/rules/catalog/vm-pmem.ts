import { VM_PATHS } from '../../inventory/model.js';
import type { Evidence, Rule } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
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
    severityNote:
      'PMem HA failover only matters for a VM with persistent memory: when config.pmemFailoverEnabled is unreadable, a VM without an NVDIMM device, PMem disk or PMem datastore passes (partial evidence); with one it is unknown.',
    vcenterReasons: ['unsupportedPMemHAFailOver'],
    needs: [VM_PATHS.devices],
    reads: [VM_PATHS.pmemFailover],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const ev: Evidence[] = [];
    const parts: string[] = [];
    if (vm.nvdimm) {
      ev.push(evidence(s, VM_PATHS.devices + '[VirtualNVDIMM]', true, 'absent'));
      parts.push('an NVDIMM device');
    }
    const gap = unreadableAmong(rule.meta.reads, vm.unreadable);
    if (!gap && vm.pmemFailover) {
      ev.push(evidence(s, VM_PATHS.pmemFailover, true, 'false'));
      parts.push('PMem HA failover');
    }
    if (parts.length) return [finding(rule.meta, ctx, s, `the VM has ${parts.join(' and ')}`, ev)];
    // Failover setting unreadable: it can only matter when the VM uses persistent memory somewhere.
    const pmemStore = vm.disks.some((d) => d.backing === 'pmem') || vm.datastoreMoids.some((m) => ctx.index.datastore(m)?.type === 'PMEM');
    return gap && pmemStore ? [unreadableFinding(rule.meta, ctx, s, gap, 'the VM uses PMem storage')] : [];
  },
});
