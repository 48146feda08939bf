import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'one MB over the host cap',
        mutate: (inv) => void (vm0(inv).memoryMB = 131073),
        severity: 'blocker',
        message: /capability\.maxMemMBPerFtVm/,
      },
    ],
    pass: [{ name: 'exactly the host cap (boundary)', mutate: (inv) => void (vm0(inv).memoryMB = 131072) }],
  },
]);
