import { host, removeFtLogging } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'two FT-capable hosts',
        mutate: (inv) => void (host(inv, 3).inMaintenanceMode = true),
        severity: 'warning',
        message: /only 2 FT-capable hosts/,
      },
      {
        name: 'one FT-capable host',
        mutate: (inv) => [2, 3].forEach((i) => removeFtLogging(host(inv, i))),
        severity: 'blocker',
        message: /has 1 FT-capable host;/,
      },
    ],
    pass: [{ name: 'three FT-capable hosts (boundary)', mutate: () => {} }],
  },
]);
