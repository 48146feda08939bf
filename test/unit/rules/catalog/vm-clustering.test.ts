import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'legacy',
    fail: [
      {
        name: 'shared SCSI bus',
        mutate: (inv) => void (vm0(inv).scsiControllers[0]!.busSharing = 'physicalSharing'),
        severity: 'blocker',
        message: /shares its bus/,
      },
      {
        name: 'multi-writer disk',
        base: 'smp',
        mutate: (inv) => void (vm0(inv).disks[0]!.sharing = 'sharingMultiWriter'),
        severity: 'blocker',
        message: /multi-writer/,
      },
    ],
  },
]);
