// Markdown for change tickets: summary, per-cluster counts and headroom, what to fix first (blockers by cause),
// the VMs not ready; with --detail every VM's fixes and findings. Every value is escaped: markdown metacharacters and HTML get a backslash, pipes cannot
// break a table, newlines cannot start a new block.
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import {
  DISRUPTION_LABEL,
  SEVERITIES,
  VERDICT_LABEL,
  VERDICTS,
  clusterTitle,
  completenessWarning,
  editionText,
  localTime,
  formatObserved,
  headroomText,
  sortFindings,
  sortVms,
  targetLine,
  unattachedFindings,
  waiverText,
  findingsOf,
  fixesOf,
  ftColumn,
  inventoryLookup,
  vcenterOpinionText,
  shownOnlyText,
  skippedRulesText,
  uncheckedText,
  verdictText,
} from './view.js';
import { causeLabel, causeShort, causesOf, fixSummary, newBlockers } from './causes.js';
import { capacityLines, notFoundText } from './plan-text.js';

export interface MarkdownOptions {
  detail?: boolean; // every VM with its fixes and findings (default: what to fix first and the VMs not ready)
}

/**
 * Escapes the CommonMark/GFM characters that can change meaning mid-line (emphasis, code, links, HTML, tables,
 * strikethrough, entities, @mentions, #references); values never start a line, so block markers stay literal.
 * Newlines become spaces.
 */
export function md(v: unknown): string {
  return String(v ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>#|~&@]/g, (c) => `\\${c}`);
}

/** Inline code for identifiers (rule ids, paths): backticks in the value are replaced, pipes escaped for tables. */
function code(v: unknown): string {
  const s = String(v ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|');
  return s ? `\`${s}\`` : '';
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function render(result: ScanResult, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# FT readiness report`, '');
  const warn = completenessWarning(result);
  if (warn) out.push(`> **${md(warn)}**`, '');
  if (result.targetCluster) out.push(`> What-if: VMs evaluated as if placed in cluster **${md(result.targetCluster)}**.`, '');
  out.push(
    `Scanned ${md(localTime(result.startedAt))} – ${md(localTime(result.finishedAt))} · profile ${code(result.profile)} · edition ` +
      `${md(editionText(result))} · ftscan ${md(result.tool.version)}`,
    '',
  );

  out.push(row(['vCenter', 'Product', 'Status', 'Detail']), row(['---', '---', '---', '---']));
  for (const t of result.targets) {
    const l = targetLine(t);
    out.push(row([md(l.server), md(l.product), l.status === 'complete' ? 'complete' : `**${md(l.status)}**`, md(l.detail ?? '')]));
  }
  out.push('', '## Summary', '');
  out.push(row(['', ...VERDICTS.map((v) => md(VERDICT_LABEL[v]))]), row(['---', ...VERDICTS.map(() => '---:')]));
  out.push(row(['**All VMs**', ...VERDICTS.map((v) => String(result.summary.vms[v] ?? 0))]));
  for (const c of result.evaluation.clusters)
    out.push(row([md(clusterTitle(result, c)), ...VERDICTS.map((v) => String(c.counts[v] ?? 0))]));
  out.push('', `Findings (not waived): ${SEVERITIES.map((s) => `${result.summary.findings[s] ?? 0} ${s}`).join(', ')}.`);
  if (result.baseline) {
    const st = (x: 'new' | 'unchanged') => result.baseline![x];
    out.push(
      '',
      `Baseline ${code(result.baseline.file)}: ${st('new')} new, ${st('unchanged')} unchanged, ` +
        `${result.baseline.resolved.length} resolved` +
        (result.baseline.unverified?.length ? `, ${result.baseline.unverified.length} not re-checked (target incomplete)` : '') +
        '.',
    );
  }
  if (result.waivers) out.push('', `Waivers: ${result.waivers.applied} findings waived, ${result.waivers.expired.length} expired.`);
  const skipped = skippedRulesText(result);
  if (skipped) out.push('', `${md(skipped)}.`);
  const only = shownOnlyText(result);
  if (only) out.push('', `**${md(only)}.**`);
  if (result.notFound?.length) {
    out.push('', `## Not found (${result.notFound.length})`, '');
    for (const m of result.notFound) out.push(`- **NOT FOUND** ${md(m.name)}: ${md(notFoundText(m))}`);
  }
  const capacity = capacityLines(result);
  if (capacity.length) out.push('', '## Capacity', '', ...capacity.map((l) => `- ${md(l.trim())}`));

  if (result.evaluation.clusters.length) {
    out.push('', '## FT headroom', '');
    for (const c of result.evaluation.clusters) out.push(`- **${md(clusterTitle(result, c))}**: ${md(headroomText(c.headroom))}`);
  }

  const fresh = newBlockers(result);
  if (fresh.length) {
    out.push('', '## New blockers since the baseline', '');
    for (const f of sortFindings(fresh)) out.push(...findingItem(result, f).slice(0, 1));
  }
  if (result.baseline?.resolved.length)
    out.push('', `Resolved since the baseline: ${result.baseline.resolved.length} finding(s), listed at the end.`);

  const { causes, byVm } = causesOf(result);
  const number = new Map(causes.map((x, i) => [x, i + 1]));
  const sentence = fixSummary(result);
  if (causes.length) {
    out.push(
      '',
      '## What to fix first',
      '',
      'Each cause of a blocker once: how many VMs it blocks, how many would become ready with this fix alone, and how many VMs are ready once fixes 1 to # are done (in this order).',
      '',
      ...(sentence ? [md(sentence), ''] : []),
      row(['#', 'Fix', 'Unblocks', 'Affects', 'Ready after', 'Disruption', 'What to do']),
      row(['---:', '---', '---:', '---:', '---:', '---', '---']),
    );
    causes.forEach((x, i) =>
      out.push(
        row([
          String(i + 1),
          `${code(x.ruleId)} ${md(causeLabel(x, result.targets.length > 1).slice(x.ruleId.length + 1))}`,
          String(x.unblocks),
          String(x.affected),
          String(x.readyAfter),
          md(DISRUPTION_LABEL[x.disruption] ?? x.disruption),
          md(x.fix),
        ]),
      ),
    );
  }
  // One row per VM: a blocked VM names its causes by number; others say why they are not simply ready.
  out.push(
    '',
    '## Virtual machines',
    '',
    row(['Verdict', 'VM', 'Cluster', 'Host', 'Blocked by (# above) / note']),
    row(['---', '---', '---', '---', '---']),
  );
  for (const vm of sortVms(result.evaluation.vms)) {
    const list = byVm.get(vm) ?? [];
    const why =
      vm.excludedReason !== undefined
        ? md(vm.excludedReason)
        : vm.protection
          ? md(vm.protection.reason)
          : list.length
            ? list.map((x) => `${number.get(x)} ${code(causeShort(x))}`).join(', ')
            : findingsOf(result, vm)
                .filter((f) => !f.waived && f.severity !== 'info')
                .map((f) => code(f.ruleId))
                .filter((x, i, a) => a.indexOf(x) === i)
                .join(', ');
    out.push(
      row([
        `**${md(vm.verdict)}**${uncheckedText(vm) ? `, ${md(uncheckedText(vm))}` : ''}`,
        md(vm.name),
        md(vm.clusterName ?? ''),
        md(vm.hostName ?? ''),
        why,
      ]),
    );
  }
  if (!opts.detail) out.push('', "_Each VM's fixes, findings and evidence: re-render with `--detail`, or see the HTML report._");

  if (opts.detail)
    out.push(
      '',
      '## Fixes per VM',
      '',
      row(['Verdict', 'VM', 'Cluster', 'Host', 'FT', 'Fixes']),
      row(['---', '---', '---', '---', '---', '---']),
    );
  const lookup = inventoryLookup(result);
  for (const vm of opts.detail ? sortVms(result.evaluation.vms) : []) {
    const fixes =
      vm.verdict === 'excluded'
        ? md(vm.excludedReason ?? '')
        : fixesOf(result, vm)
            .map((x, i) => `${i + 1}. ${code(x.ruleId)} ${md(x.remediation)} \\[${md(DISRUPTION_LABEL[x.disruption] ?? x.disruption)}\\]`)
            .join('<br>');
    out.push(
      row([
        `**${md(vm.verdict)}**${uncheckedText(vm) ? `, ${md(uncheckedText(vm))}` : ''}`,
        `${md(vm.name)} ${code(vm.moid)}`,
        md(vm.clusterName ?? ''),
        md(vm.hostName ?? ''),
        ftColumn(vm, lookup(vm).vm),
        fixes,
      ]),
    );
  }

  const findings = (title: string, list: Finding[]) => {
    if (!list.length) return;
    out.push('', title, '');
    for (const f of sortFindings(list)) out.push(...findingItem(result, f));
  };
  for (const vm of opts.detail ? sortVms(result.evaluation.vms) : []) {
    findings(`### ${md(vm.name)} ${code(vm.moid)} — ${md(verdictText(vm))}`, findingsOf(result, vm));
    const opinion = vcenterOpinionText(vm);
    if (opinion) out.push('', `vCenter's own FT check: ${md(opinion)}`);
  }
  const rest = unattachedFindings(result);
  if (rest.length) findings('## Other findings (hosts, clusters, datastores)', rest);
  if (result.baseline?.resolved.length) findings('## Resolved since baseline', result.baseline.resolved);
  if (result.waivers?.expired.length) {
    out.push(
      '',
      '## Expired waivers',
      '',
      'These no longer hide their findings: renew them or fix the findings.',
      '',
      row(['Rule', 'Object', 'vCenter', 'Expired', 'Reason', 'Findings']),
      row(['---', '---', '---', '---', '---', '---:']),
    );
    for (const w of result.waivers.expired) {
      out.push(row([code(w.ruleId), md(w.object), md(w.server ?? ''), md(w.expires), md(w.reason), String(w.findings ?? 0)]));
    }
  }
  return out.join('\n') + '\n';
}

function findingItem(_result: ScanResult, f: Finding): string[] {
  const tags = [f.status ? md(f.status) : '', f.waived ? `_${md(waiverText(f))}_` : ''];
  const expired = f.waived ? undefined : f.expiredWaiver;
  if (expired) tags.push(`**waiver expired ${md(expired.expires)}**`);
  const lines = [
    `- **${md(f.severity)}** ${code(f.ruleId)} on ${md(f.objectType)} ${md(f.name)}: ${md(f.message)}` +
      (tags.filter(Boolean).length ? ` (${tags.filter(Boolean).join(', ')})` : ''),
  ];
  for (const e of f.evidence ?? []) {
    lines.push(
      `  - evidence: ${code(e.path)} = ${code(formatObserved(e.observed))}${e.expected !== undefined ? ` (expected ${md(e.expected)})` : ''}`,
    );
  }
  lines.push(`  - fix: ${md(f.remediation)} \\[${md(DISRUPTION_LABEL[f.disruption] ?? f.disruption)}\\]`);
  return lines;
}
