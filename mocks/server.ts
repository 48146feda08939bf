// Loopback http(s) server in front of MockVcenter.handle, for TLS tests and `npm run demo`. Binds 127.0.0.1
// only; the certificate is generated at start (CN 127.0.0.1, SAN 127.0.0.1 + localhost) and written to a
// temp file so callers can pass it as --ca-file.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import type { MockVcenter } from './vcenter.js';

export interface MockServerOptions {
  tls?: boolean; // default true
  port?: number; // default 0 (any free port)
}

export interface MockServer {
  url: string; // "https://127.0.0.1:PORT" (SOAP at url + "/sdk")
  caPem: string; // the certificate to trust ("" without TLS)
  caFile: string; // the same PEM in a temp file ("" without TLS)
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(origin + (req.url ?? '/'), { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

// Streams the body with backpressure, so a 60 MB page is not copied into one more buffer.
async function sendResponse(res: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  out.writeHead(res.status, headers);
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = 0; i < chunk.length; i += 65536) {
        if (!out.write(chunk.subarray(i, i + 65536))) await new Promise((r) => out.once('drain', r));
      }
    }
  }
  out.end();
}

export async function startMockServer(mock: MockVcenter, opts: MockServerOptions = {}): Promise<MockServer> {
  const tls = opts.tls ?? true;
  let caPem = '';
  let caFile = '';
  let dir = '';
  let origin = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    toRequest(req, origin)
      .then((r) => mock.handle(r))
      .then((r) => sendResponse(r, res))
      .catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`mock server error: ${e instanceof Error ? e.message : String(e)}`);
      });
  };
  let server: Server;
  if (tls) {
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    caPem = pems.cert;
    dir = await mkdtemp(join(tmpdir(), 'ftscan-mock-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, caPem, { mode: 0o600 });
    server = createHttpsServer({ key: pems.private, cert: pems.cert }, handler);
  } else {
    server = createHttpServer(handler);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: origin,
    caPem,
    caFile,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
