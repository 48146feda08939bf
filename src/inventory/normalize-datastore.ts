// Datastore ObjectContent -> model Datastore.

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS, orDefault } from './defaults.js';
import type { Datastore } from './model.js';
import { arr, bool, get, moid, num, obj, prop, str, unreadableOf } from './values.js';

export function normalizeDatastore(oc: ObjectContent): Datastore {
  const summary = obj(prop(oc.props, 'summary'));
  const multipleHostAccess = bool(summary?.multipleHostAccess);
  const uncommittedBytes = num(summary?.uncommitted);
  return {
    moid: oc.obj.value,
    name: str(prop(oc.props, 'name')) ?? str(summary?.name) ?? oc.obj.value,
    type: orDefault(str(summary?.type), DEFAULTS.datastoreType),
    ...(multipleHostAccess !== undefined ? { multipleHostAccess } : {}),
    accessible: orDefault(bool(summary?.accessible), DEFAULTS.datastoreAccessible),
    capacityBytes: num(summary?.capacity) ?? 0,
    freeBytes: num(summary?.freeSpace) ?? 0,
    ...(uncommittedBytes !== undefined ? { uncommittedBytes } : {}),
    // host[] is DatastoreHostMount { key: HostSystem MoRef, mountInfo }
    hostMoids: arr(prop(oc.props, 'host')).flatMap((m) => moid(get(m, 'key')) ?? []),
    unreadable: unreadableOf(oc),
  };
}
