import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, genLabel, subjectOf } from '../finding.js';
import { CPU_ISSUES, capabilitySupported, classifyHost, cpuName, hasIssue } from '../ft/cpu.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-cpu-ft-capable',
    title: 'CPU belongs to an FT-capable family',
    severity: 'blocker',
    scope: 'host',
    rationale:
      'Legacy FT runs only on CPUs of the VMware "Fault Tolerant Compatible Sets" (Intel Penryn 31xx/33xx/52xx/54xx/74xx, Nehalem 55xx, Westmere 56xx..., AMD Barcelona/Shanghai 13xx/23xx/83xx, Istanbul...; nothing launched after Q1 2015). SMP-FT needs hardware MMU virtualization (EPT/RVI): Intel Sandy Bridge or later (not Avoton), AMD Bulldozer or later.',
    remediation:
      'Run FT VMs on hosts with a supported CPU (see the VMware Compatibility Guide, CPU series "Supports SMP-FT" / "Fault Tolerant Compatible Sets").',
    disruption: 'hostMaintenance',
    references: ['ft-requirements H2, §4', 'K1', 'K2', 'K3', 'K4', 'D1', 'D10', 'D14', 'S1', 'S2'],
    seedRequirement: 'CPU in an FT-capable family',
    severityNote:
      "A CPU name the classifier does not recognise is an info finding (check the VCG), never a blocker; the host's own capability lists win over the name table.",
    vcenterReasons: ['cpuHwmmuUnsupported', 'cpuHvUnsupported', 'ftUnsupportedHardware', 'FaultToleranceCpuIncompatible'],
    needs: [HOST_PATHS.cpuPkg, HOST_PATHS.capability],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const name = cpuName(h);
    const issue = hasIssue(h, ctx.generation, CPU_ISSUES);
    if (issue) {
      return [
        finding(rule.meta, ctx, s, `host reports ${issue.issue}: CPU ${name} cannot run ${genLabel(ctx.generation)}`, [
          evidence(s, issue.path, issue.issue, 'no CPU issue'),
        ]),
      ];
    }
    const supported = capabilitySupported(h, ctx.generation);
    if (supported?.value === true) return [];
    const cls = classifyHost(h);
    const ev = [evidence(s, HOST_PATHS.cpuPkg + '[0].description', name)];
    if (!cls) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `cannot classify CPU "${name}"; check the VMware Compatibility Guide for ${ctx.generation === 'smp' ? 'SMP-FT support' : 'its FT compatible set'}`,
          ev,
          { severity: 'info' },
        ),
      ];
    }
    if (ctx.generation === 'smp' && !cls.smp) {
      ev[0]!.expected = 'Intel Sandy Bridge / AMD Bulldozer or newer';
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `CPU ${name} (${cls.family}) predates SMP-FT: it needs Intel Sandy Bridge or AMD Bulldozer or newer with hardware MMU`,
          ev,
        ),
      ];
    }
    if (ctx.generation === 'legacy' && cls.legacyGroup === null) {
      ev[0]!.expected = 'a CPU in a legacy FT compatible set';
      return [finding(rule.meta, ctx, s, `CPU ${name} (${cls.family}) is in no legacy FT compatible set`, ev)];
    }
    return [];
  },
});
