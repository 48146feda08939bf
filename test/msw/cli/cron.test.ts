// Issue 17 §3: the README's scheduled scan works as written under cron. The README's cron.d lines and its
// environment file are taken from the README itself and run with cron's minimal environment (env -i, PATH,
// HOME, SHELL=/bin/sh, LOGNAME) by /bin/sh, against the mock vCenter, with the README's notify: example
// (a Slack channel by url-env) pointed at a loopback receiver.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { PASSWORD, smallEstate, tempDir, USER } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

function block(lang: string, containing: string): string {
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  const found = [...README.matchAll(re)].map((m) => m[1]!).find((b) => b.includes(containing));
  if (!found) throw new Error(`README has no \`\`\`${lang} block with ${containing}`);
  return found;
}

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

describe("the README's cron setup", () => {
  it("runs under cron's minimal environment: reports written, the Slack notification delivered, no warning", async () => {
    const dir = tempDir('ftscan-cron-');
    const bodies: any[] = [];
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
      // /usr/local/bin/ftscan of the README: a directory holding the launcher.
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      symlinkSync(join(REPO, 'bin/ftscan.js'), join(bin, 'ftscan'));
      const etc = join(dir, 'etc');
      mkdirSync(etc);
      writeFileSync(join(etc, 'vc.pw'), `${PASSWORD}\n`, { mode: 0o600 });
      // The README's environment file, with the loopback receiver as the Slack URL.
      const envFile = block('sh', 'FTSCAN_SLACK_URL=')
        .split('\n')
        .map((l) => (l.startsWith('FTSCAN_SLACK_URL=') ? `FTSCAN_SLACK_URL="${hookUrl}"` : l))
        .join('\n');
      writeFileSync(join(etc, 'ftscan.env'), envFile, { mode: 0o600 });
      const json = join(dir, 'scan.json');
      // The README's notify: example, the Slack channel (url-env: FTSCAN_SLACK_URL), sent on every run.
      expect(block('yaml', 'notify:')).toContain('url-env: FTSCAN_SLACK_URL');
      writeFileSync(
        join(etc, 'ftscan.yaml'),
        [
          `server: ${server.url}`,
          `user: ${USER}`,
          `password-file: ${join(etc, 'vc.pw')}`,
          `ca-file: ${server.caFile}`,
          `output: [json=${json}]`,
          `baseline: ${json}`,
          'notify:',
          '  - type: slack',
          '    url-env: FTSCAN_SLACK_URL',
          '    when: always',
          '',
        ].join('\n'),
      );
      chmodSync(join(etc, 'ftscan.yaml'), 0o600);
      // The cron.d file: variable lines set the job's environment, the job line is user + command.
      const cron = block('cron', 'ftscan scan').trim().split('\n');
      const vars = cron.filter((l) => /^[A-Z_]+=/.test(l));
      const job = cron.find((l) => /^[\d*]/.test(l))!;
      const command = job
        .split(/\s+/)
        .slice(6)
        .join(' ')
        .replace(/\/etc\/ftscan\//g, `${etc}/`)
        .replace(/\/usr\/local\/bin\//g, `${bin}/`);
      const assignments = vars.map((l) => `export ${l.replace('/usr/local/bin', bin)};`).join(' ');
      // cron: env -i, then PATH=/usr/bin:/bin, HOME, SHELL=/bin/sh, LOGNAME; the crontab's own lines override.
      const cronEnv = { PATH: '/usr/bin:/bin', HOME: dir, SHELL: '/bin/sh', LOGNAME: 'ftscan' };
      const runJob = () =>
        promisify(execFile)(
          '/usr/bin/env',
          ['-i', ...Object.entries(cronEnv).map(([k, v]) => `${k}=${v}`), '/bin/sh', '-c', `${assignments} ${command}`],
          {
            cwd: dir,
          },
        ).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
      const first = await runJob();
      expect(first.code, first.stderr).toBe(0);
      // The first night: no baseline yet, said once; nothing else (cron mails any output).
      expect(first.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--baseline .* does not exist yet \(first run\?\)/)]);
      expect((JSON.parse(readFileSync(json, 'utf8')) as ScanResult).evaluation.vms).toHaveLength(3);
      expect(bodies).toHaveLength(1);
      expect(bodies[0].text).toMatch(/^\*ftscan /);
      const second = await runJob();
      expect(second.code, second.stderr).toBe(0); // --fail-on new-blocker: nothing new against last night
      expect(second.stderr).toBe('');
      expect(bodies).toHaveLength(2);
    } finally {
      await new Promise<void>((r) => hook.close(() => r()));
    }
  }, 180_000);
});
