import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'unsupportedProduct',
        mutate: (inv) => void (host(inv, 1).capability.smpFtCompatibilityIssues = ['unsupportedProduct']),
        severity: 'blocker',
      },
      {
        name: 'smpFtSupported = false with no reason',
        mutate: (inv) =>
          void (host(inv, 1).capability = { ...host(inv, 1).capability, smpFtSupported: false, smpFtCompatibilityIssues: [] }),
        severity: 'blocker',
        message: /smpFtSupported = false for SMP-FT and lists no reason/,
      },
      {
        name: 'legacy: ftSupported = false with no reason',
        base: 'legacy',
        mutate: (inv) => void (host(inv, 1).capability.ftSupported = false),
        severity: 'blocker',
        message: /ftSupported = false for legacy FT and lists no reason/,
      },
      {
        name: 'smpFtSupported = false naming an unmapped reason',
        mutate: (inv) =>
          void (host(inv, 1).capability = {
            ...host(inv, 1).capability,
            smpFtSupported: false,
            smpFtCompatibilityIssues: ['someFutureReason'],
          }),
        severity: 'blocker',
        message: /names only someFutureReason/,
      },
    ],
    pass: [
      {
        name: 'smpFtSupported = false for a reason another rule reports',
        mutate: (inv) =>
          void (host(inv, 1).capability = {
            ...host(inv, 1).capability,
            smpFtSupported: false,
            smpFtCompatibilityIssues: ['ftNotLicensed'],
          }),
      },
    ],
  },
]);
