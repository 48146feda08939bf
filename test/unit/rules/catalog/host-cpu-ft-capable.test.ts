import { host, setHosts } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'host reports cpuHwmmuUnsupported',
        mutate: (inv) =>
          setHosts(inv, (h) => void (h.capability = { smpFtSupported: false, smpFtCompatibilityIssues: ['cpuHwmmuUnsupported'] })),
        severity: 'blocker',
        message: /cpuHwmmuUnsupported/,
      },
      {
        name: 'no capability published, Westmere name (pre-Sandy Bridge)',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU X5670 @ 2.93GHz'));
          }),
        severity: 'blocker',
        message: /Westmere-EP\) predates SMP-FT/,
      },
      {
        name: 'unrecognised CPU name: info, never a blocker',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.model = 'Hygon C86 7285 32-core Processor';
            h.cpu.packages.forEach((p) => (p.description = 'Hygon C86 7285 32-core Processor'));
          }),
        severity: 'info',
        message: /cannot classify CPU "Hygon C86 7285 32-core Processor"; check the VMware Compatibility Guide/,
      },
      {
        name: 'legacy FT on a post-2015 CPU (no capability)',
        base: 'legacy',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz'));
          }),
        severity: 'blocker',
        message: /Broadwell\) is in no legacy FT compatible set/,
      },
      {
        name: 'legacy: host reports incompatibleCpu',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability = { ftSupported: false, replayCompatibilityIssues: ['incompatibleCpu'] }),
        severity: 'blocker',
      },
    ],
    pass: [
      {
        name: 'no capability published, Sandy Bridge E5-2670 (boundary)',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz'));
          }),
      },
      {
        name: 'no capability published, AMD Bulldozer Opteron 6276',
        mutate: (inv) =>
          setHosts(inv, (h) => {
            h.capability = {};
            h.cpu.vendor = 'amd';
            h.cpu.packages.forEach((p) => ((p.description = 'AMD Opteron(tm) Processor 6276'), (p.vendor = 'amd')));
          }),
      },
    ],
  },
]);
