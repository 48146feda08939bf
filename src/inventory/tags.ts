// vSphere tags over the Automation REST API (src/vsphere/rest.ts: /api on 7.0 U2+, /rest on 6.5-7.0).
// Calls stay few whatever the estate size: ONE bulk list-attached-tags-on-objects per 1,000 objects, then
// one GET per distinct attached tag and per distinct category (never one call per VM). The result is
// "Category/Tag" strings per object moid. Failures are optional problems: tags are an extra, except when
// the scope filters on them (collect.ts then refuses to guess).

import { scrubSecrets } from '../util/redact.js';
import type { CollectionProblem } from './model.js';
import type { RestOptions, RestSession } from '../vsphere/rest.js';
import { restSession } from '../vsphere/rest.js';
import { arr, get, obj, str } from './values.js';

export interface TaggableObject {
  type: string; // vim25 managed object type: VirtualMachine, HostSystem...
  id: string; // moid
}

interface TagReadResult {
  tags?: Record<string, string[]>; // moid -> ["Category/Tag"]; undefined when tags could not be read
  problems: CollectionProblem[];
  calls: number; // REST calls made (login and logout included)
}

export type TagReader = (objects: TaggableObject[]) => Promise<TagReadResult>;

const CHUNK = 1000;

// Ids look like "urn:vmomi:InventoryServiceTag:<uuid>:GLOBAL"; keep ':' readable, escape the rest.
function pathId(id: string): string {
  return id.replace(/[^A-Za-z0-9:._~-]/g, (c) => encodeURIComponent(c));
}

function paths(flavor: 'api' | 'rest') {
  return flavor === 'api'
    ? {
        attached: '/api/cis/tagging/tag-association?action=list-attached-tags-on-objects',
        tag: (id: string) => `/api/cis/tagging/tag/${pathId(id)}`,
        category: (id: string) => `/api/cis/tagging/category/${pathId(id)}`,
      }
    : {
        attached: '/rest/com/vmware/cis/tagging/tag-association?~action=list-attached-tags-on-objects',
        tag: (id: string) => `/rest/com/vmware/cis/tagging/tag/id:${pathId(id)}`,
        category: (id: string) => `/rest/com/vmware/cis/tagging/category/id:${pathId(id)}`,
      };
}

// Reads the tags of `objects` over an open REST session.
export async function readTags(session: RestSession, objects: TaggableObject[]): Promise<Record<string, string[]>> {
  const p = paths(session.flavor);
  const tagIdsByObject = new Map<string, string[]>();
  for (let i = 0; i < objects.length; i += CHUNK) {
    const body = { object_ids: objects.slice(i, i + CHUNK).map((o) => ({ type: o.type, id: o.id })) };
    const answer = await session.list<unknown>(p.attached, body);
    for (const item of arr(answer)) {
      const id = str(get(item, 'object_id.id'));
      if (id) tagIdsByObject.set(id, [...(tagIdsByObject.get(id) ?? []), ...arr(get(item, 'tag_ids')).flatMap((t) => str(t) ?? [])]);
    }
  }
  const tagIds = new Set([...tagIdsByObject.values()].flat());
  const tags = new Map<string, { name: string; categoryId: string }>();
  for (const id of tagIds) {
    const t = obj(await session.get<unknown>(p.tag(id)));
    tags.set(id, { name: str(t?.name) ?? id, categoryId: str(t?.category_id) ?? '' });
  }
  const categories = new Map<string, string>();
  for (const catId of new Set([...tags.values()].map((t) => t.categoryId).filter(Boolean))) {
    const c = obj(await session.get<unknown>(p.category(catId)));
    categories.set(catId, str(c?.name) ?? catId);
  }
  const out: Record<string, string[]> = {};
  for (const [objectId, ids] of tagIdsByObject) {
    const labels = [...new Set(ids)].flatMap((id) => {
      const t = tags.get(id);
      return t ? [`${categories.get(t.categoryId) ?? t.categoryId}/${t.name}`] : [];
    });
    if (labels.length) out[objectId] = labels.sort();
  }
  return out;
}

// A TagReader that opens its own REST session (same server, credentials and TLS options as the SOAP
// client) and always logs out.
export function restTagReader(opts: RestOptions, open: (o: RestOptions) => Promise<RestSession> = restSession): TagReader {
  return async (objects) => {
    let session: RestSession | undefined;
    try {
      session = await open(opts);
      const tags = await readTags(session, objects);
      await session.logout();
      return { tags, problems: [], calls: session.calls.total };
    } catch (err) {
      await session?.logout();
      const message = scrubSecrets(err instanceof Error ? err.message : String(err)); // may quote the server
      return {
        problems: [{ fault: 'TagsNotRead', message: `vSphere tags not read (${message})`, optional: true }],
        calls: session?.calls.total ?? 0,
      };
    }
  };
}
