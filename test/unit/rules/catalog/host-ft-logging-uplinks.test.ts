import { host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'single uplink',
        mutate: (inv) => void host(inv, 1).vmknics[2]!.uplinks.splice(1),
        severity: 'warning',
        message: /single uplink \(vmnic2\)/,
      },
      {
        name: 'two uplinks, one link down',
        mutate: (inv) => void (host(inv, 1).vmknics[2]!.uplinks[1]!.speedMb = null),
        severity: 'warning',
        message: /one uplink with link up \(vmnic2\); vmnic3 is down/,
      },
    ],
  },
]);
