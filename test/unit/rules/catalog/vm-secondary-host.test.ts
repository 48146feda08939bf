import { host, setHosts, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'both other hosts in maintenance',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).inMaintenanceMode = true)),
        severity: 'blocker',
        message: /no other host in cluster Prod can hold the secondary: esx-02\.lab, esx-03\.lab \(each\): is in maintenance mode/,
      },
      {
        name: 'legacy: other hosts more than 400 MHz slower (a caveat, not a rejection)',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).cpu.hz = 2_933_000_000 - 400_000_001)),
        severity: 'warning',
        message: /every secondary candidate has a caveat: .*MHz from the primary's 2933 MHz \(legacy FT allows 400\)/,
        not: 'blocker',
      },
      {
        name: "other hosts not on the VM's network",
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).networkMoids = [])),
        severity: 'blocker',
        message: /esx-02\.lab, esx-03\.lab \(each\): is not connected to network VM Network/,
      },
      {
        name: "other hosts too old for the VM's hardware version",
        mutate: (inv) => {
          vm0(inv).hwVersion = 19;
          [2, 3].forEach((i) => (host(inv, i).product = { ...host(inv, i).product, version: '7.0.0', apiVersion: '7.0.0.0' }));
        },
        severity: 'blocker',
        message: /supports virtual hardware up to vmx-17 \(the VM is vmx-19\)/,
      },
      {
        name: 'encrypted VM, other hosts without encrypted FT',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          [2, 3].forEach((i) => (host(inv, i).capability.encryptedFtSupported = false));
        },
        severity: 'blocker',
        message: /does not support encrypted FT/,
      },
      {
        name: 'legacy: other hosts in another FT compatible set',
        base: 'legacy',
        mutate: (inv) =>
          [2, 3].forEach((i) => host(inv, i).cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU X5570 @ 2.93GHz'))),
        severity: 'blocker',
        message: /Nehalem-EP is not in the primary's FT-compatible set \(Intel Westmere-EP\)/,
      },
      {
        name: 'legacy: other hosts on another build',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).ftFeatureVersion = '4.1.0-4.1.0-4.1.0')),
        severity: 'blocker',
        message: /differs from the primary's FT 5\.0\.0/,
      },
      {
        name: 'standalone host',
        mutate: (inv) => {
          inv.clusters = [];
          setHosts(inv, (h) => void delete h.clusterMoid);
        },
        severity: 'blocker',
        message: /standalone/,
      },
    ],
    pass: [
      {
        name: 'legacy: clocks exactly 400 MHz apart (boundary)',
        base: 'legacy',
        mutate: (inv) => [2, 3].forEach((i) => (host(inv, i).cpu.hz = 2_933_000_000 - 400_000_000)),
      },
      { name: 'one of two other hosts usable', mutate: (inv) => void (host(inv, 2).inMaintenanceMode = true) },
      {
        name: 'encrypted VM, one other host with encrypted FT',
        mutate: (inv) => {
          vm0(inv).encrypted = true;
          host(inv, 2).capability.encryptedFtSupported = false;
        },
      },
      {
        name: "hosts on 7.0 U2 run the VM's vmx-19",
        mutate: (inv) => {
          vm0(inv).hwVersion = 19;
          [2, 3].forEach((i) => (host(inv, i).product = { ...host(inv, i).product, version: '7.0.2', apiVersion: '7.0.2.0' }));
        },
      },
      {
        name: 'legacy: one of two other hosts within 400 MHz',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 2).cpu.hz = 2_933_000_000 - 400_000_001),
      },
    ],
  },
]);
