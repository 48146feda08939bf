// Issue #11 point 4: `ftscan privileges --server … --target-timeout` honours the timeout against a server that
// drips its reply or never answers, and --max-response-mb is a real option whose error names it. The CLI runs
// in-process against the mock vCenter served over https on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { PASSWORD, run, smallEstate, USER } from '../cli/harness.js';

let server: MockServer;
let mock: MockVcenter;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

beforeAll(async () => {
  mock = createMockVcenter(smallEstate().build());
  server = await startMockServer(mock, { tls: true });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => mock.control.reset());

describe('[fault] ftscan privileges --target-timeout', () => {
  it('[fault] HasPrivilegeOnEntities never answered: ends at the timeout with a one-line error', async () => {
    mock.control.stallNext('HasPrivilegeOnEntities', 'never');
    const started = Date.now();
    const r = await run(['privileges', ...conn(), '--target-timeout', '1s'], { env });
    expect(Date.now() - started).toBeLessThan(8000); // 1 s, plus the capped Logout
    expect(r.code).toBe(3); // nothing could be checked: the one rule of `scan` (issue 11 point 5)
    expect(r.stderr).toMatch(/--target-timeout 1s/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('[fault] a login reply dripping at 1 byte/s: ends at the timeout', async () => {
    mock.control.stallNext('Login', { bytesPerSecond: 1 });
    const started = Date.now();
    const r = await run(['privileges', ...conn(), '--target-timeout', '1s'], { env });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--target-timeout 1s/);
  });
});

describe('[local] --max-response-mb', () => {
  it('[local] is an option of privileges (and scan, plan): a reply above its single-document share names it', async () => {
    mock.control.rewrite('RetrieveServiceContent', (b) => b.replace(/<fullName>/, `<fullName>${'v'.repeat(2_000_000)}`), 1);
    const r = await run(['privileges', ...conn(), '--max-response-mb', '1'], { env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/exceeded the 1 MiB ceiling.*raise --max-response-mb/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('[local] a value that is not a whole number is a usage error', async () => {
    const r = await run(['scan', ...conn(), '--max-response-mb', 'lots'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/max-response-mb must be a whole number/);
  });
});
