// Loopback http(s) server in front of MockVcenter.handle, for TLS tests and `npm run demo`.
import type { MockVcenter } from './vcenter.js';

export interface MockServerOptions {
  tls?: boolean; // default true: a self-signed certificate generated at start (CN/SAN 127.0.0.1, localhost)
  port?: number; // default 0 (any free port); binds 127.0.0.1 only
}

export interface MockServer {
  url: string; // "https://127.0.0.1:PORT" (append /sdk for SOAP)
  caPem: string; // the certificate to trust ("" without TLS)
  caFile: string; // the same PEM in a temp file, for --ca-file ("" without TLS)
  close(): Promise<void>;
}

export async function startMockServer(mock: MockVcenter, opts: MockServerOptions = {}): Promise<MockServer> {
  void mock;
  void opts;
  throw new Error('TODO');
}
