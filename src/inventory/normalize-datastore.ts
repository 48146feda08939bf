// Datastore ObjectContent -> model Datastore. Every read goes through the field table (fields/datastore.ts).

import type { ObjectContent } from '../vsphere/api.js';
import { decoded, readSub, reader, subReader } from './fields/field.js';
import { DATASTORE_FIELDS as F } from './fields/datastore.js';
import type { Datastore } from './model.js';
import { arr, get, moid, str, unreadableOf } from './values.js';

export function normalizeDatastore(oc: ObjectContent): Datastore {
  const read = reader(oc.props);
  const summary = read(F.summary);
  const S = F.summary.sub;
  const inSummary = subReader(summary);
  return {
    moid: oc.obj.value,
    name: str(read(F.name)) ?? str(readSub(summary, S.summaryName)) ?? oc.obj.value,
    ...decoded(inSummary, S.type, S.multipleHostAccess, S.accessible, S.capacity, S.freeSpace, S.uncommitted),
    // host[] is DatastoreHostMount { key: HostSystem MoRef, mountInfo }
    hostMoids: arr(read(F.hosts)).flatMap((m) => moid(get(m, 'key')) ?? []),
    unreadable: unreadableOf(oc),
  };
}
