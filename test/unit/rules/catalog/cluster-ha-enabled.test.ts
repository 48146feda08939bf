import { cluster0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'HA off',
        mutate: (inv) => void (cluster0(inv).ha.enabled = false),
        severity: 'blocker',
        message: /vSphere HA is off on cluster Prod/,
      },
    ],
  },
]);
