import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      { name: 'balanced policy', mutate: (inv) => void (host(inv, 1).powerPolicy = { key: 2, shortName: 'dynamic' }), severity: 'info' },
    ],
  },
]);
