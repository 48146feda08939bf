// TLS against a REAL loopback https server (msw cannot exercise certificates).
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TlsOptions } from '../../../src/vsphere/api.js';
import { Client } from '../../../src/vsphere/client.js';
import { TransportError } from '../../../src/vsphere/errors.js';
import { createHttpsAgent } from '../../../src/vsphere/tls.js';
import { SoapTransport } from '../../../src/vsphere/transport.js';

const ANSWER =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soapenv:Body><CurrentTimeResponse xmlns="urn:vim25"><returnval>2026-01-01T00:00:00Z</returnval></CurrentTimeResponse>' +
  '</soapenv:Body></soapenv:Envelope>';

interface Loopback {
  url: string;
  close(): Promise<void>;
}

async function serve(key: string, cert: string): Promise<Loopback> {
  const server = https.createServer({ key, cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/sdk`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function certFor(names: { dns?: string; ip?: string }[]) {
  return selfsigned.generate([{ name: 'commonName', value: names[0]!.dns ?? names[0]!.ip! }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: names.map((n) => (n.ip ? { type: 7 as const, ip: n.ip } : { type: 2 as const, value: n.dns! })) },
    ],
  });
}

let dir: string;
let good: Loopback;
let wrongName: Loopback;
let goodCa: string;
let wrongNameCa: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ftscan-tls-'));
  const a = await certFor([{ ip: '127.0.0.1' }]);
  const b = await certFor([{ dns: 'vcenter.other.example' }]);
  good = await serve(a.private, a.cert);
  wrongName = await serve(b.private, b.cert);
  goodCa = join(dir, 'good.pem');
  wrongNameCa = join(dir, 'other.pem');
  writeFileSync(goodCa, a.cert);
  writeFileSync(wrongNameCa, b.cert);
}, 60_000);

afterAll(async () => {
  await good?.close();
  await wrongName?.close();
  rmSync(dir, { recursive: true, force: true });
});

function transport(url: string, tls: TlsOptions): SoapTransport {
  return new SoapTransport({
    url,
    host: new URL(url).host,
    agent: createHttpsAgent(tls, { keepAlive: false }),
    timeoutMs: 10_000,
    retries: 0,
    retryBaseMs: 1,
    maxResponseBytes: 1 << 20,
    logger: pino({ level: 'silent' }),
  });
}

async function currentTime(url: string, tls: TlsOptions): Promise<string> {
  const reply = await transport(url, tls).post('CurrentTime', '<x/>', true);
  expect(reply.status).toBe(200);
  return reply.text();
}

async function failure(p: Promise<unknown>): Promise<TransportError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TransportError);
  return err as TransportError;
}

describe('TLS (real loopback https server)', () => {
  it('refuses a self-signed certificate by default and names both fixes', async () => {
    const err = await failure(currentTime(good.url, {}));
    expect(err.kind).toBe('tls-untrusted');
    expect(err.message).toContain('--ca-file');
    expect(err.message).toContain('--insecure');
  });

  it('trusts the server when its CA is given with caFile', async () => {
    expect(await currentTime(good.url, { caFile: goodCa })).toContain('CurrentTimeResponse');
  });

  it('connects with the explicit insecure opt-in', async () => {
    expect(await currentTime(good.url, { insecure: true })).toContain('2026-01-01T00:00:00Z');
  });

  it('reports a certificate issued for another host name as tls-hostname', async () => {
    const err = await failure(currentTime(wrongName.url, { caFile: wrongNameCa }));
    expect(err.kind).toBe('tls-hostname');
  });

  it('trusts only the given caFile, not another certificate', async () => {
    const err = await failure(currentTime(good.url, { caFile: wrongNameCa }));
    expect(err.kind).toBe('tls-untrusted');
  });

  it('--thumbprint: the pinned certificate is accepted without CA or host name check; any other is refused', async () => {
    const fp = (pem: string) => new X509Certificate(pem).fingerprint256;
    // wrongName's certificate names vcenter.other.example and is signed by nobody we trust: the pin replaces both checks
    expect(await currentTime(wrongName.url, { thumbprints: [fp(readFileSync(wrongNameCa, 'utf8'))] })).toContain('CurrentTimeResponse');
    // the other server's certificate is refused, even beside a CA file that would trust it
    const err = await failure(currentTime(good.url, { thumbprints: [fp(readFileSync(wrongNameCa, 'utf8'))], caFile: goodCa }));
    expect(err.kind).toBe('tls-untrusted');
    expect(err.message).toContain('CERT_PIN_MISMATCH');
    // several pins (a renewal): either is accepted
    expect(
      await currentTime(good.url, { thumbprints: [fp(readFileSync(wrongNameCa, 'utf8')), fp(readFileSync(goodCa, 'utf8'))] }),
    ).toContain('CurrentTimeResponse');
  });

  it('fails clearly on an unreadable or non-PEM caFile', () => {
    expect(() => createHttpsAgent({ caFile: join(dir, 'missing.pem') })).toThrow(/cannot read --ca-file .*missing\.pem \(ENOENT\)/);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => createHttpsAgent({ caFile: notPem })).toThrow(/holds no PEM certificate/);
  });

  it('maps a closed port to unreachable', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(probe.address() as AddressInfo).port}/sdk`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await failure(currentTime(url, { insecure: true }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');

    // a read is retried (connection refused: nothing reached vCenter), then reported as unreachable
    const client = new Client({ server: new URL(url).host, user: 'u', password: 'p', retries: 2, retryBaseMs: 1, tls: { insecure: true } });
    const e2 = await failure(client.connect());
    expect(e2.kind).toBe('unreachable');
    expect(client.calls).toEqual({ total: 3, byMethod: { RetrieveServiceContent: 3 } });
  });
});
