import { host, setHostVersion } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'Essentials Plus licence',
        mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.essentialsPlus.cpuPackage'),
        severity: 'blocker',
        message: /esx\.essentialsPlus\.cpuPackage has no Fault Tolerance/,
      },
      {
        name: 'host reports ftNotLicensed',
        mutate: (inv) => void (host(inv, 1).capability.smpFtCompatibilityIssues = ['ftNotLicensed']),
        severity: 'blocker',
      },
    ],
    pass: [
      { name: 'Standard licence', mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.standard.cpuPackage') },
      {
        name: 'Standard licence on 5.5 (UNVERIFIED: allowed)',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).licenseEdition = 'esx.standard.cpuPackage'),
      },
    ],
  },
  // Standard on 4.x / 5.0 had no FT (5.0 edition table).
  {
    base: 'legacy',
    fail: [
      {
        name: 'Standard licence on ESXi 5.0',
        mutate: (inv) => {
          setHostVersion(inv, '5.0.0');
          host(inv, 1).licenseEdition = 'esx.standard.cpuPackage';
        },
        severity: 'blocker',
        message: /Standard\) on ESX\/ESXi 5\.0\.0 has no Fault Tolerance/,
      },
    ],
  },
]);
