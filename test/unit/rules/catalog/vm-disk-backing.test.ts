import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'SEsparse disk',
        mutate: (inv) => Object.assign(vm0(inv).disks[0]!, { backing: 'sparse', backingType: 'VirtualDiskSeSparseBackingInfo' }),
        severity: 'blocker',
      },
    ],
  },
]);
