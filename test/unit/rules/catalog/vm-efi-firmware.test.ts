import { setHosts, setHostVersion, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'host says no',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHosts(inv, (h) => void (h.capability.ftEfiSupported = false));
        },
        severity: 'blocker',
        message: /ftEfiSupported = false/,
      },
      {
        name: 'host does not say',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHosts(inv, (h) => void delete h.capability.ftEfiSupported);
        },
        severity: 'info',
      },
      { name: 'legacy FT', base: 'legacy', mutate: (inv) => void (vm0(inv).firmware = 'efi'), severity: 'blocker' },
      {
        name: '6.5 host (no flag before 6.7)',
        mutate: (inv) => {
          vm0(inv).firmware = 'efi';
          setHostVersion(inv, '6.5.0');
          setHosts(inv, (h) => void delete h.capability.ftEfiSupported);
        },
        severity: 'blocker',
        message: /SMP-FT on ESXi 6\.5\.0 .* does not support EFI/,
        not: 'info',
      },
    ],
    pass: [{ name: 'host says yes', mutate: (inv) => void (vm0(inv).firmware = 'efi') }],
  },
]);
