import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'HT active under legacy FT', mutate: (inv) => void (host(inv, 1).hyperThreading.active = true), severity: 'info' }],
    pass: [{ name: 'HT active under SMP-FT', base: 'smp', mutate: (inv) => void (host(inv, 1).hyperThreading.active = true) }],
  },
]);
