import { ds0, setHosts, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'vSAN plus VMFS',
        mutate: (inv) => {
          inv.datastores.push({ ...structuredClone(ds0(inv)), moid: 'datastore-9', name: 'vsanDatastore', type: 'vsan' });
          vm0(inv).datastoreMoids.push('datastore-9');
          setHosts(inv, (h) => void h.datastoreMoids.push('datastore-9'));
        },
        severity: 'blocker',
      },
    ],
  },
]);
