import { describe, expect, it } from 'vitest';
import { buildCollectSpec, pathsFor, propSetsFor, VM_PROPS, VIEW_TYPES } from '../../../src/inventory/property-specs.js';
import { compareVersions as compareApiVersions } from '../../../src/util/version.js';

const pathsOf = (apiVersion: string, type: string) => propSetsFor(apiVersion).find((p) => p.type === type)?.paths ?? [];

describe('API version tagging', () => {
  it('compares dotted versions numerically', () => {
    expect(compareApiVersions('6.7.1', '6.7')).toBe(1);
    expect(compareApiVersions('7.0.2.0', '7.0.2')).toBe(0);
    expect(compareApiVersions('6.5', '7.0.2.0')).toBe(-1);
    expect(compareApiVersions('10.0', '9.9')).toBe(1);
  });

  it('drops paths newer than a 6.5 server (real vCenter would fail the whole call)', () => {
    const vm = pathsOf('6.5', 'VirtualMachine');
    expect(vm).toContain('config.keyId');
    expect(vm).toContain('config.hardware.device');
    expect(vm).not.toContain('config.ftEncryptionMode');
    expect(vm).not.toContain('config.pmemFailoverEnabled');
    expect(pathsOf('6.5', 'DistributedVirtualPortgroup')).not.toContain('config.backingType');
    expect(pathsOf('6.5', 'DistributedVirtualPortgroup')).toContain('config.uplink');
  });

  it('keeps the 7.0.2 paths on 7.0.3 and 8.0 servers', () => {
    for (const v of ['7.0.3.0', '8.0.2.0']) {
      expect(pathsOf(v, 'VirtualMachine')).toEqual(expect.arrayContaining(['config.ftEncryptionMode', 'config.pmemFailoverEnabled']));
      expect(pathsOf(v, 'DistributedVirtualPortgroup')).toContain('config.backingType');
    }
  });

  it('reads only 4.0 paths from a 4.0 server', () => {
    const vm = pathsFor(VM_PROPS, '4.0');
    expect(vm).toContain('runtime.faultToleranceState');
    expect(vm).not.toContain('config.firmware');
    expect(vm).not.toContain('config.nestedHVEnabled');
    expect(pathsOf('4.0', 'HostSystem')).not.toContain('config.featureVersion');
    expect(pathsOf('4.1', 'HostSystem')).toContain('config.featureVersion');
  });
});

describe('collect spec', () => {
  it('reads narrow VM paths, never the whole config', () => {
    const vm = pathsOf('8.0.3.0', 'VirtualMachine');
    expect(vm).not.toContain('config');
    expect(vm).toEqual(expect.arrayContaining(['config.hardware.device', 'snapshot', 'runtime.host', 'config.flags.vbsEnabled']));
    expect(vm).not.toContain('config.flags');
  });

  it('reads the VM flags the rules use, each from the release that added it', () => {
    expect(pathsFor(VM_PROPS, '5.5').filter((p) => p.startsWith('config.flags'))).toEqual([]);
    expect(pathsFor(VM_PROPS, '6.5').filter((p) => p.startsWith('config.flags'))).toEqual(['config.flags.faultToleranceType']);
    expect(pathsFor(VM_PROPS, '6.7').filter((p) => p.startsWith('config.flags'))).toEqual([
      'config.flags.faultToleranceType',
      'config.flags.vbsEnabled',
    ]);
  });

  it('never asks a path twice for a type and its subtype', () => {
    const sets = propSetsFor('8.0.3.0');
    const pairs: [string, string][] = [
      ['ComputeResource', 'ClusterComputeResource'],
      ['Network', 'DistributedVirtualPortgroup'],
      ['Network', 'OpaqueNetwork'],
    ];
    for (const [base, sub] of pairs) {
      const b = sets.find((s) => s.type === base)!.paths;
      const s = sets.find((x) => x.type === sub)!.paths;
      expect(b.filter((p) => s.includes(p))).toEqual([]);
    }
    for (const s of sets) expect(new Set(s.paths).size).toBe(s.paths.length);
  });

  it('uses base types in the view and an optional container', () => {
    const spec = buildCollectSpec('7.0', { type: 'Datacenter', value: 'datacenter-3' }, 500);
    expect(spec.viewTypes).toBe(VIEW_TYPES);
    expect(spec.viewTypes).not.toContain('ClusterComputeResource');
    expect(spec.container).toEqual({ type: 'Datacenter', value: 'datacenter-3' });
    expect(spec.maxObjects).toBe(500);
    expect(buildCollectSpec('7.0').container).toBeUndefined();
  });
});
