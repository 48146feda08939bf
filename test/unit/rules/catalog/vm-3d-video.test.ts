import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: '3D on', mutate: (inv) => void (vm0(inv).video3d = true), severity: 'blocker' }],
  },
]);
