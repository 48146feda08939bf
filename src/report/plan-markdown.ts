// `ftscan plan --output markdown=FILE`: the pre-migration plan as a change ticket — the scope and the target,
// the vCenter (build) and the scan time, the capacity answer, then per VM (in the plan's order) where it runs
// now, where the what-if puts it, whether it needs a maintenance window, and its ordered steps with their
// disruption. Values are escaped as in the Markdown report (md()).
import type { ScanResult, VmResult } from '../result/types.js';
import { md } from './markdown.js';
import { capacityLines, notFoundText, planOrder, planSteps, windowText } from './plan-text.js';
import { completenessWarning, targetLine, VERDICTS } from './view.js';

export interface PlanMarkdownOptions {
  vmNames?: string[]; // the --vms list: its order is the plan's
  scope?: string; // how the VMs were chosen, as given ("--vms migrate.txt", "--tag FT/Candidate")
}

const VERDICT_TEXT: Record<VmResult['verdict'], string> = {
  ready: 'READY',
  warnings: 'READY with warnings',
  blocked: 'BLOCKED',
  unknown: 'UNKNOWN',
  disputed: 'DISPUTED',
  protected: 'PROTECTED (FT on)',
  degraded: 'DEGRADED (FT on)',
  excluded: 'EXCLUDED',
};

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const list = (xs: string[] | undefined) => (xs?.length ? xs.map(md).join(', ') : '?');

export function renderPlanMarkdown(result: ScanResult, opts: PlanMarkdownOptions = {}): string {
  const vms = planOrder(result, opts.vmNames);
  const target = result.targetCluster;
  const out: string[] = [
    `# FT pre-migration plan${target ? `: ${vms.length} VM(s) into cluster ${md(target)}` : `: ${vms.length} VM(s)`}`,
    '',
  ];
  const warn = completenessWarning(result);
  if (warn) out.push(`> **${md(warn)}**`, '');
  out.push(
    `- **Scope**: ${opts.scope ? md(opts.scope) : 'the VMs chosen'} (${vms.length} VM(s) found${result.notFound?.length ? `, ${result.notFound.length} not found` : ''})`,
  );
  out.push(
    `- **Target**: ${target ? `cluster ${md(target)} (what-if: each VM is judged as moved there, with the steps below)` : 'where the VMs run now'}`,
  );
  for (const t of result.targets) {
    const l = targetLine(t);
    const build = t.inventory && !l.product.includes(t.inventory.vcenter.build) ? ` build ${md(t.inventory.vcenter.build)}` : '';
    out.push(
      `- **vCenter**: ${md(l.server)}${l.product ? ` (${md(l.product)}${build})` : ''}, ${md(l.status)}${l.detail ? `: ${md(l.detail)}` : ''}`,
    );
  }
  out.push(`- **Scanned**: ${md(result.startedAt)} to ${md(result.finishedAt)} (ftscan ${md(result.tool.version)})`);
  const counts = VERDICTS.filter((v) => result.summary.vms[v] > 0).map((v) => `${VERDICT_TEXT[v]} ${result.summary.vms[v]}`);
  out.push(`- **Outcome**: ${counts.join(', ') || 'no VM'}`, '');

  const capacity = capacityLines(result);
  if (capacity.length) out.push('## Capacity', '', ...capacity.map((l) => `- ${md(l.trim())}`), '');

  out.push('## VMs', '');
  vms.forEach((vm, i) => {
    out.push(
      `### ${i + 1}. ${md(vm.name)}: ${VERDICT_TEXT[vm.verdict]}${vm.generation ? ` (${vm.generation === 'smp' ? 'SMP-FT' : 'legacy FT'})` : ''}`,
      '',
    );
    if (vm.verdict === 'excluded') {
      out.push(`Excluded: ${md(vm.excludedReason ?? 'excluded')}`, '');
      return;
    }
    const m = vm.move;
    if (m) {
      out.push(
        `- Now: cluster ${md(m.current.clusterName ?? '?')}, host ${md(m.current.hostName ?? '?')}, datastores ${list(m.current.datastores)}`,
      );
      if (m.steps.length)
        out.push(
          `- After the move (what-if): cluster ${md(vm.clusterName ?? '?')}, host ${md(vm.hostName ?? '?')}, datastores ${list(m.datastores)}`,
        );
    } else {
      out.push(`- Cluster ${md(vm.clusterName ?? '?')}, host ${md(vm.hostName ?? '?')}`);
    }
    const steps = planSteps(result, vm);
    out.push(`- ${md(windowText(steps))}`, '');
    if (steps.length) {
      out.push(row(['#', 'Step', 'Disruption', 'Rule']), row(['---', '---', '---', '---']));
      steps.forEach((s, k) =>
        out.push(
          row([
            String(k + 1),
            `${s.optional ? 'Optional: ' : ''}${md(s.text)}${s.why ? ` (why: ${md(s.why)})` : ''}`,
            md(s.label),
            s.ruleId ? `\`${s.ruleId}\`` : 'move',
          ]),
        ),
      );
      out.push('');
    } else out.push('Nothing to do before FT is turned on.', '');
  });

  if (result.notFound?.length) {
    out.push('## Not found', '');
    for (const n of result.notFound) out.push(`- ${md(n.name)}: ${md(notFoundText(n))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
