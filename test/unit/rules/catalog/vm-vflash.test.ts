import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'vFlash reservation', mutate: (inv) => void (vm0(inv).disks[0]!.vFlashReservationMB = 1024), severity: 'blocker' }],
  },
]);
