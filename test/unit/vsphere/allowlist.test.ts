// Read-only by construction: a method off ALLOWED_METHODS throws ReadOnlyViolation before any byte is sent.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_METHODS, type AllowedMethod } from '../../../src/vsphere/api.js';
import { Client } from '../../../src/vsphere/client.js';
import { ReadOnlyViolation } from '../../../src/vsphere/errors.js';
import { createHttpsAgent } from '../../../src/vsphere/tls.js';
import { SoapTransport } from '../../../src/vsphere/transport.js';

// Records every request that reaches the HTTP layer (below node-fetch); answers nothing useful.
const seen: string[] = [];
const server = setupServer(
  http.all('*', async ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
    return new HttpResponse('', { status: 500 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen.length = 0;
});
afterAll(() => server.close());

const WRITES = ['PowerOffVM_Task', 'Destroy_Task', 'ReconfigVM_Task', 'CreateSecondaryVMEx_Task', 'CreateSnapshot_Task'];
const VM = { type: 'VirtualMachine', value: 'vm-1' };

describe('read-only allowlist', () => {
  it.each(WRITES)('invoke(%s) throws ReadOnlyViolation and sends nothing', async (method) => {
    const client = new Client({ server: 'vc.allowlist.test', user: 'u', password: 'p' });
    await expect(client.invoke(method as AllowedMethod, VM)).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(client.invoke(method as AllowedMethod, VM)).rejects.toThrow(`refusing to call ${method}`);
    expect(client.calls.total).toBe(0);
    expect(seen).toEqual([]);
  });

  it('guards the internal send path and the transport as well', async () => {
    const client = new Client({ server: 'vc.allowlist.test', user: 'u', password: 'p' });
    await expect(client.send('PowerOffVM_Task', VM)).rejects.toBeInstanceOf(ReadOnlyViolation);
    const transport = new SoapTransport({
      url: 'https://vc.allowlist.test/sdk',
      host: 'vc.allowlist.test',
      agent: createHttpsAgent(),
      timeoutMs: 1000,
      retries: 0,
      retryBaseMs: 1,
      maxResponseBytes: 1000,
      logger: pino({ level: 'silent' }),
    });
    await expect(transport.post('Destroy_Task', '<x/>', false)).rejects.toBeInstanceOf(ReadOnlyViolation);
    expect(seen).toEqual([]);
  });

  it('lets an allowed method through to the HTTP layer (the recorder above does see requests)', async () => {
    const client = new Client({ server: 'vc.allowlist.test', user: 'u', password: 'p', retries: 0 });
    await expect(client.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' })).rejects.toThrow(/HTTP 500/);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^POST \/sdk .*<CurrentTime xmlns="urn:vim25">/);
  });

  it('contains no method that changes vCenter state', () => {
    const writes = ALLOWED_METHODS.filter((m) =>
      /_Task$|^(Create(?!ContainerView|ListView)|Destroy(?!View)|Reconfig|Power|Remove|Update|Set|Add|Move|Rename|Register|Unregister|Reset|Reboot|Shutdown|Terminate)/.test(
        m,
      ),
    );
    expect(writes).toEqual([]);
  });
});
