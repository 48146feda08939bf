import { setHostVersion, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      { name: 'vTPM on 7.0', mutate: (inv) => void (vm0(inv).vtpm = true), severity: 'blocker' },
      {
        name: 'vTPM on 8.0',
        mutate: (inv) => {
          vm0(inv).vtpm = true;
          setHostVersion(inv, '8.0.1');
        },
        severity: 'warning',
      },
    ],
  },
]);
