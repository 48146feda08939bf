// `ftscan plan`: per VM, ready or not (in the target cluster, for a what-if), with the ordered fix list and
// what each fix disrupts, so a change ticket can schedule power-offs, host reboots and BIOS work.
import pc from 'picocolors';
import { visible } from '../util/text.js';
import type { Verdict } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { capacityLines, notFoundText, planOrder, planSteps, windowText } from '../report/plan-text.js';

const LABEL: Record<Verdict, string> = {
  ready: 'READY',
  warnings: 'READY*',
  blocked: 'BLOCKED',
  unknown: 'UNKNOWN',
  disputed: 'DISPUTED',
  protected: 'PROTECTED',
  degraded: 'DEGRADED',
  excluded: 'EXCLUDED',
};

export function renderPlan(result: ScanResult, opts: { color: boolean; vmNames?: string[] }): string {
  const c = pc.createColors(opts.color);
  const paint: Record<Verdict, (s: string) => string> = {
    ready: c.green,
    warnings: c.yellow,
    blocked: c.red,
    unknown: c.magenta,
    disputed: c.red,
    protected: c.blue,
    degraded: c.yellow,
    excluded: c.dim,
  };
  // Names, messages and remediations quote the vCenter (and --vms): visible() keeps them on their own line.
  const where = result.targetCluster ? `as if placed in cluster ${visible(result.targetCluster)}` : 'where they run now';
  const vms = planOrder(result, opts.vmNames);
  const lines = [`Pre-migration plan: ${vms.length} VM(s) ${where}`, ''];
  for (const vm of vms) {
    const head = `${paint[vm.verdict](LABEL[vm.verdict].padEnd(9))} ${visible(vm.name)}`;
    const detail =
      vm.verdict === 'excluded'
        ? `  (${visible(vm.excludedReason ?? 'excluded')})`
        : vm.generation
          ? `  (${vm.generation === 'smp' ? 'SMP-FT' : 'legacy FT'})`
          : '';
    const steps = planSteps(result, vm);
    const from = vm.move?.steps.length
      ? `  from ${visible(vm.move.current.clusterName ?? '?')}/${visible(vm.move.current.hostName ?? '?')}`
      : '';
    lines.push(
      `  ${head}${c.dim(detail)}${c.dim(from)}${result.targets.length > 1 && vm.server ? c.dim(`  [${visible(vm.server)}]`) : ''}`,
    );
    if (vm.verdict !== 'excluded') lines.push(`            ${c.dim(windowText(steps))}`);
    steps.forEach((step, i) => {
      const rule = step.ruleId ? ` (${step.ruleId})` : '';
      lines.push(`            ${i + 1}. [${step.label}]${step.optional ? ' optional:' : ''} ${visible(step.text)}${rule}`);
      // The finding behind the fix: remediations such as "fix the listed problems" need it to be actionable.
      if (step.why) lines.push(`               ${c.dim(`why: ${visible(step.why)}`)}`);
    });
  }
  const missing = result.notFound ?? [];
  for (const m of missing) lines.push(`  ${c.red('NOT FOUND'.padEnd(9))} ${visible(m.name)}  ${c.dim(`(${visible(notFoundText(m))})`)}`);
  const counts = result.summary.vms;
  const capacity = capacityLines(result);
  if (capacity.length) lines.push('', ...capacity.map(visible));
  lines.push(
    '',
    `ready ${counts.ready}, ready with warnings ${counts.warnings}, blocked ${counts.blocked}, unknown ${counts.unknown}, excluded ${counts.excluded}${missing.length ? `, not found ${missing.length}` : ''}`,
  );
  return lines.join('\n') + '\n';
}
