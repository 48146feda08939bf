import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'one host on another FT version',
        mutate: (inv) => void (host(inv, 3).ftFeatureVersion = '4.0.0-4.0.0-4.0.0'),
        severity: 'warning',
        message: /mixes 2 ESX builds\/FT versions/,
      },
    ],
    pass: [{ name: 'SMP-FT ignores builds', base: 'smp', mutate: (inv) => void (host(inv, 3).product.build = '1') }],
  },
]);
