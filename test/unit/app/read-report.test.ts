// A stored report read back (src/app/reports.ts readScanFile: the file in 1 MB pieces, ASCII pieces copied as
// they are, the rest decoded as UTF-8) and judged again under today's waivers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readScanFile } from '../../../src/app/reports.js';
import { applyPolicy, type Waiver } from '../../../src/policy/index.js';
import { render as renderJson } from '../../../src/report/json.js';
import { readScanJson } from '../../../src/result/read.js';
import { rejudge } from '../../../src/scan/pipeline.js';
import { UsageError } from '../../../src/util/errors.js';
import { makeEvaluatedScan } from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ftscan-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MB = 1 << 20;

describe('readScanFile', () => {
  // JSON allows whitespace between tokens: padding after the first "{" puts a chosen byte of the text at a chosen
  // offset of the file.
  const padded = (text: string, needle: string, at: number) => {
    const offset = Buffer.byteLength(text.slice(0, text.indexOf(needle)));
    return `{${' '.repeat(at - offset)}${text.slice(1)}`;
  };

  for (const [label, name, shift] of [
    ['a two-byte character split between two pieces', 'Zürich-db-01', 'Z'.length + 1],
    ['a four-byte character split between two pieces', 'app-😀-02', 'app-'.length + 2],
    ['a three-byte character ending a piece', 'café-€', 'café-'.length + 3],
  ] as const) {
    it(`reads ${label} (a name past the first MB) as written`, async () => {
      // The fixture's VM web-01 renamed everywhere the report names it.
      const text = renderJson(applyPolicy(makeEvaluatedScan(), {}, '2026-11-28')).replaceAll('"web-01"', JSON.stringify(name));
      const needle = JSON.stringify(name);
      // The name's multi-byte character straddles (or ends at) the 1 MB boundary of the file.
      const file = join(dir, `${shift}.json`);
      writeFileSync(file, padded(text, needle, MB - shift));
      const read = await readScanFile(file);
      expect(read.evaluation.vms.find((v) => v.moid === 'vm-101')!.name).toBe(name);
      expect(read.targets[0]!.inventory!.vms.find((v) => v.moid === 'vm-101')!.name).toBe(name);
      expect(read).toEqual(await readScanFile(writeAt(join(dir, `plain-${shift}.json`), text)));
    });
  }

  it('reads an ASCII report of several MB as written', async () => {
    const text = renderJson(applyPolicy(makeEvaluatedScan(), {}, '2026-11-28'));
    const big = padded(text, '"schemaVersion"', 3 * MB + 17);
    expect(await readScanFile(writeAt(join(dir, 'big.json'), big))).toEqual(await readScanFile(writeAt(join(dir, 'small.json'), text)));
  });

  it('a missing file, a folder or a file that is no report is one line naming it', async () => {
    await expect(readScanFile(join(dir, 'missing.json'))).rejects.toThrow(
      /^cannot read report .*missing\.json \(ENOENT\): check the path$/,
    );
    await expect(readScanFile(dir)).rejects.toThrow(/^cannot read report .* \(EISDIR\): check the path$/);
    const notJson = writeAt(join(dir, 'not.json'), 'hello');
    await expect(readScanFile(notJson)).rejects.toThrow(UsageError);
    await expect(readScanFile(notJson)).rejects.toThrow(/not\.json is not JSON/);
  });

  // The current schema by its precompiled validator, an older one by ajv (loaded for it): both as readScanJson.
  it('reads a current and an older report, and refuses an invalid one, as readScanJson does', async () => {
    const v30 = gunzipSync(readFileSync(new URL('../result/fixtures/demo-3.0.json.gz', import.meta.url))).toString('utf8');
    const current = renderJson(applyPolicy(makeEvaluatedScan(), {}, '2026-11-28'));
    for (const [name, text] of [
      ['v3.json', v30],
      ['v4.json', current],
    ] as const) {
      const file = writeAt(join(dir, name), text);
      expect(await readScanFile(file), name).toEqual(readScanJson(text, file));
    }
    const doc = JSON.parse(current);
    doc.evaluation.findings[0].severity = 'huge';
    const bad = writeAt(join(dir, 'bad.json'), JSON.stringify(doc));
    const refusal = (() => {
      try {
        readScanJson(JSON.stringify(doc), bad);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(refusal).toMatch(/bad\.json is not a valid ftscan report \(schemaVersion 4\.0\): \/evaluation\/findings\/0\/severity /);
    await expect(readScanFile(bad)).rejects.toThrow(UsageError);
    await expect(readScanFile(bad)).rejects.toThrow(refusal!);
  });
});

function writeAt(file: string, text: string): string {
  writeFileSync(file, text);
  return file;
}

describe('a stored report judged again', () => {
  const usb: Waiver = { rule: 'vm-usb-device', object: 'vm-104', reason: 'licence dongle until Q1 migration', expires: '2026-12-31' };

  it('marks the waiver expired once its day has passed, and the VM blocked again', async () => {
    const file = writeAt(join(dir, 'waived.json'), renderJson(applyPolicy(makeEvaluatedScan(), { waivers: [usb] }, '2026-11-28')));
    const stored = await readScanFile(file);
    const vm104 = (r: typeof stored) => r.evaluation.vms.find((v) => v.moid === 'vm-104')!;
    const usbFinding = (r: typeof stored) => r.evaluation.findings.find((f) => f.ruleId === 'vm-usb-device' && f.moid === 'vm-104')!;
    expect(usbFinding(stored).waived).toBeDefined();
    expect(vm104(stored).verdict).not.toBe('blocked');

    const later = rejudge(stored, { waivers: [usb] }, '2027-01-05');
    expect(usbFinding(later).waived).toBeUndefined();
    expect(usbFinding(later).expiredWaiver).toMatchObject({ expires: '2026-12-31' });
    expect(vm104(later).verdict).toBe('blocked');
    expect(vm104(later).fixIds).toContain(usbFinding(later).id);
    expect(later.summary.vms.blocked).toBe(stored.summary.vms.blocked + 1);

    // Judged again with the waiver still valid: the stored report as it was.
    expect(rejudge(stored, { waivers: [usb] }, '2026-11-28')).toEqual(stored);
  });
});
