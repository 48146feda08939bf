// The outputs a scheduled scan feeds other tools with, from the command line: the Excel workbook and the
// Prometheus textfile (issue 12), for `scan` and for `report` re-rendering a stored JSON report.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import { readScanJson } from '../../../src/result/read.js';
import { toV1 } from '../../unit/result/v1.js';
import { PASSWORD, run, smallEstate, tempDir, USER } from './harness.js';

let server: MockServer;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

type Family = { name: string; metrics: { value: string; labels?: Record<string, string> }[] };

describe('--output xlsx and prom', () => {
  it('scan writes a workbook and a textfile that agree with the JSON report; report re-renders them from it', async () => {
    const dir = tempDir();
    const json = join(dir, 'scan.json');
    const r = await run(
      [
        'scan',
        ...conn(),
        '--output',
        `json=${json}`,
        '--output',
        `xlsx=${join(dir, 'scan.xlsx')}`,
        '--output',
        join(dir, 'ftscan.prom'),
        '--fail-on',
        'none',
      ],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = readScanJson(readFileSync(json, 'utf8'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'scan.xlsx'));
    const vms = wb.getWorksheet('VMs')!;
    expect(vms.rowCount - 1).toBe(result.evaluation.vms.length);
    const header = (vms.getRow(1).values as unknown[]).slice(1);
    const names = vms.getColumn(header.indexOf('VM') + 1).values.slice(2);
    expect(new Set(names)).toEqual(new Set(result.evaluation.vms.map((v) => v.name)));
    const prom = parsePrometheusTextFormat(readFileSync(join(dir, 'ftscan.prom'), 'utf8')) as Family[];
    const up = prom.find((f) => f.name === 'ftscan_target_up')!;
    expect(up.metrics).toEqual([{ value: '1', labels: { vcenter: server.url } }]);
    const blocked = prom
      .find((f) => f.name === 'ftscan_vms')!
      .metrics.filter((m) => m.labels?.verdict === 'blocked')
      .reduce((n, m) => n + Number(m.value), 0);
    expect(blocked).toBe(result.summary.vms.blocked);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const again = await run([
      'report',
      json,
      '--fail-on',
      'none',
      '--output',
      `xlsx=${join(dir, 'again.xlsx')}`,
      '--output',
      `prom=${join(dir, 'again.prom')}`,
    ]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(join(dir, 'again.xlsx'));
    expect(wb2.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
    expect(readFileSync(join(dir, 'again.prom'), 'utf8')).toContain('ftscan_vms{');
  });

  it('a workbook to stdout is a usage error naming the fix, before connecting', async () => {
    const r = await run(['scan', ...conn(), '--output', 'xlsx=-'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xlsx=-.*binary.*give a file/);
  });

  it('a failed vCenter is up 0 and keeps the last successful scan time of the previous textfile', async () => {
    const dir = tempDir();
    // Two self-signed certificates with one subject cannot share a --ca-file: --insecure (loopback only).
    const other = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
    const file = join(dir, 'ftscan.prom');
    const args = [
      'scan',
      '--server',
      server.url,
      '--server',
      other.url,
      '--user',
      USER,
      '--insecure',
      '--output',
      `prom=${file}`,
      '--fail-on',
      'none',
    ];
    const first = await run(args, { env });
    expect(first.code).toBe(0);
    const before = parsePrometheusTextFormat(readFileSync(file, 'utf8')) as Family[];
    const lastOf = (fs: Family[]) =>
      fs.find((f) => f.name === 'ftscan_last_successful_scan_timestamp_seconds')!.metrics.find((m) => m.labels?.vcenter === other.url);
    const last = lastOf(before);
    expect(Number(last?.value)).toBeGreaterThan(1.7e9);
    await other.close();
    const failed = await run(args, { env });
    expect(failed.code).toBe(4); // a vCenter failed; the reports are still written
    const after = parsePrometheusTextFormat(readFileSync(file, 'utf8')) as Family[];
    expect(after.find((f) => f.name === 'ftscan_target_up')!.metrics.find((m) => m.labels?.vcenter === other.url)!.value).toBe('0');
    expect(lastOf(after)).toEqual(last);
  });
});

const TOKEN = 'hookKey-5d81c0e2';

async function hookReceiver(): Promise<{ url: string; bodies: Record<string, any>[]; close: () => Promise<void> }> {
  const bodies: Record<string, any>[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, any>);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${TOKEN}`;
  return { url, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notify: from the YAML config', () => {
  it('posts after the reports are written; an undeliverable channel is a warning, not a new exit code, and no secret is printed or logged', async () => {
    const dir = tempDir();
    const hook = await hookReceiver();
    const dead = await hookReceiver();
    await dead.close();
    try {
      const config = join(dir, 'ftscan.yaml');
      writeFileSync(
        config,
        [
          'notify:',
          '  - type: webhook',
          '    name: ops',
          '    url-env: OPS_HOOK',
          '    when: always',
          '  - type: slack',
          '    name: gone',
          '    url-env: GONE_HOOK',
          '    when: [always]',
          '  - type: teams',
          '    name: only-new',
          '    url-env: OPS_HOOK',
          '',
        ].join('\n'),
      );
      const json = join(dir, 'scan.json');
      const log = join(dir, 'ftscan.log');
      const envs = { ...env, OPS_HOOK: hook.url, GONE_HOOK: dead.url };
      const base = await run(['scan', ...conn(), '--output', `json=${json}`, '--fail-on', 'none'], { env });
      expect(base.code).toBe(0);
      const r = await run(
        [
          'scan',
          ...conn(),
          '--config',
          config,
          '--output',
          `json=${json}`,
          '--baseline',
          json,
          '--fail-on',
          'none',
          '--log-file',
          log,
          '--log-level',
          'debug',
        ],
        { env: envs },
      );
      expect(r.code).toBe(0); // the dead channel changes nothing
      expect(readdirSync(dir)).toContain('scan.json');
      // 'always' fired; 'only-new' (new-blockers, the default) did not: nothing is new against the baseline.
      expect(hook.bodies).toHaveLength(1);
      expect(hook.bodies[0]!.tool).toBe('ftscan');
      expect(hook.bodies[0]!.reports).toEqual([{ format: 'json', file: json }]);
      expect(hook.bodies[0]!.newBlockers).toEqual([]);
      expect(r.stderr).toMatch(/ftscan: warning: notification gone \(slack\) not delivered: .*ECONNREFUSED.*exit code is unchanged/);
      const logText = readFileSync(log, 'utf8');
      expect(logText).toContain('notification gone (slack) not delivered');
      for (const text of [r.stderr, logText, readFileSync(json, 'utf8')]) expect(text).not.toContain(TOKEN);
    } finally {
      await hook.close();
    }
  });

  it('a vCenter that cannot be read sends the failure channels saying FAILED and why, then exits 3 as before', async () => {
    const dir = tempDir();
    const hook = await hookReceiver();
    try {
      const config = join(dir, 'ftscan.yaml');
      writeFileSync(config, 'notify:\n  - type: webhook\n    url-env: OPS_HOOK\n    when: failure\n');
      const r = await run(['scan', ...conn(), '--config', config, '--output', `json=${join(dir, 'scan.json')}`], {
        env: { FTSCAN_PASSWORD: 'wrong-password', OPS_HOOK: hook.url },
      });
      expect(r.code).toBe(3);
      expect(readdirSync(dir)).not.toContain('scan.json');
      expect(hook.bodies).toHaveLength(1);
      const body = hook.bodies[0]!;
      expect(body.failedTargets[0]).toMatchObject({ server: server.url, status: 'failed' });
      expect(body.failedTargets[0].error).toMatch(/login failed/);
      // Not an all-clear: FAILED and why, first, and no zero counts.
      expect(body.status).toBe('failed');
      expect(body.failure).toMatch(/^FAILED: nothing scanned, the vCenter was not read \(.*login failed/);
      expect(body.subject).toMatch(/^ftscan FAILED: nothing scanned/);
      expect(body.subject).not.toMatch(/\b0 (blocked|ready)/);
      expect(body.text.split('\n')[0]).toBe(body.failure);
      expect(body.text).not.toMatch(/^VMs: /m);
    } finally {
      await hook.close();
    }
  });

  it('exit 3 still writes the Prometheus file: up 0, last success carried over, run success 0; no other report', async () => {
    const dir = tempDir();
    const prom = join(dir, 'ftscan.prom');
    const json = join(dir, 'scan.json');
    const argv = ['scan', ...conn(), '--output', `prom=${prom}`, '--output', `json=${json}`, '--fail-on', 'none'];
    const good = await run(argv, { env: { FTSCAN_PASSWORD: PASSWORD } });
    expect(good.code).toBe(0);
    const before = parsePrometheusTextFormat(readFileSync(prom, 'utf8')) as Family[];
    const jsonBefore = readFileSync(json, 'utf8');
    const metric = (fs: Family[], name: string) => fs.find((f) => f.name === name)?.metrics;
    expect(metric(before, 'ftscan_last_run_success')).toEqual([{ value: '1' }]);
    const failed = await run(argv, { env: { FTSCAN_PASSWORD: 'wrong-password' } });
    expect(failed.code).toBe(3);
    const after = parsePrometheusTextFormat(readFileSync(prom, 'utf8')) as Family[];
    expect(metric(after, 'ftscan_target_up')).toEqual([{ value: '0', labels: { vcenter: server.url } }]);
    expect(metric(after, 'ftscan_last_run_success')).toEqual([{ value: '0' }]);
    expect(metric(after, 'ftscan_last_successful_scan_timestamp_seconds')).toEqual(
      metric(before, 'ftscan_last_successful_scan_timestamp_seconds'),
    );
    expect(readFileSync(json, 'utf8')).toBe(jsonBefore); // the report (and the next run's baseline) survives
  });

  it("[local] a url-env not set in this run's environment is a warning naming the variable, never exit 2", async () => {
    const dir = tempDir();
    const hook = await hookReceiver();
    try {
      const config = join(dir, 'ftscan.yaml');
      writeFileSync(
        config,
        'notify:\n  - {type: slack, name: chat, url-env: FTSCAN_SLACK_URL, when: always}\n  - {type: webhook, name: ops, url-env: OPS_HOOK, when: always}\n' +
          `  - {type: teams, name: teams, url-file: ${join(dir, 'missing-url')}, when: always}\n`,
      );
      const r = await run(['scan', ...conn(), '--config', config, '--output', `json=${join(dir, 'scan.json')}`, '--fail-on', 'none'], {
        env: { ...env, OPS_HOOK: hook.url },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(dir)).toContain('scan.json');
      expect(hook.bodies).toHaveLength(1); // the other channels still go out
      expect(r.stderr).toMatch(
        /ftscan: warning: notification chat \(slack\) not delivered: environment variable FTSCAN_SLACK_URL \(url-env\) is not set.*exit code is unchanged/,
      );
      expect(r.stderr).toMatch(/notification teams \(teams\) not delivered: cannot read url-file .*missing-url \(ENOENT\)/);
    } finally {
      await hook.close();
    }
  });

  it('ftscan notify --test sends a test message on each channel and names the one that failed', async () => {
    const dir = tempDir();
    const hook = await hookReceiver();
    const dead = await hookReceiver();
    await dead.close();
    try {
      const config = join(dir, 'ftscan.yaml');
      writeFileSync(config, 'notify:\n  - {type: webhook, name: ops, url-env: OPS_HOOK, when: failure}\n');
      const ok = await run(['notify', '--test', '--config', config], { env: { OPS_HOOK: hook.url } });
      expect(ok.code, ok.stderr).toBe(0);
      expect(hook.bodies).toHaveLength(1);
      expect(hook.bodies[0]).toMatchObject({ tool: 'ftscan', status: 'test', subject: 'ftscan TEST: notification channel check' });
      expect(ok.stderr).toContain('notification ops (webhook): test message sent');
      writeFileSync(
        config,
        'notify:\n  - {type: webhook, name: ops, url-env: OPS_HOOK}\n  - {type: slack, name: gone, url-env: GONE}\n  - {type: teams, name: unset, url-env: NOT_SET}\n',
      );
      const bad = await run(['notify', '--test', '--config', config], { env: { OPS_HOOK: hook.url, GONE: dead.url } });
      expect(bad.code).toBe(1);
      expect(hook.bodies).toHaveLength(2);
      expect(bad.stderr).toMatch(/notification gone \(slack\): test message not delivered: .*ECONNREFUSED/);
      expect(bad.stderr).toMatch(/notification unset \(teams\): test message not delivered: environment variable NOT_SET/);
      expect(bad.stderr).toMatch(/2 of 3 notification channel\(s\) failed: gone, unset/);
      expect(bad.stderr).not.toContain(TOKEN);
      const none = await run(['notify', '--test'], { env: {} });
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/no notification channel configured/);
    } finally {
      await hook.close();
    }
  });

  it('a webhook URL written in the config is refused with the file and line', async () => {
    const dir = tempDir();
    const config = join(dir, 'ftscan.yaml');
    writeFileSync(config, `output: [json=${join(dir, 'x.json')}]\nnotify:\n  - type: slack\n    url: https://hooks.example.com/${TOKEN}\n`);
    const r = await run(['scan', ...conn(), '--config', config], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ftscan\.yaml:3: 'notify' slack-1: 'url' never goes in the config: use url-file or url-env/);
    expect(r.stderr).not.toContain(TOKEN);
  });
});

describe('report a.json b.json: one estate report from per-vCenter jobs', () => {
  it('merges two vCenters (one report in schema 1.x), the newer copy of a vCenter wins with a warning, and the merged result is judged again', async () => {
    const dir = tempDir();
    // Another vCenter: the same small estate behind another instanceUuid.
    const second = smallEstate().build();
    (second.about as { instanceUuid: string }).instanceUuid = '0b5e2c1d-7a43-4f8e-9c21-d6e0f1a2b3c4';
    const other = await startMockServer(createMockVcenter(second), { tls: true });
    try {
      const a1 = join(dir, 'a1.json');
      const a2 = join(dir, 'a2.json');
      const b = join(dir, 'b.json');
      expect((await run(['scan', ...conn(), '--output', `json=${a1}`, '--fail-on', 'none'], { env })).code).toBe(0);
      expect((await run(['scan', ...conn(), '--output', `json=${a2}`, '--fail-on', 'none'], { env })).code).toBe(0);
      expect(
        (
          await run(
            ['scan', '--server', other.url, '--user', USER, '--ca-file', other.caFile, '--output', `json=${b}`, '--fail-on', 'none'],
            { env },
          )
        ).code,
      ).toBe(0);
      const ra = readScanJson(readFileSync(a2, 'utf8'));
      const rb = readScanJson(readFileSync(b, 'utf8'));
      const b1 = join(dir, 'b-v1.json');
      writeFileSync(b1, JSON.stringify(toV1(rb)));
      const estate = join(dir, 'estate.json');
      // The merge job's baseline is its own output: absent on the first night, a warning, not exit 2.
      const r = await run([
        'report',
        a1,
        b1,
        a2,
        '--baseline',
        estate,
        '--fail-on',
        'none',
        '--output',
        `json=${estate}`,
        '--output',
        `xlsx=${join(dir, 'estate.xlsx')}`,
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`--baseline ${estate} does not exist yet (first run?)`);
      expect(r.stderr).toContain(`is in both ${a1} and ${a2} (same vCenter): using ${a2}, the newer; ${a1}'s copy is left out`);
      const merged = readScanJson(readFileSync(estate, 'utf8'));
      expect(merged.targets.map((t) => t.server).sort()).toEqual([server.url, other.url].sort());
      expect(merged.evaluation.vms).toHaveLength(ra.evaluation.vms.length + rb.evaluation.vms.length);
      const ids = merged.evaluation.findings.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(ra.evaluation.findings.length + rb.evaluation.findings.length);
      expect(merged.summary.vms.blocked).toBe(ra.summary.vms.blocked + rb.summary.vms.blocked);
      expect(merged.evaluation.vms.every((v) => v.server === server.url || v.server === other.url)).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'estate.xlsx'));
      const levels = wb.getWorksheet('Summary')!.getColumn(1).values.slice(2);
      expect(levels.filter((l) => l === 'vcenter')).toHaveLength(2);

      // A baseline works on the merged result: the estate against itself marks nothing new.
      const again = await run([
        'report',
        a2,
        b,
        '--baseline',
        estate,
        '--fail-on',
        'new-blocker',
        '--output',
        `json=${join(dir, 'again.json')}`,
      ]);
      expect(again.code).toBe(0);
      const judged = readScanJson(readFileSync(join(dir, 'again.json'), 'utf8'));
      expect(judged.baseline).toMatchObject({ new: 0, resolved: [] });
    } finally {
      await other.close();
    }
  });
});
