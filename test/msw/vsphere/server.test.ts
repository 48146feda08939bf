// The whole client over real https to the mock vCenter on 127.0.0.1 (certificates, keep-alive, streaming).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { connect, withClient } from '../../../src/vsphere/client.js';
import { TransportError } from '../../../src/vsphere/errors.js';
import { buildEstate, PASSWORD, recorder, rejection, USER, VM_COUNT } from './fixture.js';

let mock: MockVcenter;
let srv: MockServer;

beforeAll(async () => {
  mock = createMockVcenter(buildEstate().estate);
  srv = await startMockServer(mock, { tls: true });
}, 30_000);
afterAll(() => srv?.close());

const opts = () => ({ server: srv.url, user: USER, password: PASSWORD });

describe('client over https to the loopback mock vCenter', () => {
  it('refuses the self-signed certificate by default', async () => {
    const err = await rejection(connect(opts()));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('tls-untrusted');
    expect(err.message).toMatch(/pass --ca-file FILE .*, or --insecure/);
    expect(mock.control.calls).toHaveLength(0);
  });

  it('connects, pages and logs out with caFile', async () => {
    mock.control.reset();
    const r = recorder();
    const stats = await withClient({ ...opts(), tls: { caFile: srv.caFile } }, (c) =>
      c.collect({ viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: ['name'] }], maxObjects: 2 }, r.handlers),
    );
    expect(stats).toMatchObject({ objects: VM_COUNT, pages: Math.ceil(VM_COUNT / 2) });
    expect(new Set(r.names()).size).toBe(VM_COUNT);
    expect(mock.control.methods().at(-1)).toBe('Logout');
    // one session cookie for every call after Login
    const sessions = new Set(mock.control.calls.slice(2).map((c) => c.sessionId));
    expect(sessions.size).toBe(1);
    expect([...sessions][0]).toBeTruthy();
  });

  it('connects with the explicit insecure opt-in', async () => {
    const c = await connect({ ...opts(), tls: { insecure: true } });
    expect(c.about.apiType).toBe('VirtualCenter');
    await c.logout();
  });
});
