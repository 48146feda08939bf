import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'delta disk without snapshot', mutate: (inv) => void (vm0(inv).disks[0]!.hasParent = true), severity: 'blocker' }],
    pass: [
      {
        name: 'delta disk of a snapshot (vm-snapshots reports it)',
        mutate: (inv) => {
          vm0(inv).disks[0]!.hasParent = true;
          vm0(inv).snapshotCount = 1;
        },
      },
    ],
  },
]);
