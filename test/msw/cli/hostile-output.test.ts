// A hostile vCenter against the CLI as users run it (in-process, real https on 127.0.0.1): secrets it echoes
// reach no log, stderr or report; names and fault strings with control characters reach no terminal raw;
// broken HTTP is named for what it is. Faults are the mock's own serializer output (real vpxd shapes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, estate, serializeFault, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { readScanJson } from '../../../src/result/read.js';
import { run, tempDir, type Run } from './harness.js';

const USER = 'ftscan@vsphere.local';
// Every character an escaping layer treats specially, so each spelling of it differs.
const PASSWORD = `Pw&1"<x>'y z/+é`;
const env = { FTSCAN_PASSWORD: PASSWORD };
// Names a vCenter may hold (a VM name is free text): ANSI colour + clear screen, OSC title with BEL, a newline
// that would forge a plan line, an 8-bit CSI (U+009B).
const EVIL = {
  ansi: 'evil-\u001b[31mred\u001b[2J',
  osc: 'evil-\u001b]0;pwned\u0007title',
  newline: 'evil\n  READY     forged-vm',
  c1: 'evil-\u009b31mcsi',
};
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

type Hook = (method: string, req: Request) => Response | undefined | Promise<Response | undefined>;
let hook: Hook | undefined;
let mock: MockVcenter;
let server: MockServer;

function soapMethod(body: string): string {
  return /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?([A-Za-z]+)/.exec(body)?.[1] ?? '';
}

function sessionOf(req: Request): string {
  return /vmware_soap_session="?([^";]+)"?/.exec(req.headers.get('cookie') ?? '')?.[1] ?? '';
}

// The spellings of the password and a cookie a careless server could echo back.
function spellings(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return [secret, html, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

function fault(name: string, text: string): Response {
  return new Response(serializeFault(name, {}, text), { status: 500, headers: { 'content-type': 'text/xml; charset=utf-8' } });
}

function expectNoSecret(where: string, text: string, secrets: string[]): void {
  for (const s of secrets) for (const form of spellings(s)) expect(text, `${where} holds ${form}`).not.toContain(form);
}

beforeAll(async () => {
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD, { '*': REQUIRED_PRIVILEGES.map((p) => p.privilege) });
  const dc = b.datacenter('DC1');
  const ds = b.datastore({ name: 'shared-01', datacenter: dc, type: 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const cl = b.cluster({ name: 'Prod-A', datacenter: dc });
  const hosts = ['esx-a1', 'esx-a2'].map((name) => b.host({ name, cluster: cl, datastores: [ds], networks: [net] }));
  const disk = [{ capacityGB: 40, kind: 'eager' as const, datastore: ds }];
  for (const [i, name] of Object.values(EVIL).entries()) {
    b.vm({ name, host: hosts[i % 2]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false, snapshots: i % 2 });
  }
  b.vm({ name: 'web-01', host: hosts[0]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false });
  mock = createMockVcenter(b.build());
  const hostile = {
    ...mock,
    async handle(req: Request): Promise<Response> {
      const method = soapMethod(await req.clone().text());
      return (await hook?.(method, req)) ?? mock.handle(req);
    },
  };
  server = await startMockServer(hostile, { tls: true });
});
afterEach(() => {
  hook = undefined;
  mock.control.reset();
});
afterAll(async () => {
  await server?.close();
});

const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

function stderrLines(r: Run): string[] {
  return r.stderr.split('\n').filter(Boolean);
}

describe('secrets a vCenter echoes', () => {
  it('[hostile] a Login fault quoting the password: not in stderr nor the debug log', async () => {
    hook = (method) =>
      method === 'Login' ? fault('InvalidLogin', `login refused for ${USER} / ${spellings(PASSWORD).join(' | ')}`) : undefined;
    const dir = tempDir();
    const log = join(dir, 'ftscan.log');
    const r = await run(['scan', ...conn(), '--log-level', 'debug', '--log-file', log, '--output', `json=${join(dir, 'scan.json')}`], {
      env,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('login failed for user ftscan@vsphere.local');
    expectNoSecret('stderr', r.stderr, [PASSWORD]);
    expectNoSecret('log', readFileSync(log, 'utf8'), [PASSWORD]);
  });

  it('[hostile] faults quoting the password and the session cookie: not in stderr, the debug log or scan.json', async () => {
    let cookie = '';
    const echoing =
      (methods: string[]): Hook =>
      (method, req) => {
        if (!methods.includes(method)) return undefined;
        cookie = sessionOf(req);
        return fault(
          'SystemError',
          `request by ${USER} pw=${spellings(PASSWORD).join(',')} session=${cookie} cookie: vmware_soap_session="${cookie}"`,
        );
      };
    // An optional read (licences): the scan completes and stores the fault text in scan.json.
    hook = echoing(['QueryAssignedLicenses']);
    const dir = tempDir();
    const log = join(dir, 'ftscan.log');
    const r = await run(['scan', ...conn(), '--log-level', 'debug', '--log-file', log, '--output', `json=${join(dir, 'scan.json')}`], {
      env,
    });
    expect(cookie.length).toBeGreaterThan(8); // the server did echo a real session value
    expect(r.code).toBe(1);
    const json = readFileSync(join(dir, 'scan.json'), 'utf8');
    expect(json).toContain('session=***'); // the fault text itself is kept, minus the secrets
    // A required read (the second page): the scan stops with the fault on stderr.
    hook = echoing(['ContinueRetrievePropertiesEx']);
    const r2 = await run(
      ['scan', ...conn(), '--max-objects', '2', '--log-level', 'debug', '--log-file', log, '--output', `json=${join(dir, 'scan2.json')}`],
      { env },
    );
    expect(r2.code).toBeGreaterThanOrEqual(3);
    expect(r2.stderr).toContain('session=***');
    for (const [where, text] of [
      ['stderr', r.stderr + r2.stderr],
      ['log', readFileSync(log, 'utf8')],
      ['scan.json', json],
    ] as const) {
      expectNoSecret(where, text, [PASSWORD, cookie]);
    }
  });

  it("[hostile] ftscan's own --insecure warning is not rewritten when the password is a common word", async () => {
    const r = await run(['scan', '--server', server.url, '--user', 'nobody', '--insecure'], { env: { FTSCAN_PASSWORD: 'pass' } });
    expect(r.stderr).toContain('anyone on the path can read the password');
    expect(r.stderr).not.toContain('***');
  });

  it('[hostile] a 50 KB fault string is echoed bounded on one line', async () => {
    hook = (method) => (method === 'RetrieveServiceContent' ? fault('SystemError', 'x'.repeat(50_000)) : undefined);
    const r = await run(['scan', ...conn()], { env });
    expect(r.code).toBe(3);
    for (const line of stderrLines(r)) expect(line.length).toBeLessThan(2100);
    expect(r.stderr).toContain('more characters');
  });
});

describe('control characters from a vCenter', () => {
  it('[hostile] plan on stdout: names shown with visible escapes, no forged line', async () => {
    const r = await run(['plan', ...conn()], { env });
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain('evil-\\x1b[31mred\\x1b[2J');
    expect(r.stdout).toContain('evil-\\x1b]0;pwned\\x07title');
    expect(r.stdout).toContain('evil-\\x9b31mcsi');
    expect(r.stdout).toContain('evil\\n  READY     forged-vm');
    expect(r.stdout.split('\n').some((l) => /^\s+READY\s+forged-vm/.test(l))).toBe(false);
  });

  it('[hostile] every report format on stdout is inert; JSON keeps the exact names', async () => {
    for (const format of ['table', 'markdown', 'csv', 'junit', 'html', 'json']) {
      const r = await run(['scan', ...conn(), '--output', `${format}=-`, '--fail-on', 'none'], { env });
      expect(r.code, format).toBe(0);
      expect(r.stdout, format).not.toMatch(CONTROL);
      expect(r.stdout, format).toContain('evil');
      if (format === 'json') {
        // (read back: schema 4.0 writes a VM's name once, in its inventory record)
        const names = readScanJson(r.stdout).evaluation.vms.map((v) => v.name);
        for (const name of Object.values(EVIL)) expect(names).toContain(name);
      }
    }
  });

  it('[hostile] a coloured table on a terminal keeps its own colours only', async () => {
    const r = await run(['scan', ...conn(), '--fail-on', 'none'], { env, tty: true });
    expect(r.stdout).toMatch(/\u001b\[\d+m/); // ftscan's colours
    expect(r.stdout).not.toContain('\u001b[2J');
    expect(r.stdout).not.toContain('\u001b]0;');
    expect(r.stdout).not.toMatch(/[\u0007\u009b]/);
  });

  it('[hostile] a fault string with escapes and newlines is one inert stderr line', async () => {
    hook = (method) => (method === 'RetrieveServiceContent' ? fault('SystemError', 'boom\u001b]0;owned\u0007 \u009b2J') : undefined);
    const r = await run(['scan', ...conn()], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain('boom\\x1b]0;owned\\x07 \\x9b2J');
  });

  it('[hostile] the not-found warning for --vms names is inert', async () => {
    const dir = tempDir();
    const list = join(dir, 'vms.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(list, 'web-01\nghost-\u001b[2J\u0007vm\n');
    const r = await run(['scan', ...conn(), '--vms', list, '--output', `json=${join(dir, 'scan.json')}`, '--fail-on', 'none'], { env });
    expect(r.stderr).toContain('not found: ghost-\\x1b[2J\\x07vm');
    expect(r.stderr).not.toMatch(CONTROL);
    const plan = await run(['plan', ...conn(), '--vms', list], { env });
    expect(plan.stdout).toContain('NOT FOUND ghost-\\x1b[2J\\x07vm');
    expect(plan.stdout).not.toMatch(CONTROL);
  });
});

describe('broken HTTP, named', () => {
  it('[hostile] HTTP 503 on every RetrievePropertiesEx after login: names the status and that vCenter is not serving', async () => {
    hook = (method) => (method === 'RetrievePropertiesEx' ? new Response('', { status: 503 }) : undefined);
    const r = await run(['scan', ...conn()], { env });
    expect(r.stderr).toMatch(/answered HTTP 503 Service Unavailable to RetrievePropertiesEx: vCenter is up but not serving requests/);
    expect(r.stderr).not.toContain('check that --server points at a vCenter');
    expect(r.stderr).not.toContain('internal error');
  }, 30_000);

  it('[hostile] a 200 KB header flood is named, not "cannot reach"', async () => {
    hook = () => new Response('', { status: 200, headers: { 'x-flood': 'a'.repeat(200_000) } });
    const r = await run(['scan', ...conn()], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('HPE_HEADER_OVERFLOW');
    expect(r.stderr).toContain('HTTP response headers larger than ftscan accepts');
    expect(r.stderr).not.toContain('cannot reach');
    expect(r.stderr).not.toContain('internal error');
  });
});
