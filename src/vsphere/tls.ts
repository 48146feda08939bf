// TLS for the vCenter connection: verified by default, a PEM bundle from --ca-file (read once), or the
// explicit --insecure opt-out. Also turns Node's TLS error codes into TransportError kinds with the fix.
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import https from 'node:https';
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

// One keep-alive agent per target; node-fetch reuses its sockets across calls.
export function createHttpsAgent(tls: TlsOptions = {}, opts: AgentOptions = {}): https.Agent {
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
