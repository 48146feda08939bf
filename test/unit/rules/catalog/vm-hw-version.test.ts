import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      { name: 'vmx-06', mutate: (inv) => void (vm0(inv).hwVersion = 6), severity: 'blocker', message: /vmx-06; FT needs vmx-07/ },
      { name: 'SMP-FT on vmx-10: info', base: 'smp', mutate: (inv) => void (vm0(inv).hwVersion = 10), severity: 'info' },
    ],
    pass: [{ name: 'vmx-07 (boundary)', mutate: (inv) => void (vm0(inv).hwVersion = 7) }],
  },
]);
