// `ftscan trust --server HOST[:PORT]`: what a vCenter presents (the chain, leaf first, with subjects,
// issuers, expiry and SHA-256 fingerprints), and with --write-ca FILE the top of that chain as PEM for
// --ca-file. A plain TLS handshake: no HTTP request, no SOAP call, no credentials. So a user can trust or pin
// (--thumbprint) a vCenter without ever running with --insecure.
import { writeReportAtomic } from '../report/write.js';
import { describeFailure, hostPort } from '../scan/describe-failure.js';
import { UsageError } from '../util/errors.js';
import { visible } from '../util/text.js';
import { TransportError } from '../vsphere/errors.js';
import { type PresentedCert, presentedChain, tlsError } from '../vsphere/tls.js';
import { parseServer } from '../vsphere/transport.js';
import { ExitCode } from './exit-codes.js';
import type { Events } from './job.js';

export interface TrustJob {
  server?: string; // --server, else FTSCAN_SERVER
  writeCa?: string;
}

export async function trustJob(opts: TrustJob, events: Events): Promise<ExitCode> {
  const server = opts.server;
  if (!server) throw new UsageError('no vCenter given: pass --server HOST[:PORT] (or set FTSCAN_SERVER)');
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(server.trim())) {
    throw new UsageError('--server must not hold a user name or password (user@host): give the host only');
  }
  let target: string;
  try {
    target = parseServer(server).host;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { host, port } = hostPort(target);
  let chain: PresentedCert[];
  try {
    chain = await presentedChain(host.replace(/^\[|\]$/g, ''), Number(port));
  } catch (err) {
    // The scan's wording and exit code for a vCenter that cannot be reached or does not speak TLS.
    const code = (err as NodeJS.ErrnoException).code;
    const te = tlsError(code, `${host}:${port}`) ?? new TransportError('unreachable', code ?? 'unknown error');
    events.error(describeFailure(te, { server }).message);
    return ExitCode.NothingScanned;
  }
  if (chain.length === 0) {
    events.error(`${host}:${port} presented no certificate`);
    return ExitCode.NothingScanned;
  }
  const now = events.now();
  const lines = [
    `${host}:${port} presents ${chain.length} certificate(s), leaf first (not verified: compare the fingerprint with the one vCenter shows):`,
  ];
  chain.forEach((c, i) => {
    const expired = new Date(c.validTo) < now ? ' (EXPIRED)' : '';
    lines.push(
      '',
      `${i + 1}. subject:     ${visible(c.subject)}`,
      `   issuer:      ${visible(c.issuer)}${c.selfSigned ? ' (self-signed)' : ''}`,
      `   valid:       ${c.validFrom} to ${c.validTo}${expired}`,
      `   fingerprint: SHA256:${c.fingerprint256}`,
    );
  });
  const top = chain[chain.length - 1]!;
  lines.push(
    '',
    'Use one of:',
    `  --thumbprint SHA256:${chain[0]!.fingerprint256}   (accept exactly this leaf certificate; a renewed certificate needs the new one)`,
    `  --ca-file FILE   (FILE from --write-ca: the ${top.selfSigned ? 'root CA' : 'top certificate'} of this chain)`,
  );
  if (!top.selfSigned) {
    lines.push(
      `  note: the top certificate is not self-signed: the root CA (issuer "${visible(top.issuer)}") is not presented; get it from your PKI for --ca-file`,
    );
  }
  events.out(`${lines.join('\n')}\n`);
  if (opts.writeCa) {
    try {
      await writeReportAtomic(opts.writeCa, top.pem);
    } catch (err) {
      throw new UsageError(`cannot write --write-ca ${opts.writeCa} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path`);
    }
    events.info(`wrote ${opts.writeCa}: the top certificate of the chain (PEM), for --ca-file ${opts.writeCa}`);
  }
  return ExitCode.Ok;
}
