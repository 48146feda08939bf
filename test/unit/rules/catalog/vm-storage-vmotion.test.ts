import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'already protected',
        mutate: (inv) => void (vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'info',
      },
    ],
  },
]);
