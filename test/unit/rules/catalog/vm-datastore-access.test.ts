import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'host does not mount the VM datastore',
        mutate: (inv) => void (host(inv, 1).datastoreMoids = []),
        severity: 'blocker',
        message: /host esx-01\.lab does not mount shared-ds/,
      },
    ],
  },
]);
