// vSphere Automation REST API of the mock vCenter: sessions and tagging (categories, tags, tags attached to
// objects), in the 7.0+ `/api` flavour (bare JSON) and the 6.5 `/rest` flavour (`{"value": ...}`,
// `id:` path prefixes, `~action=`). Shapes from the vSphere Automation API reference (synthetic: no real
// recording with a redistributable licence exists). Fault injection keys REST calls as "POST /api/session".
import { randomBytes } from 'node:crypto';
import type { MockControl } from './control.js';
import type { Estate } from './estate.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

interface ObjectId {
  type: string;
  id: string;
}

export function createRestHandler(estate: Estate, control: MockControl) {
  const tokens = new Set<string>();
  const flavour = estate.restFlavour ?? 'both';
  const tags = estate.tags ?? { categories: [], tags: [], attachments: [] };

  const category = (id: string) => {
    const c = tags.categories.find((x) => x.id === id);
    return (
      c && {
        id: c.id,
        name: c.name,
        description: c.description ?? '',
        cardinality: c.cardinality ?? 'MULTIPLE',
        associable_types: c.associableTypes ?? [],
        used_by: [],
      }
    );
  };
  const tag = (id: string) => {
    const t = tags.tags.find((x) => x.id === id);
    return t && { id: t.id, category_id: t.categoryId, name: t.name, description: t.description ?? '', used_by: [] };
  };
  const attached = (objectIds: ObjectId[]) =>
    objectIds.map((o) => ({
      object_id: { type: o.type, id: o.id },
      tag_ids: tags.attachments.filter((a) => a.object.type === o.type && a.object.id === o.id).map((a) => a.tagId),
    }));

  function login(req: Request): string | undefined {
    const m = /^Basic (.+)$/i.exec(req.headers.get('authorization') ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const [name, password] = [decoded.slice(0, i), decoded.slice(i + 1)];
    if (!estate.users.some((u) => u.name.toLowerCase() === name.toLowerCase() && u.password === password)) return undefined;
    const token = randomBytes(16).toString('hex');
    tokens.add(token);
    return token;
  }

  async function route(req: Request, url: URL): Promise<Response> {
    const api = url.pathname.startsWith('/api/');
    if ((api && flavour === 'rest') || (!api && flavour === 'api')) return new Response('', { status: 404 });
    const ok = (value: unknown, status = 200) => new Response(JSON.stringify(api ? value : { value }), { status, headers: JSON_HEADERS });
    const error = (status: number, kind: 'UNAUTHENTICATED' | 'NOT_FOUND' | 'INVALID_ARGUMENT', message: string) =>
      new Response(
        JSON.stringify(
          api
            ? {
                error_type: kind,
                messages: [{ args: [], default_message: message, id: `com.vmware.vapi.std.errors.${kind.toLowerCase()}` }],
              }
            : {
                type: `com.vmware.vapi.std.errors.${kind.toLowerCase()}`,
                value: { messages: [{ args: [], default_message: message, id: `vapi.std.errors.${kind.toLowerCase()}` }] },
              },
        ),
        { status, headers: JSON_HEADERS },
      );
    const path = api ? url.pathname.slice('/api'.length) : url.pathname.slice('/rest/com/vmware'.length);
    const action = url.searchParams.get(api ? 'action' : '~action');

    if (path === '/session' || path === '/cis/session') {
      if (req.method === 'POST') {
        const token = login(req);
        return token ? ok(token, api ? 201 : 200) : error(401, 'UNAUTHENTICATED', 'Authentication required.');
      }
      const token = req.headers.get('vmware-api-session-id') ?? '';
      if (!tokens.has(token)) return error(401, 'UNAUTHENTICATED', 'Authentication required.');
      if (req.method === 'DELETE') {
        tokens.delete(token);
        return new Response(null, { status: api ? 204 : 200 });
      }
      return ok({ user: 'session-user', created_time: new Date().toISOString(), last_accessed_time: new Date().toISOString() });
    }
    if (!tokens.has(req.headers.get('vmware-api-session-id') ?? ''))
      return error(401, 'UNAUTHENTICATED', 'This method requires authentication.');

    const m = /^\/cis\/tagging\/(category|tag|tag-association)(?:\/(?:id:)?(.+))?$/.exec(path);
    if (!m) return error(404, 'NOT_FOUND', `No such resource: ${url.pathname}`);
    const [, kind, id] = m;
    if (kind === 'tag-association') {
      if (req.method !== 'POST' || action !== 'list-attached-tags-on-objects' || id)
        return error(404, 'NOT_FOUND', 'Unsupported operation');
      const body = (await req.json().catch(() => undefined)) as { object_ids?: ObjectId[] } | undefined;
      if (!body || !Array.isArray(body.object_ids)) return error(400, 'INVALID_ARGUMENT', 'object_ids is required');
      return ok(attached(body.object_ids));
    }
    if (req.method !== 'GET') return error(404, 'NOT_FOUND', 'Unsupported operation');
    if (!id) return ok(kind === 'category' ? tags.categories.map((c) => c.id) : tags.tags.map((t) => t.id));
    const found = kind === 'category' ? category(decodeURIComponent(id)) : tag(decodeURIComponent(id));
    return found ? ok(found) : error(404, 'NOT_FOUND', `${kind} ${id} not found`);
  }

  return async function handleRest(req: Request, url: URL): Promise<Response> {
    const key = `${req.method} ${url.pathname}`;
    const record = { method: req.method, path: url.pathname, query: url.search.replace(/^\?/, ''), at: Date.now(), status: 0 };
    control.restCalls.push(record);
    const failure = control.take(control.failures, key);
    let res: Response;
    if (failure)
      res = new Response(failure.html ? `<html><body><h1>${failure.status}</h1></body></html>` : '', {
        status: failure.status,
        headers: { 'content-type': failure.html ? 'text/html' : 'text/plain' },
      });
    else res = await route(req, url);
    if (control.take(control.truncations, key)) {
      const full = await res.text();
      res = new Response(full.slice(0, Math.floor(full.length / 2)), { status: res.status, headers: res.headers });
    }
    record.status = res.status;
    return control.deliver(key, res); // stallNext('POST /api/cis/tagging/tag-association') holds it open
  };
}
