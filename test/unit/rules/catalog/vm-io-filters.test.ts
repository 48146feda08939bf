import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'I/O filter', mutate: (inv) => void (vm0(inv).disks[0]!.iofilters = ['VMW_vmwarevmcrypt_1.0.0']), severity: 'blocker' }],
  },
]);
