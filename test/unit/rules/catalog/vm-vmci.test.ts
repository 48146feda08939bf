import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'unrestricted VM-to-VM VMCI',
        mutate: (inv) => void (vm0(inv).vmciUnrestricted = true),
        severity: 'warning',
        not: 'blocker',
        message: /VM-to-VM/,
      },
    ],
    pass: [{ name: 'a VMCI device without VM-to-VM communication', mutate: (inv) => void (vm0(inv).vmciUnrestricted = false) }],
  },
]);
