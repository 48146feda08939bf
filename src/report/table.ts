// Terminal output: target lines and counts, one line per cluster, then "what to fix first" (the blockers grouped
// by cause, numbered) and the VMs not ready, each naming its blockers by number. --detail adds one row per VM
// and the findings per object with evidence and remediation. Fits 120 columns; colour only when asked (a TTY),
// and control characters in names are made visible so a hostile VM name cannot drive the terminal.
import pc from 'picocolors';
import { visible } from '../util/text.js';
import type { Finding, Headroom, Severity, Verdict } from '../rules/types.js';
import type { ScanResult } from '../result/types.js';
import {
  DISRUPTION_LABEL,
  VERDICT_LABEL,
  VERDICTS,
  clusterTitle,
  completenessWarning,
  editionText,
  findingsOf,
  formatObserved,
  ftColumn,
  headroomText,
  inventoryLookup,
  localTime,
  sortFindings,
  sortVms,
  targetLine,
  vcenterOpinionText,
  waiverText,
  shownOnlyText,
  skippedRulesText,
  uncheckedText,
  verdictText,
} from './view.js';
import { causeLabel, causesOf, fixSummary, newBlockers } from './causes.js';
import { capacityLines, notFoundText, planSteps } from './plan-text.js';

export interface TableOptions {
  color?: boolean;
  width?: number; // default 120
  detail?: boolean; // every VM's row and every finding with evidence (default: causes and one entry per VM not ready)
}

const NEW_SHOWN = 10;
const WRAPPED_CAUSES = 10; // causes whose fix text wraps without --detail (the first screen)

export { visible }; // defined once in util/text.ts

// Hand layout (cli-table3 slows to minutes at 10k rows): fixed column widths including one space of padding
// on each side, cells wrapped on words and hard-cut when a word is longer than the column.
function boxTable(
  head: string[],
  widths: number[],
  rows: { color: (s: string) => string; cells: [string, string, string, string, string[]] }[],
): string[] {
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const fit = (text: string, w: number) =>
    text
      .split('\n')
      .flatMap((para) => wrap(para, w, '', ''))
      .flatMap((line) => {
        const chars = [...line];
        const parts: string[] = [];
        for (let i = 0; i < chars.length || i === 0; i += w) parts.push(chars.slice(i, i + w).join(''));
        return parts;
      });
  const line = (cells: string[][], color?: (s: string) => string) => {
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++) {
      out.push(
        '│' +
          cells
            .map((c, j) => {
              const text = c[i] ?? '';
              const padded = ' ' + text + ' '.repeat(Math.max(0, widths[j]! - 2 - [...text].length)) + ' ';
              return j === 0 && color && text ? padded.replace(text, color(text)) : padded;
            })
            .join('│') +
          '│',
      );
    }
    return out;
  };
  const out = [rule('┌', '┬', '┐'), ...line(head.map((h, j) => fit(h, widths[j]! - 2))), rule('├', '┼', '┤')];
  rows.forEach((r, i) => {
    if (i > 0) out.push(rule('├', '┼', '┤'));
    const [verdict, name, cluster, gen, top] = r.cells;
    out.push(
      ...line(
        [verdict, name, cluster, gen, top.join('\n')].map((t, j) => fit(t, widths[j]! - 2)),
        r.color,
      ),
    );
  });
  out.push(rule('└', '┴', '┘'));
  return out;
}

// Printed width: ANSI colour codes take no columns, so plain and coloured output wrap identically.
const shown = (s: string) => [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;

function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    if (!empty && shown(line) + 1 + shown(w) > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? '' : ' ') + w;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

export function render(result: ScanResult, opts: TableOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const width = opts.width ?? 120;
  const verdictColor: Record<Verdict, (s: string) => string> = {
    blocked: (s) => c.bold(c.red(s)),
    disputed: c.red,
    unknown: c.magenta,
    degraded: (s) => c.bold(c.yellow(s)),
    warnings: c.yellow,
    ready: c.green,
    protected: c.blue,
    excluded: c.dim,
  };
  const sevColor: Record<Severity, (s: string) => string> = {
    blocker: (s) => c.bold(c.red(s)),
    unknown: c.magenta,
    warning: c.yellow,
    info: c.cyan,
  };
  const out: string[] = [];
  const para = (text: string) => out.push(...wrap(text, width, '    ', ''));

  para(
    c.bold(`ftscan ${result.tool.version}`) +
      ` · profile ${result.profile} · edition ${visible(editionText(result))}` +
      ` · ${localTime(result.startedAt)} · ${result.summary.soapCalls} SOAP calls`,
  );
  for (const t of result.targets) {
    const l = targetLine(t);
    const status = l.status === 'complete' ? c.green('complete') : c.bold(c.red(l.status.toUpperCase()));
    para(
      [`vCenter ${visible(l.server)}`, visible(l.product), status].filter(Boolean).join(' · ') + (l.detail ? `: ${visible(l.detail)}` : ''),
    );
  }
  const warn = completenessWarning(result);
  if (warn) out.push(...wrap(visible(warn), width, '  ', '').map((l) => c.bold(c.red(l))));
  if (result.targetCluster) para(c.bold(`What-if: VMs evaluated as if placed in cluster ${visible(result.targetCluster)}`));
  const s = result.summary;
  para(`VMs: ${VERDICTS.map((v) => verdictColor[v](`${s.vms[v] ?? 0} ${VERDICT_LABEL[v]}`)).join(', ')}`);
  para(`Findings: ${s.findings.blocker} blocker, ${s.findings.warning} warning, ${s.findings.unknown} unknown, ${s.findings.info} info`);
  if (result.baseline) {
    para(
      `Baseline ${visible(result.baseline.file)}: ${result.baseline.new} new, ${result.baseline.unchanged} unchanged, ${result.baseline.resolved.length} resolved` +
        (result.baseline.unverified?.length ? `, ${result.baseline.unverified.length} not re-checked (target incomplete)` : ''),
    );
  }
  if (result.waivers) para(`Waivers: ${result.waivers.applied} findings waived, ${result.waivers.expired.length} expired`);
  const skipped = skippedRulesText(result);
  if (skipped) para(visible(skipped));
  const only = shownOnlyText(result);
  if (only) para(c.bold(only));
  for (const m of result.notFound ?? []) para(`${c.bold(c.red('NOT FOUND'))} ${visible(m.name)} (${visible(notFoundText(m))})`);
  for (const line of capacityLines(result)) para(visible(line));
  const fresh = newBlockers(result);
  if (fresh.length) {
    out.push(c.bold(`New blockers since the baseline (${fresh.length}):`));
    for (const f of fresh.slice(0, NEW_SHOWN)) out.push(clip(`  ${f.ruleId} on ${visible(f.name)}: ${visible(f.message)}`, width));
    if (fresh.length > NEW_SHOWN) out.push(`  (+${fresh.length - NEW_SHOWN} more: --detail)`);
  }
  out.push('');

  for (const cl of result.evaluation.clusters) {
    const n = VERDICTS.reduce((k, v) => k + (cl.counts[v] ?? 0), 0);
    const counts = VERDICTS.filter((v) => opts.detail || cl.counts[v])
      .map((v) => verdictColor[v](`${cl.counts[v] ?? 0} ${VERDICT_LABEL[v]}`))
      .join(', ');
    if (opts.detail) {
      para(c.bold(`Cluster ${visible(clusterTitle(result, cl))}`) + `: ${n} VMs — ${counts}`);
      out.push(...wrap(`FT headroom: ${visible(headroomText(cl.headroom))}`, width, '    ', '  '));
    } else {
      para(c.bold(`Cluster ${visible(clusterTitle(result, cl))}`) + ` (${n} VMs): ${counts} · ${shortHeadroom(cl.headroom)}`);
    }
  }
  if (result.evaluation.clusters.length) out.push('');

  out.push(...causeLines(result, width, c, verdictColor, !!opts.detail));
  if (!opts.detail) {
    out.push(...compactVmLines(result, width, verdictColor));
    const hidden = result.evaluation.findings.filter((f) => !f.waived && f.severity !== 'blocker').length;
    out.push(
      c.dim(clip(`Not shown: ${hidden} warning/info/unknown findings, evidence and per-VM fixes: --detail (or --output html=FILE)`, width)),
    );
  }
  if (opts.detail && result.evaluation.vms.length) {
    // Verdict and FT columns are fixed; VM, cluster and findings share the rest (28/16/52 at 120 columns).
    const free = width - 6 - 10 - 11;
    const lookup = inventoryLookup(result);
    const vmCol = Math.max(12, Math.round(free * 0.29));
    const clusterCol = Math.max(10, Math.round(free * 0.17));
    const rest = Math.max(16, free - vmCol - clusterCol);
    const rows = sortVms(result.evaluation.vms).map((vm) => {
      const fs = findingsOf(result, vm);
      const active = sortFindings(fs.filter((f) => !f.waived && f.severity !== 'info'));
      const top = active.slice(0, 2).map((f) => `${f.ruleId}: ${visible(f.message)}`);
      if (active.length > 2) top.push(`(+${active.length - 2} more)`);
      const waived = fs.filter((f) => f.waived).length;
      if (waived) top.push(`(${waived} waived)`);
      const unchecked = uncheckedText(vm);
      if (unchecked) top.push(unchecked);
      return {
        color: verdictColor[vm.verdict],
        cells: [
          vm.verdict,
          visible(vm.name),
          visible(vm.clusterName ?? ''),
          ftColumn(vm, lookup(vm).vm),
          vm.verdict === 'excluded' ? [visible(vm.excludedReason ?? '')] : top,
        ] as [string, string, string, string, string[]],
      };
    });
    out.push(...boxTable(['Verdict', 'VM', 'Cluster', 'FT', 'Top findings'], [10, vmCol, clusterCol, 11, rest], rows), '');
  }

  if (result.targetCluster) {
    // Pre-migration: the ordered steps per VM (the move, then the fixes), with what each costs (power-off, reboot, BIOS).
    const planned = sortVms(result.evaluation.vms).filter((vm) => planSteps(result, vm).length > 0);
    out.push(c.bold(`Fix plan for ${visible(result.targetCluster)}`) + (planned.length ? '' : ': nothing to fix'));
    for (const vm of planned) {
      out.push(...wrap(`${verdictColor[vm.verdict](verdictText(vm))} ${visible(vm.name)} (${visible(vm.moid)})`, width, '    ', '  '));
      planSteps(result, vm).forEach((x, i) =>
        out.push(
          ...wrap(
            `${i + 1}. [${x.label}]${x.optional ? ' (optional)' : ''} ${x.ruleId ? `${x.ruleId}: ` : ''}${visible(x.text)}`,
            width,
            ' '.repeat(7),
            '    ',
          ),
        ),
      );
    }
    out.push('');
  }

  // Every finding per object: --detail only (sorting 135,000 findings to drop them cost a quarter of a second).
  const groups = new Map<string, Finding[]>();
  if (opts.detail)
    for (const f of sortFindings(result.evaluation.findings)) {
      const key = `${f.server ?? ''}\u0000${f.objectType}\u0000${f.moid}`;
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
  if (groups.size) out.push(c.bold('Findings'));
  for (const fs of groups.values()) {
    const f0 = fs[0]!;
    out.push(
      ...wrap(
        c.bold(`${f0.objectType} ${visible(f0.name)} (${visible(f0.moid)})`) +
          (result.targets.length > 1 && f0.server ? ` on ${visible(f0.server)}` : ''),
        width,
        '    ',
        '  ',
      ),
    );
    for (const f of fs) out.push(...findingLines(result, f, width, sevColor, c));
  }
  // Filtered, then sorted: the sort is stable, so the order is the whole list's.
  const asked = sortVms(result.evaluation.vms.filter((vm) => vm.vcenterOpinion));
  if (asked.length) {
    // Only the VMs where vCenter has something to say, or could not be asked; the rest is one count.
    const notable = asked.filter(
      (vm) => vm.vcenterOpinion!.status !== 'evaluated' || vm.vcenterOpinion!.faults.length || vm.vcenterOpinion!.disagreements.length,
    );
    out.push('', c.bold(`vCenter's own FT check (--ask-vcenter): ${asked.length - notable.length} of ${asked.length} VMs without remarks`));
    for (const vm of notable)
      out.push(...wrap(`${visible(vm.name)} (${visible(vm.moid)}): ${visible(vcenterOpinionText(vm)!)}`, width, '    ', '  '));
  }
  if (opts.detail && result.baseline?.resolved.length) {
    out.push('', c.bold('Resolved since baseline'));
    for (const f of result.baseline.resolved) {
      out.push(
        ...wrap(
          `${c.green('resolved')} ${f.ruleId} on ${f.objectType} ${visible(f.name)} (${visible(f.moid)}): ${visible(f.message)}`,
          width,
          '    ',
          '  ',
        ),
      );
    }
  }
  if (result.waivers?.expired.length) {
    out.push('', c.bold(c.red('Expired waivers (no longer hiding their findings)')));
    for (const w of result.waivers.expired) {
      out.push(
        ...wrap(
          `${w.ruleId} on ${visible(w.object)}${w.server ? ` (${visible(w.server)})` : ''} expired ${w.expires}: ` +
            `${visible(w.reason)} — ${w.findings ?? 0} findings count again`,
          width,
          '    ',
          '  ',
        ),
      );
    }
  }
  return out.join('\n') + '\n';
}

function findingLines(
  _result: ScanResult,
  f: Finding,
  width: number,
  sevColor: Record<Severity, (s: string) => string>,
  c: ReturnType<typeof pc.createColors>,
): string[] {
  const tags = [f.status && f.status !== 'unchanged' ? f.status : '', f.waived ? visible(waiverText(f)) : ''];
  const expired = f.waived ? undefined : f.expiredWaiver;
  if (expired) tags.push(`waiver expired ${expired.expires}`);
  const tagText = tags
    .filter(Boolean)
    .map((t) => `[${t}]`)
    .join(' ');
  const sev = sevColor[f.severity](f.severity.toUpperCase().padEnd(7));
  // The first line follows the 12-character severity prefix; continuation lines carry their own indent.
  const [first, ...more] = wrap(`${f.ruleId}: ${visible(f.message)}${tagText ? ' ' + tagText : ''}`, width - 12, '', '');
  const out = [`    ${sev} ${first}`, ...more.flatMap((l) => wrap(l, width, ' '.repeat(14)))];
  for (const e of f.evidence ?? []) {
    out.push(
      ...wrap(
        `evidence: ${visible(e.path)} on ${visible(e.name ?? e.moid)} = ${visible(formatObserved(e.observed))}` +
          (e.expected !== undefined ? ` (expected ${visible(e.expected)})` : ''),
        width,
        ' '.repeat(14),
        ' '.repeat(12),
      ),
    );
  }
  out.push(
    ...wrap(`fix: ${visible(f.remediation)} [${DISRUPTION_LABEL[f.disruption] ?? f.disruption}]`, width, ' '.repeat(14), ' '.repeat(12)),
  );
  return f.waived ? out.map((l) => c.dim(l)) : out;
}

type Paint = (s: string) => string;

// Length in code points ([...s].length) without making the array when the text has no surrogate pair.
const codePoints = (s: string): number => (/[\uD800-\uDFFF]/.test(s) ? [...s].length : s.length);

/** Cuts a line to the width with an ellipsis (the cause list and VM entries stay one line each). */
function clip(text: string, width: number): string {
  if (codePoints(text) <= width) return text; // the usual case, without an array of its characters
  const chars = [...text];
  return chars.slice(0, width - 1).join('') + '…';
}

function shortHeadroom(h: Headroom): string {
  return `room: ${h.additionalFtVms === null ? 'unlimited' : h.additionalFtVms} FT VMs`;
}

// "What to fix first": one line per cause, numbered; the compact VM list refers to these numbers.
function causeLines(
  result: ScanResult,
  width: number,
  c: ReturnType<typeof pc.createColors>,
  verdictColor: Record<Verdict, Paint>,
  detail: boolean,
): string[] {
  const { causes } = causesOf(result);
  if (!causes.length) return [];
  const blocked = result.summary.vms.blocked ?? 0;
  const multi = result.targets.length > 1;
  const out = wrap(
    c.bold(`What to fix first: ${causes.length} cause${causes.length === 1 ? '' : 's'} block ${blocked} VM${blocked === 1 ? '' : 's'}`) +
      ` (unblocks: this fix alone; ready after: VMs ready once fixes 1 to # are done)`,
    width,
    '    ',
    '',
  );
  const sentence = fixSummary(result);
  if (sentence) out.push(...wrap(sentence, width, '    ', ''));
  out.push(c.dim('   #  Unblocks  Affects  Ready after  Disruption        Fix'));
  causes.forEach((x, i) => {
    const head = `${String(i + 1).padStart(4)}  ${String(x.unblocks).padStart(8)}  ${String(x.affected).padStart(7)}  ${String(x.readyAfter).padStart(11)}  ${(DISRUPTION_LABEL[x.disruption] ?? x.disruption).padEnd(16)}  `;
    const text = `${causeLabel(x, multi)}: ${x.fix}${x.newFindings ? ' [new]' : ''}`;
    const paint = x.unblocks ? verdictColor.ready : (s: string) => s;
    // Continuation lines under the fix column on a wide terminal, 6 columns in on a narrow one (at 80 columns
    // the fix column is 37 wide). Without --detail a cause takes at most 2 lines (3 when narrow), and the causes
    // after the first WRAPPED_CAUSES one line each; the rest of a long fix is in --detail and the HTML.
    // Past the first WRAPPED_CAUSES a cause keeps one line: the VM list below still names it by number.
    const narrow = width < 100;
    const hang = narrow ? 6 : [...head].length;
    const max = i >= WRAPPED_CAUSES ? 1 : narrow ? 3 : 2;
    let lines = wrap(visible(text), width, ' '.repeat(hang), head);
    if (!detail && lines.length > max) {
      lines = [...lines.slice(0, max - 1), clip(`${lines[max - 1]!} ${lines.slice(max).join(' ').trim()}`, width)];
    }
    out.push(...lines.map((l, j) => (j === 0 ? paint(l.slice(0, 4)) + l.slice(4) : l)));
  });
  out.push('');
  return out;
}

// One entry per VM that is not ready, packed to the width: "name 1,4" names its blockers by cause number.

function compactVmLines(result: ScanResult, width: number, verdictColor: Record<Verdict, Paint>): string[] {
  const { causes, byVm } = causesOf(result);
  const number = new Map(causes.map((x, i) => [x, i + 1]));
  const out: string[] = [];
  const notReady = sortVms(
    result.evaluation.vms.filter(
      (v) => v.verdict !== 'ready' && v.verdict !== 'warnings' && v.verdict !== 'protected' && v.verdict !== 'excluded',
    ),
  );
  const groups = new Map<string, string[]>();
  for (const vm of notReady) {
    const list = byVm.get(vm);
    // The blockers by number, the first also by its rule ("1,4 vm-vcpu-count"; the number names the object of
    // a host or cluster cause): the usual one-cause case reads without looking up the list above.
    const tag =
      vm.verdict === 'blocked' && list
        ? `${list.map((x) => number.get(x)).join(',')} ${list[0]!.ruleId}`
        : vm.protection
          ? vm.protection.state
          : findingsOf(result, vm)
              .filter((f) => !f.waived && (f.severity === 'unknown' || f.source === 'vcenter'))
              .map((f) => f.ruleId)
              .filter((id, i, a) => a.indexOf(id) === i)
              .join(',');
    const key = `${vm.verdict}\u0000${vm.clusterName ?? ''}`;
    const entries = groups.get(key) ?? [];
    entries.push(clip(`${visible(vm.name)}${tag ? ` ${visible(tag)}` : ''}`, width - 4));
    groups.set(key, entries);
  }
  if (!groups.size) return out;
  out.push(...wrap(`VMs not ready, with their blockers by number above (--detail: every VM, finding and evidence)`, width, '    ', ''));
  for (const [key, entries] of groups) {
    const [verdict, cluster] = key.split('\u0000') as [Verdict, string];
    out.push(`  ${verdictColor[verdict](verdict)} in ${cluster ? visible(cluster) : '(no cluster)'} (${entries.length}):`);
    // Tab stops sized for most entries of the group; a longer entry takes as many stops as it needs.
    const lengths = entries.map(codePoints);
    const cell = Math.min(width - 4, [...lengths].sort((a, b) => a - b)[Math.floor(lengths.length * 0.6)]! + 2);
    let line = '';
    let used = 0; // code points in `line`
    entries.forEach((e, i) => {
      const start = used === 0 ? 0 : Math.ceil((used + 2) / cell) * cell; // two spaces at least
      if (used > 0 && start + lengths[i]! > width - 4) {
        out.push('    ' + line);
        line = e;
        used = lengths[i]!;
      } else {
        line += ' '.repeat(start - used) + e;
        used = start + lengths[i]!;
      }
    });
    if (line) out.push('    ' + line);
  }
  return out;
}
