import { ds0, GiB, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'thin disk with enough free space: warning naming power-off and space',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'thin'),
        severity: 'warning',
        message: /Hard disk 1 \(thin\) on shared-ds: vCenter converts .* VM powered off and up to 100 GiB free on shared-ds/,
      },
      {
        name: 'thin disk without enough free space: blocker',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).freeBytes = 100 * GiB - 1;
        },
        severity: 'blocker',
        message: /cannot be converted: it needs up to 100 GiB free, the datastore has 100 GiB \(1 B short\)/,
      },
      {
        name: 'free space exactly the need (boundary): still a warning, not a blocker',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).freeBytes = 100 * GiB;
        },
        severity: 'warning',
        not: 'blocker',
      },
      {
        name: 'lazy-zeroed disk: warning (no extra space)',
        mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'lazyZeroedThick'),
        severity: 'warning',
        message: /lazy-zeroed thick/,
      },
      {
        name: 'free space unreadable: unknown',
        mutate: (inv) => {
          vm0(inv).disks[0]!.backing = 'thin';
          ds0(inv).unreadable.push({ path: 'summary.freeSpace', fault: 'NoPermission' });
        },
        severity: 'unknown',
      },
    ],
    pass: [{ name: 'SMP-FT allows thin disks', base: 'smp', mutate: (inv) => void (vm0(inv).disks[0]!.backing = 'thin') }],
  },
]);
