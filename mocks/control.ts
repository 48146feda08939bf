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

// How a hostile server delivers a reply: a function of the serialized (real-shaped) body.
export type Rewrite = (body: string, call: number) => string;
export type Stall = 'never' | { bytesPerSecond: number }; // never answer, or drip the body

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
  rewrites: { method: string; fn: Rewrite; left: number; calls: number }[] = [];
  stalls: Pending<Stall>[] = [];
  holds: { method: string; matches: (body: string) => boolean; until: Promise<void> }[] = [];

  // The next `times` replies to `method` (default: every one) are rewritten by fn, e.g. a value replaced by
  // garbage, a paging token repeated, a fault string inflated. Applied to the body the mock serialized.
  rewrite(method: string, fn: Rewrite, times = Infinity): this {
    this.rewrites.push({ method, fn, left: times, calls: 0 });
    return this;
  }

  // The next call of `method` is never answered, or its body drips at `bytesPerSecond`.
  stallNext(method: string, stall: Stall = 'never'): this {
    this.stalls.push({ method, value: stall });
    return this;
  }

  // The next reply to `method` whose body `matches` waits until the returned function is called, e.g. to make
  // a later reply arrive first. Decided by events, not by time.
  holdReply(method: string, matches: (body: string) => boolean): () => void {
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    this.holds.push({ method, matches, until });
    return release;
  }

  // Internal (mocks/vcenter.ts): applies the rewrites, holds and stalls of `method` to a reply.
  async deliver(method: string, response: Response): Promise<Response> {
    const rw = this.rewrites.filter((r) => r.method === method && r.left > 0);
    if (this.holds.some((h) => h.method === method)) {
      const body = await response.text();
      const copy = (): Response => new Response(body, { status: response.status, headers: response.headers });
      const h = this.holds.find((x) => x.method === method && x.matches(body));
      if (!h) return this.shape(method, copy(), rw);
      this.holds.splice(this.holds.indexOf(h), 1);
      await h.until;
      return this.shape(method, copy(), rw);
    }
    return this.shape(method, response, rw);
  }

  private async shape(method: string, response: Response, rw: MockControl['rewrites']): Promise<Response> {
    const stall = this.take(this.stalls, method);
    if (!rw.length && !stall) return response;
    let body = await response.text();
    for (const r of rw) {
      if (r.left <= 0) continue; // spent by a concurrent reply meanwhile (split reads answer side by side)
      r.left--;
      body = r.fn(body, r.calls++);
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    if (stall === 'never') return new Promise<Response>(() => {});
    if (stall) {
      const bytes = new TextEncoder().encode(body);
      const gap = 1000 / stall.bytesPerSecond;
      let i = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream<Uint8Array>({
        pull: (ctl) =>
          new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              if (i >= bytes.length) ctl.close();
              else ctl.enqueue(bytes.subarray(i, ++i));
              resolve();
            }, gap);
          }),
        cancel: () => clearTimeout(timer),
      });
      return new Response(stream, { status: response.status, headers });
    }
    return new Response(body, { status: response.status, headers });
  }

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

  // Objects deleted from the inventory (by moid), e.g. a VM removed between a listing and the read of its part:
  // lookups no longer find it and views created from now on leave it out.
  readonly deleted = new Set<string>();
  deleteObject(moid: string): this {
    this.deleted.add(moid);
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
    this.rewrites = [];
    this.stalls = [];
    this.deleted.clear();
    this.holds = [];
  }

  // Internal: takes the first pending entry that matches `method`.
  take<T>(list: Pending<T>[], method: string): T | undefined {
    const i = list.findIndex((p) => p.method === undefined || p.method === method);
    if (i < 0) return undefined;
    const [p] = list.splice(i, 1);
    return p!.value;
  }
}
