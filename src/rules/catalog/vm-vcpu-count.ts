import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, genLabel, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-vcpu-count',
    title: 'vCPU count within the FT limit',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'Legacy FT protects only 1-vCPU VMs. SMP-FT allows 2 vCPUs with Standard/Enterprise and, with Enterprise Plus, 4 (6.0/6.5) or 8 (6.7+) - or whatever the host publishes in capability.maxVcpusPerFtVm.',
    remediation: "Reduce the VM's vCPUs to the limit (VM power-off), or license the hosts with an edition that allows more.",
    disruption: 'vmPowerOff',
    references: ['ft-requirements V1, §1', 'F2', 'D1', 'D10', 'D14', 'S1', 'S2'],
    seedRequirement: '1 vCPU (legacy) / within the SMP-FT cap',
    vcenterReasons: ['multipleVCPU', 'tooManyVCPUs', 'NumVirtualCpusIncompatible'],
    needs: [VM_PATHS.numCpu],
  },
  check({ vm, limits }, ctx) {
    const s = subjectOf.vm(vm);
    const gen = genLabel(ctx.generation);
    const ev = [evidence(s, VM_PATHS.numCpu, vm.numCpu, `<= ${limits.maxVcpus}`)];
    if (vm.numCpu > limits.maxVcpus) {
      const why = ctx.generation === 'legacy' ? '' : ` (${limits.maxVcpusSource})`;
      return [finding(rule.meta, ctx, s, `${vm.numCpu} vCPUs; ${gen} allows ${limits.maxVcpus}${why}`, ev)];
    }
    if (ctx.generation === 'smp' && limits.editionSource === 'default' && vm.numCpu > 2) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${vm.numCpu} vCPUs fit only if the hosts have Enterprise Plus (assumed: licence not read, no --edition); Standard/Enterprise allow 2`,
          ev,
          { severity: 'info' },
        ),
      ];
    }
    return [];
  },
});
