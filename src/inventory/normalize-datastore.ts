// Datastore ObjectContent -> model Datastore. Every read goes through the field table (fields/datastore.ts).

import type { ObjectContent } from '../vsphere/api.js';
import { orFieldDefault, readSub, reader } from './fields/field.js';
import { DATASTORE_FIELDS as F } from './fields/datastore.js';
import type { Datastore } from './model.js';
import { arr, bool, get, moid, num, str, unreadableOf } from './values.js';

export function normalizeDatastore(oc: ObjectContent): Datastore {
  const read = reader(oc.props);
  const summary = read(F.summary);
  const S = F.summary.sub;
  const multipleHostAccess = bool(readSub(summary, S.multipleHostAccess));
  const uncommittedBytes = num(readSub(summary, S.uncommitted));
  return {
    moid: oc.obj.value,
    name: str(read(F.name)) ?? str(readSub(summary, S.summaryName)) ?? oc.obj.value,
    type: orFieldDefault(str(readSub(summary, S.type)), S.type),
    ...(multipleHostAccess !== undefined ? { multipleHostAccess } : {}),
    accessible: orFieldDefault(bool(readSub(summary, S.accessible)), S.accessible),
    capacityBytes: orFieldDefault(num(readSub(summary, S.capacity)), S.capacity),
    freeBytes: orFieldDefault(num(readSub(summary, S.freeSpace)), S.freeSpace),
    ...(uncommittedBytes !== undefined ? { uncommittedBytes } : {}),
    // host[] is DatastoreHostMount { key: HostSystem MoRef, mountInfo }
    hostMoids: arr(read(F.hosts)).flatMap((m) => moid(get(m, 'key')) ?? []),
    unreadable: unreadableOf(oc),
  };
}
