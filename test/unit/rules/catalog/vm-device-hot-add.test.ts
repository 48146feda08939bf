import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'CPU hot-add on',
        mutate: (inv) => void (vm0(inv).cpuHotAdd = true),
        severity: 'warning',
        message: /CPU hot-add enabled; vCenter turns hot-plug off/,
      },
    ],
  },
]);
