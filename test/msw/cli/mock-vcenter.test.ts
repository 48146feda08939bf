// `npm run mock-vcenter` and `npm run bundle` as a new user meets them: the mock vCenter as a real process that
// prints how to reach it, and the single-file CLI, copied alone into a directory without node_modules or docs/,
// scanning it with --ca-file and --password-file and merging the report it wrote.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USER } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { tempDir } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const exec = promisify(execFile);

function startMock(dir: string): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/mock-vcenter.ts', '--port', '0', '--dir', dir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\ntry: ')) resolve({ child, out });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`mock-vcenter exited ${code}: ${out}`)));
  });
}

describe('npm run mock-vcenter and the bundled CLI', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the demo estate, says how to reach it, and the lone bundle scans it and merges the report', async () => {
    const work = tempDir('ftscan-bundle-');
    const state = join(work, 'mock');
    const started = await startMock(state);
    child = started.child;
    const url = /URL: +(https:\/\/127\.0\.0\.1:\d+)/.exec(started.out)?.[1];
    expect(url, started.out).toBeDefined();
    expect(started.out).toContain(`CA file:       ${join(state, 'ca.pem')}`);
    expect(started.out).toContain(`user:          ${DEMO_USER}`);
    expect(started.out).toContain(`password:      ${DEMO_PASSWORD}`);
    expect(readFileSync(join(state, 'password'), 'utf8')).toBe(DEMO_PASSWORD);
    expect(started.out).toContain(`try: npx ftscan scan --config ${join(state, 'ftscan.yaml')}`);

    await exec(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts', join(REPO, 'build', 'test-bundle.cjs')], { cwd: REPO });
    const cli = join(work, 'ftscan.cjs');
    copyFileSync(join(REPO, 'build', 'test-bundle.cjs'), cli);
    const node = (args: string[]) => exec(process.execPath, [cli, ...args], { cwd: work, env: { PATH: process.env.PATH ?? '' } });

    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect((await node(['--version'])).stdout.trim()).toBe(pkg.version);

    const json = join(work, 'scan.json');
    const args = ['--user', DEMO_USER, '--ca-file', join(state, 'ca.pem'), '--password-file', join(state, 'password')];
    await node([
      'scan',
      '--server',
      url!,
      ...args,
      '--output',
      `json=${json}`,
      '--output',
      `xlsx=${join(work, 'scan.xlsx')}`,
      '--fail-on',
      'none',
    ]);
    const result = JSON.parse(readFileSync(json, 'utf8')) as ScanResult;
    expect(result.complete).toBe(true);
    expect(result.evaluation.vms.length).toBeGreaterThan(100);
    // The config file it wrote connects on its own.
    const viaConfig = join(work, 'config.json');
    await node(['scan', '--config', join(state, 'ftscan.yaml'), '--output', `json=${viaConfig}`, '--fail-on', 'none']);
    expect((JSON.parse(readFileSync(viaConfig, 'utf8')) as ScanResult).complete).toBe(true);

    // `report` validates against the schema inlined in the bundle (no docs/ beside it) and renders offline.
    const merged = await node(['report', json, '--output', 'markdown=-', '--fail-on', 'none']);
    expect(merged.stdout).toMatch(/^# FT readiness report/);
    expect(merged.stderr).toBe('');

    // The README's "Try it without a vCenter" commands, word for word (the bundle for `npx ftscan`, this mock's
    // port and directory for the defaults): each runs, `plan` exits 1 as the README says (its VMs are blocked).
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /## Try it without a vCenter[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const commands = block!
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(commands.map((c) => /ftscan (\w+)/.exec(c)?.[1] ?? c.split(' ')[0])).toEqual(
      expect.arrayContaining(['scan', 'plan', 'report', 'privileges', 'explain']),
    );
    for (const line of commands) {
      const command = line
        .replaceAll('npx ftscan', `"${process.execPath}" "${cli}"`)
        .replaceAll('https://127.0.0.1:8443', url!)
        .replaceAll('.mock-vcenter/', `${state}/`);
      const code = await exec('bash', ['-c', command], { cwd: work }).then(
        () => 0,
        (e: { code: number; stderr: string }) =>
          e.code === 1 && / plan /.test(line) ? 1 : Promise.reject(new Error(`${line}: ${e.stderr}`)),
      );
      expect(code, line).toBe(/ plan /.test(line) ? 1 : 0);
    }

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
});
