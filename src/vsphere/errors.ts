// Typed errors of the vSphere client. src/scan/describe-failure.ts words them for the report and the
// terminal; nothing here may contain a password, a session cookie or a full SOAP body.
import { bounded } from './limits.js';

// A vim25 fault: soapenv:Fault (HTTP 500) or a LocalizedMethodFault inside data (missingSet).
export class VimFault extends Error {
  override readonly name: string = 'VimFault';
  readonly faultName: string; // the vim25 type: "InvalidLogin", "NoPermission", "UnknownLicenseProblemFault"...
  readonly faultString: string; // soapenv faultstring / localizedMessage, may be ""; bounded (it is echoed)
  constructor(
    faultName: string,
    faultString: string,
    readonly detail: Record<string, unknown> = {}, // decoded fault fields: privilegeId, object, invalidProperty...
    readonly method?: string, // the SOAP method that failed
  ) {
    const name = bounded(faultName, 100);
    const text = bounded(faultString);
    super(`${name}${text ? ': ' + text.split('\n')[0] : ''}${method ? ` (in ${method})` : ''}`);
    this.faultName = name;
    this.faultString = text;
  }
  // NoPermission helpers
  get privilegeId(): string | undefined {
    return typeof this.detail.privilegeId === 'string' ? this.detail.privilegeId : undefined;
  }
}

export type TransportErrorKind =
  | 'unreachable' // DNS, ECONNREFUSED, EHOSTUNREACH, ECONNRESET after retries
  | 'timeout' // per-request timeout
  | 'tls-untrusted' // self-signed / unknown CA
  | 'tls-hostname' // certificate does not match host
  | 'tls-other'
  | 'http' // non-SOAP HTTP error (404, 401, HTML error page, 5xx without a SOAP body)
  | 'malformed' // body is not well-formed XML / not a SOAP envelope / truncated
  | 'too-large' // response exceeded the configured ceiling
  | 'cancelled';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly status?: number, // HTTP status when there was a response
    readonly method?: string,
  ) {
    super(message);
  }
}

// A reply that is not well-formed XML or not a SOAP reply, from either decoder: one line, bounded (the
// message may quote the body).
export function malformedResponse(message: string, method?: string): TransportError {
  return new TransportError('malformed', bounded(message.replace(/\s+/g, ' ')), undefined, method);
}

// Thrown BEFORE anything is sent when code asks for a method that is not on the read-only allowlist.
export class ReadOnlyViolation extends Error {
  override readonly name = 'ReadOnlyViolation';
  constructor(readonly method: string) {
    super(`refusing to call ${method}: ftscan is read-only and ${method} is not on its allowlist`);
  }
}

export function isFault(err: unknown, faultName: string): err is VimFault {
  return err instanceof VimFault && err.faultName === faultName;
}
