// The mock's vSphere Automation REST API: sessions and tagging in both flavours (/api 7.0+, /rest 6.5).
import { describe, expect, it } from 'vitest';
import { createMockVcenter, estate, type RestFlavour } from '../../../mocks/index.js';

function tagged(flavour?: RestFlavour) {
  const b = estate({ restFlavour: flavour });
  const dc = b.datacenter('DC');
  const ds = b.datastore({ name: 'ds' });
  const net = b.network({ name: 'VM Network' });
  const h = b.host({ name: 'esx', datacenter: dc, datastores: [ds], networks: [net] });
  const a = b.vm({ name: 'a', host: h });
  const c = b.vm({ name: 'c', host: h });
  b.tag('FT', 'ft-candidate', [a, c]).tag('FT', 'tier-1', [a]);
  b.user('ftscan@vsphere.local', 'pw:with:colons');
  return { mock: createMockVcenter(b.build()), a, c };
}
const basic = 'Basic ' + Buffer.from('ftscan@vsphere.local:pw:with:colons').toString('base64');

describe('mock vCenter REST', () => {
  it('/api: session token, categories, tags and tags attached to objects', async () => {
    const { mock, a, c } = tagged('api');
    const url = (p: string) => `${mock.baseUrl}/api${p}`;
    expect((await mock.handle(new Request(url('/session'), { method: 'POST', headers: { authorization: 'Basic eDp5' } }))).status).toBe(
      401,
    );
    const login = await mock.handle(new Request(url('/session'), { method: 'POST', headers: { authorization: basic } }));
    expect(login.status).toBe(201);
    const token = (await login.json()) as string;
    expect(typeof token).toBe('string');
    const h = { 'vmware-api-session-id': token };
    expect((await mock.handle(new Request(url('/cis/tagging/category')))).status).toBe(401);
    const cats = (await (await mock.handle(new Request(url('/cis/tagging/category'), { headers: h }))).json()) as string[];
    expect(cats).toHaveLength(1);
    const cat = await (await mock.handle(new Request(url(`/cis/tagging/category/${encodeURIComponent(cats[0]!)}`), { headers: h }))).json();
    expect(cat).toMatchObject({ id: cats[0], name: 'FT', cardinality: 'MULTIPLE', associable_types: [] });
    const tagIds = (await (await mock.handle(new Request(url('/cis/tagging/tag'), { headers: h }))).json()) as string[];
    const tags = await Promise.all(
      tagIds.map(async (id) => (await mock.handle(new Request(url(`/cis/tagging/tag/${encodeURIComponent(id)}`), { headers: h }))).json()),
    );
    expect(tags.map((t) => (t as { name: string }).name).sort()).toEqual(['ft-candidate', 'tier-1']);
    const res = await mock.handle(
      new Request(url('/cis/tagging/tag-association?action=list-attached-tags-on-objects'), {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify({
          object_ids: [
            { type: 'VirtualMachine', id: a.moid },
            { type: 'VirtualMachine', id: c.moid },
          ],
        }),
      }),
    );
    const attached = (await res.json()) as { object_id: { id: string }; tag_ids: string[] }[];
    expect(attached.map((x) => [x.object_id.id, x.tag_ids.length])).toEqual([
      [a.moid, 2],
      [c.moid, 1],
    ]);
    expect((await mock.handle(new Request(url('/session'), { method: 'DELETE', headers: h }))).status).toBe(204);
    expect((await mock.handle(new Request(url('/cis/tagging/tag'), { headers: h }))).status).toBe(401);
    expect(
      (await mock.handle(new Request(`${mock.baseUrl}/rest/com/vmware/cis/session`, { method: 'POST', headers: { authorization: basic } })))
        .status,
    ).toBe(404);
    expect(mock.control.restCalls.map((r) => `${r.method} ${r.path} ${r.status}`)[0]).toBe('POST /api/session 401');
  });

  it('/rest (6.5): {"value": ...} wrappers, id: paths and ~action', async () => {
    const { mock, a } = tagged('rest');
    const url = (p: string) => `${mock.baseUrl}/rest/com/vmware${p}`;
    const login = await mock.handle(new Request(url('/cis/session'), { method: 'POST', headers: { authorization: basic } }));
    expect(login.status).toBe(200);
    const { value: token } = (await login.json()) as { value: string };
    const h = { 'vmware-api-session-id': token };
    const { value: cats } = (await (await mock.handle(new Request(url('/cis/tagging/category'), { headers: h }))).json()) as {
      value: string[];
    };
    const { value: cat } = (await (await mock.handle(new Request(url(`/cis/tagging/category/id:${cats[0]}`), { headers: h }))).json()) as {
      value: { name: string };
    };
    expect(cat.name).toBe('FT');
    const res = await mock.handle(
      new Request(url('/cis/tagging/tag-association?~action=list-attached-tags-on-objects'), {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify({ object_ids: [{ type: 'VirtualMachine', id: a.moid }] }),
      }),
    );
    const { value } = (await res.json()) as { value: { tag_ids: string[] }[] };
    expect(value[0]!.tag_ids).toHaveLength(2);
    expect(
      (await mock.handle(new Request(`${mock.baseUrl}/api/session`, { method: 'POST', headers: { authorization: basic } }))).status,
    ).toBe(404);
    const unauth = await mock.handle(new Request(url('/cis/tagging/tag')));
    expect(unauth.status).toBe(401);
    expect(((await unauth.json()) as { type: string }).type).toBe('com.vmware.vapi.std.errors.unauthenticated');
  });

  it('serves both flavours by default and injects failures into REST calls', async () => {
    const { mock } = tagged();
    mock.control.failNext('POST /api/session', { status: 503 });
    expect(
      (await mock.handle(new Request(`${mock.baseUrl}/api/session`, { method: 'POST', headers: { authorization: basic } }))).status,
    ).toBe(503);
    expect(
      (await mock.handle(new Request(`${mock.baseUrl}/api/session`, { method: 'POST', headers: { authorization: basic } }))).status,
    ).toBe(201);
    expect(
      (await mock.handle(new Request(`${mock.baseUrl}/rest/com/vmware/cis/session`, { method: 'POST', headers: { authorization: basic } })))
        .status,
    ).toBe(200);
  });
});
