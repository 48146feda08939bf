// TLS for the vCenter connection: verified by default, a PEM bundle from --ca-file (read once), a pinned
// leaf certificate (--thumbprint), or the explicit --insecure opt-out. Also turns Node's TLS error codes into TransportError kinds with the fix.
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import type { RequestOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import tls, { type TLSSocket } from 'node:tls';
import type { TlsOptions } from './api.js';
import { TransportError } from './errors.js';

export interface AgentOptions {
  keepAlive?: boolean;
  maxSockets?: number;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const PEM_FIX = 'give the PEM file of the CA that signed the vCenter certificate';

// The CA bundle, checked whole: node silently skips a certificate it cannot parse, and the handshake then
// fails as "not trusted" although the file was the problem. Every message names the file and the fix.
export function readCaFile(path: string): string {
  const fail = (what: string) => new TransportError('tls-other', `--ca-file ${path} ${what}`);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw fail(`is a directory: ${PEM_FIX}`);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof TransportError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TransportError('tls-other', `cannot read --ca-file ${path} (${code}): ${PEM_FIX}`);
  }
  const pem = bytes.toString('latin1'); // PEM is ASCII; latin1 keeps any other byte one character
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    // DER is an ASN.1 SEQUENCE: 0x30 then a length byte.
    if (bytes[0] === 0x30 && bytes.length > 1 && (bytes[1]! & 0x80) !== 0) {
      throw fail(`is DER (binary), not PEM: convert it with \`openssl x509 -inform der -in ${path} -out ca.pem\` and pass ca.pem`);
    }
    throw fail(`holds no PEM certificate: ${PEM_FIX}`);
  }
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  const begins = pem.split('-----BEGIN CERTIFICATE-----').length - 1;
  if (blocks.length !== begins) throw fail(`has a certificate without its -----END CERTIFICATE----- line: ${PEM_FIX}`);
  blocks.forEach((b, i) => {
    try {
      new X509Certificate(b[0]);
    } catch {
      throw fail(`holds a certificate that cannot be parsed (certificate ${i + 1} of ${blocks.length}): ${PEM_FIX}`);
    }
  });
  return pem;
}

const FREE_SOCKET_TIMEOUT_MS = 15_000;

const PIN_MISMATCH = 'CERT_PIN_MISMATCH';

// A pinned agent hands a socket to the request only once the handshake is done and the peer's leaf
// certificate is one of the pins: not a byte of the request (the Login with the password) is written to a
// server presenting another certificate. Chain and host name are not checked (that is what pinning replaces).
class PinnedAgent extends https.Agent {
  constructor(
    opts: https.AgentOptions,
    private readonly pins: ReadonlySet<string>,
  ) {
    super({ ...opts, rejectUnauthorized: false });
  }

  override createConnection(options: RequestOptions, done?: (err: Error | null, stream: Duplex) => void): undefined {
    // node's agent always passes the callback; without it the request could be written before the check.
    if (!done) throw new Error('pinned TLS: createConnection needs its callback');
    const create = https.Agent.prototype.createConnection as unknown as (o: tls.ConnectionOptions) => TLSSocket;
    const socket = create.call(this, { ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    const o = options as tls.ConnectionOptions;
    const host = o.servername || o.host || 'the vCenter';
    const fail = (err: Error) => {
      socket.removeListener('secureConnect', check);
      done(err, socket);
    };
    const check = () => {
      socket.removeListener('error', fail);
      const fp = socket.getPeerCertificate()?.fingerprint256?.toUpperCase();
      if (fp && this.pins.has(fp)) return done(null, socket);
      socket.destroy();
      // The code maps to a 'tls-untrusted' TransportError (tlsError below) wherever the request fails.
      const err = Object.assign(new Error(`the certificate of ${host} (SHA256:${fp ?? 'none'}) is not the pinned one`), {
        code: PIN_MISMATCH,
      });
      done(err, socket);
    };
    socket.once('secureConnect', check);
    socket.once('error', fail);
    return undefined;
  }
}

// One keep-alive agent per target; node-fetch reuses its sockets across calls.
export function createHttpsAgent(tls: TlsOptions = {}, opts: AgentOptions = {}): https.Agent {
  const base: https.AgentOptions = {
    keepAlive: opts.keepAlive ?? true,
    maxSockets: opts.maxSockets ?? 8,
    timeout: FREE_SOCKET_TIMEOUT_MS,
  };
  // A pin is stricter than --insecure and wins over it and over --ca-file.
  if (tls.thumbprints?.length) return new PinnedAgent(base, new Set(tls.thumbprints.map((t) => t.toUpperCase())));
  const ca = tls.caFile ? readCaFile(tls.caFile) : undefined;
  return new https.Agent({
    keepAlive: opts.keepAlive ?? true,
    maxSockets: opts.maxSockets ?? 8,
    // Idle keep-alive sockets are dropped before a proxy in front of vCenter drops them: reusing a socket
    // the server just closed resets the request, and ContinueRetrievePropertiesEx cannot be repeated.
    timeout: FREE_SOCKET_TIMEOUT_MS,
    ...(ca ? { ca } : {}),
    rejectUnauthorized: tls.insecure !== true,
  });
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const HOSTNAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const REFUSED_CERT = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_REJECTED', 'INVALID_CA']);
const OTHER = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION']);

// Maps a TLS failure (by its error code) to a TransportError, or undefined when it is not a TLS error.
export function tlsError(code: string | undefined, host: string): TransportError | undefined {
  if (!code) return undefined;
  if (code === PIN_MISMATCH) {
    return new TransportError(
      'tls-untrusted',
      `the certificate of ${host} is not the one pinned with --thumbprint (${code}): if the vCenter certificate was replaced, check it with \`ftscan trust --server ${host}\` and update --thumbprint`,
    );
  }
  if (UNTRUSTED.has(code)) {
    return new TransportError(
      'tls-untrusted',
      `the certificate of ${host} is not trusted (${code}): pass --ca-file FILE (the vCenter CA certificate, PEM), or --insecure`,
    );
  }
  if (HOSTNAME.has(code)) {
    return new TransportError(
      'tls-hostname',
      `the certificate of ${host} does not name that host (${code}): connect with the name in the certificate`,
    );
  }
  if (REFUSED_CERT.has(code)) {
    return new TransportError(
      'tls-other',
      `the certificate of ${host} was refused (${code}): renew or replace the vCenter certificate (or check this machine's clock), or pass --insecure`,
    );
  }
  if (OTHER.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return new TransportError(
      'tls-other',
      `TLS handshake with ${host} failed (${code}): check that --server names the vCenter's HTTPS port`,
    );
  }
  return undefined;
}

export interface PresentedCert {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string; // "AB:CD:..."
  selfSigned: boolean;
  pem: string;
}

const oneLine = (dn: string): string => dn.split('\n').filter(Boolean).join(', ');

// What a TLS server presents, leaf first: a plain handshake (no HTTP request, no credentials), nothing
// verified. For `ftscan trust`, so a user can pin or trust a vCenter without ever passing --insecure.
export function presentedChain(host: string, port: number, timeoutMs = 15_000): Promise<PresentedCert[]> {
  return new Promise((resolveChain, reject) => {
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }) });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error(`no TLS handshake within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const chain: PresentedCert[] = [];
      const seen = new Set<string>();
      for (
        let c: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
        c?.raw && !seen.has(c.fingerprint256);
        c = c.issuerCertificate
      ) {
        seen.add(c.fingerprint256);
        const x = new X509Certificate(c.raw);
        chain.push({
          subject: oneLine(x.subject),
          issuer: oneLine(x.issuer),
          validFrom: new Date(x.validFrom).toISOString(),
          validTo: new Date(x.validTo).toISOString(),
          fingerprint256: x.fingerprint256,
          selfSigned: x.subject === x.issuer && x.checkIssued(x),
          pem: x.toString(),
        });
      }
      socket.end();
      resolveChain(chain);
    });
  });
}
