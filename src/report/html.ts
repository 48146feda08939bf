// One self-contained HTML file: inline CSS, no script (verdict filters are CSS radio buttons, so they work
// with scripting off), no external references, and a CSP that forbids scripts and remote loads in case an
// escaping bug ever slipped through. Every value goes through esc(). Counts carry data attributes so a
// headless browser test can compare what is shown with the JSON.
import type { Evidence, Finding, Verdict } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
import {
  DISRUPTION_LABEL,
  SEVERITIES,
  VERDICT_LABEL,
  VERDICTS,
  verdictCounts,
  clusterTitle,
  completenessWarning,
  editionText,
  formatObserved,
  localTime,
  sortFindings,
  sortVms,
  targetLine,
  unattachedFindings,
  waiverText,
  findingsOf,
  fixesOf,
  shownOnlyText,
  skippedRulesText,
  uncheckedText,
} from './view.js';
import { causeLabel, causeShort, causesOf, fixSummary, readyAfterText, type Cause } from './causes.js';
import { genLabel } from '../rules/finding.js';
import { capacityLines, notFoundText } from './plan-text.js';
import { xmlText } from '../util/text.js';
import { type TrendPoint, trendSvg } from './trend.js';

export interface HtmlOptions {
  title?: string;
  trend?: readonly TrendPoint[]; // the runs of an --output-dir folder, oldest first, this one last
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const MARKUP = /[&<>"']/;
export function esc(v: unknown): string {
  const text = xmlText(v);
  return MARKUP.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : text;
}

// Okabe-Ito colours (distinguishable with colour-blindness); labels always carry the text too.
const VERDICT_COLOR: Record<Verdict, string> = {
  blocked: '#D55E00',
  disputed: '#56B4E9',
  unknown: '#CC79A7',
  degraded: '#F0E442',
  warnings: '#E69F00',
  ready: '#009E73',
  protected: '#0072B2',
  excluded: '#999999',
};

const CSS = `
:root{--fg:#1b1b1b;--muted:#555;--line:#d0d0d0;--bg:#fff;--soft:#f5f5f5}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:16px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:28px}h3{font-size:15px;margin:0 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}th{background:var(--soft)}
code{font:12px/1.3 ui-monospace,Menlo,Consolas,monospace;background:var(--soft);padding:0 3px;border-radius:3px;word-break:break-all}
.meta{display:flex;flex-wrap:wrap;gap:2px 6px;margin:8px 0}.meta dt{font-weight:600}.meta dd{margin:0 12px 0 0}
.banner{border:2px solid #8a2b00;background:#fde7dc;color:#5c1d00;padding:8px 12px;border-radius:4px;font-weight:600;margin:8px 0}
.banner.whatif{border-color:#0b5394;background:#e3eef9;color:#0b3a66}
.badge{display:inline-block;padding:0 6px;border-radius:10px;border:1px solid;font-size:12px;font-weight:600;white-space:nowrap}
.v-blocked,.s-blocker{background:#fde0d4;color:#7a2600;border-color:#D55E00}.v-unknown,.s-unknown{background:#f6e1ee;color:#6b2352;border-color:#CC79A7}
.v-warnings,.s-warning{background:#fdf0d2;color:#6b4500;border-color:#E69F00}.v-ready{background:#d5f0e6;color:#00513a;border-color:#009E73}
.v-excluded,.s-info{background:#eee;color:#333;border-color:#999}.d-disruptive{background:#fff;color:#7a2600;border-color:#7a2600}.d-none{background:#fff;color:#333;border-color:#999}
.st-new{background:#e3eef9;color:#0b3a66;border-color:#0b5394}.st-unchanged{background:#fff;color:#555;border-color:#999}.st-resolved{background:#d5f0e6;color:#00513a;border-color:#009E73}
.totals{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0}.totals li{padding:6px 10px;border-radius:6px;border:1px solid}.totals .n{font-size:20px;font-weight:700;margin-right:4px}
.clusters{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}.cluster{border:1px solid var(--line);border-radius:6px;padding:10px;min-width:0;overflow-x:auto}
/* a five-column findings table cannot fit a 340px card: a card with cluster findings takes the whole row */
.cluster.wide{grid-column:1/-1}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 10px}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #333}
.vm{border:1px solid var(--line);border-left-width:6px;border-radius:4px;padding:8px 10px;margin:8px 0;break-inside:avoid}
.vm[data-verdict=blocked]{border-left-color:#D55E00}.vm[data-verdict=unknown]{border-left-color:#CC79A7}.vm[data-verdict=warnings]{border-left-color:#E69F00}.vm[data-verdict=ready]{border-left-color:#009E73}.vm[data-verdict=excluded]{border-left-color:#999}
.vm .where{color:var(--muted)}tr.waived td{color:var(--muted);text-decoration:line-through}tr.waived td.waiver{text-decoration:none}
.evidence{margin:0;padding-left:16px}.filters{margin:8px 0}.filters label{display:inline-block;padding:3px 10px;border:1px solid var(--line);border-radius:14px;margin:2px;cursor:pointer}
${['all', ...VERDICTS].map((v) => `#vf-${v}:focus-visible~.filters label[for=vf-${v}]`).join(',')}{outline:2px solid #0b5394}
${VERDICTS.map((v) => `#vf-${v}:checked~.filters label[for=vf-${v}]`).join(',')},#vf-all:checked~.filters label[for=vf-all]{background:#1b1b1b;color:#fff}
${VERDICTS.map((v) => `#vf-${v}:checked~.vm-list .vm:not([data-verdict=${v}]),#vf-${v}:checked~.vm-table tbody tr:not([data-verdict=${v}])`).join(',')}{display:none}
.vm-table{table-layout:fixed}.vm-table th:nth-child(1){width:28%}.vm-table th:nth-child(2){width:16%}.vm-table th:nth-child(3){width:12%}
.vm-table td{padding:2px 6px;overflow-wrap:anywhere}.vm-table tbody{content-visibility:auto;contain-intrinsic-size:auto 13000px}
/* Not by colour alone: blocked and warning (vermilion and orange) also differ in shape and border */
.v-blocked::before,.s-blocker::before{content:"\\2716\\00a0"}.v-warnings::before,.s-warning::before{content:"\\25B2\\00a0"}
.v-unknown::before,.s-unknown::before{content:"?\\00a0"}.v-ready::before{content:"\\2714\\00a0"}.v-disputed::before{content:"\\2260\\00a0"}
.v-degraded::before{content:"\\25D0\\00a0"}.v-protected::before{content:"\\25C6\\00a0"}
.badge.v-blocked,.badge.s-blocker{border-width:2px}.badge.v-warnings,.badge.s-warning{border-style:dashed}
.vm[data-verdict=warnings]{border-left-style:dashed}
.vf{position:absolute;opacity:0}
details.vm>summary{cursor:pointer}details.vm[open]>summary{margin-bottom:6px}
.causes td.n{text-align:right;font-variant-numeric:tabular-nums}.bars{max-width:760px}.bars text{font-size:12px;fill:#1b1b1b}
.top{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;align-items:start}
@media print{.filters,.vf{display:none}.vm{display:block!important}body{max-width:none;font-size:11px}a{color:inherit;text-decoration:none}}
`;

export function render(result: ScanResult, opts: HtmlOptions = {}): string {
  return [...chunks(result, opts)].join('');
}

/** The page as chunks (one per section, one per VM card): a 10,000-VM page is never built as one string. */
export function* chunks(result: ScanResult, opts: HtmlOptions = {}): Generator<string> {
  const title = opts.title ?? `FT readiness report — ${result.targets.map((t) => t.server).join(', ')}`;
  yield [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="ftscan ${esc(result.tool.version)}">`,
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>`,
    header(result, title),
    summary(result),
    opts.trend?.length ? trend(opts.trend) : '',
    causes(result),
    changes(result),
    clusters(result),
  ].join('\n');
  yield '\n';
  yield* vms(result);
  yield '\n';
  yield [objects(result), baseline(result), waivers(result)].join('\n');
  // Technical counters for whoever debugs a run, not for the reader of the verdicts.
  yield `\n<footer><p class="where">ftscan ${esc(result.tool.version)} · report schema ${esc(result.schemaVersion)} · ` +
    `started ${esc(localTime(result.startedAt))} · finished ${esc(localTime(result.finishedAt))} · ` +
    `SOAP calls <span data-soap-calls>${esc(result.summary.soapCalls)}</span></p></footer></body></html>\n`;
}

function header(r: ScanResult, title: string): string {
  const warn = completenessWarning(r);
  const rows = r.targets.map((t) => {
    const l = targetLine(t);
    return (
      `<tr data-target-status="${esc(l.status)}"><td>${esc(l.server)}</td><td>${esc(l.product)}</td>` +
      `<td><span class="badge ${l.status === 'complete' ? 'v-ready' : 'v-blocked'}">${esc(l.status)}</span></td><td>${esc(l.detail ?? '')}</td></tr>`
    );
  });
  return (
    `<header><h1>${esc(title)}</h1>` +
    (warn ? `<div class="banner" role="alert" data-complete="false">${esc(warn)}</div>` : '') +
    (r.targetCluster ? `<div class="banner whatif">What-if: VMs evaluated as if placed in cluster ${esc(r.targetCluster)}.</div>` : '') +
    `<dl class="meta"><dt>Scanned</dt><dd>${esc(localTime(r.startedAt))} – ${esc(localTime(r.finishedAt))}</dd>` +
    `<dt>Profile</dt><dd>${esc(r.profile)}</dd><dt>Edition</dt><dd>${esc(editionText(r))}</dd>` +
    `<dt>Complete</dt><dd data-complete="${r.complete}">${r.complete ? 'yes' : 'NO'}</dd>` +
    (shownOnlyText(r) ? `<dt>Shown</dt><dd data-shown-severities>${esc(shownOnlyText(r))}</dd>` : '') +
    (r.skippedRules?.length ? `<dt>Not checked</dt><dd data-skipped-rules>${esc(skippedRulesText(r).replace(/^[^:]*: /, ''))}</dd>` : '') +
    `</dl>` +
    `<table class="targets"><thead><tr><th>vCenter</th><th>Product</th><th>Status</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></header>`
  );
}

// Drawn only when the report is written into an --output-dir run folder (the CLI passes the runs in).
function trend(points: readonly TrendPoint[]): string {
  return `<section class="trend" data-trend-runs="${points.length}"><h2>Trend of the last ${points.length} runs</h2>${trendSvg(points)}</section>`;
}

function summary(r: ScanResult): string {
  const verdicts = VERDICTS.map(
    (v) => `<li class="v-${v}"><span class="n" data-count-verdict="${v}">${esc(r.summary.vms[v] ?? 0)}</span>${esc(VERDICT_LABEL[v])}</li>`,
  ).join('');
  const sev = SEVERITIES.map(
    (s) => `<li class="s-${s}"><span class="n" data-count-severity="${s}">${esc(r.summary.findings[s] ?? 0)}</span>${esc(s)}</li>`,
  ).join('');
  const extra: string[] = [];
  if (r.baseline) {
    const st = (s: 'new' | 'unchanged') => r.baseline![s];
    extra.push(
      `<p>Compared with baseline <code>${esc(r.baseline.file)}</code>: <span data-count-status="new">${st('new')}</span> new, ` +
        `<span data-count-status="unchanged">${st('unchanged')}</span> unchanged, ` +
        `<span data-count-status="resolved">${r.baseline.resolved.length}</span> resolved` +
        (r.baseline.unverified?.length
          ? `, <span data-count-status="unverified">${r.baseline.unverified.length}</span> not re-checked (target incomplete)`
          : '') +
        '.</p>',
    );
  }
  if (r.waivers) {
    extra.push(
      `<p>Waivers: <span data-count-waived="applied">${esc(r.waivers.applied)}</span> findings waived; ` +
        `<span data-count-waived="expired">${r.waivers.expired.length}</span> expired waivers` +
        (r.waivers.expired.length ? ' (<a href="#waivers">see below</a>)' : '') +
        '.</p>',
    );
  }
  if (r.notFound?.length) {
    extra.push(
      `<p><strong>Not found</strong> (<span data-count-not-found>${r.notFound.length}</span>):</p><ul class="not-found">` +
        r.notFound
          .map(
            (m) =>
              `<li data-not-found="${esc(m.name)}"><span class="badge v-blocked">NOT FOUND</span> ${esc(m.name)} — ${esc(notFoundText(m))}</li>`,
          )
          .join('') +
        '</ul>',
    );
  }
  const capacity = capacityLines(r);
  if (capacity.length) extra.push(`<ul class="capacity">${capacity.map((l) => `<li>${esc(l.trim())}</li>`).join('')}</ul>`);
  return (
    `<section id="summary"><h2>Summary</h2><h3>Virtual machines</h3><ul class="totals">${verdicts}</ul>` +
    `<h3>Findings (not waived)</h3><ul class="totals">${sev}</ul>${extra.join('')}</section>`
  );
}

function chart(name: string, counts: Record<Verdict, number>): string {
  const total = VERDICTS.reduce((n, v) => n + (counts[v] ?? 0), 0);
  let x = 0;
  const rects = VERDICTS.filter((v) => (counts[v] ?? 0) > 0).map((v) => {
    const w = (100 * counts[v]) / total;
    const rect = `<rect x="${x.toFixed(3)}" y="0" width="${w.toFixed(3)}" height="10" fill="${VERDICT_COLOR[v]}"><title>${esc(VERDICT_LABEL[v])}: ${counts[v]}</title></rect>`;
    x += w;
    return rect;
  });
  const label = `${name}: ` + verdictCounts(counts);
  return (
    `<svg class="chart" role="img" aria-label="${esc(label)}" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="18">` +
    (total === 0 ? `<rect x="0" y="0" width="100" height="10" fill="#eee"/>` : rects.join('')) +
    `</svg>`
  );
}

function clusters(r: ScanResult): string {
  const items = r.evaluation.clusters.map((c) => {
    const legend = VERDICTS.map(
      (v) =>
        `<li><span class="swatch" style="background:${VERDICT_COLOR[v]}"></span>` +
        `<span data-cluster-count-verdict="${v}">${esc(c.counts[v] ?? 0)}</span> ${esc(VERDICT_LABEL[v])}</li>`,
    ).join('');
    const h = c.headroom;
    const n = (x: number | null) => (x === null ? 'unlimited' : esc(x));
    const lim = (x: number) => (x === 0 ? 'no limit' : esc(x));
    const cf = findingsOf(r, c);
    const findings = cf.length ? `<p><strong>Cluster findings</strong></p>${findingTable(r, cf)}` : '';
    return (
      `<article class="cluster${cf.length ? ' wide' : ''}" data-cluster="${esc(c.moid)}" data-server="${esc(c.server ?? '')}"><h3>${esc(clusterTitle(r, c))}</h3>` +
      `${chart(c.name, c.counts)}<ul class="legend">${legend}</ul>` +
      `<table class="headroom"><caption class="where">FT headroom</caption><tbody>` +
      `<tr><th>Additional FT VMs</th><td data-headroom="additionalFtVms">${n(h.additionalFtVms)}</td></tr>` +
      `<tr><th>Additional FT vCPUs</th><td data-headroom="additionalFtVcpus">${n(h.additionalFtVcpus)}</td></tr>` +
      `<tr><th>FT-capable hosts</th><td data-headroom="ftCapableHosts">${esc(h.ftCapableHosts)}</td></tr>` +
      `<tr><th>FT VMs / vCPUs now</th><td>${esc(h.currentFtVms)} / ${esc(h.currentFtVcpus)}</td></tr>` +
      `<tr><th>Per-host limit (VMs / vCPUs)</th><td>${lim(h.maxFtVmsPerHost)} / ${lim(h.maxFtVcpusPerHost)}</td></tr>` +
      (h.note ? `<tr><th>Note</th><td>${esc(h.note)}</td></tr>` : '') +
      `</tbody></table>${findings}</article>`
    );
  });
  return `<section id="clusters"><h2>Clusters</h2><div class="clusters">${items.join('') || '<p>No clusters in scope.</p>'}</div></section>`;
}

function disruptionBadge(d: Finding['disruption']): string {
  return `<span class="badge ${d === 'none' ? 'd-none' : 'd-disruptive'}" data-disruption="${esc(d)}">${esc(DISRUPTION_LABEL[d] ?? d)}</span>`;
}

function evidenceList(ev: Evidence[]): string {
  if (!ev?.length) return '';
  return `<ul class="evidence">${ev
    .map(
      (e) =>
        `<li><code>${esc(e.path)}</code> on ${esc(e.objectType)} ${esc(e.name ?? '')} (<code>${esc(e.moid)}</code>): ` +
        `observed <code>${esc(formatObserved(e.observed))}</code>` +
        (e.expected !== undefined ? `, expected <code>${esc(e.expected)}</code>` : '') +
        `</li>`,
    )
    .join('')}</ul>`;
}

// A host or cluster finding shows in every VM card it touches: its row is built once (keyed by the finding
// object, which belongs to one result) and reused.
const rowCache = new WeakMap<Finding, string>();

function findingTable(_r: ScanResult, findings: Finding[]): string {
  const rows = sortFindings(findings).map((f) => {
    let row = rowCache.get(f);
    if (row === undefined) rowCache.set(f, (row = findingRow(f)));
    return row;
  });
  return (
    `<table class="findings"><thead><tr><th>Severity</th><th>Rule / object</th><th>Finding and evidence</th>` +
    `<th>Remediation</th><th>Waiver</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

// A list of findings that can be as long as the estate (new since the baseline, resolved): the first
// LIST_LIMIT rows, and a line saying where the rest is.
const LIST_LIMIT = 500;
function boundedFindingTable(r: ScanResult, findings: Finding[], what: string): string {
  if (findings.length <= LIST_LIMIT) return findingTable(r, findings);
  return (
    findingTable(r, sortFindings(findings).slice(0, LIST_LIMIT)) +
    `<p class="where">The first ${LIST_LIMIT} of ${findings.length} ${esc(what)}, most severe first; all of them are in the JSON report and the workbook.</p>`
  );
}

function findingRow(f: Finding): string {
  const expired = f.waived ? undefined : f.expiredWaiver;
  const waiver = f.waived
    ? esc(waiverText(f))
    : expired
      ? `<span class="badge v-blocked">waiver expired ${esc(expired.expires)}</span> ${esc(expired.reason)}`
      : '';
  return (
    `<tr class="${f.waived ? 'waived' : ''}" data-rule="${esc(f.ruleId)}" data-severity="${esc(f.severity)}">` +
    `<td><span class="badge s-${esc(f.severity)}">${esc(f.severity)}</span>` +
    (f.status ? ` <span class="badge st-${esc(f.status)}">${esc(f.status)}</span>` : '') +
    `</td>` +
    `<td><code>${esc(f.ruleId)}</code><br><span class="where">${esc(f.objectType)} ${esc(f.name)}</span></td>` +
    `<td>${esc(f.message)}${evidenceList(f.evidence)}</td>` +
    `<td>${esc(f.remediation)} ${disruptionBadge(f.disruption)}</td><td class="waiver">${waiver}</td></tr>`
  );
}

function vmBlock(r: ScanResult, vm: VmResult, anchor: string): string {
  const fx = fixesOf(r, vm);
  const fs = findingsOf(r, vm);
  const where = [
    vm.clusterName && `cluster ${vm.clusterName}`,
    vm.hostName && `host ${vm.hostName}`,
    vm.server && r.targets.length > 1 && vm.server,
  ]
    .filter(Boolean)
    .map((x) => esc(x))
    .join(' · ');
  const gen = vm.generation ? `${genLabel(vm.generation)} — ${vm.generationReason}` : (vm.excludedReason ?? vm.generationReason);
  const fixes = fx.length
    ? `<p><strong>Fix list</strong></p><ol class="fixes">${fx
        .map((x) => `<li><code>${esc(x.ruleId)}</code>: ${esc(x.remediation)} ${disruptionBadge(x.disruption)}</li>`)
        .join('')}</ol>`
    : '';
  const op = vm.vcenterOpinion;
  const opinion = op
    ? `<p class="where">vCenter's own FT check: ${esc(op.status)}${op.reason ? ` (${esc(op.reason)})` : ''}` +
      (op.faults.length ? `; faults: ${op.faults.map((x) => `<code>${esc(x)}</code>`).join(', ')}` : '') +
      (op.disagreements.length ? `; disagreements: ${esc(op.disagreements.join('; '))}` : '') +
      `</p>`
    : '';
  // Collapsed: the summary line names the VM and its blockers (by cause number); the detail opens on click.
  const { byVm } = causesOf(r);
  const number = causeNumbers(r);
  const blockers = (byVm.get(vm) ?? [])
    .map((x) => `<a href="#cause-${number.get(x)}">${number.get(x)}</a> <code>${esc(causeShort(x))}</code>`)
    .join(', ');
  return (
    `<details class="vm" id="${anchor}" data-verdict="${esc(vm.verdict)}" data-moid="${esc(vm.moid)}">` +
    `<summary><span class="badge v-${esc(vm.verdict)}">${esc(vm.verdict)}</span> <strong>${esc(vm.name)}</strong> <code>${esc(vm.moid)}</code>` +
    (uncheckedText(vm) ? ` <span class="unchecked">${esc(uncheckedText(vm))}</span>` : '') +
    (vm.clusterName ? ` <span class="where">${esc(vm.clusterName)}</span>` : '') +
    (blockers ? ` — ${blockers}` : '') +
    `</summary>` +
    `<p class="where">${where}${where ? ' · ' : ''}${esc(gen)}</p>` +
    (fs.length ? findingTable(r, fs) : '') +
    fixes +
    opinion +
    `</details>`
  );
}

// Each cause's number in "What to fix first" (1-based), once per result rather than a search per VM.
const numbers = new WeakMap<ScanResult, Map<Cause, number>>();
function causeNumbers(r: ScanResult): Map<Cause, number> {
  let m = numbers.get(r);
  if (!m) numbers.set(r, (m = new Map(causesOf(r).causes.map((c, i) => [c, i + 1]))));
  return m;
}

// At 45,000 VMs a card per VM made a 496 MB page no browser would open. Every VM gets one compact row; full
// cards (findings, evidence, fixes) are written for every VM up to CARDS_ALL VMs, beyond that for the first
// VMs of each cluster, worst verdict first, within a byte budget; a line says where the rest is.
const CARDS_ALL = 1000;
const CARD_BYTES = 10 * 2 ** 20;
const ROWS_PER_BODY = 500; // rows per <tbody>: each body is laid out only when scrolled near (content-visibility)

/** Which VMs get a full card, in list order, and the line saying so when not every VM does. */
function cardPlan(sorted: VmResult[]): { carded: Set<VmResult>; perCluster?: number } {
  if (sorted.length <= CARDS_ALL) return { carded: new Set(sorted) };
  const clusters = new Set(sorted.map((vm) => `${vm.server ?? ''}\u0000${vm.clusterMoid ?? ''}`)).size;
  const perCluster = Math.max(5, Math.floor(CARDS_ALL / clusters));
  const taken = new Map<string, number>();
  const carded = new Set<VmResult>();
  for (const vm of sorted) {
    if (carded.size >= CARDS_ALL) break;
    const k = `${vm.server ?? ''}\u0000${vm.clusterMoid ?? ''}`;
    const n = taken.get(k) ?? 0;
    if (n >= perCluster) continue;
    taken.set(k, n + 1);
    carded.add(vm);
  }
  return { carded, perCluster };
}

function vmRow(r: ScanResult, vm: VmResult, anchor: string | undefined): string {
  const { byVm } = causesOf(r);
  const number = causeNumbers(r);
  const list = byVm.get(vm) ?? [];
  // The causes by number; the first also by its short name, so a reader need not scroll up for the usual case.
  const causes = list
    .map((x, i) => `<a href="#cause-${number.get(x)}">${number.get(x)}</a>${i === 0 ? ` ${esc(causeShort(x))}` : ''}`)
    .join(', ');
  const name = anchor ? `<a href="#${anchor}">${esc(vm.name)}</a>` : esc(vm.name);
  const where = vm.clusterName ? esc(vm.clusterName) : '';
  // End tags of td and tr are optional in HTML: left out, they save 10 bytes a row (450 KB at 45,000 VMs).
  return `<tr data-verdict="${esc(vm.verdict)}"><td>${name}<td>${where}<td><span class="badge v-${esc(vm.verdict)}">${esc(vm.verdict)}</span><td>${causes}\n`;
}

function* vms(r: ScanResult): Generator<string> {
  const total = r.evaluation.vms.length;
  const count = (v: Verdict) => r.evaluation.vms.filter((x) => x.verdict === v).length;
  const radios = [
    `<input type="radio" name="vf" id="vf-all" class="vf" checked>`,
    ...VERDICTS.map((v) => `<input type="radio" name="vf" id="vf-${v}" class="vf">`),
  ].join('');
  const labels = [
    `<label for="vf-all">all (${total})</label>`,
    ...VERDICTS.map((v) => `<label for="vf-${v}">${esc(VERDICT_LABEL[v])} (${count(v)})</label>`),
  ].join('');
  yield `<section id="vms"><h2>Virtual machines</h2>${radios}<div class="filters" role="group" aria-label="Filter by verdict">Show: ${labels}</div>`;
  if (total === 0) {
    yield '<p>No VMs in scope.</p></section>';
    return;
  }
  const sorted = sortVms(r.evaluation.vms);
  const plan = cardPlan(sorted);
  // The cards first (bounded by CARD_BYTES), so each row knows whether its VM has one to link to.
  const cards: string[] = [];
  const anchors = new Map<VmResult, string>();
  let bytes = 0;
  let i = 0;
  for (const vm of sorted) {
    i++;
    if (!plan.carded.has(vm) || bytes >= CARD_BYTES) continue;
    const anchor = `vm-${i}`;
    const card = vmBlock(r, vm, anchor);
    bytes += card.length;
    cards.push(card);
    anchors.set(vm, anchor);
  }
  yield `<table class="vm-table"><thead><tr><th>VM</th><th>Cluster</th><th>Verdict</th>` +
    `<th>Causes (numbers as in <a href="#causes">What to fix first</a>)</th></tr></thead>`;
  for (let k = 0; k < sorted.length; k += ROWS_PER_BODY) {
    yield `<tbody>${sorted
      .slice(k, k + ROWS_PER_BODY)
      .map((vm) => vmRow(r, vm, anchors.get(vm)))
      .join('')}</tbody>`;
  }
  yield '</table>';
  const shown = cards.length;
  const rule =
    shown === total
      ? ''
      : `<p class="where" data-cards="${shown}" data-vms="${total}">Details (findings, evidence, fixes) below for ${shown} of ${total} VMs: ` +
        `the first ${plan.perCluster} of each cluster, worst verdict first${shown < plan.carded.size ? `, up to ${CARD_BYTES / 2 ** 20} MB of details` : ''}. ` +
        `Every VM's details are in the JSON report (<code>--output json=FILE</code>) and the workbook (<code>--output xlsx=FILE</code>).</p>`;
  yield `<h3>Details</h3>${rule}<div class="vm-list">`;
  yield* cards;
  yield '</div></section>';
}

function objects(r: ScanResult): string {
  const rest = unattachedFindings(r);
  if (rest.length === 0) return '';
  return (
    `<section id="objects"><h2>Other findings (hosts, clusters, datastores)</h2>` +
    `<p class="where">These affect no VM in scope today but matter for FT placement.</p>${boundedFindingTable(r, rest, 'findings')}</section>`
  );
}

function baseline(r: ScanResult): string {
  if (!r.baseline) return '';
  const b = r.baseline;
  return (
    `<section id="baseline"><h2>Resolved since baseline</h2><p>Baseline: <code>${esc(b.file)}</code></p>` +
    (b.resolved.length ? boundedFindingTable(r, b.resolved, 'resolved findings') : '<p>Nothing resolved.</p>') +
    (b.unverified?.length
      ? `<p class="banner">${b.unverified.length} baseline findings could not be re-checked because their vCenter was not read completely; they are neither confirmed nor resolved.</p>`
      : '') +
    `</section>`
  );
}

function waivers(r: ScanResult): string {
  if (!r.waivers?.expired.length) return '';
  const rows = r.waivers.expired
    .map(
      (w) =>
        `<tr data-expired-waiver="${esc(w.ruleId)}"><td><code>${esc(w.ruleId)}</code></td><td>${esc(w.object)}</td><td>${esc(w.server ?? '')}</td>` +
        `<td>${esc(w.expires)}</td><td>${esc(w.reason)}</td><td>${esc(w.findings ?? '')}</td></tr>`,
    )
    .join('');
  return (
    `<section id="waivers"><h2>Expired waivers</h2><p>These waivers no longer hide their findings: renew them or fix the findings.</p>` +
    `<table><thead><tr><th>Rule</th><th>Object</th><th>vCenter</th><th>Expired</th><th>Reason</th><th>Findings matched</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></section>`
  );
}

// Horizontal bars, one per cause: VMs it would unblock (solid) within the VMs it affects (light).
function causeBars(top: Cause[]): string {
  const max = Math.max(1, ...top.map((x) => x.affected));
  const row = 22;
  const label = 230;
  const bars = top
    .map((x, i) => {
      const y = i * row;
      const wa = (300 * x.affected) / max;
      const wu = (300 * x.unblocks) / max;
      return (
        `<g><title>${esc(causeShort(x))}: unblocks ${x.unblocks}, affects ${x.affected}</title>` +
        `<text x="${label - 6}" y="${y + 15}" text-anchor="end">${esc(causeShort(x).slice(0, 34))}</text>` +
        `<rect x="${label}" y="${y + 4}" width="${wa.toFixed(1)}" height="14" fill="#f3c4ad"/>` +
        `<rect x="${label}" y="${y + 4}" width="${wu.toFixed(1)}" height="14" fill="#009E73"/>` +
        `<text x="${(label + wa + 4).toFixed(1)}" y="${y + 15}">${x.unblocks} / ${x.affected}</text></g>`
      );
    })
    .join('');
  const h = top.length * row + 4;
  return (
    `<svg class="bars" role="img" aria-label="Top causes: VMs unblocked of VMs affected" viewBox="0 0 600 ${h}" width="100%">${bars}</svg>` +
    `<p class="where"><span class="swatch" style="background:#009E73"></span>unblocked by this fix alone ` +
    `<span class="swatch" style="background:#f3c4ad"></span>also blocked by something else</p>`
  );
}

const TOP_CAUSES = 8;
const TOP_CLUSTERS = 12;

// One stacked bar per cluster (most VMs first): its VMs by verdict, so "where are the blocked VMs" is seen at once.
function verdictBars(r: ScanResult): string {
  const list = [...r.evaluation.clusters]
    .map((c) => ({ c, n: VERDICTS.reduce((k, v) => k + (c.counts[v] ?? 0), 0) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  if (!list.length) return '';
  const top = list.slice(0, TOP_CLUSTERS);
  const max = Math.max(...top.map((x) => x.n));
  const row = 22;
  const label = 170;
  const bars = top
    .map(({ c, n }, i) => {
      const y = i * row;
      let x = label;
      const title = clusterTitle(r, c);
      const rects = VERDICTS.filter((v) => (c.counts[v] ?? 0) > 0)
        .map((v) => {
          const w = (330 * c.counts[v]) / max;
          const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="14" fill="${VERDICT_COLOR[v]}"><title>${esc(title)}: ${c.counts[v]} ${esc(VERDICT_LABEL[v])}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return (
        `<g data-chart-cluster="${esc(c.moid)}"><text x="${label - 6}" y="${y + 15}" text-anchor="end">${esc(title.slice(0, 26))}</text>${rects}` +
        `<text x="${(x + 4).toFixed(1)}" y="${y + 15}">${n}</text></g>`
      );
    })
    .join('');
  const legend = VERDICTS.filter((v) => top.some(({ c }) => (c.counts[v] ?? 0) > 0))
    .map((v) => `<li><span class="swatch" style="background:${VERDICT_COLOR[v]}"></span>${esc(VERDICT_LABEL[v])}</li>`)
    .join('');
  return (
    `<svg class="bars" role="img" aria-label="VMs per cluster by verdict" viewBox="0 0 560 ${top.length * row + 4}" width="100%">${bars}</svg>` +
    `<ul class="legend">${legend}</ul>` +
    (list.length > top.length ? `<p class="where">${list.length - top.length} smaller clusters: see Clusters below.</p>` : '')
  );
}

// A cause's key joins its parts with NUL (never in a name): in the page they are joined with '/' instead, so
// the file holds no control byte of ftscan's own (grep would call it binary).
const causeAttr = (x: Cause) => x.key.split('\u0000').join('/');

function causes(r: ScanResult): string {
  const { causes: list } = causesOf(r);
  const perCluster = verdictBars(r);
  const chartBox = perCluster ? `<div><h3>VMs per cluster</h3>${perCluster}</div>` : '';
  if (!list.length) return chartBox ? `<section id="causes"><h2>Verdicts per cluster</h2><div class="top">${chartBox}</div></section>` : '';
  const multi = r.targets.length > 1;
  const sentence = fixSummary(r);
  const rows = list.map(
    (x, i) =>
      `<tr id="cause-${i + 1}" data-cause="${esc(causeAttr(x))}"><td class="n">${i + 1}</td>` +
      `<td><code>${esc(x.ruleId)}</code> ${esc(causeLabel(x, multi).slice(x.ruleId.length + 1))}${x.newFindings ? ' <span class="badge st-new">new</span>' : ''}</td>` +
      `<td class="n" data-unblocks="${x.unblocks}">${x.unblocks}</td><td class="n" data-affects="${x.affected}">${x.affected}</td>` +
      `<td class="n" data-ready-after="${x.readyAfter}" title="${esc(readyAfterText(x, i + 1))}">${x.readyAfter}</td>` +
      `<td>${disruptionBadge(x.disruption)}</td><td>${esc(x.fix)}</td></tr>`,
  );
  const shown = rows.slice(0, TOP_CAUSES).join('');
  const rest = rows.slice(TOP_CAUSES).join('');
  const head = `<thead><tr><th>#</th><th>Cause</th><th>Unblocks</th><th>Affects</th><th>Ready after</th><th>Disruption</th><th>What to do</th></tr></thead>`;
  return (
    `<section id="causes"><h2>What to fix first</h2>${sentence ? `<p class="forward">${esc(sentence)}</p>` : ''}<p>Each cause of a blocker once, in the order that makes the most VMs ready at each step: ` +
    `unblocks = VMs it would make ready on its own, affects = VMs it blocks, ready after = VMs ready once fixes 1 to # are done.</p><div class="top"><div><h3>Top causes</h3>${causeBars(list.slice(0, TOP_CAUSES))}</div>${chartBox}</div>` +
    `<table class="causes">${head}<tbody>${shown}</tbody></table>` +
    (rest
      ? `<details><summary>${list.length - TOP_CAUSES} more causes</summary><table class="causes">${head}<tbody>${rest}</tbody></table></details>`
      : '') +
    `</section>`
  );
}

// "New since the baseline" near the top: what changed is what a nightly reader looks for first.
function changes(r: ScanResult): string {
  if (!r.baseline) return '';
  const fresh = r.evaluation.findings.filter((f) => f.status === 'new' && !f.waived && f.severity !== 'info');
  const b = r.baseline;
  return (
    `<section id="changes"><h2>Since the baseline${b.startedAt ? ` of ${esc(localTime(b.startedAt))}` : ''}</h2><p>${b.new} new, ` +
    `${b.resolved.length} resolved (<a href="#baseline">listed below</a>), ${b.unchanged} unchanged.</p>` +
    (fresh.length ? boundedFindingTable(r, fresh, 'new findings') : '<p>No new blocker or warning.</p>') +
    `</section>`
  );
}
