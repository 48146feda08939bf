import { vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'needSecondary',
        mutate: (inv) => void (vm0(inv).ft = { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'blocker',
        message: /needSecondary\): the VM runs unprotected/,
      },
      {
        name: 'enabled while powered on',
        mutate: (inv) => void (vm0(inv).ft = { state: 'enabled', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
        message: /pair is not running/,
      },
      {
        name: 'disabled',
        mutate: (inv) => void (vm0(inv).ft = { state: 'disabled', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
      },
      {
        name: 'starting (Not Protected – Starting)',
        mutate: (inv) => void (vm0(inv).ft = { state: 'starting', role: 1, type: 'checkpointing', instanceUuids: [] }),
        severity: 'warning',
        not: 'blocker',
        message: /still starting/,
      },
      {
        name: 'enabled, powered off (Not Protected – VM not Running)',
        mutate: (inv) => {
          vm0(inv).powerState = 'poweredOff';
          vm0(inv).ft = { state: 'enabled', role: 1, type: 'checkpointing', instanceUuids: [] };
        },
        severity: 'warning',
        message: /VM not Running/,
      },
      {
        name: 'running, HA off on the cluster',
        mutate: (inv) => {
          vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] };
          inv.clusters[0]!.ha.enabled = false;
        },
        severity: 'warning',
        message: /cannot take over/,
      },
    ],
    pass: [
      { name: 'running', mutate: (inv) => void (vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] }) },
      // notProtected is not a VirtualMachineFaultToleranceState value (the old rule listed it).
      {
        name: 'notProtected is no state',
        mutate: (inv) => void (vm0(inv).ft = { state: 'notProtected', role: 1, type: 'checkpointing', instanceUuids: [] }),
      },
    ],
  },
]);
