import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'nested HV', mutate: (inv) => void (vm0(inv).nestedHv = true), severity: 'blocker' }],
  },
]);
