import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'one snapshot',
        mutate: (inv) => void (vm0(inv).snapshotCount = 1),
        severity: 'blocker',
        message: /^1 snapshot; FT needs none$/,
      },
    ],
  },
]);
