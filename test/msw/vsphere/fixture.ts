// Shared setup for the client's msw tests: a small estate, the mock vCenter's handlers in an msw server,
// every request's headers recorded (below node-fetch), and a pino logger captured into a string.
import { Writable } from 'node:stream';
import { setupServer, type SetupServer } from 'msw/node';
import { pino, type Logger } from 'pino';
import { createMockVcenter, estate, type MockVcenter, type RestFlavour, type VmRef } from '../../../mocks/index.js';
import type { ClientOptions, ObjectContent } from '../../../src/vsphere/api.js';

export const USER = 'ftscan@vsphere.local';
export const PASSWORD = `S3cr<&>"'et-pw`;
export const VM_COUNT = 7;

export function buildEstate(restFlavour?: RestFlavour) {
  const b = estate({ vcenterVersion: '7.0.3', ...(restFlavour ? { restFlavour } : {}) });
  const dc = b.datacenter('DC1');
  const cluster = b.cluster({ name: 'Cluster1', datacenter: dc });
  const host = b.host({ name: 'esx-01.lab', cluster });
  const host2 = b.host({ name: 'esx-02.lab', cluster });
  b.datastore({ name: 'shared-ds', datacenter: dc, hosts: [host, host2] });
  b.network({ name: 'VM Network', datacenter: dc, hosts: [host, host2] });
  const vms = Array.from({ length: VM_COUNT }, (_, i) => b.vm({ name: `app-${i + 1}`, host }));
  b.user(USER, PASSWORD);
  return { estate: b.build(), vms };
}

export interface Harness {
  mock: MockVcenter;
  vms: VmRef[];
  // Every request as msw saw it (below node-fetch), in order.
  requests: { url: string; method: string; headers: Record<string, string> }[];
  server: SetupServer; // to layer a test-local handler in front of the mock (server.use)
  close(): void;
}

// One msw server per test file (msw patches node's http once); each mock gets its own base URL.
export function startHarness(...flavours: (RestFlavour | undefined)[]): Harness[] {
  const list = (flavours.length ? flavours : [undefined]).map((f, i) => {
    const built = buildEstate(f);
    const mock = createMockVcenter(built.estate, i === 0 ? {} : { baseUrl: `https://vc${i + 1}.mock.test` });
    return { mock, vms: built.vms };
  });
  const server = setupServer(...list.flatMap((m) => m.mock.handlers));
  const harnesses: Harness[] = list.map((m) => ({ ...m, requests: [], server, close: () => server.close() }));
  server.events.on('request:start', ({ request }) => {
    const h = harnesses.find((x) => request.url.startsWith(x.mock.baseUrl));
    h?.requests.push({ url: request.url, method: request.method, headers: Object.fromEntries(request.headers) });
  });
  server.listen({ onUnhandledRequest: 'error' });
  return harnesses;
}

export function options(mock: MockVcenter, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    server: new URL(mock.baseUrl).host,
    user: USER,
    password: PASSWORD,
    retryBaseMs: 5,
    ...extra,
  };
}

export function capturedLogger(): { logger: Logger; output: () => string } {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });
  return { logger: pino({ level: 'trace' }, sink), output: () => out };
}

// A consumer that honours onRestart (drops what it had), as the inventory layer must.
export function recorder() {
  let objects: ObjectContent[] = [];
  let restarts = 0;
  return {
    handlers: {
      onObject: (oc: ObjectContent) => void objects.push(oc),
      onRestart: () => {
        restarts++;
        objects = [];
      },
    },
    get objects() {
      return objects;
    },
    get restarts() {
      return restarts;
    },
    names: () => objects.map((o) => o.props.name as string).sort(),
  };
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a rejection');
  return err;
}
