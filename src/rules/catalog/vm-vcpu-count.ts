import { VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, genLabel, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';
import { EDITION_FIX, LICENSE_EDITION_PATH } from '../ft/edition.js';

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
    severityNote:
      'No edition is assumed: with the host licence not read and no --edition, a VM above 2 vCPUs (what Standard and Enterprise allow) is unknown, naming the licence; within 2 vCPUs it passes unless the host lists ftNotLicensed (host-ft-licensed). The 6.7 guide both lists Standard at 2 vCPUs and says FT needs Enterprise / Enterprise Plus: Standard is treated as allowed at 2.',
  },
  check({ vm, host, limits }, ctx) {
    const s = subjectOf.vm(vm);
    const gen = genLabel(ctx.generation);
    const ev = [evidence(s, VM_PATHS.numCpu, vm.numCpu, `<= ${limits.maxVcpus}`)];
    if (vm.numCpu > limits.maxVcpus) {
      const why = ctx.generation === 'legacy' ? '' : ` (${limits.maxVcpusSource})`;
      return [finding(rule.meta, ctx, s, `${vm.numCpu} vCPUs; ${gen} allows ${limits.maxVcpus}${why}`, ev)];
    }
    // Edition unknown (licence not read, no --edition): above what every FT edition allows, the edition decides.
    if (limits.vcpusAnyEdition !== undefined && vm.numCpu > limits.vcpusAnyEdition) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${vm.numCpu} vCPUs fit only with Enterprise Plus (up to ${limits.maxVcpus}); Standard/Enterprise allow ${limits.vcpusAnyEdition}, and the edition of host ${host?.name ?? '?'} is unknown: ${limits.editionWhy}`,
          [
            evidence(s, VM_PATHS.numCpu, vm.numCpu, `<= ${limits.vcpusAnyEdition} (any FT edition)`),
            evidence(host ? subjectOf.host(host) : s, LICENSE_EDITION_PATH, limits.editionKey ?? null, 'a readable editionKey'),
          ],
          { severity: 'unknown', remediation: EDITION_FIX },
        ),
      ];
    }
    return [];
  },
});
