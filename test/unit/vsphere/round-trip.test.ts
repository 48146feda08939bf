// The transport seam (ClientOptions.roundTripper): a base of our own under the client's decorators sees
// exactly what would have gone over HTTP, so the allowlist, retries, accounting, re-login and the abort
// signal are checked here without a server.
import { describe, expect, it } from 'vitest';
import type { RoundTripper, SoapRequest, ServiceContent } from '../../../src/vsphere/api.js';
import { Client } from '../../../src/vsphere/client.js';
import { ReadOnlyViolation, TransportError, VimFault } from '../../../src/vsphere/errors.js';
import * as methods from '../../../src/vsphere/methods.js';

const SC: ServiceContent = {
  about: {
    name: 'VMware vCenter Server',
    fullName: 'x',
    vendor: 'VMware, Inc.',
    version: '7.0.3',
    build: '1',
    apiType: 'VirtualCenter',
    apiVersion: '7.0.3.0',
  },
  rootFolder: { type: 'Folder', value: 'group-d1' },
  propertyCollector: { type: 'PropertyCollector', value: 'propertyCollector' },
  sessionManager: { type: 'SessionManager', value: 'SessionManager' },
  authorizationManager: { type: 'AuthorizationManager', value: 'AuthorizationManager' },
};

// A fake vCenter at the seam: answers by method, or throws what `script` says for the next call of a method.
function fake(script: Record<string, (Error | unknown)[]> = {}): { base: RoundTripper; seen: SoapRequest[] } {
  const seen: SoapRequest[] = [];
  const base: RoundTripper = async (req) => {
    seen.push(req);
    const next = script[req.method]?.shift();
    if (next instanceof Error) throw next;
    if (next !== undefined) return next;
    if (req.method === 'RetrieveServiceContent') return SC;
    return undefined;
  };
  return { base, seen };
}

async function connected(base: RoundTripper, extra: { retries?: number; signal?: AbortSignal } = {}): Promise<Client> {
  const c = new Client({ server: 'vc.seam.test', user: 'u', password: 'p', retryBaseMs: 1, roundTripper: base, ...extra });
  await c.connect();
  return c;
}

describe('round-trip seam', () => {
  it('the typed methods send their arguments in WSDL order and read typed results', async () => {
    const answer = [
      {
        _type: 'EntityPrivilege',
        entity: { _type: 'ManagedObjectReference', type: 'VirtualMachine', value: 'vm-1' },
        privAvailability: [{ privId: 'System.Read', isGranted: true }],
      },
    ];
    const { base, seen } = fake({ HasPrivilegeOnEntities: [answer] });
    const c = await connected(base);
    const got = await methods.hasPrivilegeOnEntities(c.roundTrip, SC.authorizationManager!, {
      entity: [{ type: 'VirtualMachine', value: 'vm-1' }],
      sessionId: 'k',
      privId: ['System.Read'],
    });
    expect(got[0]!.privAvailability![0]).toEqual({ privId: 'System.Read', isGranted: true });
    expect(seen.at(-1)!.args.map(([name]) => name)).toEqual(['entity', 'sessionId', 'privId']);
    expect(c.calls.byMethod).toEqual({ RetrieveServiceContent: 1, Login: 1, HasPrivilegeOnEntities: 1 });
  });

  it('a method off the allowlist reaches no base and is not counted', async () => {
    const { base, seen } = fake();
    const c = await connected(base);
    await expect(c.invoke('PowerOffVM_Task' as 'CurrentTime', { type: 'VirtualMachine', value: 'vm-1' })).rejects.toBeInstanceOf(
      ReadOnlyViolation,
    );
    expect(seen.map((r) => r.method)).toEqual(['RetrieveServiceContent', 'Login']);
    expect(c.calls.total).toBe(2);
  });

  it('[fault] retries a transient failure of a read, counting every attempt; never retries Login', async () => {
    const http503 = (): TransportError => new TransportError('http', 'HTTP 503', 503, 'CurrentTime');
    const { base, seen } = fake({ CurrentTime: [http503(), http503()], Login: [] });
    const c = await connected(base, { retries: 3 });
    await methods.currentTime(c.roundTrip);
    expect(seen.filter((r) => r.method === 'CurrentTime')).toHaveLength(3);
    expect(c.calls.byMethod.CurrentTime).toBe(3);

    const once = fake({ Login: [new TransportError('http', 'HTTP 503', 503, 'Login')] });
    await expect(connected(once.base, { retries: 3 })).rejects.toThrow(/503/);
    expect(once.seen.filter((r) => r.method === 'Login')).toHaveLength(1);
  });

  it('[fault] NotAuthenticated: one Login, the call repeated once, through roundTrip only', async () => {
    const notAuth = (): VimFault => new VimFault('NotAuthenticated', 'expired', {}, 'CurrentTime');
    const { base, seen } = fake({ CurrentTime: [notAuth(), '2026-01-01T00:00:00Z', notAuth()] });
    const c = await connected(base);
    expect(await methods.currentTime(c.roundTrip)).toBe('2026-01-01T00:00:00Z');
    expect(seen.map((r) => r.method)).toEqual(['RetrieveServiceContent', 'Login', 'CurrentTime', 'Login', 'CurrentTime']);
    await expect(methods.currentTime(c.session)).rejects.toThrow(/expired/); // below the re-login: no Login
    expect(seen.filter((r) => r.method === 'Login')).toHaveLength(2);
  });

  it('carries the client signal on every request; an aborted call is neither sent on nor counted', async () => {
    const ac = new AbortController();
    const { base, seen } = fake();
    const c = await connected(base, { signal: ac.signal });
    expect(seen.every((r) => r.signal === ac.signal)).toBe(true);
    ac.abort(new Error('deadline'));
    const before = c.calls.total;
    await methods.currentTime(c.roundTrip);
    expect(seen.at(-1)!.signal!.aborted).toBe(true); // the base (HTTP) rejects it before a byte is sent
    expect(c.calls.total).toBe(before);
  });

  it('RetrievePropertiesEx whole-document: missingSet decoded once into MissingProperty', async () => {
    const fault = { _type: 'LocalizedMethodFault', fault: { _type: 'NoPermission', privilegeId: 'System.Read' }, localizedMessage: 'no' };
    const reply = {
      _type: 'RetrieveResult',
      objects: [
        {
          _type: 'ObjectContent',
          obj: SC.rootFolder,
          propSet: [{ name: 'name', val: 'Datacenters' }],
          missingSet: [{ path: 'childEntity', fault }],
        },
      ],
    };
    const { base, seen } = fake({ RetrievePropertiesEx: [reply] });
    const c = await connected(base);
    const r = await methods.retrievePropertiesEx(c.roundTrip, SC.propertyCollector, {
      specSet: [{ propSet: [{ type: 'Folder', pathSet: ['name', 'childEntity'] }], objectSet: [{ obj: SC.rootFolder, skip: false }] }],
      options: {},
    });
    expect(r.objects[0]).toEqual({
      obj: SC.rootFolder,
      props: { name: 'Datacenters' },
      missing: [{ path: 'childEntity', faultName: 'NoPermission', fault: fault.fault, message: 'no' }],
    });
    expect(seen.at(-1)!.args.map(([name]) => name)).toEqual(['specSet', 'options']);
  });
});
