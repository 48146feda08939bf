import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [{ name: 'no vMotion vmknic', mutate: (inv) => void (host(inv, 1).vmknics[1]!.services = ['management']), severity: 'blocker' }],
  },
]);
