// `ftscan report` loads what it runs: the vSphere client and the notification senders are loaded when a job needs
// them (src/app/index.ts, src/app/notify.ts), and every --output format is still written.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, demoEstate, startMockServer } from '../../../mocks/index.js';
import { renderText, makeScanResult } from '../report/fixtures.js';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ftscan-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A module hook that prints every module URL the process loads, one line each on stderr.
const HOOK = `export async function load(url, ctx, next) { const r = await next(url, ctx); process._rawDebug('LOADED ' + url); return r; }`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

const NODE_ARGS = ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, 'bin/ftscan.js'];

function ftscan(args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return split(r);
}

// The CLI as a child while this process serves the mock vCenter.
function ftscanAsync(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<ReturnType<typeof split>>((done) => child.on('close', (status) => done(split({ status, stdout, stderr }))));
}

function split(r: { status: number | null; stdout: string; stderr: string }) {
  const loaded = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice(7));
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('LOADED '))
    .join('\n');
  return { code: r.status, stdout: r.stdout, stderr, loaded };
}

describe('ftscan report loads only what it runs', () => {
  it('writes every file format, without loading the vSphere client or the notification senders', () => {
    const json = join(dir, 'scan.json');
    writeFileSync(json, renderText('json', makeScanResult()));
    const files = { json: 'again.json', csv: 'r.csv', html: 'r.html', junit: 'r.xml', markdown: 'r.md', xlsx: 'r.xlsx' };
    const outputs = Object.entries(files).flatMap(([format, file]) => ['--output', `${format}=${join(dir, file)}`]);
    const r = ftscan(['report', json, ...outputs, '--fail-on', 'none']);
    // The fixture's second vCenter failed: exit 4 whatever --fail-on says, and nothing else on stderr.
    expect(r.stderr).toMatch(/^ftscan: exit 4: .*\nftscan: vc2\.example\.com: failed\n*$/);
    expect(r.code).toBe(4);
    for (const file of Object.values(files)) expect(statSync(join(dir, file)).size, file).toBeGreaterThan(100);
    // The report read back and written again is the same report.
    expect(JSON.parse(readFileSync(join(dir, files.json), 'utf8')).evaluation).toEqual(JSON.parse(readFileSync(json, 'utf8')).evaluation);
    expect(r.loaded.some((u) => /\/app\/report\.[jt]s$/.test(u))).toBe(true);
    expect(
      r.loaded.filter((u) => /\/vsphere\/(transport|client|collect)\.[jt]s$|\/node_modules\/(node-fetch|nodemailer)\//.test(u)),
    ).toEqual([]);
    expect(r.loaded.filter((u) => /\/notify\/send\.[jt]s$|\/app\/scan\.[jt]s$/.test(u))).toEqual([]);
  }, 120_000);
});

describe('ftscan scan loads only what it runs', () => {
  it('writes its reports without loading the report reader (no --baseline), the notification senders or `report`', async () => {
    const server = await startMockServer(createMockVcenter(demoEstate()), { tls: true });
    try {
      const json = join(dir, 'scan-out.json');
      const csv = join(dir, 'scan-out.csv');
      const r = await ftscanAsync(
        [
          'scan',
          '--server',
          server.url,
          '--user',
          DEMO_USER,
          '--ca-file',
          server.caFile,
          '--output',
          `json=${json}`,
          '--output',
          `csv=${csv}`,
          '--fail-on',
          'none',
        ],
        { FTSCAN_PASSWORD: DEMO_PASSWORD },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(json, 'utf8')).evaluation.vms.length).toBeGreaterThan(0);
      expect(statSync(csv).size).toBeGreaterThan(100);
      expect(r.loaded.some((u) => /\/vsphere\/transport\.[jt]s$/.test(u))).toBe(true);
      expect(
        r.loaded.filter((u) =>
          /\/result\/read\.[jt]s$|\/app\/report\.[jt]s$|\/notify\/send\.[jt]s$|\/node_modules\/(ajv|nodemailer)\//.test(u),
        ),
      ).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});
