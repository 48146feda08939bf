import { describe, expect, it } from 'vitest';
import { defaultForLegacyFt, flattenFtFaults } from '../../../src/inventory/ft-query.js';
import type { Host, Vm } from '../../../src/inventory/model.js';

describe('flattenFtFaults', () => {
  it('reads LocalizedMethodFault items with reason and message', () => {
    expect(
      flattenFtFaults([
        {
          _type: 'LocalizedMethodFault',
          fault: { _type: 'VmFaultToleranceConfigIssue', reason: 'hasSnapshots', entityName: 'db01' },
          localizedMessage: 'The virtual machine has one or more snapshots',
        },
      ]),
    ).toEqual([{ fault: 'VmFaultToleranceConfigIssue', reason: 'hasSnapshots', message: 'The virtual machine has one or more snapshots' }]);
  });

  it('reads bare MethodFault items, their faultMessage, and walks wrappers to the leaves', () => {
    const answer = [
      {
        _type: 'VmFaultToleranceConfigIssue',
        reason: 'thinDisk',
        faultMessage: [{ _type: 'LocalizableMessage', key: 'k', message: 'thin disk' }],
      },
      {
        _type: 'FtIssuesOnHost',
        hostName: 'esx1.lab',
        errors: [
          {
            _type: 'LocalizedMethodFault',
            fault: { _type: 'HostIncompatibleForFaultTolerance', reason: 'processor', hostName: 'esx1.lab' },
            localizedMessage: 'CPU',
          },
        ],
      },
      {
        _type: 'VmConfigIncompatibleForFaultTolerance',
        fault: { _type: 'LocalizedMethodFault', fault: { _type: 'DeviceNotSupported', device: 'USB' }, localizedMessage: 'USB device' },
      },
    ];
    expect(flattenFtFaults(answer)).toEqual([
      { fault: 'VmFaultToleranceConfigIssue', reason: 'thinDisk', message: 'thin disk' },
      { fault: 'HostIncompatibleForFaultTolerance', reason: 'processor', message: 'esx1.lab: CPU' },
      { fault: 'DeviceNotSupported', message: 'USB device' },
    ]);
  });

  it('answers an empty list for no issues (or no returnval)', () => {
    expect(flattenFtFaults(undefined)).toEqual([]);
    expect(flattenFtFaults([])).toEqual([]);
  });
});

describe('defaultForLegacyFt', () => {
  const vm = (type?: string) => ({ ft: { state: 'notConfigured', instanceUuids: [], ...(type ? { type } : {}) } }) as unknown as Vm;
  const host = (version: string) => ({ product: { version } }) as unknown as Host;
  it('asks for legacy FT on pre-6.0 hosts and for record/replay VMs only', () => {
    expect(defaultForLegacyFt(vm(), host('5.5.0'))).toBe(true);
    expect(defaultForLegacyFt(vm(), host('6.0.0'))).toBe(false);
    expect(defaultForLegacyFt(vm('recordReplay'), host('6.0.0'))).toBe(true);
    expect(defaultForLegacyFt(vm(), undefined)).toBe(false);
  });
});
