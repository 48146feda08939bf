import { TiB, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: '2 TiB + 1 byte',
        mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 2 * TiB + 1),
        severity: 'blocker',
        message: /SMP-FT allows at most 2 TiB/,
      },
      {
        name: 'legacy FT on 5.5: a 62 TB-era disk',
        base: 'legacy',
        mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 4 * TiB),
        severity: 'blocker',
        message: /legacy FT allows at most 2 TiB/,
      },
    ],
    pass: [{ name: 'exactly 2 TiB (boundary)', mutate: (inv) => void (vm0(inv).disks[0]!.capacityBytes = 2 * TiB) }],
  },
]);
