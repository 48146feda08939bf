// Issue 17 §3 / issue 22 §6: SIGHUP, SIGINT and SIGTERM have one handler. With a RetrievePropertiesEx held open
// by the vCenter, the signal cancels it, Logout reaches the vCenter, no report is written, and the run ends with
// 128 + the signal's number. The real CLI runs as a child process (bin/ftscan.js); the mock vCenter is served
// over https on 127.0.0.1 from this process. And --target-timeout while the REST tag read hangs logs out too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { PASSWORD, run, smallEstate, tempDir, USER } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;

let mock: MockVcenter;
let server: MockServer;

beforeAll(async () => {
  mock = createMockVcenter(smallEstate().build());
  server = await startMockServer(mock, { tls: true });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => mock.control.reset());

const EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

describe('[local] a stop signal while a RetrievePropertiesEx is in flight', () => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`[local] ${sig}: Logout reaches the vCenter, no report, exit ${EXIT[sig]}`, async () => {
      mock.control.stallNext('RetrievePropertiesEx', 'never');
      const file = join(tempDir(), 'scan.json');
      const child = spawn(
        process.execPath,
        ['bin/ftscan.js', 'scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--output', `json=${file}`],
        { cwd: REPO, env: { ...process.env, FTSCAN_PASSWORD: PASSWORD, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      // The collection's RetrievePropertiesEx has arrived and will never be answered.
      await vi.waitFor(() => expect(mock.control.methods()).toContain('RetrievePropertiesEx'), { timeout: 60_000, interval: 100 });
      expect(mock.control.methods()).not.toContain('Logout');
      child.kill(sig);
      const end = await exited;
      expect(end, stderr).toEqual({ code: EXIT[sig], signal: null });
      const methods = mock.control.methods();
      expect(methods.slice(methods.indexOf('RetrievePropertiesEx'))).toContain('Logout');
      expect(mock.control.calls.find((c) => c.method === 'Logout')!.ok).toBe(true);
      expect(existsSync(file)).toBe(false);
      expect(stderr).toContain(`stopped by ${sig}`);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }, 90_000);
  }
});

describe('[fault] --target-timeout while the REST tag read hangs', () => {
  it('[fault] the SOAP session is logged out and the REST session deleted', async () => {
    mock.control.stallNext('POST /api/cis/tagging/tag-association', 'never');
    const r = await run(
      ['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--tag', 'FT/Candidate', '--target-timeout', '2s'],
      {
        env: { FTSCAN_PASSWORD: PASSWORD },
      },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--target-timeout 2s/);
    expect(mock.control.restCalls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/session',
      'POST /api/cis/tagging/tag-association',
      'DELETE /api/session',
    ]);
    expect(mock.control.methods().at(-1)).toBe('Logout');
    expect(mock.control.calls.at(-1)!.ok).toBe(true);
  }, 30_000);
});
