// Datastore: every property the inventory reads, once (see field.ts). Row order is the request order.
// `summary` (DatastoreSummary) is read whole and fills most of the model through sub-fields.
import { DEFAULTS } from '../defaults.js';
import { field, sub } from './field.js';

export const DATASTORE_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }), // else summary.name
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
  summary: field('2.0', 'summary', {
    sub: {
      summaryName: sub('name', { model: 'name' }),
      type: sub('type', { model: 'type', default: DEFAULTS.datastoreType }),
      multipleHostAccess: sub('multipleHostAccess', { model: 'multipleHostAccess' }),
      accessible: sub('accessible', { model: 'accessible', default: DEFAULTS.datastoreAccessible }),
      capacity: sub('capacity', { model: 'capacityBytes', default: 0 }),
      freeSpace: sub('freeSpace', { model: 'freeBytes', default: 0 }),
      uncommitted: sub('uncommitted', { model: 'uncommittedBytes' }),
    },
  }),
  hosts: field('2.0', 'host', { model: 'hostMoids' }), // DatastoreHostMount[].key
};
