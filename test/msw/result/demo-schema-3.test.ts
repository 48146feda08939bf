// Issue 21 (bytes): schema 3.0 writes each fact once. The demo estate scanned now gives the same finding ids and
// verdicts as the 2.2 report the previous version wrote (test/unit/result/fixtures/demo-2.2.json.gz), in a smaller
// file; and `ftscan report` renders a 2.2 report and its 3.0 rewrite into the same bytes, format by format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, demoEstate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { render } from '../../../src/report/json.js';
import { readScanJson } from '../../../src/result/read.js';
import { SCHEMA_VERSION, type ScanResult } from '../../../src/result/types.js';
import { run, tempDir } from '../cli/harness.js';

const v22Text = gunzipSync(readFileSync(new URL('../../unit/result/fixtures/demo-2.2.json.gz', import.meta.url))).toString('utf8');
// The demo's report as schema 3.0 wrote it (HEAD's build before 4.0, `npm run demo`).
const v30Text = gunzipSync(readFileSync(new URL('../../unit/result/fixtures/demo-3.0.json.gz', import.meta.url))).toString('utf8');

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(demoEstate()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

const verdicts = (r: ScanResult) => r.evaluation.vms.map((v) => `${v.moid} ${v.verdict} ${v.fixIds.join(',')}`).sort();

describe('schema 3.0 on the demo estate', () => {
  it('a scan now gives the finding ids and verdicts of the 2.2 report, in at most three quarters of its bytes', async () => {
    const dir = tempDir('ftscan-schema3-');
    const json = join(dir, 'scan.json');
    const r = await run(
      ['scan', '--server', server.url, '--user', DEMO_USER, '--ca-file', server.caFile, '--output', `json=${json}`, '--fail-on', 'none'],
      { env: { FTSCAN_PASSWORD: DEMO_PASSWORD } },
    );
    expect(r.code).toBe(0);
    const text = readFileSync(json, 'utf8');
    expect(JSON.parse(text).schemaVersion).toBe(SCHEMA_VERSION);
    const now = readScanJson(text, 'scan.json');
    const before = readScanJson(v22Text, 'demo-2.2.json');
    expect(now.evaluation.findings.map((f) => f.id).sort()).toEqual(before.evaluation.findings.map((f) => f.id).sort());
    expect(verdicts(now)).toEqual(verdicts(before));
    expect(now.summary).toEqual({ ...before.summary, soapCalls: now.summary.soapCalls });
    // The same findings, messages included (the server URL differs: another port); key order aside.
    const canon = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(canon)
        : x !== null && typeof x === 'object'
          ? Object.fromEntries(
              Object.keys(x)
                .sort()
                .map((k) => [k, canon((x as Record<string, unknown>)[k])]),
            )
          : x;
    const facts = (x: ScanResult) => x.evaluation.findings.map(({ server: _s, ...f }) => JSON.stringify(canon(f))).sort();
    expect(facts(now)).toEqual(facts(before));
    expect(text.length).toBeLessThanOrEqual(0.75 * v22Text.length);
  });

  it.each([
    ['2.2', v22Text],
    ['3.0', v30Text],
  ])(
    '`ftscan report` of the %s report and of its rewrite in the current schema write the same bytes in every format',
    async (version, oldText) => {
      const dir = tempDir('ftscan-schema3-');
      const v22 = join(dir, `demo-${version}.json`);
      const v3 = join(dir, 'demo-now.json');
      writeFileSync(v22, oldText);
      expect(JSON.parse(oldText).schemaVersion).toBe(version);
      writeFileSync(v3, render(readScanJson(oldText)));
      expect(JSON.parse(readFileSync(v3, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
      const formats = ['table', 'markdown', 'html', 'csv', 'csv-findings', 'junit', 'json'] as const;
      const outputs = async (input: string, tag: string) => {
        const r = await run(
          ['report', input, ...formats.flatMap((f) => ['--output', `${f}=${join(dir, `${tag}.${f}`)}`]), '--detail', '--fail-on', 'none'],
          {
            now: new Date('2026-12-08T00:00:00Z'),
          },
        );
        expect(r.code, r.stderr).toBe(0);
        return Object.fromEntries(formats.map((f) => [f, readFileSync(join(dir, `${tag}.${f}`), 'utf8')]));
      };
      const a = await outputs(v22, 'a');
      const b = await outputs(v3, 'b');
      for (const f of formats) expect(b[f], f).toBe(a[f]);
    },
  );
});
