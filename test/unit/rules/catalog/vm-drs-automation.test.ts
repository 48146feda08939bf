import { cluster0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      { name: 'DRS without EVC', mutate: (inv) => void delete cluster0(inv).evcModeKey, severity: 'info', message: /no EVC/ },
      {
        name: 'SMP-FT under vCenter 6.5 without EVC',
        base: 'smp',
        mutate: (inv) => void (inv.vcenter.version = '6.5.0'),
        severity: 'info',
        message: /under vCenter 6\.5\.0 DRS does not act on SMP-FT VMs without EVC/,
      },
    ],
    pass: [
      {
        name: 'DRS disabled for the VM',
        mutate: (inv) => {
          delete cluster0(inv).evcModeKey;
          cluster0(inv).drs.vmOverrides.push({ vmMoid: 'vm-100', enabled: false });
        },
      },
      { name: 'SMP-FT under vCenter 6.7 without EVC', base: 'smp', mutate: (inv) => void (inv.vcenter.version = '6.7.0') },
    ],
  },
]);
