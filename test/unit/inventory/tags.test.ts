import { describe, expect, it } from 'vitest';
import { readTags, restTagReader } from '../../../src/inventory/tags.js';
import type { RestSession } from '../../../src/vsphere/rest.js';
import { TransportError } from '../../../src/vsphere/errors.js';

// A stand-in REST session serving a tiny tag database in the /api or /rest path form.
function fakeSession(flavor: 'api' | 'rest') {
  const requests: string[] = [];
  const tags: Record<string, { name: string; category_id: string }> = {
    'urn:t:gold': { name: 'Gold', category_id: 'urn:c:tier' },
    'urn:t:prod': { name: 'Prod', category_id: 'urn:c:env' },
  };
  const categories: Record<string, { name: string }> = { 'urn:c:tier': { name: 'Tier' }, 'urn:c:env': { name: 'Env' } };
  const attached: Record<string, string[]> = { 'vm-1': ['urn:t:gold', 'urn:t:prod'], 'vm-2': ['urn:t:gold'], 'host-1': [] };
  const prefix = flavor === 'api' ? '/api/cis/tagging' : '/rest/com/vmware/cis/tagging';
  const idOf = (path: string, kind: string) => decodeURIComponent(path.slice(`${prefix}/${kind}/`.length).replace(/^id:/, ''));
  const session: RestSession & { logouts: number } = {
    flavor,
    calls: { total: 0, byMethod: {} },
    logouts: 0,
    async get<T>(path: string): Promise<T> {
      requests.push(`GET ${path}`);
      session.calls.total++;
      if (path.startsWith(`${prefix}/tag/`)) return { id: idOf(path, 'tag'), ...tags[idOf(path, 'tag')]! } as T;
      if (path.startsWith(`${prefix}/category/`)) return { id: idOf(path, 'category'), ...categories[idOf(path, 'category')]! } as T;
      throw new Error(`unexpected GET ${path}`);
    },
    async list<T>(path: string, body: unknown): Promise<T> {
      requests.push(`POST ${path}`);
      session.calls.total++;
      const ids = (body as { object_ids: { type: string; id: string }[] }).object_ids;
      return ids.map((o) => ({ object_id: o, tag_ids: attached[o.id] ?? [] })) as T;
    },
    async logout() {
      session.logouts++;
    },
  };
  return { session, requests };
}

describe('readTags', () => {
  it.each(['api', 'rest'] as const)('reads Category/Tag per object with bulk calls (%s)', async (flavor) => {
    const { session, requests } = fakeSession(flavor);
    const objects = [
      { type: 'VirtualMachine', id: 'vm-1' },
      { type: 'VirtualMachine', id: 'vm-2' },
      { type: 'HostSystem', id: 'host-1' },
    ];
    expect(await readTags(session, objects)).toEqual({ 'vm-1': ['Env/Prod', 'Tier/Gold'], 'vm-2': ['Tier/Gold'] });
    // one bulk association call, then one GET per distinct tag and per distinct category
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(4);
    expect(requests[0]).toContain(flavor === 'api' ? '?action=list-attached-tags-on-objects' : '?~action=list-attached-tags-on-objects');
  });

  it('chunks the bulk call per 1,000 objects, not per VM', async () => {
    const { session, requests } = fakeSession('api');
    const objects = Array.from({ length: 2500 }, (_, i) => ({ type: 'VirtualMachine', id: `vm-${i}` }));
    await readTags(session, objects);
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(3);
  });
});

describe('restTagReader', () => {
  it('logs out and counts calls', async () => {
    const { session } = fakeSession('api');
    const reader = restTagReader({ server: 'vc', user: 'u', password: 'p' }, async () => session);
    const r = await reader([{ type: 'VirtualMachine', id: 'vm-2' }]);
    expect(r.tags).toEqual({ 'vm-2': ['Tier/Gold'] });
    expect(r.problems).toEqual([]);
    expect(r.calls).toBe(3);
    expect(session.logouts).toBe(1);
  });

  it('turns a REST failure into an optional problem', async () => {
    const reader = restTagReader({ server: 'vc', user: 'u', password: 'p' }, async () => {
      throw new TransportError('http', 'POST /api/session on vc answered HTTP 503', 503);
    });
    const r = await reader([{ type: 'VirtualMachine', id: 'vm-2' }]);
    expect(r.tags).toBeUndefined();
    expect(r.problems).toEqual([
      { fault: 'TagsNotRead', message: 'vSphere tags not read (POST /api/session on vc answered HTTP 503)', optional: true },
    ]);
  });
});
