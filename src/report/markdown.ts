// Markdown for change tickets: summary, per-cluster counts and headroom, per-VM verdicts, findings with
// their fixes. Every value is escaped: markdown metacharacters and HTML get a backslash, pipes cannot
// break a table, newlines cannot start a new block.
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import {
  DISRUPTION_LABEL, SEVERITIES, VERDICTS, clusterTitle, completenessWarning, editionSourceText, formatObserved, headroomText, sortFindings,
  sortVms, targetLine, unattachedFindings, waiverText, findingsOf, fixesOf, ftColumn, inventoryLookup, vcenterOpinionText,
} from './view.js';

export type MarkdownOptions = Record<string, never>;

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
  const s = String(v ?? '').replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|');
  return s ? `\`${s}\`` : '';
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function render(result: ScanResult, _opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# FT readiness report`, '');
  const warn = completenessWarning(result);
  if (warn) out.push(`> **${md(warn)}**`, '');
  if (result.targetCluster) out.push(`> What-if: VMs evaluated as if placed in cluster **${md(result.targetCluster)}**.`, '');
  out.push(`Scanned ${md(result.startedAt)} – ${md(result.finishedAt)} · profile ${code(result.profile)} · edition ` +
    `${code(result.evaluation.edition)}${editionSourceText(result) ? ` (${md(editionSourceText(result))})` : ''} · ftscan ${md(result.tool.version)}`, '');

  out.push(row(['vCenter', 'Product', 'Status', 'Detail']), row(['---', '---', '---', '---']));
  for (const t of result.targets) {
    const l = targetLine(t);
    out.push(row([md(l.server), md(l.product), l.status === 'complete' ? 'complete' : `**${md(l.status)}**`, md(l.detail ?? '')]));
  }
  out.push('', '## Summary', '');
  out.push(row(['', ...VERDICTS.map(md)]), row(['---', ...VERDICTS.map(() => '---:')]));
  out.push(row(['**All VMs**', ...VERDICTS.map((v) => String(result.summary.vms[v] ?? 0))]));
  for (const c of result.evaluation.clusters) out.push(row([md(clusterTitle(result, c)), ...VERDICTS.map((v) => String(c.counts[v] ?? 0))]));
  out.push('', `Findings (not waived): ${SEVERITIES.map((s) => `${result.summary.findings[s] ?? 0} ${s}`).join(', ')}.`);
  if (result.baseline) {
    const st = (x: 'new' | 'unchanged') => result.baseline![x];
    out.push('', `Baseline ${code(result.baseline.file)}: ${st('new')} new, ${st('unchanged')} unchanged, ` +
      `${result.baseline.resolved.length} resolved` +
      (result.baseline.unverified?.length ? `, ${result.baseline.unverified.length} not re-checked (target incomplete)` : '') + '.');
  }
  if (result.waivers) out.push('', `Waivers: ${result.waivers.applied} findings waived, ${result.waivers.expired.length} expired.`);

  if (result.evaluation.clusters.length) {
    out.push('', '## FT headroom', '');
    for (const c of result.evaluation.clusters) out.push(`- **${md(clusterTitle(result, c))}**: ${md(headroomText(c.headroom))}`);
  }

  out.push('', '## Virtual machines', '', row(['Verdict', 'VM', 'Cluster', 'Host', 'FT', 'Fixes']), row(['---', '---', '---', '---', '---', '---']));
  const lookup = inventoryLookup(result);
  for (const vm of sortVms(result.evaluation.vms)) {
    const fixes = vm.verdict === 'excluded' ? md(vm.excludedReason ?? '') : fixesOf(result, vm).map((x, i) =>
      `${i + 1}. ${code(x.ruleId)} ${md(x.remediation)} \\[${md(DISRUPTION_LABEL[x.disruption] ?? x.disruption)}\\]`).join('<br>');
    out.push(row([`**${md(vm.verdict)}**`, `${md(vm.name)} ${code(vm.moid)}`, md(vm.clusterName ?? ''), md(vm.hostName ?? ''),
      ftColumn(vm, lookup(vm).vm), fixes]));
  }

  const findings = (title: string, list: Finding[]) => {
    if (!list.length) return;
    out.push('', title, '');
    for (const f of sortFindings(list)) out.push(...findingItem(result, f));
  };
  for (const vm of sortVms(result.evaluation.vms)) {
    findings(`### ${md(vm.name)} ${code(vm.moid)} — ${md(vm.verdict)}`, findingsOf(result, vm));
    const opinion = vcenterOpinionText(vm);
    if (opinion) out.push('', `vCenter's own FT check: ${md(opinion)}`);
  }
  const rest = unattachedFindings(result);
  if (rest.length) findings('## Other findings (hosts, clusters, datastores)', rest);
  if (result.baseline?.resolved.length) findings('## Resolved since baseline', result.baseline.resolved);
  if (result.waivers?.expired.length) {
    out.push('', '## Expired waivers', '', 'These no longer hide their findings: renew them or fix the findings.', '',
      row(['Rule', 'Object', 'vCenter', 'Expired', 'Reason', 'Findings']), row(['---', '---', '---', '---', '---', '---:']));
    for (const w of result.waivers.expired) {
      out.push(row([code(w.ruleId), md(w.object), md(w.server ?? ''), md(w.expires), md(w.reason), String(w.findings ?? 0)]));
    }
  }
  return out.join('\n') + '\n';
}

function findingItem(result: ScanResult, f: Finding): string[] {
  const tags = [f.status ? md(f.status) : '', f.waived ? `_${md(waiverText(f))}_` : ''];
  const expired = f.waived ? undefined : f.expiredWaiver;
  if (expired) tags.push(`**waiver expired ${md(expired.expires)}**`);
  const lines = [`- **${md(f.severity)}** ${code(f.ruleId)} on ${md(f.objectType)} ${md(f.name)}: ${md(f.message)}` +
    (tags.filter(Boolean).length ? ` (${tags.filter(Boolean).join(', ')})` : '')];
  for (const e of f.evidence ?? []) {
    lines.push(`  - evidence: ${code(e.path)} = ${code(formatObserved(e.observed))}${e.expected !== undefined ? ` (expected ${md(e.expected)})` : ''}`);
  }
  lines.push(`  - fix: ${md(f.remediation)} \\[${md(DISRUPTION_LABEL[f.disruption] ?? f.disruption)}\\]`);
  return lines;
}
