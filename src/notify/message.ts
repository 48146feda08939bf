// What every channel says, decided once: a subject naming the vCenter(s) and the verdict counts (or, for a run
// that failed, FAILED and why, first), and a short plain-text summary (counts, new blockers, the first fixes
// by cause, vCenters not read, where the reports are). Counts come from result.summary in the one wording of
// rules/types.ts (verdictCounts). Channels only reshape it (Slack text, Teams Adaptive Card, generic JSON,
// mail), each escaping the text taken from vCenter for its own markup (send.ts).
import { newBlockers } from '../result/gate.js';
import { causeLabel, DISRUPTION_LABEL, fixSummary, readyAfterText } from '../result/words.js';
import { VERDICTS, verdictCounts, type Finding, type Verdict } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import { clip, visible } from '../util/text.js';
import type { When, WrittenReport } from './types.js';

const SHOW_NEW = 10;
const SHOW_CAUSES = 5;
const REASON_CHARS = 120;

export interface Summary {
  // ok: every vCenter read; incomplete: read, with objects that could not be; failed: a vCenter not read.
  status: 'ok' | 'incomplete' | 'failed';
  failure?: string; // "FAILED: 1 of 2 vCenters not read (vc2: certificate not trusted)": the first words of every channel
  subject: string;
  text: string; // plain text, names shown as they are (control characters as escapes)
  header: string;
  counts: { vms: ScanResult['summary']['vms']; findings: ScanResult['summary']['findings'] };
  newBlockers: Finding[];
  causes: { label: string; fix: string; affected: number; unblocks: number; readyAfter: number; disruption: string }[];
  fixSummary?: string; // the one sentence a manager can forward (result/words.ts fixSummary)
  failedTargets: { server: string; status: string; error?: string }[];
  reports: WrittenReport[];
  multi: boolean;
  baseline?: { resolved: number };
  test?: boolean; // ftscan notify --test
  nothingRead?: boolean; // no vCenter was read: no counts to give (zeros would read as an all-clear)
}

/**
 * Text from vCenter in a mail or chat: a URL in a name is shown, not linked (mail and chat clients link bare
 * URLs), and a line separator cannot start a line of its own.
 */
export const defuse = (x: string): string =>
  x
    .replace(/[\u2028\u2029]/g, ' ')
    .replace(/:\/\//g, '[:]//')
    .replace(/\bwww\./gi, 'www[.]');

/** Which of a channel's conditions hold for this result. */
export function triggered(result: ScanResult, when: When[]): When[] {
  return when.filter((w) => {
    if (w === 'always') return true;
    if (w === 'failure') return result.targets.some((t) => t.status !== 'complete');
    // Against the baseline; without one (the first run) every blocker is news.
    return result.baseline ? newBlockers(result).length > 0 : result.summary.findings.blocker > 0;
  });
}

// The subject's counts: blocked and ready always (0 blocked is news too), every other verdict when present.
function subjectCounts(v: Partial<Record<Verdict, number>>): string {
  const only = VERDICTS.filter((k) => k === 'blocked' || k === 'ready' || (v[k] ?? 0) > 0);
  return verdictCounts(v, { only });
}

export function summarize(result: ScanResult, reports: WrittenReport[] = []): Summary {
  const v = result.summary.vms;
  const servers = result.targets.map((t) => t.server);
  const multi = servers.length > 1;
  const fresh = result.baseline ? newBlockers(result) : [];
  const causes = (result.causes?.list ?? []).slice(0, SHOW_CAUSES).map((c) => ({
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
  const notRead = result.targets.filter((t) => t.status === 'failed');
  const status: Summary['status'] = notRead.length ? 'failed' : result.complete && !failedTargets.length ? 'ok' : 'incomplete';
  const where = servers.length <= 3 ? servers.join(', ') : `${servers.slice(0, 3).join(', ')} and ${servers.length - 3} more`;
  let failure: string | undefined;
  if (notRead.length) {
    const first = notRead[0]!;
    const why = `${first.server}: ${defuse(clip(first.error?.message ?? 'not read', REASON_CHARS))}${notRead.length > 1 ? `; +${notRead.length - 1} more` : ''}`;
    failure =
      notRead.length === servers.length
        ? `FAILED: nothing scanned, ${notRead.length === 1 ? 'the vCenter was' : `all ${notRead.length} vCenters were`} not read (${why})`
        : `FAILED: ${notRead.length} of ${servers.length} vCenters not read (${why})`;
  }
  const news = result.baseline ? `, ${fresh.length} new blocker${fresh.length === 1 ? '' : 's'}` : '';
  // A run that read nothing has no counts to give: zeros would read as an all-clear.
  const subject = visible(
    failure && notRead.length === servers.length
      ? `ftscan ${failure}`
      : `ftscan ${failure ? `${failure} - ` : status === 'incomplete' ? 'INCOMPLETE - ' : ''}${where}: ${subjectCounts(v)}${news}`,
  );
  const sentence = fixSummary(result);
  const header =
    `ftscan ${result.tool.version}: FT readiness of ${servers.join(', ')} (finished ${result.finishedAt})` +
    (status === 'incomplete' ? ' - INCOMPLETE: not every object could be read' : '');
  const s: Summary = {
    status,
    ...(failure ? { failure: visible(failure) } : {}),
    subject,
    text: '',
    header,
    counts: { vms: v, findings: result.summary.findings },
    newBlockers: fresh,
    causes,
    ...(sentence ? { fixSummary: sentence } : {}),
    failedTargets,
    reports,
    multi,
    ...(result.baseline ? { baseline: { resolved: result.baseline.resolved.length } } : {}),
    ...(notRead.length === servers.length ? { nothingRead: true } : {}),
  };
  s.text = summaryText(s);
  return s;
}

/**
 * The summary as plain text; `name` shapes every text taken from vCenter (names, messages, fault text) for the
 * channel (mail defuses links, Slack escapes its markup), after control characters are made visible.
 */
export function summaryText(s: Summary, name: (x: string) => string = (x) => x): string {
  const n = (x: string) => name(visible(x));
  const lines: string[] = [];
  if (s.failure) lines.push(n(s.failure), '');
  lines.push(visible(s.header));
  if (!s.nothingRead) {
    lines.push(`VMs: ${verdictCounts(s.counts.vms, { zeros: false })}`);
    const f = s.counts.findings;
    lines.push(`Findings: ${f.blocker} blocker, ${f.unknown} unknown, ${f.warning} warning, ${f.info} info`);
  }
  if (s.baseline) {
    lines.push('', `New blockers since the baseline: ${s.newBlockers.length} (${s.baseline.resolved} findings resolved)`);
    for (const x of s.newBlockers.slice(0, SHOW_NEW)) {
      lines.push(`  - ${x.ruleId} on ${n(x.name)}${s.multi && x.server ? ` (${visible(x.server)})` : ''}: ${n(x.message)}`);
    }
    if (s.newBlockers.length > SHOW_NEW) lines.push(`  (+${s.newBlockers.length - SHOW_NEW} more in the reports)`);
  }
  if (s.causes.length) {
    lines.push('', 'What to fix first:');
    s.causes.forEach((c, i) =>
      lines.push(
        `  ${i + 1}. ${n(c.label)}: ${n(c.fix)} (${c.disruption}; blocks ${c.affected} VMs, unblocks ${c.unblocks}; ${readyAfterText(c, i + 1)})`,
      ),
    );
    if (s.fixSummary) lines.push(s.fixSummary);
  }
  if (s.failedTargets.length) {
    lines.push('', 'vCenters not read completely:');
    for (const t of s.failedTargets) lines.push(`  - ${visible(t.server)}: ${t.status}${t.error ? ` (${n(t.error)})` : ''}`);
  }
  if (s.reports.length) {
    lines.push('', 'Reports:');
    for (const r of s.reports) lines.push(`  - ${r.format}: ${visible(r.file)}`);
  }
  return lines.join('\n') + '\n';
}
