// Issue 20 §6: the Linux service files shipped in deploy/linux are the ones that work. systemd cannot run here, so:
// the unit and timer pass `systemd-analyze verify`; the unit's ExecStart runs with only what systemd gives it
// (its default PATH and the EnvironmentFile's variables: env -i) against the mock vCenter, twice (a history, the
// previous run as baseline, the Slack notification delivered); the logrotate file passes `logrotate -d`.
// A test skips only when its tool is absent and CI is not set (CI installs systemd and logrotate: .ci/run).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { PASSWORD, smallEstate, tempDir, USER } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const LINUX = join(REPO, 'deploy/linux');
const read = (f: string) => readFileSync(join(LINUX, f), 'utf8');
const SYSTEMD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'; // what systemd sets for a service

function tool(name: string): string | undefined {
  for (const d of ['/usr/bin', '/usr/sbin', '/bin', '/sbin']) if (existsSync(join(d, name))) return join(d, name);
  return undefined;
}
const CI = !!process.env.CI;
const systemdAnalyze = tool('systemd-analyze');
const logrotate = tool('logrotate');
const skipReason = (t: string) =>
  ` (skipped: ${t} is not installed and CI is not set; apt-get install ${t === 'logrotate' ? 'logrotate' : 'systemd'})`;

// The unit's key=value lines of one section.
function unitValues(text: string, key: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));
}

// The host paths of the service files, moved into a temporary root.
function relocate(text: string, root: string): string {
  return text
    .replaceAll('/usr/local/bin/ftscan', join(REPO, 'bin/ftscan.js'))
    .replaceAll('/etc/ftscan', join(root, 'etc/ftscan'))
    .replaceAll('/var/lib/ftscan', join(root, 'var/lib/ftscan'))
    .replaceAll('/var/log/ftscan', join(root, 'var/log/ftscan'));
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

describe('deploy/linux: the systemd service', () => {
  it.skipIf(!systemdAnalyze && !CI)(
    `the unit and the timer pass systemd-analyze verify${systemdAnalyze ? '' : skipReason('systemd-analyze')}`,
    () => {
      const dir = tempDir('ftscan-unit-');
      // The ExecStart binary must exist for verify: ftscan's launcher stands in for /usr/local/bin/ftscan.
      writeFileSync(join(dir, 'ftscan.service'), read('ftscan.service').replaceAll('/usr/local/bin/ftscan', join(REPO, 'bin/ftscan.js')));
      writeFileSync(join(dir, 'ftscan.timer'), read('ftscan.timer'));
      const r = spawnSync(systemdAnalyze ?? 'systemd-analyze', ['verify', join(dir, 'ftscan.service'), join(dir, 'ftscan.timer')], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr.trim(), 'no unknown key, no warning').toBe('');
    },
  );

  it('the unit names the user, the EnvironmentFile, the history folder and the log file install.sh creates', () => {
    const unit = read('ftscan.service');
    const install = read('install.sh');
    expect(unitValues(unit, 'User')).toEqual(['ftscan']);
    expect(unitValues(unit, 'EnvironmentFile')).toEqual(['/etc/ftscan/ftscan.env']);
    expect(unitValues(unit, 'ExecStart')[0]).toMatch(/--output-dir \/var\/lib\/ftscan\/runs .*--log-file \/var\/log\/ftscan\//);
    expect(install).toMatch(/useradd --system .*ftscan/);
    expect(install).toContain('install -d -o ftscan -g ftscan -m 0750 /var/lib/ftscan /var/lib/ftscan/runs /var/log/ftscan');
    expect(install).toContain('/etc/ftscan/ftscan.env');
    expect(install).toContain('/etc/logrotate.d/ftscan');
    expect(spawnSync('sh', ['-n', join(LINUX, 'install.sh')]).status).toBe(0);
    // The README's service section installs these very files.
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('sudo sh deploy/linux/install.sh');
  });

  it("runs its ExecStart with only systemd's PATH and the EnvironmentFile's variables: a history, the notification sent once", async () => {
    const root = tempDir('ftscan-service-');
    const etc = join(root, 'etc/ftscan');
    mkdirSync(etc, { recursive: true });
    mkdirSync(join(root, 'var/lib/ftscan/runs'), { recursive: true });
    mkdirSync(join(root, 'var/log/ftscan'), { recursive: true });
    const bodies: { text: string }[] = [];
    const hook: Server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX`;
      // The shipped environment file with this test's secret values; the shipped config pointed at the mock.
      const envText = read('ftscan.env')
        .replace(/^FTSCAN_PASSWORD=.*$/m, `FTSCAN_PASSWORD="${PASSWORD}"`)
        .replace(/^FTSCAN_SLACK_URL=.*$/m, `FTSCAN_SLACK_URL="${hookUrl}"`);
      writeFileSync(join(etc, 'ftscan.env'), envText, { mode: 0o600 });
      writeFileSync(
        join(etc, 'ftscan.yaml'),
        relocate(read('ftscan.yaml'), root)
          .replace(/^server: .*$/m, `server: ${server.url}`)
          .replace(/^user: .*$/m, `user: ${USER}`)
          .replace(/^ca-file: .*$/m, `ca-file: ${server.caFile}`),
      );
      const unit = relocate(read('ftscan.service'), root);
      const [envFile] = unitValues(unit, 'EnvironmentFile');
      const vars = readFileSync(envFile!, 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
        .map((l) => l.replace(/^([A-Z0-9_]+)="(.*)"$/, '$1=$2'));
      const argv = unitValues(unit, 'ExecStart')[0]!.split(/\s+/);
      // systemd's PATH; node's own directory after it where node is not in /usr/bin (a developer's machine).
      const path = `${SYSTEMD_PATH}:${dirname(process.execPath)}`;
      // Asynchronous: the mock vCenter answers from this process.
      const runOnce = () =>
        promisify(execFile)('/usr/bin/env', ['-i', `PATH=${path}`, ...vars, ...argv], { cwd: root }).then(
          (r) => ({ status: 0, stderr: r.stderr }),
          (e: { code: number; stderr: string }) => ({ status: e.code, stderr: e.stderr }),
        );
      const first = await runOnce();
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr.trim().split('\n')).toEqual([expect.stringMatching(/no previous run \(first run\?\)/)]);
      const second = await runOnce();
      expect(second.status, second.stderr).toBe(0);
      expect(second.stderr).toBe('');
      const runs = join(root, 'var/lib/ftscan/runs');
      const latest = readlinkSync(join(runs, 'latest'));
      expect(readdirSync(join(runs, latest)).sort()).toEqual(['estate.xlsx', 'report.html', 'scan.json']);
      const result = JSON.parse(readFileSync(join(runs, 'latest', 'scan.json'), 'utf8')) as ScanResult;
      expect(result.baseline?.file).toMatch(/runs\/\d{4}-\d\d-\d\dT\d{4}Z\/scan\.json$/);
      expect(result.evaluation.vms).toHaveLength(3);
      // The shipped channel's default `when: new-blockers`: the first night (no baseline) tells, the second has nothing new.
      expect(bodies).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => hook.close(() => r()));
    }
  }, 120_000);
});

describe('deploy/linux: log rotation', () => {
  it.skipIf(!logrotate && !CI)(`the logrotate file passes logrotate -d${logrotate ? '' : skipReason('logrotate')}`, () => {
    const root = tempDir('ftscan-logrotate-');
    mkdirSync(join(root, 'var/log/ftscan'), { recursive: true });
    writeFileSync(join(root, 'var/log/ftscan/ftscan.log'), '{"level":40,"msg":"x"}\n');
    // The ftscan user does not exist on a build machine: the test runs as whoever runs it.
    const me = userInfo().username;
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    const conf = join(root, 'ftscan.logrotate');
    writeFileSync(conf, relocate(read('ftscan.logrotate'), root).replaceAll('ftscan ftscan', `${me} ${group}`));
    const r = spawnSync(logrotate ?? 'logrotate', ['-d', '-f', '-s', join(root, 'state'), conf], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).not.toMatch(/^error:/m);
    expect(r.stderr + r.stdout).toMatch(/rotating log .*ftscan\.log/);
  });
});
