import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'vPMC on', mutate: (inv) => void (vm0(inv).vpmc = true), severity: 'warning' }],
  },
]);
