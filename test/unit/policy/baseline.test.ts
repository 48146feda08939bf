import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { applyPolicy, baselineFacts, factsOf } from '../../../src/policy/index.js';
import { failOnExitCode } from '../../../src/policy/exit-code.js';
import { FORMATS } from '../../../src/report/index.js';
import { render as renderJson } from '../../../src/report/json.js';
import { fixesOf, findingsOf } from '../../../src/report/view.js';
import { readScanJson } from '../../../src/result/read.js';
import type { EvaluatedScan, ScanResult } from '../../../src/result/types.js';
import { findingId, vcenterKey } from '../../../src/rules/finding-id.js';
import { VERDICTS, type Finding } from '../../../src/rules/types.js';
import { rejudge } from '../../../src/scan/pipeline.js';
import { makeEvaluatedScan, makeScanResult, renderText, SERVER } from '../report/fixtures.js';
import { toV1, V1_VERDICTS } from '../result/v1.js';

const DAY = '2026-11-28';
const UUID = makeEvaluatedScan().targets[0]!.inventory!.vcenter.instanceUuid;
const VC = vcenterKey(UUID, SERVER);

const judge = (scan: EvaluatedScan, previous?: Pick<ScanResult, 'evaluation' | 'targets'>, file = 'monday.json') =>
  applyPolicy(scan, previous ? { baseline: { file, result: previous } } : {}, DAY);

/** Drops findings from a scan's facts or result, and every reference to them. */
function without<T extends EvaluatedScan | ScanResult>(r: T, pred: (f: Finding) => boolean): T {
  const gone = new Set(r.evaluation.findings.filter(pred).map((f) => f.id));
  const ev = r.evaluation as EvaluatedScan['evaluation'];
  ev.findings = ev.findings.filter((f) => !gone.has(f.id));
  for (const a of [...ev.vms, ...ev.clusters, ...ev.hosts, ...ev.datastores]) a.findingIds = a.findingIds.filter((id) => !gone.has(id));
  for (const vm of (r as ScanResult).evaluation.vms) if ('fixIds' in vm) vm.fixIds = vm.fixIds.filter((id) => !gone.has(id));
  return r;
}

// Previous scan = today's minus the USB finding, plus one finding fixed since (a second thin disk on db-01).
function previousScan(): ScanResult {
  const prev = without(makeScanResult(), (f) => f.ruleId === 'vm-usb-device');
  const thin = prev.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
  const thin2 = {
    ...thin,
    message: 'Hard disk 2 is thin provisioned',
    evidence: [{ ...thin.evidence[0]!, path: 'config.hardware.device[key=2001].backing.thinProvisioned' }],
  };
  prev.evaluation.findings.push({ ...thin2, id: findingId(thin2, VC) });
  return prev;
}

const statusOf = (r: ScanResult, pred: (f: Finding) => boolean) => r.evaluation.findings.filter(pred).map((f) => f.status);

describe('baseline (policy stage)', () => {
  it('marks findings new or unchanged, counts them, and lists the resolved ones', () => {
    const r = judge(makeEvaluatedScan(), previousScan());
    expect(statusOf(r, (f) => f.ruleId === 'vm-usb-device')).toEqual(['new']);
    expect(statusOf(r, (f) => f.ruleId !== 'vm-usb-device').every((s) => s === 'unchanged')).toBe(true);
    // Counts live in result.baseline (schema 2.0).
    expect(r.baseline).toMatchObject({ file: 'monday.json', new: 1, unchanged: r.evaluation.findings.length - 1 });
    expect(r.baseline!.resolved).toHaveLength(1);
    expect(r.baseline!.resolved[0]).toMatchObject({
      ruleId: 'vm-disk-thin',
      status: 'resolved',
      message: 'Hard disk 2 is thin provisioned',
    });
    expect(r.baseline!.unverified).toBeUndefined();
  });

  it('judges the same from the slim baseline a scan holds (findings and vCenters only, no inventory)', () => {
    const prev = previousScan();
    const slim = baselineFacts(prev);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(prev).length / 2);
    expect(slim.targets.every((t) => !t.inventory || Object.keys(t.inventory).join() === 'vcenter')).toBe(true);
    expect(judge(makeEvaluatedScan(), slim)).toEqual(judge(makeEvaluatedScan(), prev));
    // the baseline scan's start travels with it: reports say "since the baseline of <date>" (issue 17 §7)
    expect(slim.startedAt).toBe(prev.startedAt);
    expect(judge(makeEvaluatedScan(), slim).baseline!.startedAt).toBe(prev.startedAt);
  });

  it('reaches every assessment that references a finding (VM, host, cluster), also after a JSON round trip', () => {
    const current = factsOf(readScanJson(renderJson(makeScanResult())));
    const r = judge(current, readScanJson(renderJson(previousScan())));
    const vm = r.evaluation.vms.find((v) => v.moid === 'vm-104')!;
    expect(findingsOf(r, vm)[0]!.status).toBe('new');
    expect(fixesOf(r, vm)[0]!.finding.status).toBe('new');
    expect(findingsOf(r, r.evaluation.hosts.find((h) => h.moid === 'host-21')!)[0]!.status).toBe('unchanged');
    expect(findingsOf(r, r.evaluation.clusters[1]!)[0]!.status).toBe('unchanged');
  });

  it('keeps a finding unchanged when only its message or observed value changed', () => {
    const prev = makeScanResult();
    const vcpu = prev.evaluation.findings.find((f) => f.ruleId === 'vm-vcpu-count')!;
    vcpu.message = '4 vCPUs; legacy FT allows 1';
    vcpu.evidence[0]!.observed = 4;
    expect(findingId(vcpu, VC)).toBe(vcpu.id); // what the engine would derive for the changed finding
    const r = judge(makeEvaluatedScan(), prev);
    expect(statusOf(r, (f) => f.ruleId === 'vm-vcpu-count')).toEqual(['unchanged']);
    expect(r.baseline!.resolved).toEqual([]);
  });

  it('tells the same rule on another vCenter or object apart', () => {
    const prev = makeScanResult();
    for (const f of prev.evaluation.findings) {
      if (f.ruleId !== 'vm-snapshots') continue;
      f.server = 'vc9.example.com'; // a vCenter this scan did not read (no instanceUuid known for it)
      f.id = findingId(f, vcenterKey(undefined, f.server));
    }
    const r = judge(makeEvaluatedScan(), prev);
    expect(statusOf(r, (f) => f.ruleId === 'vm-snapshots')).toEqual(['new']);
    // vc9 is not in this scan: its finding cannot be proven gone.
    expect(r.baseline!.resolved).toEqual([]);
    expect(r.baseline!.unverified!.map((f) => f.ruleId)).toEqual(['vm-snapshots']);

    const other = makeScanResult();
    const usb = other.evaluation.findings.find((f) => f.ruleId === 'vm-usb-device')!;
    usb.moid = 'vm-999';
    usb.id = findingId(usb, VC);
    const r2 = judge(makeEvaluatedScan(), other);
    expect(statusOf(r2, (f) => f.ruleId === 'vm-usb-device')).toEqual(['new']);
    expect(r2.baseline!.resolved.map((f) => `${f.ruleId}@${f.moid}`)).toEqual(['vm-usb-device@vm-999']);
  });

  it('a baseline of another vCenter (no instanceUuid in common) is not compared: nothing new, a warning naming both (issue 17 §4)', () => {
    const prev = makeScanResult();
    prev.targets[0]!.server = 'vc-other.example.com';
    prev.targets[0]!.inventory!.vcenter.instanceUuid = 'aaaaaaaa-0000-0000-0000-000000000001';
    const r = judge(makeEvaluatedScan(), prev, 'other.json');
    expect(r.evaluation.findings.some((f) => f.status !== undefined)).toBe(false);
    expect(r.baseline).toMatchObject({ new: 0, unchanged: 0, notCompared: [{ server: SERVER, instanceUuid: UUID }] });
    expect(r.warnings).toEqual([
      {
        code: 'baseline-not-compared',
        message: expect.stringMatching(
          new RegExp(
            `^--baseline other\\.json: .*${UUID}.*vc-other\\.example\\.com \\(instanceUuid aaaaaaaa-0000-0000-0000-000000000001\\)`,
          ),
        ),
      },
    ]);
    expect(failOnExitCode(r, 'new-blocker')).toBe(0);
    expect(failOnExitCode(judge(makeEvaluatedScan(), undefined), 'new-blocker')).toBe(0); // as a first run
  });

  it('[hostile] the same URL answering with a new instanceUuid (rebuilt or restored) marks nothing new and names both uuids (issue 22 §6)', () => {
    const prev = makeScanResult();
    prev.targets[0]!.inventory!.vcenter.instanceUuid = 'bbbbbbbb-0000-0000-0000-000000000002';
    for (const f of prev.evaluation.findings) f.id = findingId(f, vcenterKey('bbbbbbbb-0000-0000-0000-000000000002', SERVER));
    const r = judge(makeEvaluatedScan(), prev);
    expect(r.evaluation.findings.filter((f) => f.status === 'new')).toEqual([]);
    expect(r.baseline!.notCompared).toEqual([
      { server: SERVER, instanceUuid: UUID, baselineServer: SERVER, baselineInstanceUuid: 'bbbbbbbb-0000-0000-0000-000000000002' },
    ]);
    expect(r.warnings![0]!.message).toContain(`has instanceUuid bbbbbbbb-0000-0000-0000-000000000002`);
    expect(r.warnings![0]!.message).toContain(`(instanceUuid ${UUID})`);
    expect(failOnExitCode(r, 'new-blocker')).toBe(0);
    expect(r.baseline!.resolved).toEqual([]); // the old vCenter's findings are not called resolved either
    expect(readScanJson(renderJson(r)).baseline!.notCompared).toHaveLength(1);
  });

  it('treats server spellings of the same vCenter as one', () => {
    const prev = makeScanResult();
    for (const f of prev.evaluation.findings) f.server = `https://${SERVER.toUpperCase()}/sdk`;
    prev.targets[0]!.server = `https://${SERVER.toUpperCase()}/sdk`;
    const r = judge(
      without(makeEvaluatedScan(), (f) => f.ruleId === 'vm-snapshots'),
      prev,
    );
    expect(r.evaluation.findings.every((f) => f.status === 'unchanged')).toBe(true);
    expect(r.baseline!.resolved.map((f) => f.ruleId)).toEqual(['vm-snapshots']);
  });

  it('does not call findings of an unreadable vCenter resolved', () => {
    const current = without(makeEvaluatedScan(), (f) => f.ruleId === 'vm-snapshots');
    current.targets[0]!.status = 'incomplete';
    const r = judge(current, makeScanResult());
    expect(r.baseline!.resolved).toEqual([]);
    expect(r.baseline!.unverified!.map((f) => f.ruleId)).toEqual(['vm-snapshots']);
  });

  it('does not modify its inputs', () => {
    const facts = makeEvaluatedScan();
    const prev = previousScan();
    judge(facts, prev);
    expect(facts).toEqual(makeEvaluatedScan());
    expect(facts.evaluation.findings.some((f) => f.status)).toBe(false);
    expect(prev).toEqual(previousScan());
  });

  it('is dropped when a stored result is judged again without one', () => {
    const once = judge(makeEvaluatedScan(), previousScan());
    const again = rejudge(once, {}, DAY);
    expect(again.baseline).toBeUndefined();
    expect(again.evaluation.findings.some((f) => f.status)).toBe(false);
    expect(again).toEqual(makeScanResult());
  });

  it('is shown in every format', () => {
    const r = judge(makeEvaluatedScan(), previousScan());
    const newMark: Record<string, string> = {
      table: 'vm-usb-device: USB device USB 1 is attached [new]',
      json: '"status":"new"',
      'csv-findings': ',VM power-off,new,',
      junit: 'blocker vm-usb-device: USB device USB 1 is attached [new]', // a VM's finding, one line (issue 24 §2)
      html: '<span class="badge st-new">new</span>',
      markdown: 'USB device USB 1 is attached (new)',
    };
    const resolvedMark: Record<string, string> = {
      table: 'resolved vm-disk-thin',
      json: '"status":"resolved"',
      'csv-findings': ',no downtime,resolved,',
      junit: 'resolved since baseline',
      html: '<span class="badge st-resolved">resolved</span>',
      markdown: '## Resolved since baseline',
    };
    // csv is one row per VM (its new_findings count); the findings themselves are in csv-findings
    for (const format of FORMATS.filter((f) => f !== 'csv')) {
      const out = renderText(format, r, { detail: true }); // the full listing (table and markdown)
      if (format !== 'csv-findings') expect(out, format).toContain('monday.json');
      expect(out, format).toContain('Hard disk 2 is thin provisioned');
      expect(out, format).toContain(newMark[format]);
      expect(out, format).toContain(resolvedMark[format]);
    }
    const back = readScanJson(renderText('json', r));
    expect(back.baseline).toMatchObject({ new: 1, unchanged: r.evaluation.findings.length - 1 });
    expect(back.baseline!.resolved[0]!.status).toBe('resolved');
  });
});

// The same estate reached through another URL: every `server` string changes, and each finding id is derived
// again the way the engine derives it (vCenter instanceUuid + what the finding is about).
function throughUrl(scan: EvaluatedScan, from: string, to: string): EvaluatedScan {
  const walk = (v: unknown): unknown =>
    v === from
      ? to
      : Array.isArray(v)
        ? v.map(walk)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  const out = walk(scan) as EvaluatedScan;
  const uuid = out.targets.find((t) => t.server === to)!.inventory!.vcenter.instanceUuid;
  const ids = new Map<string, string>();
  for (const f of out.evaluation.findings) {
    const id = findingId(f, vcenterKey(uuid, to));
    ids.set(f.id, id);
    f.id = id;
  }
  const ev = out.evaluation;
  for (const a of [...ev.vms, ...ev.clusters, ...ev.hosts, ...ev.datastores]) a.findingIds = a.findingIds.map((id) => ids.get(id)!);
  return out;
}

describe('baseline across URLs and schema versions (issue 8)', () => {
  const IP = 'https://10.0.0.5';

  it('a baseline built through one URL and compared through another shows nothing new', () => {
    const monday = judge(makeEvaluatedScan());
    const viaIp = throughUrl(makeEvaluatedScan(), SERVER, IP);
    // The URL really changed everywhere it is written.
    expect(JSON.stringify(viaIp)).not.toContain(`"${SERVER}"`);
    expect(viaIp.targets[0]!.server).toBe(IP);
    expect(viaIp.evaluation.findings.every((f) => f.server === IP)).toBe(true);
    // Without the vCenter's instanceUuid the URL would leak into the id: the uuid is what holds it stable.
    const f0 = viaIp.evaluation.findings[0]!;
    expect(findingId(f0, vcenterKey(undefined, IP))).not.toBe(findingId(f0, vcenterKey(undefined, SERVER)));

    for (const baseline of [monday, readScanJson(renderJson(monday))]) {
      const r = judge(viaIp, baseline);
      expect(r.baseline).toMatchObject({ new: 0, unchanged: monday.evaluation.findings.length, resolved: [] });
      expect(r.baseline!.unverified).toBeUndefined();
      expect(r.evaluation.findings.every((f) => f.status === 'unchanged')).toBe(true);
    }
    // ...and a finding fixed since is resolved, not "unverified": the vCenter is known to be read completely
    // whichever name reached it.
    const fixed = judge(
      without(throughUrl(makeEvaluatedScan(), SERVER, IP), (f) => f.ruleId === 'vm-snapshots'),
      monday,
    );
    expect(fixed.baseline).toMatchObject({ new: 0, unchanged: monday.evaluation.findings.length - 1 });
    expect(fixed.baseline!.resolved.map((f) => f.ruleId)).toEqual(['vm-snapshots']);
    expect(fixed.baseline!.unverified).toBeUndefined();
  });

  // vCenter's own answers (--ask-vcenter) on legacy-01: 2.x tells them apart by a discriminator (reason, else
  // fault); 1.x had none, so the upgrade derives it from the evidence.
  function withVcenterFindings(scan: EvaluatedScan): EvaluatedScan {
    const vm = scan.evaluation.vms.find((v) => v.moid === 'vm-201')!;
    const answers = [
      { fault: 'VmFaultToleranceTooManyVcpus', reason: null, ruleId: 'vm-vcpu-count' },
      { fault: 'VmFaultToleranceConfigIssue', reason: 'missingFTLoggingNic', ruleId: 'host-ft-logging-nic' },
    ];
    for (const a of answers) {
      const x = {
        server: SERVER,
        source: 'vcenter' as const,
        ruleId: a.ruleId,
        severity: 'blocker' as const,
        scope: 'vm' as const,
        objectType: 'VirtualMachine' as const,
        moid: vm.moid,
        name: vm.name,
        generation: 'legacy' as const,
        message: `vCenter: ${a.reason ?? a.fault}`,
        evidence: [
          {
            objectType: 'VirtualMachine' as const,
            moid: vm.moid,
            name: vm.name,
            path: 'QueryFaultToleranceCompatibilityEx',
            observed: { fault: a.fault, reason: a.reason },
          },
        ],
        remediation: 'as the rule says',
        disruption: 'none' as const,
        discriminator: a.reason ?? a.fault,
      };
      const f: Finding = { id: findingId(x, VC), ...x };
      scan.evaluation.findings.push(f);
      vm.findingIds.push(f.id);
    }
    return scan;
  }

  const v1Schema = JSON.parse(readFileSync(new URL('../../../docs/scan-result.v1.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const addFormatsCjs = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
  (addFormatsCjs.default ?? addFormatsCjs)(ajv);
  const validateV1 = ajv.compile(v1Schema);

  it('a baseline in the previous schema (1.x) shows nothing new against an unchanged estate', () => {
    const estate = () => withVcenterFindings(makeEvaluatedScan());
    const v1 = toV1(judge(estate()));
    const ok = validateV1(v1);
    expect(validateV1.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // Faithful to 1.x: no ids, host/cluster findings copied into each VM they touch.
    expect(JSON.stringify(v1)).not.toMatch(/"(id|findingIds|fixIds|discriminator)"/);
    expect(v1.evaluation.vms.find((v: any) => v.moid === 'vm-202').findings.map((f: any) => f.ruleId)).toEqual([
      'host-ft-logging-nic',
      'cluster-ha-admission-control',
    ]);

    const monday = readScanJson(JSON.stringify(v1), 'monday-v1.json');
    const r = judge(estate(), monday, 'monday-v1.json');
    expect(r.baseline).toMatchObject({ file: 'monday-v1.json', new: 0, unchanged: estate().evaluation.findings.length, resolved: [] });
    expect(r.baseline!.unverified).toBeUndefined();

    // Matching is by id, not by luck: a finding absent from the 1.x baseline is new.
    const noUsb = structuredClone(v1);
    for (const list of [noUsb.evaluation.findings, ...noUsb.evaluation.vms.map((v: any) => v.findings)]) {
      const i = list.findIndex((f: any) => f.ruleId === 'vm-usb-device');
      if (i >= 0) list.splice(i, 1);
    }
    const r2 = judge(estate(), readScanJson(JSON.stringify(noUsb)));
    expect(r2.evaluation.findings.filter((f) => f.status === 'new').map((f) => f.ruleId)).toEqual(['vm-usb-device']);
  });

  it('re-judging a 1.x report (`ftscan report`) gives the verdicts, fixes and counts the 1.x document had', () => {
    const v1 = toV1(judge(withVcenterFindings(makeEvaluatedScan())));
    expect(validateV1(v1)).toBe(true);
    const again = rejudge(readScanJson(JSON.stringify(v1)), {}, DAY);
    expect(again.schemaVersion).toBe('4.0');
    expect(again.causes?.list.length).toBeGreaterThan(0); // a 1.x report gets its causes on rejudge
    expect(again.evaluation.vms.map((v) => [v.moid, v.verdict])).toEqual(v1.evaluation.vms.map((v: any) => [v.moid, v.verdict]));
    for (const vm of again.evaluation.vms) {
      const old = v1.evaluation.vms.find((v: any) => v.moid === vm.moid);
      expect(
        fixesOf(again, vm).map(({ ruleId, remediation, disruption }) => ({ ruleId, remediation, disruption })),
        vm.moid,
      ).toEqual(old.fixes);
    }
    // The same counts; verdicts 1.x did not have (disputed, degraded, protected) are all 0.
    const upgraded = (c: Record<string, number>) => Object.fromEntries(VERDICTS.map((k) => [k, V1_VERDICTS.includes(k) ? c[k] : 0]));
    expect(again.evaluation.clusters.map((c) => c.counts)).toEqual(v1.evaluation.clusters.map((c: any) => upgraded(c.counts)));
    expect(again.summary).toEqual({ ...v1.summary, vms: upgraded(v1.summary.vms) });
    // Stored once now: as many findings as distinct ones in the 1.x document.
    expect(again.evaluation.findings).toHaveLength(v1.evaluation.findings.length);
  });
});
