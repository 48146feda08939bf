// JUnit XML for CI dashboards, sized for the people reading them: one testcase per in-scope VM (its causes in
// the failure text, one line each: rule id and message, no evidence, which is in the JSON), one per cluster/host/datastore (or vCenter, network) that has findings, and one per
// vCenter for the collection itself, so an incomplete scan never looks green. A VM or object fails on its
// blockers (or a vCenter dispute); warnings fail only at --fail-on warning/new-warning (result/gate.ts: the exit
// code's predicate, new or not, blockers whatever the threshold);
// unreadable data ('unknown') is an error; excluded VMs are skipped; protected VMs and waived findings pass,
// their waivers in the system-out.
// Class names: Jenkins splits a classname into package and class at its dots, so the vCenter, cluster and
// object-kind parts of a classname have their dots replaced by '_' (vc1.example.com -> vc1_example_com); the
// testcase name (the VM's or object's name) and the properties keep the names verbatim.
import type { Finding } from '../rules/types.js';
import type { ScanResult, VmResult } from '../result/types.js';
import { DISRUPTION_LABEL, clusterTitle, findingsOf, formatObserved, sortFindings, sortVms, targetLine, waiverText } from './view.js';
import { clip, xmlText } from '../util/text.js';
import { failOnParts, failsGate, type FailOn, type GateView } from '../result/gate.js';

export type { FailOn };

export interface JunitOptions {
  failOn?: FailOn; // --fail-on; default 'blocker'
}

// JUnit's reading of --fail-on: a test case is about its VM, so a finding fails it new or not, and a blocker
// fails it whatever the threshold.
const TEST_CASE: GateView = { everyStatus: true, blockersAlways: true };

/** XML 1.0 text/attribute escaping; characters XML cannot carry as xmlText shows them (the one rule). */
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const MARKUP = /[&<>"']/;
function xml(v: unknown): string {
  const text = xmlText(v);
  return MARKUP.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITY[c]!) : text;
}

/** Attribute values: also keep line breaks and tabs, which attribute normalization would turn into spaces. */
const BREAK = /[\t\n\r]/;
function attr(v: unknown): string {
  const text = xml(v);
  return BREAK.test(text) ? text.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`) : text;
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

/** One part of a classname: no dots, so Jenkins does not split a host name or URL into packages. */
function classPart(name: string): string {
  return name.replace(/\./g, '_');
}

// An object's finding in full: message, evidence, fix, baseline and waiver.
function describe(f: Finding): string {
  const lines = [`${f.severity}: ${f.message} (${f.objectType} ${f.name}, ${f.moid})${f.source === 'vcenter' ? ' [vCenter]' : ''}`];
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

// A finding in a VM's testcase, one line: "blocker vm-snapshots: 1 snapshot present; FT needs none", a host's
// as "blocker host-ft-logging-nic@esx-b1: ..."; then its baseline mark and waiver state, if any.
function causeLine(f: Finding): string {
  const expired = f.waived ? undefined : f.expiredWaiver;
  return (
    `${f.severity} ${shortName(f)}: ${clip(f.message.replace(/\s*[\r\n]+\s*/g, ' '), 200)}${f.source === 'vcenter' ? ' [vCenter]' : ''}` +
    (f.status ? ` [${f.status}]` : '') +
    (f.waived ? ` [${waiverText(f)}]` : '') +
    (expired ? ` [waiver expired ${expired.expires}]` : '')
  );
}

const ON_VM = (f: Finding) => f.objectType === 'VirtualMachine' || f.moid === f.vmMoid;

/** "vm-vcpu-count", or "host-ft-logging-nic@esx-b1.example.com" for a cause on a host, cluster or datastore. */
function shortName(f: Finding): string {
  return ON_VM(f) ? f.ruleId : `${f.ruleId}@${f.name}`;
}

function uniqueShort(fs: Finding[]): string {
  return [...new Set(fs.map(shortName))].join(', ');
}

/**
 * The outcome of a VM or an object from its findings: blockers (ftscan's or vCenter's) fail, unreadable data is
 * an error, warnings fail at --fail-on warning / new-warning; a VM vCenter disputes fails. The body lists every finding.
 */
function outcome(findings: Finding[], failOn: FailOn, vm?: { disputed: boolean }): Pick<Case, 'outcome' | 'out'> {
  const disputed = !!vm?.disputed;
  if (findings.length === 0) return {};
  const sorted = sortFindings(findings);
  // A VM's testcase: one line per finding (what a CI page shows); the evidence and fixes are in the JSON and
  // the HTML, and a host's or cluster's evidence in that object's own testcase.
  const body = sorted.map((f) => (vm ? causeLine(f) : describe(f))).join('\n');
  const active = sorted.filter((f) => !f.waived);
  const of = (s: Finding['severity']) => active.filter((f) => f.severity === s);
  const blockers = of('blocker').filter((f) => failsGate(f, failOn, TEST_CASE));
  if (blockers.length) {
    return {
      outcome: {
        kind: 'failure',
        type: disputed ? 'disputed' : 'blocker',
        message: `${blockers.length === 1 ? '1 blocker' : `${blockers.length} blockers`}: ${uniqueShort(blockers)}`,
        body,
      },
    };
  }
  if (disputed) {
    const v = active.filter((f) => f.source === 'vcenter' && f.severity !== 'info');
    return { outcome: { kind: 'failure', type: 'disputed', message: `vCenter reports what ftscan does not: ${uniqueShort(v)}`, body } };
  }
  const unknown = of('unknown');
  if (unknown.length) return { outcome: { kind: 'error', type: 'unknown', message: `not readable: ${uniqueShort(unknown)}`, body } };
  const warnings = of('warning');
  if (warnings.some((f) => failsGate(f, failOn, TEST_CASE))) {
    return {
      outcome: {
        kind: 'failure',
        type: 'warning',
        message: `${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}: ${uniqueShort(warnings)}`,
        body,
      },
    };
  }
  if (active.length === 0) return { out: `every finding is waived\n${body}` };
  return { out: body };
}

const OBJECT_CLASS: Record<string, string> = {
  ClusterComputeResource: 'clusters',
  HostSystem: 'hosts',
  Datastore: 'datastores',
  Network: 'networks',
  vCenter: 'vCenter',
};

export function render(result: ScanResult, opts: JunitOptions = {}): string {
  return [...chunks(result, opts)].join('');
}

/** The document as chunks (one per testcase): a 10,000-VM report is never built as one string. */
export function chunks(result: ScanResult, opts: JunitOptions = {}): Iterable<string> {
  const failOn = opts.failOn ?? 'blocker';
  const multi = result.targets.length > 1;
  // The package: "ftscan", or "ftscan.<vCenter>" (dots replaced) when several vCenters were scanned.
  const pkg = (server?: string) => `ftscan${multi && server ? `.${classPart(server)}` : ''}`;
  const common = {
    profile: result.profile,
    complete: String(result.complete),
    failOn: failOnParts(failOn).threshold,
    ...(result.targetCluster ? { targetCluster: result.targetCluster } : {}),
  };
  const suites = new Map<string, Suite>();
  const suite = (name: string, props: Record<string, string>) => {
    let s = suites.get(name);
    if (!s) suites.set(name, (s = { name, properties: { ...common, ...props }, cases: [] }));
    return s;
  };

  suite('ftscan.collection', {}).cases.push(
    ...result.targets.map((t): Case => {
      const l = targetLine(t);
      const c: Case = { classname: 'ftscan.collection', name: t.server, properties: { status: t.status } };
      if (t.status !== 'complete') c.outcome = { kind: 'error', type: t.error?.kind ?? t.status, message: l.detail ?? `${t.status} scan` };
      else c.out = l.product;
      return c;
    }),
  );
  for (const cl of result.evaluation.clusters) {
    suite(`ftscan.${clusterTitle(result, cl)}`, { cluster: cl.name, clusterMoid: cl.moid, ...(cl.server ? { server: cl.server } : {}) });
  }

  for (const vm of sortVms(result.evaluation.vms)) {
    const clusterName = vm.clusterName ?? '(no cluster)';
    const s = suite(`ftscan.${clusterTitle(result, { name: clusterName, server: vm.server })}`, { cluster: clusterName });
    s.cases.push(vmCase(result, vm, `${pkg(vm.server)}.${classPart(clusterName)}`, failOn));
  }

  // Clusters, hosts, datastores (and the vCenter, networks) with findings: one testcase each. A host finding
  // stored once per VM it affects is described once.
  const byObject = new Map<string, Finding[]>();
  for (const f of result.evaluation.findings) {
    if (ON_VM(f)) continue;
    const key = `${f.server ?? ''}\u0000${f.objectType}\u0000${f.moid}`;
    const list = byObject.get(key);
    if (list) list.push(f);
    else byObject.set(key, [f]);
  }
  if (byObject.size) {
    const s = suite('ftscan.objects', {});
    for (const fs of byObject.values()) {
      const f = fs[0]!;
      const distinct = new Map<string, Finding>();
      for (const x of fs) {
        const k = `${x.ruleId}\u0000${x.message}\u0000${x.severity}\u0000${x.waived ? 1 : 0}`;
        if (!distinct.has(k)) distinct.set(k, x);
      }
      const vms = new Set(fs.flatMap((x) => (x.vmMoid ? [x.vmMoid] : [])));
      s.cases.push({
        classname: `${pkg(f.server)}.${classPart(OBJECT_CLASS[f.objectType] ?? f.objectType)}`,
        name: f.name,
        properties: { moid: f.moid, objectType: f.objectType, ...(f.server ? { server: f.server } : {}), vmsAffected: String(vms.size) },
        ...outcome([...distinct.values()], failOn),
      });
    }
  }
  if (result.baseline?.resolved.length) {
    const resolved = result.baseline.resolved;
    suite('ftscan.baseline', { baseline: result.baseline.file }).cases.push({
      classname: 'ftscan.baseline',
      name: 'resolved since baseline',
      properties: { resolved: String(resolved.length) },
      out: resolved
        .map((f) => `resolved: ${f.ruleId} on ${f.objectType} ${f.name}${f.server && multi ? ` (${f.server})` : ''}: ${f.message}`)
        .join('\n'),
    });
  }
  if (result.waivers?.expired.length) {
    const s = suite('ftscan.waivers', {});
    for (const w of result.waivers.expired) {
      s.cases.push({
        classname: 'ftscan.waivers',
        name: `${w.ruleId} on ${w.object}`,
        outcome: { kind: 'skipped', message: `waiver expired ${w.expires}: ${w.reason} (${w.findings ?? 0} findings count again)` },
      });
    }
  }

  return serialize(
    result,
    [...suites.values()].filter((s) => s.cases.length > 0),
  );
}

function vmCase(result: ScanResult, vm: VmResult, classname: string, failOn: FailOn): Case {
  const properties: Record<string, string> = { verdict: vm.verdict, moid: vm.moid, generation: vm.generation ?? '' };
  if (vm.server && result.targets.length > 1) properties.server = vm.server; // one vCenter: in the suite's properties
  if (vm.hostName) properties.host = vm.hostName;
  if (vm.verdict === 'excluded') {
    return {
      classname,
      name: vm.name,
      properties,
      outcome: { kind: 'skipped', message: `excluded: ${vm.excludedReason ?? vm.generationReason}` },
    };
  }
  const fs = findingsOf(result, vm);
  const c: Case = { classname, name: vm.name, properties, ...outcome(fs, failOn, { disputed: vm.verdict === 'disputed' }) };
  if (vm.protection && c.outcome?.kind === 'failure') c.outcome.type = vm.protection.verdict; // FT on, running unprotected
  if (vm.protection && !c.outcome) c.out = [`${vm.protection.verdict}: ${vm.protection.reason}`, c.out].filter(Boolean).join('\n');
  return c;
}

function* serialize(result: ScanResult, suites: Suite[]): Generator<string> {
  const count = (cs: Case[], k: string) => cs.filter((c) => c.outcome?.kind === k).length;
  const time = Math.max(0, (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000) || 0;
  const all = suites.flatMap((s) => s.cases);
  const props = (p: Record<string, string>, pad: string) =>
    Object.keys(p).length
      ? `${pad}<properties>\n${Object.entries(p)
          .map(([k, v]) => `${pad}  <property name="${attr(k)}" value="${attr(v)}"/>`)
          .join('\n')}\n${pad}</properties>\n`
      : '';
  yield [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="ftscan" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" ` +
      `skipped="${count(all, 'skipped')}" time="${time}" timestamp="${attr(result.startedAt)}">`,
  ].join('\n');
  for (const s of suites) {
    yield `\n${[
      `  <testsuite name="${attr(s.name)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" ` +
        `errors="${count(s.cases, 'error')}" skipped="${count(s.cases, 'skipped')}" time="0" timestamp="${attr(result.startedAt)}">`,
      props(s.properties, '    ').trimEnd(),
    ].join('\n')}`;
    for (const c of s.cases) {
      const inner: string[] = [];
      if (c.properties) inner.push(props(c.properties, '      ').trimEnd());
      if (c.outcome) {
        const o = c.outcome;
        const attrs = `message="${attr(o.message)}"${o.type ? ` type="${attr(o.type)}"` : ''}`;
        inner.push(o.body ? `      <${o.kind} ${attrs}>${xml(o.body)}</${o.kind}>` : `      <${o.kind} ${attrs}/>`);
      }
      if (c.out) inner.push(`      <system-out>${xml(c.out)}</system-out>`);
      yield `\n${[`    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0">`, ...inner, `    </testcase>`].join('\n')}`;
    }
    yield '\n  </testsuite>';
  }
  yield '\n</testsuites>\n';
}
