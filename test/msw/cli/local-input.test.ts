// Bad local input against the CLI as users run it: a CA file that is no PEM bundle, a log file that cannot be
// written, binary side files, and a signal while reports are written. Each is a one-line error naming the
// file and the fix, the documented exit code, found before any vCenter is contacted; never "internal error".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { PASSWORD, run, smallEstate, tempDir, USER, type Run } from './harness.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const env = { FTSCAN_PASSWORD: PASSWORD };
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
let mock: MockVcenter;
let server: MockServer;
let dir: string;

beforeAll(async () => {
  mock = createMockVcenter(smallEstate().build());
  server = await startMockServer(mock, { tls: true });
  dir = tempDir('ftscan-local-');
});
afterAll(async () => {
  await server?.close();
});

function oneLineError(r: Run): string {
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return lines[0]!;
}

// A usage error found before connecting: exit 2, and the mock vCenter saw no request.
async function usageBeforeConnect(args: string[]): Promise<string> {
  mock.control.reset();
  const r = await run(['scan', '--server', server.url, '--user', USER, ...args], { env });
  expect(r.code, r.stderr).toBe(2);
  expect(mock.control.calls).toEqual([]);
  return oneLineError(r);
}

describe('--ca-file', () => {
  it('[local] a DER certificate is a usage error naming the conversion', async () => {
    const der = join(dir, 'ca.der');
    writeFileSync(der, Buffer.from(server.caPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64'));
    const line = await usageBeforeConnect(['--ca-file', der]);
    expect(line).toBe(
      `ftscan: --ca-file ${der} is DER (binary), not PEM: convert it with \`openssl x509 -inform der -in ${der} -out ca.pem\` and pass ca.pem`,
    );
  });

  it('[local] a directory is a usage error', async () => {
    const line = await usageBeforeConnect(['--ca-file', dir]);
    expect(line).toMatch(new RegExp(`^ftscan: --ca-file ${dir} is a directory: give the PEM file`));
  });

  it('[local] a PEM file with garbage inside is a usage error, not "not trusted ... pass --ca-file"', async () => {
    const bad = join(dir, 'garbage.pem');
    writeFileSync(bad, `${server.caPem}-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGUgYXQgYWxs\n-----END CERTIFICATE-----\n`);
    const line = await usageBeforeConnect(['--ca-file', bad]);
    expect(line).toContain(`--ca-file ${bad} holds a certificate that cannot be parsed (certificate 2 of 2)`);
    expect(line).not.toContain('pass --ca-file FILE');
    const truncated = join(dir, 'truncated.pem');
    writeFileSync(truncated, server.caPem.slice(0, 200));
    expect(await usageBeforeConnect(['--ca-file', truncated])).toContain('without its -----END CERTIFICATE----- line');
  });

  it('[local] a valid CA that did not sign the vCenter certificate: names the CA file to check', async () => {
    const other = await selfsigned.generate([{ name: 'commonName', value: 'Other CA' }], { keyType: 'ec', algorithm: 'sha256' });
    const wrong = join(dir, 'other-ca.pem');
    writeFileSync(wrong, other.cert);
    const r = await run(['scan', '--server', server.url, '--user', USER, '--ca-file', wrong], { env });
    expect(r.code).toBe(3);
    const line = oneLineError(r);
    expect(line).toContain(`not trusted by the CA in --ca-file ${wrong}`);
    expect(line).toContain(`check that ${wrong} holds the CA certificate that signed the vCenter certificate`);
    expect(line).not.toContain('pass --ca-file FILE');
  });
});

describe('--log-file', () => {
  it('[local] a log file that cannot be opened is a usage error naming it (a directory, a path under a file)', async () => {
    const line = await usageBeforeConnect(['--ca-file', server.caFile, '--log-file', dir]);
    expect(line).toBe(`ftscan: cannot write --log-file ${dir} (EISDIR): give a file in a directory ftscan can write to`);
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const under = join(file, 'ftscan.log');
    expect(await usageBeforeConnect(['--ca-file', server.caFile, '--log-file', under])).toMatch(
      new RegExp(`^ftscan: cannot write --log-file ${under} \\((EEXIST|ENOTDIR)\\)`),
    );
  });
});

describe('binary side files', () => {
  it('[local] a binary --baseline is one inert line on stderr', async () => {
    const bin = join(dir, 'baseline.bin');
    writeFileSync(bin, Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x00, 0x9b, 0x0a, 0x0d, 0xff, 0x1b, 0x5d, 0x30, 0x3b]));
    const r = await run(['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--baseline', bin], { env });
    expect(r.code).toBe(2);
    const line = oneLineError(r);
    expect(line).toContain(bin);
    expect(line).not.toMatch(CONTROL);
  });

  it('[local] a binary --vms file: names reach stderr and stdout only as visible escapes', async () => {
    const bin = join(dir, 'vms.bin');
    writeFileSync(
      bin,
      Buffer.concat([Buffer.from('web-01\n'), Buffer.from([0x1b, 0x5d, 0x30, 0x3b, 0x78, 0x07, 0x00, 0xc2, 0x9b, 0x0d, 0x0a, 0x7f, 0x41])]),
    );
    const r = await run(['plan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--vms', bin], { env });
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain('NOT FOUND');
    expect(r.stdout).toContain('\\x1b]0;x\\x07');
  });
});

// The process is frozen (SIGSTOP) the moment a temporary file appears, so the signal is known to land while
// that file exists; a write that already finished is skipped and the next one tried.
async function signalDuringWrite(sig: 'SIGTERM' | 'SIGINT'): Promise<{ caught: boolean; signal: NodeJS.Signals | null; left: string[] }> {
  const out = join(dir, `signal-${sig}`);
  mkdirSync(out);
  const script = `
    const { writeReportAtomic } = await import(${JSON.stringify(join(REPO, 'src/report/write.ts'))});
    function* chunks() { for (let i = 0; i < 48; i++) yield 'x'.repeat(1 << 20); }
    for (let n = 0; n < 8; n++) await writeReportAtomic(${JSON.stringify(out)} + '/scan' + n + '.json', chunks());
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, stdio: 'ignore' });
  let caught = false;
  const watcher = watch(out, (_event, name) => {
    if (caught || !name?.endsWith('.tmp')) return;
    child.kill('SIGSTOP');
    if (existsSync(join(out, name))) {
      caught = true;
      child.kill(sig);
    }
    child.kill('SIGCONT');
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  watcher.close();
  return { caught, signal, left: readdirSync(out).filter((f) => f.endsWith('.tmp')) };
}

describe('signals while reports are written', () => {
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(`[local] ${sig} mid-write leaves no temporary file, and the process still ends by ${sig}`, async () => {
      const r = await signalDuringWrite(sig);
      expect(r.caught).toBe(true); // the signal did land while a temporary file existed
      expect(r.signal).toBe(sig);
      expect(r.left).toEqual([]);
    }, 60_000);
  }
});
