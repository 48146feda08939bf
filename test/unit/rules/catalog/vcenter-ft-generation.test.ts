import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'legacy FT under a 6.5 vCenter',
        mutate: (inv) => void (inv.vcenter.version = '6.5.0'),
        severity: 'blocker',
        message: /cannot turn legacy FT on/,
      },
      {
        name: 'SMP-FT under a 5.5 vCenter',
        base: 'smp',
        mutate: (inv) => void (inv.vcenter.version = '5.5.0'),
        severity: 'blocker',
        message: /predates SMP-FT/,
      },
    ],
    pass: [{ name: 'legacy FT under a 6.0 vCenter', mutate: (inv) => void (inv.vcenter.version = '6.0.0') }],
  },
]);
