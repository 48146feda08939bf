import { disk, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

const disks = (n: number) => Array.from({ length: n }, (_, i) => disk(2000 + i));

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: '17 disks under SMP-FT',
        mutate: (inv) => void (vm0(inv).disks = disks(17)),
        severity: 'blocker',
        message: /^17 virtual disks; FT allows 16$/,
      },
      { name: '17 disks under legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).disks = disks(17)), severity: 'warning' },
    ],
    pass: [{ name: '16 disks (boundary)', mutate: (inv) => void (vm0(inv).disks = disks(16)) }],
  },
]);
