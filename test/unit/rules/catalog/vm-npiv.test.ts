import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'NPIV WWNs', mutate: (inv) => void (vm0(inv).npiv = true), severity: 'blocker' }],
  },
]);
