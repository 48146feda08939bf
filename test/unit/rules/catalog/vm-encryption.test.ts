import { setHosts, setHostVersion, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      { name: 'host supports encrypted FT: info', mutate: (inv) => void (vm0(inv).encrypted = true), severity: 'info' },
      {
        name: 'host says no',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          setHosts(inv, (h) => void (h.capability.encryptedFtSupported = false));
        },
        severity: 'blocker',
      },
      {
        name: '6.7 host without the flag',
        mutate: (inv) => {
          vm0(inv).disks[0]!.encrypted = true;
          setHostVersion(inv, '6.7.0');
          setHosts(inv, (h) => void delete h.capability.encryptedFtSupported);
        },
        severity: 'blocker',
        message: /Hard disk 1 is encrypted/,
      },
      { name: 'legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).encrypted = true), severity: 'blocker' },
      {
        name: '7.0 before Update 2 (API 7.0.1.0), no flag',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          setHosts(inv, (h) => {
            delete h.capability.encryptedFtSupported;
            h.product = { ...h.product, version: '7.0.1', apiVersion: '7.0.1.0' };
          });
        },
        severity: 'blocker',
        message: /before Update 2 \(API 7\.0\.1\.0\)/,
      },
    ],
    pass: [],
  },
]);
