import { host, setNicSpeed } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'SMP-FT on 1 Gb/s',
        mutate: (inv) => setNicSpeed(host(inv, 1), 1000),
        severity: 'warning',
        message: /1000 Mb\/s; SMP-FT needs 10000/,
      },
      {
        name: 'legacy on 100 Mb/s',
        base: 'legacy',
        mutate: (inv) => setNicSpeed(host(inv, 1), 100),
        severity: 'warning',
        message: /legacy FT needs 1000/,
      },
      {
        name: 'every uplink down',
        mutate: (inv) => setNicSpeed(host(inv, 1), null),
        severity: 'blocker',
        message: /every FT logging uplink is down \(vmnic2, vmnic3\)/,
      },
      {
        name: 'no uplink found',
        mutate: (inv) => void (host(inv, 1).vmknics[2]!.uplinks = []),
        severity: 'warning',
        message: /no physical uplink found/,
      },
    ],
    pass: [
      { name: 'SMP-FT on 10 Gb/s (boundary)', mutate: (inv) => setNicSpeed(host(inv, 1), 10000) },
      { name: 'legacy on 1 Gb/s (boundary)', base: 'legacy', mutate: (inv) => setNicSpeed(host(inv, 1), 1000) },
      // insufficientBandwidth is a VM-level vCenter reason, never a host capability issue: the link speed decides.
      {
        name: 'a capability list naming insufficientBandwidth at 10 Gb/s',
        mutate: (inv) => void host(inv, 1).capability.smpFtCompatibilityIssues!.push('insufficientBandwidth'),
      },
    ],
  },
]);
