import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'HD audio',
        mutate: (inv) => void vm0(inv).sound.push({ key: 5000, label: 'Sound card', type: 'VirtualHdAudioCard' }),
        severity: 'blocker',
      },
    ],
  },
]);
