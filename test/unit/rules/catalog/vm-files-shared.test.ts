import type { Inventory } from '../../../../src/inventory/model.js';
import { disk, ds0, host, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

// A second, local datastore on host 1 holding a second disk of the VM.
function withLocalDisk(inv: Inventory): void {
  inv.datastores.push({
    ...structuredClone(ds0(inv)),
    moid: 'datastore-9',
    name: 'local-1',
    multipleHostAccess: false,
    hostMoids: ['host-1'],
  });
  host(inv, 1).datastoreMoids.push('datastore-9');
  vm0(inv).datastoreMoids.push('datastore-9');
  vm0(inv).disks.push(disk(2001, { datastoreMoid: 'datastore-9', fileName: '[local-1] app01/app01_1.vmx' }));
}

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'VM home on a local datastore',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[local-1] app01/app01.vmx';
        },
        severity: 'blocker',
        message: /the VM home is on local datastore local-1/,
      },
      {
        name: 'FT metadata on a local datastore',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[shared-ds] app01/app01.vmx';
          vm0(inv).ftMetadataDirectory = '[local-1] app01/';
        },
        severity: 'blocker',
        message: /the FT metadata directory is on local datastore local-1/,
      },
      {
        name: 'home unreadable, a local datastore in use',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).unreadable.push({ path: 'config.files.vmPathName', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /config\.files\.vmPathName is unreadable \(NoPermission\); the VM uses a local datastore/,
      },
    ],
    pass: [
      {
        name: 'disks on a local datastore, home shared',
        mutate: (inv) => {
          withLocalDisk(inv);
          vm0(inv).vmPathName = '[shared-ds] app01/app01.vmx';
        },
      },
      {
        name: 'home unreadable, every datastore shared',
        mutate: (inv) => void vm0(inv).unreadable.push({ path: 'config.files.vmPathName', fault: 'NoPermission' }),
      },
    ],
  },
]);
