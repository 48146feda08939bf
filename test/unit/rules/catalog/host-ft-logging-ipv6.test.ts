import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'IPv6-only FT vmknic', mutate: (inv) => void (host(inv, 1).vmknics[2]!.ipv6Only = true), severity: 'warning' }],
    pass: [{ name: 'IPv6 under SMP-FT', base: 'smp', mutate: (inv) => void (host(inv, 1).vmknics[2]!.ipv6Only = true) }],
  },
]);
