// The SOAP client against the msw mock vCenter; faults are injected by the mock below node-fetch.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VimClient } from '../../../src/vsphere/api.js';
import { type Client, connect, withClient } from '../../../src/vsphere/client.js';
import { parseServer } from '../../../src/vsphere/transport.js';
import { ReadOnlyViolation, TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { capturedLogger, options, PASSWORD, recorder, rejection, startHarness, VM_COUNT, type Harness } from './fixture.js';

const [h] = startHarness() as [Harness];
const { mock, requests } = h;
const VM_SPEC = { viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: ['name', 'config.version'] }] };
const clients: VimClient[] = [];

async function open(extra: Parameters<typeof options>[1] = {}): Promise<VimClient> {
  const c = await connect(options(mock, extra));
  clients.push(c);
  return c;
}

beforeAll(() => undefined);
afterEach(async () => {
  h.server.resetHandlers();
  for (const c of clients.splice(0)) await c.logout();
  mock.control.reset();
  requests.length = 0;
});
afterAll(() => h.close());

const vmNames = Array.from({ length: VM_COUNT }, (_, i) => `app-${i + 1}`).sort();

describe('session', () => {
  it('RetrieveServiceContent then Login, with the SOAPAction and the session cookie on later calls', async () => {
    const c = await open();
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login']);
    expect(c.about.apiType).toBe('VirtualCenter');
    expect(c.about.apiVersion).toMatch(/^7\.0/);
    expect(c.serviceContent.rootFolder).toMatchObject({ type: 'Folder', value: 'group-d1' });
    expect(c.serverUrl).toBe(`${mock.baseUrl}/sdk`);
    expect(c.calls).toEqual({ total: 2, byMethod: { RetrieveServiceContent: 1, Login: 1 } });

    await c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' });
    const [rsc, login, time] = requests;
    expect(rsc!.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(rsc!.headers.soapaction).toBe('urn:vim25/4.0');
    expect(login!.headers.soapaction).toBe(`urn:vim25/${c.about.apiVersion}`);
    expect(rsc!.headers.cookie).toBeUndefined();
    expect(time!.headers.cookie).toMatch(/^vmware_soap_session=/);
    expect(mock.control.calls.at(-1)!.sessionId).toBeTruthy();
  });

  it('a wrong password is VimFault InvalidLogin, not retried, and names no password', async () => {
    const err = await rejection(connect(options(mock, { password: 'wrong-password' })));
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).faultName).toBe('InvalidLogin');
    expect(err.message).not.toContain('wrong-password');
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login']);
  });

  it('[fault] never retries Login (HTTP 503 on Login fails at once)', async () => {
    mock.control.failNext('Login', { status: 503 });
    const err = await rejection(connect(options(mock, { retries: 3 })));
    expect((err as TransportError).status).toBe(503);
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login']);
  });

  it('logout sends Logout once, is idempotent and never throws', async () => {
    const c = await open();
    await c.logout();
    await c.logout();
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login', 'Logout']);
    mock.control.failNext('Logout', { status: 503 });
    const d = await open();
    await expect(d.logout()).resolves.toBeUndefined();
  });

  it('withClient logs out after the work, after a failure, and removes its signal handlers', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const n = await withClient(options(mock), async (c) => {
      expect(process.listenerCount('SIGINT')).toBe(before[0]! + 1);
      return (await c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' })) ? 1 : 0;
    });
    expect(n).toBe(1);
    expect(mock.control.methods().at(-1)).toBe('Logout');
    mock.control.reset();
    await expect(
      withClient(options(mock), async () => {
        throw new Error('scan failed');
      }),
    ).rejects.toThrow('scan failed');
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login', 'Logout']);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });

  it('withClient logs out on SIGTERM', async () => {
    const other = (): void => undefined; // another handler stands in for the CLI, so the signal is not re-raised
    process.on('SIGTERM', other);
    try {
      await withClient(options(mock), async () => {
        process.emit('SIGTERM', 'SIGTERM');
        await new Promise((r) => setTimeout(r, 50));
        expect(mock.control.methods()).toContain('Logout');
      });
      expect(mock.control.methods().filter((m) => m === 'Logout')).toHaveLength(1);
    } finally {
      process.removeListener('SIGTERM', other);
    }
  });
});

describe('collect', () => {
  it('pages across three pages and counts every round trip', async () => {
    const c = await open();
    const r = recorder();
    const pages: number[] = [];
    const stats = await c.collect({ ...VM_SPEC, maxObjects: 3 }, { ...r.handlers, onPage: (p) => pages.push(p) });
    expect(r.names()).toEqual(vmNames);
    expect(stats).toEqual({ objects: VM_COUNT, pages: 3, restarts: 0 });
    expect(pages).toEqual([1, 2, 3]);
    expect(mock.control.methods().slice(2)).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'DestroyView',
    ]);
    expect(c.calls.total).toBe(7);
    expect(c.calls.byMethod).toMatchObject({
      CreateContainerView: 1,
      RetrievePropertiesEx: 1,
      ContinueRetrievePropertiesEx: 2,
      DestroyView: 1,
    });
    const vm = r.objects.find((o) => o.props.name === 'app-1')!;
    expect(vm.obj.type).toBe('VirtualMachine');
    expect(typeof vm.props['config.version']).toBe('string');
    expect(vm.missing).toEqual([]);
  });

  it('[fault] re-logs in once when the session expires mid-collection and restarts from the start', async () => {
    const c = await open();
    const r = recorder();
    mock.control.expireSessionsAfter(2); // CreateContainerView, RetrievePropertiesEx pass; the first Continue fails
    const stats = await c.collect({ ...VM_SPEC, maxObjects: 3 }, r.handlers);
    expect(r.restarts).toBe(1);
    expect(stats.restarts).toBe(1);
    expect(r.names()).toEqual(vmNames); // complete and without duplicates
    expect(stats.objects).toBe(VM_COUNT);
    const methods = mock.control.methods().slice(2);
    expect(methods.filter((m) => m === 'Login')).toHaveLength(1);
    expect(methods.filter((m) => m === 'CreateContainerView')).toHaveLength(2); // the view was recreated
    expect(methods.slice(methods.indexOf('Login'))).toEqual([
      'Login',
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'DestroyView',
    ]);
  });

  // vcsim answers RetrievePropertiesEx on a dead session with HTTP 200 and NotAuthenticated in every
  // object's missingSet (test/vcsim notes). The mock follows vCenter (a fault), so this one answer is
  // layered in front of it, in vcsim's wire shape, still below node-fetch.
  function vcsimDeadSessionOnce(method: string): void {
    let used = false;
    h.server.use(
      http.post(`${mock.baseUrl}/sdk`, async ({ request }) => {
        if (used || !(await request.clone().text()).includes(`<${method} `)) return undefined;
        used = true;
        const objects = h.vms
          .slice(0, 2)
          .map(
            (vm) =>
              `<objects><obj type="VirtualMachine">${vm.moid}</obj><missingSet><path>name</path><fault>` +
              '<fault xsi:type="NotAuthenticated"><object type="Folder">group-d1</object><privilegeId>System.View</privilegeId></fault>' +
              '<localizedMessage/></fault></missingSet></objects>',
          )
          .join('');
        return new HttpResponse(
          '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ' +
            'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<soapenv:Body>\n' +
            `<${method}Response xmlns="urn:vim25"><returnval>${objects}</returnval></${method}Response>` +
            '\n</soapenv:Body>\n</soapenv:Envelope>',
          { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } },
        );
      }),
    );
  }

  it('[fault] treats NotAuthenticated in missingSet (vcsim, HTTP 200) as a dead session, not as data', async () => {
    const c = await open();
    vcsimDeadSessionOnce('RetrievePropertiesEx');
    const r = recorder();
    let sawDenied = false;
    const stats = await c.collect(VM_SPEC, {
      ...r.handlers,
      onObject: (oc) => {
        if (oc.missing.length) sawDenied = true;
        r.handlers.onObject(oc);
      },
    });
    expect(sawDenied).toBe(false);
    expect(stats.restarts).toBe(1);
    expect(r.names()).toEqual(vmNames);
    // the first RetrievePropertiesEx was answered by the vcsim-style layer, so the mock logs only the rest
    expect(mock.control.methods().slice(2)).toEqual([
      'CreateContainerView',
      'Login',
      'CreateContainerView',
      'RetrievePropertiesEx',
      'DestroyView',
    ]);
    expect(c.calls.byMethod).toMatchObject({ RetrievePropertiesEx: 2, CreateContainerView: 2, Login: 2 });
  });

  it('[fault] invoke() re-logs in once when RetrievePropertiesEx comes back with NotAuthenticated in missingSet', async () => {
    const c = await open();
    vcsimDeadSessionOnce('RetrievePropertiesEx');
    const vm = h.vms[0]!;
    const result = (await c.invoke('RetrievePropertiesEx', c.serviceContent.propertyCollector, [
      [
        'specSet',
        [
          [
            'propSet',
            [
              ['type', 'VirtualMachine'],
              ['pathSet', 'name'],
            ],
          ],
          ['objectSet', [['obj', vm.ref]]],
        ],
      ],
      ['options', []],
    ])) as { objects: { propSet: { name: string; val: unknown }[] }[] };
    expect(result.objects[0]!.propSet[0]).toMatchObject({ name: 'name', val: 'app-1' });
    expect(mock.control.methods().slice(2)).toEqual(['Login', 'RetrievePropertiesEx']); // the first went to the vcsim layer
    expect(c.calls.byMethod).toMatchObject({ RetrievePropertiesEx: 2, Login: 2 });
  });

  it('[fault] fails on a second expiry in the same collection', async () => {
    const c = await open();
    mock.control.expireSessionsAfter(2);
    const r = recorder();
    const err = await rejection(
      c.collect(
        { ...VM_SPEC, maxObjects: 3 },
        {
          ...r.handlers,
          onRestart: () => {
            r.handlers.onRestart();
            mock.control.expireSessionsAfter(1);
          },
        },
      ),
    );
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).faultName).toBe('NotAuthenticated');
    expect(mock.control.methods().filter((m) => m === 'Login')).toHaveLength(2); // connect + one re-login
  });

  it('[fault] retries a read after HTTP 503 and succeeds', async () => {
    const c = await open();
    mock.control.failNext('RetrievePropertiesEx', { status: 503 });
    const r = recorder();
    await c.collect({ ...VM_SPEC, maxObjects: 100 }, r.handlers);
    expect(r.names()).toEqual(vmNames);
    expect(mock.control.methods().filter((m) => m === 'RetrievePropertiesEx')).toHaveLength(2);
    expect(c.calls.byMethod.RetrievePropertiesEx).toBe(2);
  });

  it('[fault] does not retry a SOAP fault', async () => {
    const c = await open();
    mock.control.faultNext('RetrievePropertiesEx', 'InvalidArgument', { invalidProperty: 'specSet' });
    const err = await rejection(c.collect(VM_SPEC, recorder().handlers));
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).faultName).toBe('InvalidArgument');
    expect((err as VimFault).method).toBe('RetrievePropertiesEx');
    expect(mock.control.methods().filter((m) => m === 'RetrievePropertiesEx')).toHaveLength(1);
    expect(mock.control.methods().at(-1)).toBe('DestroyView');
  });

  it('[fault] never repeats ContinueRetrievePropertiesEx (its token is spent): the collection restarts instead', async () => {
    const c = await open();
    mock.control.failNext('ContinueRetrievePropertiesEx', { status: 503 });
    const r = recorder();
    const stats = await c.collect({ ...VM_SPEC, maxObjects: 3 }, r.handlers);
    expect(r.restarts).toBe(1);
    expect(stats).toEqual({ objects: VM_COUNT, pages: 3, restarts: 1 });
    expect(r.names()).toEqual(vmNames);
    expect(mock.control.methods().slice(2)).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx', // 503
      'DestroyView',
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'DestroyView',
    ]);
  });

  it('[fault] gives up when ContinueRetrievePropertiesEx keeps failing', async () => {
    const c = await open({ retries: 1 });
    for (let i = 0; i < 2; i++) mock.control.failNext('ContinueRetrievePropertiesEx', { status: 503 });
    const err = await rejection(c.collect({ ...VM_SPEC, maxObjects: 3 }, recorder().handlers));
    expect((err as TransportError).status).toBe(503);
    expect(mock.control.methods().filter((m) => m === 'ContinueRetrievePropertiesEx')).toHaveLength(2);
    expect(mock.control.methods().filter((m) => m === 'CreateContainerView')).toHaveLength(2);
  });

  it('[fault] a truncated page is malformed', async () => {
    const c = await open();
    mock.control.truncateNext('RetrievePropertiesEx');
    const err = await rejection(c.collect(VM_SPEC, recorder().handlers));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('malformed');
  });

  it('[fault] a truncated small reply is malformed', async () => {
    const c = await open();
    mock.control.truncateNext('CurrentTime');
    const err = await rejection(c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' }));
    expect((err as TransportError).kind).toBe('malformed');
  });

  it('[fault] an HTML 502 page is TransportError http with the status', async () => {
    const c = await open({ retries: 0 });
    mock.control.failNext('RetrievePropertiesEx', { status: 502, html: true });
    const err = await rejection(c.collect(VM_SPEC, recorder().handlers));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('http');
    expect((err as TransportError).status).toBe(502);
    expect(err.message).toMatch(/HTTP 502 and an HTML page, not SOAP/);
  });

  it('[fault] gives up after the configured retries', async () => {
    const c = await open({ retries: 2 });
    for (let i = 0; i < 3; i++) mock.control.failNext('CurrentTime', { status: 504 });
    const err = await rejection(c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' }));
    expect((err as TransportError).status).toBe(504);
    expect(mock.control.methods().filter((m) => m === 'CurrentTime')).toHaveLength(3);
  });

  it('[fault] times out a call that does not answer', async () => {
    const c = await open({ timeoutMs: 150, retries: 0 });
    mock.control.latencyMs = 2000;
    const err = await rejection(c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' }));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('timeout');
  });

  it('NoPermission on chosen objects comes back per object in missing', async () => {
    const c = await open();
    const denied = h.vms[2]!;
    mock.control.noPermission(denied.moid, undefined, 'System.Read');
    const r = recorder();
    await c.collect(VM_SPEC, r.handlers);
    const mine = r.objects.find((o) => o.obj.value === denied.moid)!;
    expect(mine.missing.map((m) => [m.path, m.faultName])).toEqual(
      expect.arrayContaining([
        ['name', 'NoPermission'],
        ['config.version', 'NoPermission'],
      ]),
    );
    expect(mine.missing[0]!.fault).toMatchObject({ _type: 'NoPermission', privilegeId: 'System.Read' });
    expect(r.objects.filter((o) => o.missing.length > 0)).toHaveLength(1);
    expect(r.objects).toHaveLength(VM_COUNT);
  });

  it('[fault] stops at the response-size ceiling', async () => {
    const c = await open({ maxResponseBytes: 16384 });
    const err = await rejection(
      c.collect({ viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: ['config'] }] }, recorder().handlers),
    );
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('too-large');
    expect(err.message).toContain('--max-response-mb');
  });

  it('cancels the outstanding token and destroys the view when the consumer throws', async () => {
    const c = await open();
    let seen = 0;
    const err = await rejection(
      c.collect(
        { ...VM_SPEC, maxObjects: 3 },
        {
          onObject: () => {
            if (++seen === 2) throw new Error('consumer broke');
          },
        },
      ),
    );
    expect(err.message).toBe('consumer broke');
    expect(mock.control.methods().slice(2)).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'CancelRetrievePropertiesEx',
      'DestroyView',
    ]);
  });

  it('an abort signal ends the collection with cancelled', async () => {
    const c = await open();
    const ac = new AbortController();
    const err = await rejection(
      c.collect({ ...VM_SPEC, maxObjects: 3 }, { onObject: () => undefined, onPage: () => ac.abort(), signal: ac.signal }),
    );
    expect((err as TransportError).kind).toBe('cancelled');
    expect(mock.control.methods().slice(-2)).toEqual(['CancelRetrievePropertiesEx', 'DestroyView']);
  });

  it('keeps the session alive with CurrentTime while a slow collection runs', async () => {
    const c = await open({ keepAliveIntervalMs: 40 });
    mock.control.latencyMs = 120;
    await c.collect({ ...VM_SPEC, maxObjects: 3 }, recorder().handlers);
    expect(mock.control.methods()).toContain('CurrentTime');
    expect(mock.control.methods()).not.toContain('SessionIsActive');
    const sent = c.calls.byMethod.CurrentTime;
    await new Promise((r) => setTimeout(r, 150));
    expect(c.calls.byMethod.CurrentTime).toBe(sent); // the heartbeat stops with the collection
  });
});

describe('server argument', () => {
  it.each([
    ['vc.example.com', 'https://vc.example.com/sdk'],
    ['vc.example.com:8443', 'https://vc.example.com:8443/sdk'],
    ['https://vc.example.com/sdk', 'https://vc.example.com/sdk'],
    ['https://admin:hunter2@vc.example.com/', 'https://vc.example.com/sdk'],
    ['[fd00::5]:443', 'https://[fd00::5]/sdk'],
  ])('%s -> %s', (server, url) => {
    expect(parseServer(server).url).toBe(url);
  });

  it('refuses plain http and never echoes credentials typed into the URL', () => {
    expect(() => parseServer('http://vc.example.com')).toThrow(/https only/);
    let message = '';
    try {
      parseServer('https://admin:hunter2@vc example');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/not a server name/);
    expect(message).not.toContain('hunter2');
  });
});

describe('read-only', () => {
  it.each(['PowerOffVM_Task', 'Destroy_Task', 'ReconfigVM_Task'])('refuses %s on a live session before sending', async (method) => {
    const c = await open();
    const vm = h.vms[0]!.ref;
    const err = await rejection(c.invoke(method as 'CurrentTime', vm));
    expect(err).toBeInstanceOf(ReadOnlyViolation);
    expect(mock.control.methods()).toEqual(['RetrieveServiceContent', 'Login']);
    expect(requests).toHaveLength(2);
  });
});

describe('credential hygiene', () => {
  it('neither the password nor the session cookie appears in logs or errors', async () => {
    const { logger, output } = capturedLogger();
    const errors: string[] = [];
    const bad = await rejection(connect(options(mock, { logger, password: `${PASSWORD}-wrong` })));
    errors.push(bad.message, String(bad.stack));
    const c = await open({ logger, retries: 1 });
    mock.control.failNext('RetrievePropertiesEx', { status: 503 });
    await c.collect({ ...VM_SPEC, maxObjects: 3 }, recorder().handlers);
    mock.control.faultNext('CurrentTime', 'NoPermission', { privilegeId: 'System.View' });
    errors.push((await rejection(c.invoke('CurrentTime', { type: 'ServiceInstance', value: 'ServiceInstance' }))).message);
    (c as Client).log.info({ password: PASSWORD, headers: { cookie: 'x' } }, 'careless code inside the client layer');
    await c.logout();

    const cookie = requests.map((r) => r.headers.cookie).find(Boolean)!;
    const session = cookie.split('=')[1]!.replace(/"/g, '');
    const log = output();
    expect(log).toContain('"method":"RetrievePropertiesEx"'); // debug lines per call: method, ms, bytes, status
    expect(log).toMatch(/"ms":\d+/);
    expect(log).toMatch(/"bytes":\d+/);
    expect(log).toContain('"status":200');
    for (const secret of [PASSWORD, session]) {
      expect(log).not.toContain(secret);
      for (const e of errors) expect(e).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});
