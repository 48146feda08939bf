import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../../../src/policy/index.js';
import { render } from '../../../src/report/json.js';
import { readScanJson, ReportFileError, schemaValidator } from '../../../src/result/read.js';
import { SCHEMA_VERSION, type ScanResult } from '../../../src/result/types.js';
import { findingId, vcenterKey } from '../../../src/rules/finding-id.js';
import { makeEvaluatedScan, makeScanResult, SERVER } from '../report/fixtures.js';
import { toV1 } from './v1.js';

// Independent validators built from the schema files, so the test does not trust the module under test.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const addFormatsCjs = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
(addFormatsCjs.default ?? addFormatsCjs)(ajv);
const schemaOf = (file: string) => JSON.parse(readFileSync(new URL(`../../../docs/${file}`, import.meta.url), 'utf8'));
const validate = ajv.compile(schemaOf('scan-result.schema.json'));
const validateV1 = ajv.compile(schemaOf('scan-result.v1.schema.json'));

// The demo's JSON report as the last 2.x version (2.2) wrote it, before schema 3.0 (`npm run demo` at 88e89d3).
const demo22Text = () => gunzipSync(readFileSync(new URL('./fixtures/demo-2.2.json.gz', import.meta.url))).toString('utf8');
const demo22 = () => JSON.parse(demo22Text());

function parsed(r: ScanResult = makeScanResult()): Record<string, any> {
  return JSON.parse(render(r));
}

// A result with every policy mark: a waiver, an expired waiver and a baseline with a resolved finding.
function marked(): ScanResult {
  const prev = makeScanResult();
  const thin = prev.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
  const thin2 = {
    ...thin,
    message: 'Hard disk 2 is thin provisioned',
    evidence: [{ ...thin.evidence[0]!, path: 'config.hardware.device[key=2001].backing.thinProvisioned' }],
  };
  prev.evaluation.findings.push({ ...thin2, id: findingId(thin2, vcenterKey(prev.targets[0]!.inventory!.vcenter.instanceUuid, SERVER)) });
  return applyPolicy(
    makeEvaluatedScan(),
    {
      waivers: [
        { rule: 'vm-usb-device', object: 'vm-104', reason: 'dongle', expires: '2026-12-31' },
        { rule: 'vm-snapshots', object: 'vm-103', reason: 'old', expires: '2026-01-01' },
      ],
      baseline: { file: 'monday.json', result: prev },
    },
    '2026-11-28',
  );
}

describe('readScanJson: round trip of a 3.x report', () => {
  it.each([
    ['plain', makeScanResult],
    ['with waivers and a baseline', marked],
  ])('%s: render -> read equals the result and validates', (_n, make) => {
    const r = make();
    if (make === marked) {
      expect(r.baseline!.resolved).toHaveLength(1);
      expect(r.evaluation.findings.some((f) => f.waived) && r.evaluation.findings.some((f) => f.expiredWaiver)).toBe(true);
    }
    const text = render(r);
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const back = readScanJson(text);
    expect(back).toEqual(r);
    expect(back).toEqual(JSON.parse(JSON.stringify(r)));
    expect(render(back)).toBe(text);
  });

  it('holds each finding once: its id is written once as an "id" field, then only referenced', () => {
    const r = makeScanResult();
    const text = render(r);
    for (const f of r.evaluation.findings) {
      expect(text.match(new RegExp(`"id":\\s*"${f.id}"`, 'g')), f.ruleId).toHaveLength(1);
      expect(text.split(JSON.stringify(f.message)).length - 1, f.ruleId).toBe(1);
    }
    // The host finding that blocks two legacy VMs is referenced by both and by its host, stored once.
    const nic = r.evaluation.findings.find((f) => f.ruleId === 'host-ft-logging-nic')!;
    // 4.0: its id only as its own "id"; the 2 VMs' and its host's findingIds and its cause hold its position
    expect(text.split(`"${nic.id}"`).length - 1).toBe(1);
    const at = r.evaluation.findings.indexOf(nic);
    const doc = JSON.parse(text);
    const holders = [...doc.evaluation.vms, ...doc.evaluation.hosts].filter((a: { findingIds: unknown[] }) => a.findingIds.includes(at));
    expect(holders).toHaveLength(2 + 1);
    expect(doc.causes.list.filter((c: { findingIds: unknown[] }) => c.findingIds.includes(at))).toHaveLength(1);
  });

  const broken: [string, (d: Record<string, any>) => void][] = [
    ['unknown verdict', (d) => (d.evaluation.vms[0].verdict = 'maybe')],
    ['finding without id', (d) => delete d.evaluation.findings[0].id],
    ['finding without ruleId', (d) => delete d.evaluation.findings[0].ruleId],
    ['VM without findingIds', (d) => delete d.evaluation.vms[0].findingIds],
    ['VM without fixIds', (d) => delete d.evaluation.vms[0].fixIds],
    ['a finding copied into a VM (1.x layout in a 2.x document)', (d) => (d.evaluation.vms[0].findingIds = [d.evaluation.findings[0]])],
    ['evidence without path', (d) => delete d.evaluation.findings[0].evidence[0].path],
    ['bad severity', (d) => (d.evaluation.findings[1].severity = 'critical')],
    ['complete but a target failed', (d) => (d.complete = true)],
    ['failed target without error', (d) => delete d.targets[1].error],
    ['credentials in the server', (d) => (d.targets[0].server = 'https://admin:secret@vc1.example.com')],
    ['counts missing a verdict', (d) => delete d.summary.vms.excluded],
    ['inventory without vms', (d) => delete d.targets[0].inventory.vms],
    ['not a date-time', (d) => (d.startedAt = 'yesterday')],
  ];
  it.each(broken)('rejects a broken document: %s', (_name, mutate) => {
    const doc = parsed();
    mutate(doc);
    expect(validate(doc)).toBe(false);
    expect(() => readScanJson(JSON.stringify(doc))).toThrow(ReportFileError);
  });

  it('explains in one line what is wrong with a file that is not a report', () => {
    const cases: [string, RegExp][] = [
      ['not json', /^scan\.json is not JSON \(.*\): pass a file written by --output json=FILE$/],
      [
        '{"hello":1}',
        /^scan\.json is not an ftscan report \(schemaVersion missing, expected 1\.x, 2\.x, 3\.x or 4\.x\): pass a file written by --output json=FILE$/,
      ],
      ['{"schemaVersion":"5.0"}', /^scan\.json is not an ftscan report \(schemaVersion "5\.0", expected 1\.x, 2\.x, 3\.x or 4\.x\)/],
      ['{"schemaVersion":"3.0"}', /^scan\.json is not a valid ftscan report \(schemaVersion 3\.0\): \/ must have required property 'tool'/],
      ['{"schemaVersion":2}', /^scan\.json is not an ftscan report \(schemaVersion 2, expected/],
      ['[]', /^scan\.json is not an ftscan report/],
    ];
    for (const [text, re] of cases) {
      try {
        readScanJson(text);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ReportFileError);
        expect((e as Error).message).toMatch(re);
        expect((e as Error).message).not.toContain('\n');
      }
    }
    const doc = parsed();
    doc.evaluation.vms[2].verdict = 'maybe';
    expect(() => readScanJson(JSON.stringify(doc), 'old.json')).toThrow(
      /^old\.json is not a valid ftscan report \(schemaVersion 4\.0\): \/evaluation\/vms\/2\/verdict must be equal to one of the allowed values/,
    );
  });

  it('accepts a later 4.x document with extra fields (forward compatible)', () => {
    const doc = parsed();
    doc.schemaVersion = '4.1';
    doc.evaluation.vms[0].somethingNew = { x: 1 };
    expect(readScanJson(JSON.stringify(doc)).schemaVersion).toBe('4.1');
  });

  it("validates with the schema of the document's major version", () => {
    expect(schemaValidator()(parsed())).toBe(true);
    expect(schemaValidator('4')(parsed())).toBe(true);
    // A 4.x document is no 3.x one: a 3.x reader would take what 4.0 leaves out (names, positions) for absent.
    expect(schemaValidator('3')(parsed())).toBe(false);
    expect(schemaValidator('2')(demo22())).toBe(true);
    expect(schemaValidator('2')(parsed())).toBe(false);
    expect(schemaValidator('1')(toV1(makeScanResult()))).toBe(true);
    expect(schemaValidator('1')(parsed())).toBe(false);
  });
});

describe('readScanJson: a 1.x report', () => {
  const v1 = () => toV1(makeScanResult());

  it('is a valid 1.x document (the fixture is honest)', () => {
    const ok = validateV1(v1());
    expect(validateV1.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate(v1())).toBe(false);
  });

  it('is brought to the current model: findings once, with the ids a scan of the same estate derives now', () => {
    const r = makeScanResult();
    const back = readScanJson(JSON.stringify(v1()), 'old.json');
    expect(back.schemaVersion).toBe(SCHEMA_VERSION);
    expect(back.evaluation.findings.map((f) => f.id)).toEqual(r.evaluation.findings.map((f) => f.id));
    const refs = (x: ScanResult) =>
      [...x.evaluation.vms, ...x.evaluation.clusters, ...x.evaluation.hosts, ...x.evaluation.datastores].map((a) => a.findingIds);
    expect(refs(back)).toEqual(refs(r));
    expect(back.evaluation.vms.map((v) => v.verdict)).toEqual(r.evaluation.vms.map((v) => v.verdict));
    for (const a of [...back.evaluation.vms, ...back.evaluation.clusters, ...back.evaluation.hosts, ...back.evaluation.datastores]) {
      expect(a, a.moid).not.toHaveProperty('findings'); // no copies left in assessments
    }
  });

  it('upgrades the baseline section of a 1.x report too', () => {
    const prev = makeScanResult();
    const thin = prev.evaluation.findings.find((f) => f.ruleId === 'vm-disk-thin')!;
    prev.evaluation.findings.push({
      ...thin,
      id: 'x',
      message: 'Hard disk 2 is thin provisioned',
      evidence: [{ ...thin.evidence[0]!, path: 'config.hardware.device[key=2001].backing.thinProvisioned' }],
    });
    const withBaseline = applyPolicy(makeEvaluatedScan(), { baseline: { file: 'monday.json', result: prev } }, '2026-11-28');
    const doc = toV1(withBaseline);
    expect(validateV1(doc)).toBe(true);
    const back = readScanJson(JSON.stringify(doc));
    expect(back.baseline!.file).toBe('monday.json');
    expect(back.baseline!.resolved).toHaveLength(1);
    expect(back.baseline!.resolved[0]!.id).toMatch(/^[0-9a-f]{20}$/);
    expect(back.baseline!.resolved[0]!.id).not.toBe(thin.id); // device key 2001, not 2000
  });

  it('rejects an invalid 1.x document naming its version', () => {
    const doc = v1();
    doc.evaluation.vms[2].verdict = 'maybe';
    expect(() => readScanJson(JSON.stringify(doc), 'old.json')).toThrow(
      /^old\.json is not a valid ftscan report \(schemaVersion 1\.0\): \/evaluation\/vms\/2\/verdict must be equal to one of the allowed values/,
    );
  });
});

describe('references', () => {
  it('a VM referencing a finding id that is not stored is refused with a one-line error', () => {
    const r = makeScanResult();
    r.evaluation.vms[0]!.findingIds.push('0123456789abcdef0123');
    expect(() => readScanJson(render(r), 'scan.json')).toThrow(
      /^scan\.json is not a valid ftscan report: \/evaluation\/vms\/0 references 0123456789abcdef0123, which names no finding/,
    );
  });
});
