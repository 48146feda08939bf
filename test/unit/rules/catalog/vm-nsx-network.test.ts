import { setHostVersion } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'NSX port group on 8.0',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          inv.networks[0]!.backingType = 'nsx';
        },
        severity: 'blocker',
        message: /Network adapter 1 \(VM Network\) on NSX-backed networks/,
      },
      {
        name: 'NSX port group on 7.0: warning (the 7.0 guides are silent)',
        mutate: (inv) => void (inv.networks[0]!.backingType = 'nsx'),
        severity: 'warning',
        not: 'blocker',
        message: /silent/,
      },
    ],
  },
]);
