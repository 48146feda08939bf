import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'cpuHvDisabled',
        mutate: (inv) => void (host(inv, 1).capability = { smpFtSupported: false, smpFtCompatibilityIssues: ['cpuHvDisabled'] }),
        severity: 'blocker',
        message: /disabled in the BIOS/,
      },
      {
        name: 'legacy hvDisabled',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability = { ftSupported: false, replayCompatibilityIssues: ['hvDisabled'] }),
        severity: 'blocker',
      },
    ],
  },
]);
