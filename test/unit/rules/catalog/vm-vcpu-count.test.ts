import { setHosts, setHostVersion, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'legacy: 2 vCPUs',
        mutate: (inv) => void (vm0(inv).numCpu = 2),
        opts: { profile: 'legacy' },
        severity: 'blocker',
        message: /^2 vCPUs; legacy FT allows 1$/,
      },
      {
        name: '8.0 Enterprise Plus: 9 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          vm0(inv).numCpu = 9;
        },
        severity: 'blocker',
        message: /^9 vCPUs; SMP-FT allows 8 \(Enterprise Plus/,
      },
      {
        name: 'Standard: 3 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void (h.licenseEdition = 'esx.standard.cpuPackage'));
          vm0(inv).numCpu = 3;
        },
        severity: 'blocker',
        message: /3 vCPUs; SMP-FT allows 2 \(Standard edition; edition from licence esx\.standard\.cpuPackage\)/,
      },
      {
        name: '6.0 Enterprise Plus without host cap: 5 vCPUs',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '6.0.0');
          setHosts(inv, (h) => void delete h.capability.maxVcpusPerFtVm);
          vm0(inv).numCpu = 5;
        },
        severity: 'blocker',
        message: /allows 4 \(Enterprise Plus on ESXi 6\.0\.0/,
      },
      {
        name: '--edition standard when no licence was read',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 4;
        },
        opts: { edition: 'standard' },
        severity: 'blocker',
        message: /edition from --edition/,
      },
      {
        name: 'edition unknown (licence not read, no --edition): 4 vCPUs are unknown, naming Global.Licenses',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 4;
        },
        severity: 'unknown',
        message:
          /4 vCPUs fit only with Enterprise Plus .*edition of host .* is unknown: host licence not read \(no licence assignment returned; reading it needs Global\.Licenses\), no --edition/,
      },
    ],
    pass: [
      { name: 'legacy: 1 vCPU (boundary)', mutate: () => {} },
      {
        name: '8.0 Enterprise Plus: 8 vCPUs (boundary)',
        base: 'smp',
        mutate: (inv) => {
          setHostVersion(inv, '8.0.2');
          vm0(inv).numCpu = 8;
        },
      },
      {
        name: 'edition unknown: 2 vCPUs (what every FT edition allows)',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void delete h.licenseEdition);
          vm0(inv).numCpu = 2;
        },
      },
      {
        name: 'Standard: 2 vCPUs (boundary)',
        base: 'smp',
        mutate: (inv) => {
          setHosts(inv, (h) => void (h.licenseEdition = 'esx.standard.cpuPackage'));
          vm0(inv).numCpu = 2;
        },
      },
    ],
  },
]);
