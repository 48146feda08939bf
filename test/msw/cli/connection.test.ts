// Connection conventions of the field (issue 20 §2), over the real CLI against mock vCenters on 127.0.0.1:
// FTSCAN_SERVER / FTSCAN_USER / FTSCAN_CA_FILE with flag > environment > config file, certificate pinning by
// SHA-256 fingerprint (--thumbprint), and `ftscan trust` (the presented chain, --write-ca).
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import selfsigned from 'selfsigned';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { PASSWORD, run, smallEstate, tempDir, USER } from './harness.js';

let mock: MockVcenter;
let server: MockServer;
let other: MockVcenter; // a second vCenter with its own self-signed certificate
let otherServer: MockServer;
const fingerprint = (pem: string) => `SHA256:${new X509Certificate(pem).fingerprint256}`;

beforeAll(async () => {
  mock = createMockVcenter(smallEstate().build());
  server = await startMockServer(mock, { tls: true });
  other = createMockVcenter(smallEstate().build());
  otherServer = await startMockServer(other, { tls: true });
});
afterAll(async () => {
  await server?.close();
  await otherServer?.close();
});

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('connection from the environment', () => {
  it('FTSCAN_SERVER, FTSCAN_USER and FTSCAN_CA_FILE connect without a connection flag', async () => {
    const r = await run(['scan'], {
      env: { FTSCAN_SERVER: server.url, FTSCAN_USER: USER, FTSCAN_CA_FILE: server.caFile, FTSCAN_PASSWORD: PASSWORD },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // db-01's snapshots: the scan ran
    expect(r.stdout).toContain('db-01');
  });

  it('a flag wins over the environment, the environment over the config file', async () => {
    const dir = tempDir();
    const dead = `https://127.0.0.1:${await closedPort()}`;
    const config = join(dir, 'ftscan.yaml');
    writeFileSync(config, `server: ${dead}\nuser: nobody@vsphere.local\n`);
    const env = { FTSCAN_SERVER: server.url, FTSCAN_USER: USER, FTSCAN_CA_FILE: server.caFile, FTSCAN_PASSWORD: PASSWORD };
    const fromEnv = await run(['scan', '--config', config], { env });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).not.toContain(dead.slice(8));

    const flagWins = await run(['scan', '--server', dead], { env });
    expect(flagWins.code).toBe(3);
    expect(flagWins.stderr).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('a bad FTSCAN_SERVER is a one-line usage error naming the variable', async () => {
    const r = await run(['scan'], { env: { FTSCAN_SERVER: `https://someone:${PASSWORD}@vc.example.com`, FTSCAN_PASSWORD: PASSWORD } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ftscan: FTSCAN_SERVER: 'server' must not hold a user name or password/);
    expect(r.stderr).not.toContain(PASSWORD);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help names the variables', async () => {
    const r = await run(['scan', '--help']);
    for (const v of ['FTSCAN_SERVER', 'FTSCAN_USER', 'FTSCAN_CA_FILE']) expect(r.stdout).toContain(`[env ${v}]`);
  });
});

describe('--thumbprint: certificate pinning', () => {
  const env = { FTSCAN_PASSWORD: PASSWORD };

  it('accepts exactly the pinned certificate: no --ca-file, no --insecure, no warning', async () => {
    const r = await run(['scan', '--server', server.url, '--user', USER, '--thumbprint', fingerprint(server.caPem)], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('db-01');
  });

  it('refuses another certificate before any request: exit 3, nothing sent to that vCenter', async () => {
    other.control.reset();
    const r = await run(['scan', '--server', otherServer.url, '--user', USER, '--thumbprint', fingerprint(server.caPem)], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not the one pinned with --thumbprint \(CERT_PIN_MISMATCH\)/);
    expect(r.stderr).toContain('ftscan trust --server 127.0.0.1:');
    expect(other.control.methods()).toEqual([]); // not even RetrieveServiceContent: no Login, no password
  });

  it('without a pin the self-signed vCenter is still refused (TLS verified unless --insecure)', async () => {
    const r = await run(['scan', '--server', otherServer.url, '--user', USER], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not trusted/);
  });

  it('per server in the config: each vCenter its own pin; one pinned wrongly fails alone (exit 4)', async () => {
    const dir = tempDir();
    const config = join(dir, 'ftscan.yaml');
    writeFileSync(
      config,
      [
        `user: ${USER}`,
        'server:',
        `  - server: ${server.url}`,
        `    thumbprint: ${fingerprint(server.caPem)}`,
        `  - server: ${otherServer.url}`,
        `    thumbprint: [${fingerprint(server.caPem)}]`,
        '',
      ].join('\n'),
    );
    const r = await run(['scan', '--config', config], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('CERT_PIN_MISMATCH');
    expect(r.stderr).toContain(otherServer.url.replace('https://', ''));
  });

  it('a malformed or SHA-1 fingerprint is a usage error (exit 2)', async () => {
    const bad = await run(['scan', '--server', server.url, '--user', USER, '--thumbprint', 'SHA256:abc'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ftscan: --thumbprint must be a SHA-256 fingerprint/);
    const sha1 = await run(['scan', '--server', server.url, '--user', USER, '--thumbprint', 'AB:'.repeat(19) + 'AB'], { env });
    expect(sha1.code).toBe(2);
    expect(sha1.stderr).toMatch(/not SHA-1/);
  });
});

describe('ftscan trust', () => {
  it('prints the presented certificate with subject, expiry and fingerprint; sends no SOAP call', async () => {
    mock.control.reset();
    const r = await run(['trust', '--server', server.url.replace('https://', '')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('subject:     CN=127.0.0.1');
    expect(r.stdout).toMatch(/valid: +\d{4}-\d\d-\d\dT.* to \d{4}-/);
    expect(r.stdout).toContain(`fingerprint: ${fingerprint(server.caPem)}`);
    expect(r.stdout).toContain(`--thumbprint ${fingerprint(server.caPem)}`);
    expect(mock.control.methods()).toEqual([]);
  });

  it('--write-ca writes the CA; a scan with it as --ca-file then works', async () => {
    const dir = tempDir();
    const ca = join(dir, 'vc-ca.pem');
    const t = await run(['trust', '--server', otherServer.url, '--write-ca', ca]);
    expect(t.code).toBe(0);
    expect(new X509Certificate(readFileSync(ca)).fingerprint256).toBe(new X509Certificate(otherServer.caPem).fingerprint256);
    const r = await run(['scan', '--server', otherServer.url, '--user', USER, '--ca-file', ca], { env: { FTSCAN_PASSWORD: PASSWORD } });
    expect(r.code).toBe(1);
  });

  it('a chain signed by a CA: leaf first, --write-ca writes the CA, which then verifies the server', async () => {
    const root = await selfsigned.generate([{ name: 'commonName', value: 'ftscan test root' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true },
      ],
    });
    const leaf = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: root.private, cert: root.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7 as const, ip: '127.0.0.1' }] }],
    });
    const srv = https.createServer({ key: leaf.private, cert: `${leaf.cert.trim()}\n${root.cert.trim()}\n` }, (_q, res) => res.end('no'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    try {
      const dir = tempDir();
      const ca = join(dir, 'ca.pem');
      const r = await run(['trust', '--server', `127.0.0.1:${port}`, '--write-ca', ca]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('presents 2 certificate(s), leaf first');
      expect(r.stdout).toMatch(/1\. subject: +CN=127\.0\.0\.1\n +issuer: +CN=ftscan test root\n/);
      expect(r.stdout).toMatch(/2\. subject: +CN=ftscan test root\n +issuer: +CN=ftscan test root \(self-signed\)/);
      expect(r.stdout).toContain(`--thumbprint ${fingerprint(leaf.cert)}`);
      expect(fingerprint(readFileSync(ca, 'utf8'))).toBe(fingerprint(root.cert));
      // the written CA verifies the server with every check on
      const authorized = await new Promise<boolean>((resolve, reject) => {
        const sock = tls.connect({ host: '127.0.0.1', port, ca: readFileSync(ca) }, () => {
          resolve(sock.authorized);
          sock.end();
        });
        sock.once('error', reject);
      });
      expect(authorized).toBe(true);
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('a vCenter that cannot be reached: the connection exit code (3), one line', async () => {
    const port = await closedPort();
    const r = await run(['trust', '--server', `127.0.0.1:${port}`]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(new RegExp(`^ftscan: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('no server: exit 2', async () => {
    const r = await run(['trust']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no vCenter given/);
  });
});
