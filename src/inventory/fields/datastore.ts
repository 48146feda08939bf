// Datastore: every property the inventory reads, once (see field.ts). Row order is the request order.
// `summary` (DatastoreSummary) is read whole and fills most of the model through sub-fields.
import { DEFAULTS } from '../defaults.js';
import { bool, num, str } from '../values.js';
import { field, sub } from './field.js';

export const DATASTORE_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }), // else summary.name
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
  summary: field('2.0', 'summary', {
    sub: {
      summaryName: sub('name', { model: 'name' }),
      type: sub('type', { model: 'type', as: str, default: DEFAULTS.datastoreType }),
      multipleHostAccess: sub('multipleHostAccess', { model: 'multipleHostAccess', as: bool }),
      accessible: sub('accessible', { model: 'accessible', as: bool, default: DEFAULTS.datastoreAccessible }),
      capacity: sub('capacity', { model: 'capacityBytes', as: num, default: 0 }),
      freeSpace: sub('freeSpace', { model: 'freeBytes', as: num, default: 0 }),
      uncommitted: sub('uncommitted', { model: 'uncommittedBytes', as: num }),
    },
  }),
  hosts: field('2.0', 'host', { model: 'hostMoids' }), // DatastoreHostMount[].key
};
