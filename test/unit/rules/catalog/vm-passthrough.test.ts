import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'vGPU',
        mutate: (inv) => void vm0(inv).passthrough.push({ key: 13000, label: 'PCI device 0', type: 'VirtualPCIPassthrough', kind: 'vgpu' }),
        severity: 'blocker',
        message: /PCI device 0 \(vgpu\)/,
      },
    ],
  },
]);
