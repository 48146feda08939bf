import { host, removeFtLogging } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'no FT logging vmknic',
        mutate: (inv) => removeFtLogging(host(inv, 1)),
        severity: 'blocker',
        message: /no VMkernel NIC is enabled for FT logging/,
      },
    ],
  },
]);
