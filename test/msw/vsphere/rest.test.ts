// vSphere Automation REST session against the msw mock: /api (7.0 U2+) and the 6.5/6.7 /rest fallback.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ReadOnlyViolation, TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { restSession, type RestSession } from '../../../src/vsphere/rest.js';
import { capturedLogger, options, PASSWORD, rejection, startHarness, USER, type Harness } from './fixture.js';

const sessions: RestSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.logout();
});

function paths(h: Harness): string[] {
  return h.mock.control.restCalls.map((c) => `${c.method} ${c.path}${c.query ? '?' + c.query : ''} ${c.status}`);
}

const [api, legacy] = startHarness('api', 'rest') as [Harness, Harness];
afterAll(() => api.close());

describe('REST on a vCenter with /api', () => {
  const h = api;
  afterEach(() => {
    h.mock.control.reset();
    h.requests.length = 0;
  });

  it('logs in with basic auth, then sends the session id header, and DELETEs the session on logout', async () => {
    const s = await restSession(options(h.mock));
    sessions.push(s);
    expect(s.flavor).toBe('api');
    const tags = await s.get<string[]>('/api/cis/tagging/tag');
    expect(Array.isArray(tags)).toBe(true);
    await s.logout();
    await s.logout();
    expect(paths(h)).toEqual(['POST /api/session 201', 'GET /api/cis/tagging/tag 200', 'DELETE /api/session 204']);
    const [login, get, del] = h.requests;
    expect(login!.headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
    expect(get!.headers['vmware-api-session-id']).toBeTruthy();
    expect(get!.headers.authorization).toBeUndefined();
    expect(del!.headers['vmware-api-session-id']).toBe(get!.headers['vmware-api-session-id']);
    expect(s.calls).toEqual({ total: 3, byMethod: { POST: 1, GET: 1, DELETE: 1 } });
  });

  it('a wrong password is InvalidLogin without the password in the message', async () => {
    const err = await rejection(restSession(options(h.mock, { password: 'nope-not-it' })));
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).faultName).toBe('InvalidLogin');
    expect(err.message).not.toContain('nope-not-it');
  });

  it('allows the list-* query actions and refuses any other POST before sending it', async () => {
    const s = await restSession(options(h.mock));
    sessions.push(s);
    const before = h.requests.length;
    const err = await rejection(s.list('/api/cis/tagging/tag', { name: 'x', category_id: 'y' }));
    expect(err).toBeInstanceOf(ReadOnlyViolation);
    expect(h.requests.length).toBe(before);
    const vm = h.vms[0]!;
    const attached = await s.list<unknown[]>('/api/cis/tagging/tag-association?action=list-attached-tags-on-objects', {
      object_ids: [{ type: 'VirtualMachine', id: vm.moid }],
    });
    expect(Array.isArray(attached)).toBe(true);
  });

  it('[fault] maps an HTTP error on GET to TransportError http with the status', async () => {
    const s = await restSession(options(h.mock, { retries: 0 }));
    sessions.push(s);
    const err = await rejection(s.get('/api/cis/tagging/no-such-thing'));
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe('http');
    expect((err as TransportError).status).toBe(404);
  });

  it('never logs the password or the session id', async () => {
    const { logger, output } = capturedLogger();
    const s = await restSession(options(h.mock, { logger }));
    await s.get('/api/cis/tagging/category');
    const sid = h.requests.at(-1)!.headers['vmware-api-session-id']!;
    await s.logout();
    expect(output()).toContain('"method":"GET /api/cis/tagging/category"');
    expect(output()).not.toContain(PASSWORD);
    expect(output()).not.toContain(sid);
    expect(output()).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
  });
});

describe('REST on a 6.5/6.7 vCenter (/rest only)', () => {
  const h = legacy;

  it('falls back to /rest/com/vmware/cis/session on 404 and unwraps {"value"}', async () => {
    const s = await restSession(options(h.mock));
    sessions.push(s);
    expect(s.flavor).toBe('rest');
    const tags = await s.get<string[]>('/rest/com/vmware/cis/tagging/tag');
    expect(Array.isArray(tags)).toBe(true);
    await s.logout();
    expect(paths(h)).toEqual([
      'POST /api/session 404',
      'POST /rest/com/vmware/cis/session 200',
      'GET /rest/com/vmware/cis/tagging/tag 200',
      'DELETE /rest/com/vmware/cis/session 200',
    ]);
  });
});
