import { ds0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      { name: 'vVol', mutate: (inv) => void (ds0(inv).type = 'VVOL'), severity: 'blocker', message: /vVol/ },
      {
        name: 'vSAN under legacy FT (5.5 Storage, Limitations of Virtual SAN)',
        base: 'legacy',
        mutate: (inv) => void (ds0(inv).type = 'vsan'),
        severity: 'blocker',
        not: 'warning',
      },
    ],
    pass: [
      { name: 'vSAN under SMP-FT', mutate: (inv) => void (ds0(inv).type = 'vsan') },
      { name: 'NFS', mutate: (inv) => void (ds0(inv).type = 'NFS') },
    ],
  },
]);
