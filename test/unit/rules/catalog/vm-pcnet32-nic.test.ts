import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'vlance NIC',
        mutate: (inv) => {
          vm0(inv).pcnet32 = true;
          vm0(inv).nics[0]!.type = 'VirtualPCNet32';
        },
        severity: 'blocker',
        message: /Network adapter 1 is a vlance/,
      },
    ],
    pass: [{ name: 'vlance under SMP-FT', base: 'smp', mutate: (inv) => void (vm0(inv).pcnet32 = true) }],
  },
]);
