// `npm run demo` as a user runs it: a real process serving the bundled estate over https and scanning it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/result/types.js';
import { render } from '../../../src/report/table.js';
import { tempDir } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;

describe('npm run demo', () => {
  it('scans the bundled estate through --ca-file and writes the HTML and JSON reports', async () => {
    const out = tempDir('ftscan-demo-');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'mocks/demo.ts'], {
      cwd: REPO,
      env: { ...process.env, FTSCAN_DEMO_OUT: out, NO_COLOR: '1' },
    });
    expect(stderr).toContain('--ca-file');
    expect(stdout).toContain(`HTML report: ${join(out, 'ftscan-demo.html')}`);
    const result = JSON.parse(readFileSync(join(out, 'ftscan-demo.json'), 'utf8')) as ScanResult;
    expect(result.complete).toBe(true);
    expect(result.evaluation.vms.length).toBeGreaterThan(100);
    const verdicts = new Set(result.evaluation.vms.map((v) => v.verdict));
    for (const v of ['ready', 'blocked', 'excluded'] as const) expect(verdicts).toContain(v);
    expect(readFileSync(join(out, 'ftscan-demo.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    // Sized for a person: what to fix first, then every VM not ready on a compact line (--detail for the rest).
    for (const vm of result.evaluation.vms.filter((v) => v.verdict === 'blocked'))
      expect(stdout).toMatch(new RegExp(`(^|  )${vm.name} \\d`, 'm'));
    expect(stdout).toMatch(/^What to fix first: \d+ causes block \d+ VMs/m);
    // 84: issue 16 §4 made five demo VMs with a disconnected client CD-ROM blocked (three more lines).
    expect(stdout.trimEnd().split('\n').length, stdout).toBeLessThanOrEqual(84);
    const at80 = render(result, { width: 80 });
    expect(at80.trimEnd().split('\n').length).toBeLessThanOrEqual(120);
    for (const line of at80.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  }, 120_000);
});
