// A failed target's one line, naming the cause and the fix: the wording of every failure a scan (or a
// privileges check, or `ftscan trust`) can meet, made once here where the failure is caught (run.ts). Nothing
// here may echo a credential: messages are built from the server, the user name and fault names, never from
// request bodies; the pieces that quote a vCenter (fault strings, error details) pass through outside():
// secrets scrubbed, bounded.
import { STATUS_CODES } from 'node:http';
import { ScopeError } from '../inventory/scope.js';
import { UnknownClusterError } from '../rules/engine.js';
import { MoveTargetError } from '../rules/move.js';
import { UsageError } from '../util/errors.js';
import { scrubSecrets } from '../util/redact.js';
import { clip } from '../util/text.js';
import { TransportError, VimFault } from '../vsphere/errors.js';
import { TimeoutError } from './pool.js';

export interface FailureText {
  kind: string; // stable: 'auth' | 'tls-untrusted' | 'unreachable' | 'no-permission' | 'timeout' | ...
  message: string; // one line
}

export interface TargetRef {
  server: string;
  user?: string;
  tls?: { caFile?: string; thumbprints?: string[] };
}

// How much of a vCenter's own text (a fault string, a parser message) one error line quotes.
const MAX_QUOTED = 300;

// "https://vc.example.com/sdk" | "vc.example.com:8443" -> { host: "vc.example.com", port: "443" | "8443" }
export function hostPort(server: string): { host: string; port: string } {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(server) ? server : `https://${server}`);
    return { host: url.hostname, port: url.port || '443' };
  } catch {
    return { host: server, port: '443' };
  }
}

function errnoCode(err: Error): string | undefined {
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (err as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return /\b(E[A-Z]{3,}[A-Z_]*|ERR_[A-Z_]+|HPE_[A-Z_]+|[A-Z_]*CERT[A-Z_]*)\b/.exec(err.message)?.[1];
}

function moName(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v) {
    const m = v as { type?: string; value: string };
    return m.type ? `${m.type}:${m.value}` : m.value;
  }
  return 'an object';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

// Text that came from outside ftscan, quoted in a message: first line, secrets scrubbed, bounded.
export function outside(s: string): string {
  return clip(scrubSecrets(firstLine(s)), MAX_QUOTED);
}

// node's HTTP parser refusing the reply (llhttp error codes): a vCenter never sends these.
function httpParseFailure(code: string, host: string, port: string): FailureText {
  const what =
    code === 'HPE_HEADER_OVERFLOW' ? 'HTTP response headers larger than ftscan accepts (16 KB)' : 'a response that is not valid HTTP';
  return {
    kind: 'http',
    message: `${host}:${port} sent ${what} (${code}): that is no vCenter reply; check that --server names the vCenter itself, not a proxy or another service`,
  };
}

// The one-line description of a failure while scanning `target`.
export function describeFailure(err: unknown, target: TargetRef): FailureText {
  const { host, port } = hostPort(target.server);
  if (err instanceof VimFault) {
    switch (err.faultName) {
      case 'InvalidLogin':
        return {
          kind: 'auth',
          message: `login failed for user ${target.user ?? '?'} on ${host}: check the user name and password (InvalidLogin)`,
        };
      case 'NoPermission':
        return {
          kind: 'no-permission',
          message: `missing privilege ${outside(err.privilegeId ?? '?')} on ${outside(moName(err.detail.object))} (${host}): see \`ftscan privileges\``,
        };
      case 'NotAuthenticated':
        return {
          kind: 'auth',
          message: `${host} ended the session (NotAuthenticated) and a new login did not help: check the account and retry`,
        };
      default:
        return {
          kind: 'fault',
          message: `${host} answered ${outside(err.faultName)}${err.faultString ? ` (${outside(err.faultString)})` : ''}${err.method ? ` to ${err.method}` : ''}: re-run with --log-level debug and report it if it persists`,
        };
    }
  }
  if (err instanceof TransportError) {
    const code = errnoCode(err);
    switch (err.kind) {
      case 'unreachable':
        if (code?.startsWith('HPE_')) return httpParseFailure(code, host, port);
        return {
          kind: 'unreachable',
          message: `cannot reach ${host}:${port}${code ? ` (${code})` : ''}: check --server and the network`,
        };
      case 'timeout':
        return { kind: 'timeout', message: `${host}:${port} did not answer in time: check the network, or the vCenter's load` };
      case 'tls-untrusted': {
        if (target.tls?.thumbprints?.length) {
          return {
            kind: 'tls-untrusted',
            message: `certificate of ${host} is not the one pinned with --thumbprint${code ? ` (${code})` : ''}: if the vCenter certificate was replaced, check it with \`ftscan trust --server ${host}:${port}\` and update --thumbprint`,
          };
        }
        const ca = target.tls?.caFile;
        return {
          kind: 'tls-untrusted',
          message: ca
            ? `certificate of ${host} not trusted by the CA in --ca-file ${ca}${code ? ` (${code})` : ''}: check that ${ca} holds the CA certificate that signed the vCenter certificate (PEM), or pass --insecure`
            : `certificate of ${host} not trusted by ftscan${code ? ` (${code})` : ''}: pass --ca-file FILE, or --insecure`,
        };
      }
      case 'http': {
        const status = err.status ?? 0;
        const reason = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : '';
        // A 5xx is a vCenter (or its proxy) that is there but cannot serve: pointing at the right host already.
        if (status >= 500) {
          return {
            kind: 'http',
            message: `${host} answered HTTP ${status}${reason}${err.method ? ` to ${err.method}` : ''}: vCenter is up but not serving requests; retry later, or check its services (vpxd) and the proxy in front of it`,
          };
        }
        return {
          kind: 'http',
          message: `${host} answered HTTP ${err.status ?? '?'}${err.method ? ` to ${err.method}` : ''} instead of SOAP: check that --server points at a vCenter (https://HOST)`,
        };
      }
      case 'malformed':
        return {
          kind: 'malformed',
          message: `${host} sent a malformed response (${outside(err.message)}): retry, and report it with --log-level debug if it persists`,
        };
      case 'cancelled':
        return { kind: 'cancelled', message: `scan of ${host} cancelled` };
      default: // tls-hostname, tls-other, too-large: the client's message already names the fix
        return { kind: err.kind, message: `${host}: ${outside(err.message)}` };
    }
  }
  if (err instanceof TimeoutError) {
    return {
      kind: 'timeout',
      message: `${host}: ${err.message}: raise --target-timeout or narrow the scope (--cluster, --vm)`,
    };
  }
  if (err instanceof UnknownClusterError) {
    return {
      kind: 'usage',
      message: `--target-cluster ${err.cluster}: no such cluster on ${host}${err.suggestion !== undefined ? ` (did you mean '${err.suggestion}'?)` : ': give its name as vCenter lists it'}`,
    };
  }
  if (err instanceof UsageError) return { kind: 'usage', message: err.message };
  if (err instanceof MoveTargetError) return { kind: 'usage', message: `${host}: ${err.message}` };
  if (err instanceof ScopeError) return { kind: 'scope', message: `${host}: ${firstLine(err.message)}` }; // own text, parts scrubbed where made
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'internal', message: `${host}: internal error: ${outside(e.message)} (re-run with --log-level debug for details)` };
}
