// What every channel says, decided once: a subject naming the vCenter(s) and the verdict counts, and a short
// plain-text summary (counts, new blockers, the first fixes by cause, vCenters not read, where the reports are).
// Channels only reshape it (Slack text, Teams Adaptive Card, generic JSON, mail).
import { causeLabel, causesOf, fixSummary, newBlockers, readyAfterText } from '../report/causes.js';
import { DISRUPTION_LABEL } from '../report/view.js';
import type { Finding } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { visible } from '../util/text.js';
import type { When, WrittenReport } from './types.js';

const SHOW_NEW = 10;
const SHOW_CAUSES = 5;

export interface Summary {
  subject: string;
  text: string;
  counts: { vms: ScanResult['summary']['vms']; findings: ScanResult['summary']['findings'] };
  newBlockers: Finding[];
  causes: { label: string; fix: string; affected: number; unblocks: number; readyAfter: number; disruption: string }[];
  fixSummary?: string; // the one sentence a manager can forward (report/causes.ts fixSummary)
  failedTargets: { server: string; status: string; error?: string }[];
  reports: WrittenReport[];
}

/** Which of a channel's conditions hold for this result. */
export function triggered(result: ScanResult, when: When[]): When[] {
  return when.filter((w) => {
    if (w === 'always') return true;
    if (w === 'failure') return result.targets.some((t) => t.status !== 'complete');
    // Against the baseline; without one (the first run) every blocker is news.
    return result.baseline ? newBlockers(result).length > 0 : result.summary.findings.blocker > 0;
  });
}

export function summarize(result: ScanResult, reports: WrittenReport[] = []): Summary {
  const v = result.summary.vms;
  const servers = result.targets.map((t) => t.server);
  const multi = servers.length > 1;
  const fresh = result.baseline ? newBlockers(result) : [];
  const causes = causesOf(result)
    .causes.slice(0, SHOW_CAUSES)
    .map((c) => ({
      label: causeLabel(c, multi),
      fix: c.fix,
      affected: c.affected,
      unblocks: c.unblocks,
      readyAfter: c.readyAfter,
      disruption: DISRUPTION_LABEL[c.disruption] ?? c.disruption,
    }));
  const failedTargets = result.targets
    .filter((t) => t.status !== 'complete')
    .map((t) => ({ server: t.server, status: t.status, ...(t.error ? { error: t.error.message } : {}) }));
  const where = servers.length <= 3 ? servers.join(', ') : `${servers.slice(0, 3).join(', ')} and ${servers.length - 3} more`;
  const news = result.baseline ? `, ${fresh.length} new blocker${fresh.length === 1 ? '' : 's'}` : '';
  const failed = failedTargets.length ? `, ${failedTargets.length} vCenter${failedTargets.length === 1 ? '' : 's'} not read` : '';
  const subject = visible(
    `ftscan ${where}: ${v.blocked ?? 0} blocked, ${v.unknown ?? 0} unknown, ` +
      `${(v.ready ?? 0) + (v.warnings ?? 0)} ready${news}${failed}`,
  );

  const lines: string[] = [];
  lines.push(
    `ftscan ${result.tool.version}: FT readiness of ${servers.join(', ')} (finished ${result.finishedAt})` +
      (result.complete ? '' : ' - INCOMPLETE: not every object could be read'),
  );
  lines.push(
    `VMs: ${
      Object.entries(v)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none'
    }`,
  );
  const f = result.summary.findings;
  lines.push(`Findings: ${f.blocker} blocker, ${f.unknown} unknown, ${f.warning} warning, ${f.info} info`);
  if (result.baseline) {
    lines.push('', `New blockers since the baseline: ${fresh.length} (${result.baseline.resolved.length} findings resolved)`);
    for (const x of fresh.slice(0, SHOW_NEW)) {
      lines.push(`  - ${x.ruleId} on ${x.name}${multi && x.server ? ` (${x.server})` : ''}: ${x.message}`);
    }
    if (fresh.length > SHOW_NEW) lines.push(`  (+${fresh.length - SHOW_NEW} more in the reports)`);
  }
  const sentence = fixSummary(result);
  if (causes.length) {
    lines.push('', 'What to fix first:');
    const stored = causesOf(result).causes;
    causes.forEach((c, i) =>
      lines.push(
        `  ${i + 1}. ${c.label}: ${c.fix} (${c.disruption}; blocks ${c.affected} VMs, unblocks ${c.unblocks}; ${readyAfterText(stored[i]!, i + 1)})`,
      ),
    );
    if (sentence) lines.push(sentence);
  }
  if (failedTargets.length) {
    lines.push('', 'vCenters not read completely:');
    for (const t of failedTargets) lines.push(`  - ${t.server}: ${t.status}${t.error ? ` (${t.error})` : ''}`);
  }
  if (reports.length) {
    lines.push('', 'Reports:');
    for (const r of reports) lines.push(`  - ${r.format}: ${r.file}`);
  }
  return {
    subject,
    text: lines.map((l) => visible(l)).join('\n') + '\n',
    counts: { vms: v, findings: f },
    newBlockers: fresh,
    causes,
    ...(sentence ? { fixSummary: sentence } : {}),
    failedTargets,
    reports,
  };
}
