import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'NVDIMM', mutate: (inv) => void (vm0(inv).nvdimm = true), severity: 'blocker' }],
  },
]);
