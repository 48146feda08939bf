// Bounded work on the policy stage's local input (issue 22 §5): a huge waivers file either loads or gets a
// one-line error stating the limit (under a 256 MB heap), deep nesting in a waiver glob or in a report read
// back is a one-line exit-2 error naming the input — never a stack overflow blamed on something else.
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import { MAX_WAIVERS } from '../../../src/policy/waivers.js';
import { PASSWORD, run, smallEstate, tempDir, USER, type Run } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;
let server: MockServer;
let dir: string;
let report: string;

beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
  dir = tempDir('ftscan-policy-input-');
  report = join(dir, 'scan.json');
  const r = await run(
    ['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--output', `json=${report}`, '--fail-on', 'none'],
    { env: { FTSCAN_PASSWORD: PASSWORD } },
  );
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await server?.close();
});

function oneLine(r: Run): string {
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return lines[0]!;
}

function waivers(file: string, n: number): string {
  const path = join(dir, file);
  const fd = openSync(path, 'w');
  writeSync(fd, 'waivers:\n');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `  - rule: vm-usb-devices\n    object: vm-${i}\n    reason: accepted risk number ${i}\n    expires: 2027-01-01\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return path;
}

// `ftscan report` in a child process with a 256 MB heap, as the issue measured it.
function small(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', join(REPO, 'bin/ftscan.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}

describe('waivers file bounds', () => {
  it('[local] a 1,000,000-entry waivers file (99 MB): one line stating the limit before it is read, exit 2; 20,000 entries: the same', async () => {
    const big = waivers('million.yaml', 1_000_000);
    const r = await run(['report', report, '--waivers', big, '--output', `json=${join(dir, 'out.json')}`]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(
      /^ftscan: waivers file .*million\.yaml is \d+\.\d MB: at most 4 MB and 10,000 waivers; cover many objects with one glob/,
    );
    const r2 = await run([
      'report',
      report,
      '--waivers',
      waivers('twenty.yaml', 2 * MAX_WAIVERS),
      '--output',
      `json=${join(dir, 'out.json')}`,
    ]);
    expect(r2.code).toBe(2);
    expect(oneLine(r2)).toMatch(/waivers file .*twenty\.yaml has 20,000 waivers: at most 10,000 waivers/);
  }, 120_000);

  it('[local] the largest waivers file allowed (10,000 entries) loads under a 256 MB heap', async () => {
    const file = waivers('max.yaml', MAX_WAIVERS);
    const r = await small(['report', report, '--waivers', file, '--output', `json=${join(dir, 'max.json')}`, '--fail-on', 'none']);
    expect(r.stderr).not.toMatch(/heap|out of memory|internal error/i);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, 'max.json'), 'utf8'));
    expect(out.waivers.applied).toBe(0);
  }, 180_000);

  it('[local] 20,000 nested braces in a waiver glob: one line naming the file and entry, exit 2', async () => {
    const file = join(dir, 'braces.yaml');
    writeFileSync(
      file,
      `- rule: vm-usb-devices\n  object: "${'{'.repeat(20_000)}a${'}'.repeat(20_000)}"\n  reason: test\n  expires: 2027-01-01\n`,
    );
    const r = await run(['report', report, '--waivers', file, '--output', `json=${join(dir, 'out.json')}`]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(
      /^ftscan: waivers file .*braces\.yaml: entry 1 \(line 1\): "object" nests braces 20000 deep \(at most 16\)$/,
    );
  });
});

describe('a report read back', () => {
  it('[local] evidence nested 100,000 deep: one line naming the input (not the output directory), exit 2', async () => {
    const text = readFileSync(report, 'utf8');
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, text.replace('"observed":', `"observed":${'['.repeat(100_000)}${']'.repeat(100_000)},"x":`));
    const r = await run(['report', deep, '--output', `html=${join(dir, 'deep.html')}`]);
    expect(r.code).toBe(2);
    const line = oneLine(r);
    expect(line).toContain('deep.json nests more than 200 levels deep');
    expect(line).not.toContain('deep.html');
  });
});
