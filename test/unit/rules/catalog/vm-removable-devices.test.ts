import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: "CD-ROM on the host's drive",
        mutate: (inv) => void Object.assign(vm0(inv).removable[0]!, { backing: 'hostDevice', backingType: 'VirtualCdromAtapiBackingInfo' }),
        severity: 'blocker',
        message: /physical device/,
      },
      {
        name: 'connected client device',
        mutate: (inv) =>
          void Object.assign(vm0(inv).removable[0]!, {
            backing: 'client',
            backingType: 'VirtualCdromRemotePassthroughBackingInfo',
            connected: true,
          }),
        severity: 'blocker',
      },
      {
        name: 'disconnected client device: still a blocker',
        mutate: (inv) =>
          void Object.assign(vm0(inv).removable[0]!, { backing: 'client', backingType: 'VirtualCdromRemotePassthroughBackingInfo' }),
        severity: 'blocker',
        not: 'warning',
        message: /\(disconnected\)/,
      },
    ],
  },
]);
