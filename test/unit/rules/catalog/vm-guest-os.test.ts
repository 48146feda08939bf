import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'otherGuest', mutate: (inv) => void (vm0(inv).guestId = 'otherGuest'), severity: 'warning' }],
    pass: [{ name: 'SMP-FT accepts any guest', base: 'smp', mutate: (inv) => void (vm0(inv).guestId = 'otherGuest') }],
  },
]);
