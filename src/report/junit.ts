// JUnit XML for CI dashboards: one testsuite per cluster, one testcase per VM x rule that applies to it
// (classname ftscan.<cluster>.<vm>, name = rule id). Blockers fail; warnings fail only with failOn
// 'warning'; unreadable data ('unknown') is an error; excluded VMs and waived findings are skipped.
// Collection per vCenter is a testcase too, so an incomplete scan never looks green.
import type { Finding, Generation } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
import { DISRUPTION_LABEL, clusterTitle, findingsOf, formatObserved, sortFindings, sortVms, targetLine, unattachedFindings, waiverText } from './view.js';

export type FailOn = 'blocker' | 'warning' | 'none';

export interface JunitOptions {
  failOn?: FailOn; // default 'blocker'
}

/** XML 1.0 text/attribute escaping; characters XML cannot carry become U+FFFD. */
export function xml(v: unknown): string {
  return String(v ?? '')
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Attribute values: also keep line breaks and tabs, which attribute normalization would turn into spaces. */
function attr(v: unknown): string {
  return xml(v).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Case {
  classname: string;
  name: string;
  outcome?: { kind: 'failure' | 'error' | 'skipped'; type?: string; message: string; body?: string };
  properties?: Record<string, string>;
  out?: string;
}

interface Suite {
  name: string;
  properties: Record<string, string>;
  cases: Case[];
}

function describe(result: ScanResult, f: Finding): string {
  const lines = [`${f.severity}: ${f.message} (${f.objectType} ${f.name}, ${f.moid})`];
  for (const e of f.evidence ?? []) {
    lines.push(`  evidence: ${e.path} = ${formatObserved(e.observed)}${e.expected !== undefined ? ` (expected ${e.expected})` : ''}`);
  }
  lines.push(`  fix: ${f.remediation} [${DISRUPTION_LABEL[f.disruption] ?? f.disruption}]`);
  if (f.status) lines.push(`  baseline: ${f.status}`);
  if (f.waived) lines.push(`  ${waiverText(f)}`);
  const expired = f.waived ? undefined : f.expiredWaiver;
  if (expired) lines.push(`  waiver expired ${expired.expires}: ${expired.reason}`);
  return lines.join('\n');
}

/** Outcome of one rule on one object from its findings. */
function outcome(result: ScanResult, findings: Finding[], failOn: FailOn): Pick<Case, 'outcome' | 'out'> {
  if (findings.length === 0) return {};
  const body = sortFindings(findings).map((f) => describe(result, f)).join('\n');
  const active = findings.filter((f) => !f.waived);
  if (active.length === 0) {
    return { outcome: { kind: 'skipped', message: waiverText(findings[0]!) }, out: body };
  }
  const first = (s: Finding['severity']) => active.find((f) => f.severity === s);
  const blocker = first('blocker');
  if (blocker) return { outcome: { kind: 'failure', type: 'blocker', message: blocker.message, body } };
  const warning = first('warning');
  if (warning && failOn === 'warning') return { outcome: { kind: 'failure', type: 'warning', message: warning.message, body } };
  const unknown = first('unknown');
  if (unknown) return { outcome: { kind: 'error', type: 'unknown', message: unknown.message, body } };
  return { out: body };
}

/** Rule ids that apply to VMs of each generation: the catalog when present, else the rules that fired on such VMs. */
function rulesByGeneration(result: ScanResult): Map<Generation, Set<string>> {
  const byGen = new Map<Generation, Set<string>>([['legacy', new Set()], ['smp', new Set()]]);
  if (result.rules) {
    for (const r of result.rules) for (const g of r.generations) byGen.get(g)?.add(r.id);
  } else {
    for (const v of result.evaluation.vms) if (v.generation) for (const f of findingsOf(result, v)) byGen.get(v.generation)?.add(f.ruleId);
  }
  return byGen;
}

function rulesFor(byGen: Map<Generation, Set<string>>, vm: VmResult, findings: Finding[]): string[] {
  const ids = new Set(byGen.get(vm.generation as Generation) ?? []);
  for (const f of findings) ids.add(f.ruleId);
  return [...ids].sort();
}

export function render(result: ScanResult, opts: JunitOptions = {}): string {
  const failOn = opts.failOn ?? 'blocker';
  const multi = result.targets.length > 1;
  const common = { profile: result.profile, complete: String(result.complete), failOn, ...(result.targetCluster ? { targetCluster: result.targetCluster } : {}) };
  const suites = new Map<string, Suite>();
  const suite = (name: string, props: Record<string, string>) => {
    if (!suites.has(name)) suites.set(name, { name, properties: { ...common, ...props }, cases: [] });
    return suites.get(name)!;
  };

  suite('ftscan.collection', {}).cases.push(...result.targets.map((t): Case => {
    const l = targetLine(t);
    const c: Case = { classname: `ftscan.collection.${t.server}`, name: 'collection', properties: { status: t.status } };
    if (t.status !== 'complete') c.outcome = { kind: 'error', type: t.error?.kind ?? t.status, message: l.detail ?? `${t.status} scan` };
    else c.out = l.product;
    return c;
  }));
  for (const cl of result.evaluation.clusters) {
    suite(`ftscan.${clusterTitle(result, cl)}`, { cluster: cl.name, clusterMoid: cl.moid, ...(cl.server ? { server: cl.server } : {}) });
  }

  const byGen = rulesByGeneration(result);
  for (const vm of sortVms(result.evaluation.vms)) {
    const clusterName = vm.clusterName ?? '(no cluster)';
    const s = suite(`ftscan.${clusterTitle(result, { name: clusterName, server: vm.server })}`, { cluster: clusterName });
    const classname = `ftscan.${multi && vm.server ? `${vm.server}.` : ''}${clusterName}.${vm.name}`;
    const properties = { verdict: vm.verdict, moid: vm.moid, generation: vm.generation ?? '' };
    if (vm.verdict === 'excluded') {
      s.cases.push({ classname, name: 'excluded', properties, outcome: { kind: 'skipped', message: `excluded: ${vm.excludedReason ?? vm.generationReason}` } });
      continue;
    }
    const fs = findingsOf(result, vm);
    for (const rule of rulesFor(byGen, vm, fs)) {
      s.cases.push({ classname, name: rule, properties, ...outcome(result, fs.filter((f) => f.ruleId === rule), failOn) });
    }
  }

  const rest = unattachedFindings(result);
  if (rest.length) {
    const s = suite('ftscan.objects', {});
    const byCase = new Map<string, Finding[]>();
    for (const f of rest) {
      const key = `${f.objectType}\u0000${f.name}\u0000${f.ruleId}`;
      const list = byCase.get(key);
      if (list) list.push(f);
      else byCase.set(key, [f]);
    }
    for (const fs of byCase.values()) {
      const f = fs[0]!;
      s.cases.push({ classname: `ftscan.${f.objectType}.${f.name}`, name: f.ruleId, properties: { moid: f.moid }, ...outcome(result, fs, failOn) });
    }
  }
  if (result.baseline?.resolved.length) {
    const s = suite('ftscan.baseline', { baseline: result.baseline.file });
    for (const f of result.baseline.resolved) {
      s.cases.push({ classname: `ftscan.resolved.${f.name}`, name: f.ruleId, properties: { status: 'resolved', moid: f.moid }, out: `resolved since baseline\n${describe(result, f)}` });
    }
  }
  if (result.waivers?.expired.length) {
    const s = suite('ftscan.waivers', {});
    for (const w of result.waivers.expired) {
      s.cases.push({ classname: `ftscan.waivers.${w.object}`, name: w.ruleId,
        outcome: { kind: 'skipped', message: `waiver expired ${w.expires}: ${w.reason} (${w.findings ?? 0} findings count again)` } });
    }
  }

  return serialize(result, [...suites.values()].filter((s) => s.cases.length > 0));
}

function serialize(result: ScanResult, suites: Suite[]): string {
  const count = (cs: Case[], k: string) => cs.filter((c) => c.outcome?.kind === k).length;
  const time = Math.max(0, (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000) || 0;
  const all = suites.flatMap((s) => s.cases);
  const props = (p: Record<string, string>, pad: string) => Object.keys(p).length
    ? `${pad}<properties>\n${Object.entries(p).map(([k, v]) => `${pad}  <property name="${attr(k)}" value="${attr(v)}"/>`).join('\n')}\n${pad}</properties>\n` : '';
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="ftscan" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" ` +
    `skipped="${count(all, 'skipped')}" time="${time}" timestamp="${attr(result.startedAt)}">`];
  for (const s of suites) {
    out.push(`  <testsuite name="${attr(s.name)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" ` +
      `errors="${count(s.cases, 'error')}" skipped="${count(s.cases, 'skipped')}" time="0" timestamp="${attr(result.startedAt)}">`);
    out.push(props(s.properties, '    ').trimEnd());
    for (const c of s.cases) {
      const inner: string[] = [];
      if (c.properties) inner.push(props(c.properties, '      ').trimEnd());
      if (c.outcome) {
        const o = c.outcome;
        const attrs = `message="${attr(o.message)}"${o.type ? ` type="${attr(o.type)}"` : ''}`;
        inner.push(o.body ? `      <${o.kind} ${attrs}>${xml(o.body)}</${o.kind}>` : `      <${o.kind} ${attrs}/>`);
      }
      if (c.out) inner.push(`      <system-out>${xml(c.out)}</system-out>`);
      out.push(`    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0">`, ...inner, `    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
