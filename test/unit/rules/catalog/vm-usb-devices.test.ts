import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'USB device',
        mutate: (inv) => void vm0(inv).usb.push({ key: 15000, label: 'USB 1', type: 'VirtualUSB' }),
        severity: 'blocker',
      },
      {
        name: 'bare USB controller',
        mutate: (inv) => void vm0(inv).usbControllers.push({ key: 14000, label: 'USB xHCI controller', type: 'VirtualUSBXHCIController' }),
        severity: 'info',
      },
    ],
  },
]);
