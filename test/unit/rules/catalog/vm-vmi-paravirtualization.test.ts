import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'VMI ROM', mutate: (inv) => void (vm0(inv).vmiRom = true), severity: 'blocker' }],
  },
]);
