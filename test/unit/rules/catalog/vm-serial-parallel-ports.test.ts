import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'serial port',
        mutate: (inv) => void vm0(inv).serial.push({ key: 9000, label: 'Serial port 1', type: 'VirtualSerialPort' }),
        severity: 'blocker',
      },
      {
        name: 'parallel port',
        base: 'smp',
        mutate: (inv) => void vm0(inv).parallel.push({ key: 10000, label: 'Parallel port 1', type: 'VirtualParallelPort' }),
        severity: 'blocker',
      },
    ],
  },
]);
