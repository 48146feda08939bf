// `npm run demo` as a user runs it: a real process serving the bundled estate over https and scanning it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readScanJson } from '../../../src/result/read.js';
import { renderReport } from '../../../src/report/index.js';
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
    const result = readScanJson(readFileSync(join(out, 'ftscan-demo.json'), 'utf8'));
    expect(result.complete).toBe(true);
    expect(result.evaluation.vms.length).toBeGreaterThan(100);
    const verdicts = new Set(result.evaluation.vms.map((v) => v.verdict));
    for (const v of ['ready', 'blocked', 'excluded'] as const) expect(verdicts).toContain(v);
    expect(readFileSync(join(out, 'ftscan-demo.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    // Sized for a person: what to fix first, then every VM not ready on a compact line (--detail for the rest).
    for (const vm of result.evaluation.vms.filter((v) => v.verdict === 'blocked'))
      expect(stdout).toMatch(new RegExp(`(^|  )${vm.name} \\d`, 'm'));
    expect(stdout).toMatch(/^What to fix first: \d+ causes block \d+ VMs/m);
    // Issue 17 §7: the first ten causes' fixes wrap (two lines a cause) instead of being cut, and each VM names its
    // first cause's rule beside the numbers: the 25-cause demo takes about 120 lines at 120 columns, 170 at 80.
    expect(stdout.trimEnd().split('\n').length, stdout).toBeLessThanOrEqual(122);
    const at80 = render(result, { width: 80 });
    expect(at80.trimEnd().split('\n').length).toBeLessThanOrEqual(170);
    for (const line of at80.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    // the fix of cause 1 is wrapped, not cut to what fits beside the counts
    const first = at80.split('\n').findIndex((l) => /^ +1 +\d+ +\d+ /.test(l));
    expect(at80.split('\n')[first + 1]).toMatch(/^ {6}\S/);
    // No control byte of ftscan's own in any text report of the demo (the HTML once held NULs: grep said binary).
    const ownControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
    for (const format of ['table', 'json', 'csv', 'csv-findings', 'junit', 'html', 'markdown'] as const) {
      expect(ownControl.test([...renderReport(format, result)].join('')), format).toBe(false);
    }
    expect(ownControl.test(readFileSync(join(out, 'ftscan-demo.html'), 'utf8'))).toBe(false);
  }, 120_000);
});
