import { cluster0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: 'restart priority disabled',
        mutate: (inv) => void cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'disabled' }),
        severity: 'blocker',
        message: /overridden to disabled/,
      },
      {
        name: 'cluster default disabled, no override',
        mutate: (inv) => void (cluster0(inv).ha.defaultRestartPriority = 'disabled'),
        severity: 'blocker',
        message: /default VM restart priority to disabled/,
      },
      {
        name: 'cluster default disabled, override inherits it',
        mutate: (inv) => {
          cluster0(inv).ha.defaultRestartPriority = 'disabled';
          cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'clusterRestartPriority' });
        },
        severity: 'blocker',
      },
    ],
    pass: [
      {
        name: "another VM's override",
        mutate: (inv) => void cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-999', restartPriority: 'disabled' }),
      },
      {
        name: 'cluster default disabled, VM override high',
        mutate: (inv) => {
          cluster0(inv).ha.defaultRestartPriority = 'disabled';
          cluster0(inv).ha.vmOverrides.push({ vmMoid: 'vm-100', restartPriority: 'high' });
        },
      },
    ],
  },
]);
