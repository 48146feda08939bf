import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'primary host in maintenance',
        mutate: (inv) => void (host(inv, 1).inMaintenanceMode = true),
        severity: 'warning',
        message: /maintenance mode/,
      },
    ],
  },
]);
