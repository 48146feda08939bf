import { setHostVersion } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [{ name: 'vmxnet3 on ESX 4.0', mutate: (inv) => setHostVersion(inv, '4.0.0'), severity: 'blocker' }],
    pass: [{ name: 'vmxnet3 on ESX 4.1 (boundary)', mutate: (inv) => setHostVersion(inv, '4.1.0') }],
  },
]);
