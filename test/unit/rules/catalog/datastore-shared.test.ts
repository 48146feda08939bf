import { ds0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'legacy: local datastore',
        base: 'legacy',
        mutate: (inv) => {
          ds0(inv).multipleHostAccess = false;
        },
        severity: 'blocker',
        message: /shared-ds is local/,
      },
      { name: 'inaccessible', mutate: (inv) => void (ds0(inv).accessible = false), severity: 'blocker' },
    ],
    pass: [
      { name: 'no multipleHostAccess but mounted on 3 hosts', mutate: (inv) => void delete ds0(inv).multipleHostAccess },
      // SMP-FT: only the files other than the disks must be shared (vm-files-shared)
      { name: 'SMP-FT: a local datastore', mutate: (inv) => void (ds0(inv).multipleHostAccess = false) },
    ],
  },
]);
