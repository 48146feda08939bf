import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { readScanJson, render, ReportFileError } from '../../../src/report/json.js';
import type { ScanResult } from '../../../src/scan/result.js';
import { FAILED_SERVER, makeScanResult, XSS_NAME } from './fixtures.js';

// An independent validator built from the schema file, so the test does not trust the module under test.
const schema = JSON.parse(readFileSync(new URL('../../../docs/scan-result.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const addFormatsCjs = addFormatsModule as unknown as { default?: typeof addFormatsModule } & typeof addFormatsModule;
const addFormats = addFormatsCjs.default ?? addFormatsCjs;
addFormats(ajv);
const validate = ajv.compile(schema);

function parsed(r: ScanResult = makeScanResult()): Record<string, any> {
  return JSON.parse(render(r));
}

describe('json report', () => {
  it('validates against docs/scan-result.schema.json', () => {
    const ok = validate(parsed());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('carries every VM with name, moid, verdict and findings with evidence, plus metadata and inventory', () => {
    const doc = parsed();
    expect(doc.schemaVersion).toBe('1.0');
    expect(Object.keys(doc).slice(0, 3)).toEqual(['schemaVersion', 'tool', 'startedAt']);
    expect(doc.evaluation.vms).toHaveLength(9);
    const xss = doc.evaluation.vms.find((v: any) => v.moid === 'vm-103');
    expect(xss).toMatchObject({ name: XSS_NAME, verdict: 'blocked' });
    expect(xss.findings[0].evidence[0]).toHaveProperty('path');
    expect(doc.targets[0].inventory.vms).toHaveLength(9);
    expect(doc.targets[0].inventory.stats.soapCalls).toBe(14);
    expect(doc.targets[1]).toMatchObject({ server: FAILED_SERVER, status: 'failed' });
    expect(doc.complete).toBe(false);
  });

  it('is 2-space indented, ends with a newline, and has a key order independent of insertion order', () => {
    const a = makeScanResult();
    const b = makeScanResult();
    const vm = b.evaluation.vms[0]!;
    // Same data, keys inserted in reverse order.
    b.evaluation.vms[0] = Object.fromEntries(Object.entries(vm).reverse()) as typeof vm;
    const text = render(a);
    expect(text).toBe(render(b));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": "1.0",');
  });

  it('round-trips through readScanJson', () => {
    const r = makeScanResult();
    const back = readScanJson(render(r));
    expect(back).toEqual(JSON.parse(JSON.stringify(r)));
    expect(render(back)).toBe(render(r));
  });

  it('never emits a bigint, and keeps a stray huge bigint exact as a string', () => {
    const r = makeScanResult();
    r.evaluation.findings[0]!.evidence[0]!.observed = { small: 5n, huge: 2n ** 64n };
    const doc = parsed(r);
    expect(doc.evaluation.findings[0].evidence[0].observed).toEqual({ small: 5, huge: '18446744073709551616' });
  });

  const broken: [string, (d: Record<string, any>) => void][] = [
    ['unknown verdict', (d) => (d.evaluation.vms[0].verdict = 'maybe')],
    ['finding without ruleId', (d) => delete d.evaluation.findings[0].ruleId],
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
      ['{"hello":1}', /^scan\.json is not an ftscan report \(schemaVersion missing, expected 1\.x\)/],
      ['{"schemaVersion":"2.0"}', /^scan\.json is not an ftscan report \(schemaVersion "2\.0", expected 1\.x\)/],
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
      /^old\.json is not a valid ftscan report \(schemaVersion 1\.0\): \/evaluation\/vms\/2\/verdict must be equal to one of the allowed values/,
    );
  });

  it('accepts a later 1.x document with extra fields (forward compatible)', () => {
    const doc = parsed();
    doc.schemaVersion = '1.3';
    doc.evaluation.vms[0].somethingNew = { x: 1 };
    expect(readScanJson(JSON.stringify(doc)).schemaVersion).toBe('1.3');
  });
});
