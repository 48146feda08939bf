// `ftscan scan` as a user runs it (bin/ftscan.js in a child process, password from FTSCAN_PASSWORD)
// against the legacy55 vcsim, writing JSON and HTML; then the HTML report in headless Chromium
// (issue 5): no script errors, no network requests, counts equal to the JSON's, hostile names as text.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScanJson } from '../../src/result/read.js';
import type { ScanResult } from '../../src/result/types.js';
import { REPO, startVcsim, type Vcsim } from '../vcsim/harness.js';
import { launchChromium } from './chromium.js';

const VERDICTS = ['ready', 'warnings', 'blocked', 'unknown', 'excluded'] as const;
const SEVERITIES = ['blocker', 'warning', 'info', 'unknown'] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ftscan(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/ftscan.js'), ...args], {
      cwd: REPO,
      env: { ...process.env, FTSCAN_PASSWORD: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ftscan scan against the legacy55 vcsim', () => {
  let sim: Vcsim;
  let dir: string;
  let scan: Run;
  let json: ScanResult;
  let htmlFile: string;

  beforeAll(async () => {
    sim = await startVcsim({ scenario: 'legacy55' });
    dir = mkdtempSync(join(tmpdir(), 'ftscan-live-'));
    htmlFile = join(dir, 'scan.html');
    scan = await ftscan(
      [
        'scan',
        ...['--server', sim.url, '--user', sim.user, '--ca-file', sim.caFile],
        ...['--output', `json=${join(dir, 'scan.json')}`, '--output', `html=${htmlFile}`],
        ...[
          '--output',
          `csv=${join(dir, 'scan.csv')}`,
          '--output',
          `junit=${join(dir, 'scan.xml')}`,
          '--output',
          `markdown=${join(dir, 'scan.md')}`,
        ],
        '--detail', // Markdown: every VM in full (its default lists the VMs that are not ready)
      ],
      { FTSCAN_PASSWORD: sim.password },
    );
    // read back (schema 4.0 writes a VM's name once, in its inventory record)
    if (existsSync(join(dir, 'scan.json'))) json = readScanJson(readFileSync(join(dir, 'scan.json'), 'utf8'), 'scan.json');
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 when a VM is blocked (default --fail-on blocker) and writes a complete JSON report', () => {
    expect(scan.stderr).not.toContain(sim.password);
    const anyBlocked = sim.expected.vms!.some((v) => v.verdict === 'blocked');
    expect(anyBlocked).toBe(true);
    expect(scan.code).toBe(1);
    expect(json.complete).toBe(true);
    expect(json.targets[0]!.status).toBe('complete');
    expect(json.summary.soapCalls).toBeGreaterThan(0);
  });

  it('lists every VM of the vCenter with the verdict the scenario expects', () => {
    const byMoid = new Map(json.evaluation.vms.map((v) => [v.moid, v]));
    for (const ev of sim.expected.vms!) {
      const vm = byMoid.get(ev.moid);
      expect(vm, ev.name).toBeDefined();
      expect(vm!.name).toBe(ev.name);
      expect({ name: ev.name, verdict: vm!.verdict }).toEqual({ name: ev.name, verdict: ev.verdict });
    }
    expect(json.evaluation.vms).toHaveLength(sim.expected.counts.vms);
  });

  it('writes CSV, JUnit and Markdown from the same scan, each naming every VM', () => {
    for (const file of ['scan.csv', 'scan.xml', 'scan.md']) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const ev of sim.expected.vms!)
        expect({ file, vm: ev.moid, found: text.includes(ev.moid) }).toEqual({ file, vm: ev.moid, found: true });
    }
    // One JUnit testcase per VM: each blocked VM's testcase fails, each ready one passes.
    const junit = readFileSync(join(dir, 'scan.xml'), 'utf8');
    const cases = junit.split('<testcase ').slice(1);
    for (const ev of sim.expected.vms!) {
      const own = cases.filter((c) => c.includes(`<property name="moid" value="${ev.moid}"/>`) && c.includes('<property name="verdict"'));
      expect({ vm: ev.moid, testcases: own.length }).toEqual({ vm: ev.moid, testcases: 1 });
      if (ev.verdict === 'blocked') expect({ vm: ev.moid, fails: own[0]!.includes('<failure ') }).toEqual({ vm: ev.moid, fails: true });
      if (ev.verdict === 'ready')
        expect({ vm: ev.moid, passes: !/<(failure|error|skipped) /.test(own[0]!) }).toEqual({ vm: ev.moid, passes: true });
    }
    expect(junit).not.toContain('<img src=x');
  });

  it('exits 0 with --fail-on none, same report', async () => {
    const r = await ftscan(
      [
        'scan',
        '--server',
        sim.url,
        '--user',
        sim.user,
        '--ca-file',
        sim.caFile,
        '--fail-on',
        'none',
        '--output',
        `json=${join(dir, 'again.json')}`,
      ],
      { FTSCAN_PASSWORD: sim.password },
    );
    expect(r.code).toBe(0);
    const again = readScanJson(readFileSync(join(dir, 'again.json'), 'utf8'), 'again.json');
    expect(again.summary.vms).toEqual(json.summary.vms);
  });

  it('exits 3 with one line naming the cause for a wrong password', async () => {
    const wrong = `${sim.password}x`;
    const r = await ftscan(['scan', '--server', sim.url, '--user', sim.user, '--ca-file', sim.caFile], { FTSCAN_PASSWORD: wrong });
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/login|password|authenticat/i);
    expect(r.stderr + r.stdout).not.toContain(wrong);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 3 naming --ca-file when the certificate is not trusted', async () => {
    const r = await ftscan(['scan', '--server', sim.url, '--user', sim.user], { FTSCAN_PASSWORD: sim.password });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--ca-file');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  describe('the HTML report in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads without errors or network requests and shows the JSON counts', async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.route(/^(?!file:)/, (route) => route.abort()); // nothing may leave the machine
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });

      const count = async (selector: string): Promise<number> => Number(await page.locator(selector).textContent());
      for (const v of VERDICTS) {
        expect({ verdict: v, shown: await count(`[data-count-verdict="${v}"]`) }).toEqual({ verdict: v, shown: json.summary.vms[v] });
        expect(await page.locator(`details.vm[data-verdict="${v}"]`).count()).toBe(
          json.evaluation.vms.filter((x) => x.verdict === v).length,
        );
      }
      for (const s of SEVERITIES) {
        expect({ severity: s, shown: await count(`[data-count-severity="${s}"]`) }).toEqual({
          severity: s,
          shown: json.summary.findings[s],
        });
      }
      // Each VM's card (collapsed <details>) carries its verdict, and the hostile VM name is text, not markup.
      for (const vm of json.evaluation.vms) {
        await expect(page.locator(`details.vm[data-moid="${vm.moid}"]`).getAttribute('data-verdict')).resolves.toBe(vm.verdict);
      }
      const hostile = sim.expected.vms!.find((v) => v.name.includes('<img'))!;
      await expect(page.locator(`details.vm[data-moid="${hostile.moid}"] > summary`).textContent()).resolves.toContain(hostile.name);
      expect(await page.locator('img[src="x"]').count()).toBe(0);

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    });
  });
});
