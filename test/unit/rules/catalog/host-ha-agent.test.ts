import { cluster0, host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'agent unreachable',
        mutate: (inv) => void (host(inv, 1).dasHostState = 'fdmUnreachable'),
        severity: 'blocker',
        message: /fdmUnreachable/,
      },
      { name: 'election in progress', mutate: (inv) => void (host(inv, 1).dasHostState = 'election'), severity: 'warning' },
    ],
    pass: [
      {
        name: 'HA off (reported by cluster-ha-enabled instead)',
        mutate: (inv) => {
          cluster0(inv).ha.enabled = false;
          host(inv, 1).dasHostState = 'uninitialized';
        },
      },
    ],
  },
]);
