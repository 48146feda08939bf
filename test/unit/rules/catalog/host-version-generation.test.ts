import { setHostVersion } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'legacy forced on 7.0 hosts',
        mutate: () => {},
        opts: { profile: 'legacy' },
        severity: 'blocker',
        message: /ESXi 7\.0\.3 cannot run legacy FT/,
      },
    ],
    pass: [{ name: 'legacy forced on 6.0 hosts (boundary)', mutate: (inv) => setHostVersion(inv, '6.0.0'), opts: { profile: 'legacy' } }],
  },
]);
