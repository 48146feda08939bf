import { cluster0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'host monitoring disabled', mutate: (inv) => void (cluster0(inv).ha.hostMonitoring = 'disabled'), severity: 'warning' }],
  },
]);
