import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: '4 threads', mutate: (inv) => void (host(inv, 1).cpu.numThreads = 4), severity: 'info' }],
    pass: [{ name: '6 threads (boundary)', mutate: (inv) => void (host(inv, 1).cpu.numThreads = 6) }],
  },
]);
