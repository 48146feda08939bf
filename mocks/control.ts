// Fault injection and call recording of the mock vCenter. Everything is applied inside the request handler
// (below node-fetch), so the client under test sees exactly what a misbehaving vCenter would send.

export interface SoapCall {
  method: string; // SOAP method name as received
  at: number; // Date.now()
  sessionId?: string; // session cookie value, when one was sent
  ok: boolean; // false when the mock answered a fault or an HTTP error
}

export interface RestCall {
  method: string; // HTTP method
  path: string; // "/api/cis/tagging/tag" (no query)
  query: string; // "action=list-attached-tags-on-objects" or ""
  at: number;
  status: number;
}

export interface HttpFailure {
  status: 502 | 503 | 504 | number;
  html?: boolean; // an HTML error page (load balancer / reverse proxy) instead of an empty body
}

export interface NoPermissionRule {
  moid: string;
  path?: string; // a property path (exact, or a prefix of the requested path); undefined = every property
  privilegeId: string; // "System.Read", "VirtualMachine.Config.Settings"...
}

interface Pending<T> {
  method?: string; // undefined = the next call whatever its method
  value: T;
}

export class MockControl {
  readonly calls: SoapCall[] = [];
  readonly restCalls: RestCall[] = [];
  latencyMs = 0;
  failures: Pending<HttpFailure>[] = [];
  truncations: Pending<true>[] = [];
  faults: Pending<{ faultName: string; fields: Record<string, unknown>; message?: string }>[] = [];
  noPermissions: NoPermissionRule[] = [];
  // Sessions expire after this many further SOAP calls (counted from the call to expireSessionsAfter).
  expireAfterCalls: number | undefined;

  // The next call (of `method`, or any) gets an HTTP error instead of a SOAP answer.
  failNext(method?: string, failure: HttpFailure = { status: 503 }): this {
    this.failures.push({ method, value: failure });
    return this;
  }

  // The next call (of `method`, or any) gets its body cut in half (an XML document that never closes).
  truncateNext(method?: string): this {
    this.truncations.push({ method, value: true });
    return this;
  }

  // The next call of `method` answers a SOAP fault `faultName` with detail fields (vim-value convention).
  faultNext(method: string, faultName: string, fields: Record<string, unknown> = {}, message?: string): this {
    this.faults.push({ method, value: { faultName, fields, message } });
    return this;
  }

  // Every live session dies after n more SOAP calls: the (n+1)th call gets NotAuthenticated.
  expireSessionsAfter(nCalls: number): this {
    this.expireAfterCalls = nCalls;
    return this;
  }

  // Reads of `moid` (the property `path`, or all of them) return NoPermission in missingSet.
  noPermission(moid: string, path: string | undefined, privilegeId = 'System.Read'): this {
    this.noPermissions.push({ moid, path, privilegeId });
    return this;
  }

  // Names of the SOAP methods received, in order.
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }

  reset(): void {
    this.calls.length = 0;
    this.restCalls.length = 0;
    this.latencyMs = 0;
    this.failures = [];
    this.truncations = [];
    this.faults = [];
    this.noPermissions = [];
    this.expireAfterCalls = undefined;
  }

  // Internal: takes the first pending entry that matches `method`.
  take<T>(list: Pending<T>[], method: string): T | undefined {
    const i = list.findIndex((p) => p.method === undefined || p.method === method);
    if (i < 0) return undefined;
    const [p] = list.splice(i, 1);
    return p!.value;
  }
}
