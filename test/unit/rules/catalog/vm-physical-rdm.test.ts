import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'physical RDM',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmPhysical'),
        severity: 'blocker',
        message: /physical-mode RDM/,
      },
      {
        name: 'virtual RDM under SMP-FT',
        base: 'smp',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmVirtual'),
        severity: 'warning',
      },
    ],
    pass: [{ name: 'virtual RDM under legacy FT', mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'rdmVirtual') }],
  },
]);
