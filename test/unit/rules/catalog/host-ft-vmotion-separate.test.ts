import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'FT logging and vMotion on one vmknic',
        mutate: (inv) => void host(inv, 1).vmknics[2]!.services.push('vmotion'),
        severity: 'info',
        message: /vmk2 carries both/,
      },
    ],
  },
]);
