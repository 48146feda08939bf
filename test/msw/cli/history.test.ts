// Issue 20 §4: --output-dir keeps a history of scheduled scans (timestamped run folders, `latest`, --keep, the
// previous run as baseline), `ftscan history DIR` prints the trend, and the HTML report in a run folder draws it.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { PASSWORD, run, smallEstate, tempDir, USER } from './harness.js';

const env = { FTSCAN_PASSWORD: PASSWORD };
let server: MockServer;
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];
const at = (hhmm: string) => new Date(`2026-12-0${hhmm.length > 4 ? hhmm[5] : '7'}T${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}:31.250Z`);

beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

const runsIn = (dir: string) =>
  readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n !== 'latest')
    .sort();

describe('scan --output-dir', () => {
  it('writes one folder per run, points latest at the newest, keeps --keep, uses the previous run as baseline', async () => {
    const dir = join(tempDir('ftscan-history-'), 'runs'); // created on the first run
    // Night 1: only the clean VM; nights 2 and 3: all three (two not ready: new findings against night 1).
    const r1 = await run(['scan', ...conn(), '--vm', 'web-01', '--output-dir', dir, '--fail-on', 'none'], { env, now: at('0200') });
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toBe(''); // the reports went to the folder, nothing on stdout under cron
    expect(runsIn(dir)).toEqual(['2026-12-07T0200Z']);
    expect(readlinkSync(join(dir, 'latest'))).toBe('2026-12-07T0200Z');
    expect(readdirSync(join(dir, '2026-12-07T0200Z')).sort()).toEqual(['report.html', 'scan.json']);
    const first = JSON.parse(readFileSync(join(dir, 'latest', 'scan.json'), 'utf8')) as ScanResult;
    expect(first.baseline).toBeUndefined();

    const xlsxElsewhere = join(tempDir(), 'ignored-dir', 'estate.xlsx'); // the file name is kept, the folder is the run's
    const r2 = await run(['scan', ...conn(), '--output-dir', dir, '--fail-on', 'none', '--output', `xlsx=${xlsxElsewhere}`], {
      env,
      now: at('0200-8'),
    });
    expect(r2.code, r2.stderr).toBe(0);
    const second = JSON.parse(readFileSync(join(dir, 'latest', 'scan.json'), 'utf8')) as ScanResult;
    expect(second.baseline?.file).toBe(join(dir, '2026-12-07T0200Z', 'scan.json'));
    expect(second.baseline!.new).toBeGreaterThan(0);
    expect(existsSync(join(dir, '2026-12-08T0200Z', 'estate.xlsx'))).toBe(true);
    const html = readFileSync(join(dir, 'latest', 'report.html'), 'utf8');
    expect(html).toContain('data-trend-runs="2"');
    expect(html).toMatch(/<svg class="trend"[\s\S]*<\/svg>/);
    expect(html).not.toMatch(/<script/i);

    const r3 = await run(['scan', ...conn(), '--output-dir', dir, '--keep', '2', '--fail-on', 'none'], { env, now: at('0200-9') });
    expect(r3.code, r3.stderr).toBe(0);
    expect(runsIn(dir)).toEqual(['2026-12-08T0200Z', '2026-12-09T0200Z']);
    expect(lstatSync(join(dir, 'latest')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'latest'))).toBe('2026-12-09T0200Z');
    const third = JSON.parse(readFileSync(join(dir, 'latest', 'scan.json'), 'utf8')) as ScanResult;
    expect(third.baseline?.file).toBe(join(dir, '2026-12-08T0200Z', 'scan.json'));
    expect(third.baseline!.new).toBe(0);

    // A second run in the same minute gets its own folder.
    const r4 = await run(['scan', ...conn(), '--output-dir', dir, '--keep', '5', '--fail-on', 'none'], { env, now: at('0200-9') });
    expect(r4.code, r4.stderr).toBe(0);
    expect(readlinkSync(join(dir, 'latest'))).toBe('2026-12-09T0200Z-2');

    // `ftscan history DIR`: per run the date, blocked, ready, ready with warnings, new, resolved.
    const h = await run(['history', dir]);
    expect(h.code, h.stderr).toBe(0);
    const lines = h.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run\s+finished\s+blocked\s+ready\s+ready with warnings\s+new\s+resolved$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[0])).toEqual(['2026-12-08T0200Z', '2026-12-09T0200Z', '2026-12-09T0200Z-2']);
    const cells = (l: string) => l.trim().split(/\s{2,}/);
    expect(cells(lines[1]!)).toEqual([
      '2026-12-08T0200Z',
      expect.stringMatching(/^2026-12-08T/),
      String(second.summary.vms.blocked ?? 0),
      String(second.summary.vms.ready ?? 0),
      String(second.summary.vms.warnings ?? 0),
      String(second.baseline!.new),
      String(second.baseline!.resolved.length),
    ]);
  });

  it('a run that reads no vCenter (exit 3) writes no run folder and leaves latest alone', async () => {
    const dir = tempDir('ftscan-history-');
    // What a run killed outright (SIGKILL) leaves behind: its staging folder, removed by the next run.
    mkdirSync(join(dir, '.incoming-2026-12-06T0200Z-2147483646', 'x'), { recursive: true });
    const ok = await run(['scan', ...conn(), '--output-dir', dir, '--fail-on', 'none'], { env, now: at('0200') });
    expect(ok.code, ok.stderr).toBe(0);
    const failed = await run(['scan', '--server', 'https://127.0.0.1:1', '--user', USER, '--output-dir', dir], { env, now: at('0300') });
    expect(failed.code).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['2026-12-07T0200Z', 'latest']);
    expect(readlinkSync(join(dir, 'latest'))).toBe('2026-12-07T0200Z');
  });

  it('history of a folder that does not exist is a one-line usage error', async () => {
    const r = await run(['history', join(tempDir(), 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
