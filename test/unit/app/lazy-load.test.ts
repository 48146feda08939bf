// `ftscan report` and `ftscan scan` load what they run: the vSphere client and the notification senders are loaded
// when a job needs them (src/app/index.ts, src/app/notify.ts), and every --output format is still written. Run as a
// user runs the installed package: bin/ftscan.js starting the ES module bundle (scripts/bundle-esm.ts), whose code
// splitting must keep those modules in chunks that only the runs needing them load; each chunk a run loads stands
// for the sources esbuild put in it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, demoEstate, startMockServer } from '../../../mocks/index.js';
import { bundleEsm } from '../../../scripts/bundle-esm.js';
import { renderText, makeScanResult } from '../report/fixtures.js';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ftscan-lazy-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// An installed package without sources: bin/, package.json, docs/, node_modules and the bundle in dist/bundle/.
const PKG = join(dir, 'pkg');
const sourcesOf = new Map<string, string[]>(); // bundle file URL -> the absolute paths of the sources in it
beforeAll(async () => {
  mkdirSync(join(PKG, 'bin'), { recursive: true });
  copyFileSync(join(REPO, 'bin/ftscan.js'), join(PKG, 'bin/ftscan.js'));
  copyFileSync(join(REPO, 'package.json'), join(PKG, 'package.json'));
  symlinkSync(join(REPO, 'docs'), join(PKG, 'docs'));
  symlinkSync(join(REPO, 'node_modules'), join(PKG, 'node_modules'));
  const meta = await bundleEsm(join(PKG, 'dist/bundle'));
  for (const [out, o] of Object.entries(meta.outputs))
    sourcesOf.set(
      pathToFileURL(resolve(out)).href,
      Object.keys(o.inputs).map((i) => resolve(i)),
    );
}, 120_000);

// A module hook that prints every module URL the process loads, one line each on stderr.
const HOOK = `export async function load(url, ctx, next) { const r = await next(url, ctx); process._rawDebug('LOADED ' + url); return r; }`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

const nodeArgs = () => ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, join(PKG, 'bin/ftscan.js')];

function ftscan(args: string[]) {
  const r = spawnSync(process.execPath, [...nodeArgs(), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return split(r);
}

// The CLI as a child while this process serves the mock vCenter.
function ftscanAsync(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...nodeArgs(), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<ReturnType<typeof split>>((done) => child.on('close', (status) => done(split({ status, stdout, stderr }))));
}

// The bundle ran (not the compiled modules, not the sources), and what it loaded, as source paths.
function loadedSources(urls: string[]): string[] {
  const own = urls.filter((u) => u.startsWith(pathToFileURL(REPO).href) && !u.includes('/node_modules/'));
  expect(own, 'modules of the checkout loaded instead of the bundle').toEqual([]);
  expect(urls.filter((u) => sourcesOf.has(u)).length).toBeGreaterThan(0);
  return urls.flatMap((u) => sourcesOf.get(u) ?? [u]);
}

function split(r: { status: number | null; stdout: string; stderr: string }) {
  const loaded = loadedSources(
    r.stderr
      .split('\n')
      .filter((l) => l.startsWith('LOADED '))
      .map((l) => l.slice(7)),
  );
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
