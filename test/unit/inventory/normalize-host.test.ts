import { describe, expect, it } from 'vitest';
import { cpuVendor, normalizeHost, servicesByVnic } from '../../../src/inventory/normalize-host.js';
import { mo, oc, recordedObject } from './helpers.js';

const pnic = (device: string, speedMb?: number) => ({
  _type: 'PhysicalNic',
  key: `key-vim.host.PhysicalNic-${device}`,
  device,
  ...(speedMb ? { linkSpeed: { _type: 'PhysicalNicLinkInfo', speedMb, duplex: true } } : {}),
});
const teaming = (active: string[], standby: string[] = []) => ({
  _type: 'HostNetworkPolicy',
  nicTeaming: { _type: 'HostNicTeamingPolicy', nicOrder: { _type: 'HostNicOrderPolicy', activeNic: active, standbyNic: standby } },
});
const vnic = (device: string, spec: Record<string, unknown>, portgroup = '') => ({
  _type: 'HostVirtualNic',
  device,
  key: `key-vim.host.VirtualNic-${device}`,
  portgroup,
  spec: { _type: 'HostVirtualNicSpec', ...spec },
});
const ip = (ipAddress: string, v6: string[] = []) => ({
  _type: 'HostIpConfig',
  dhcp: false,
  ipAddress,
  ...(v6.length
    ? {
        ipV6Config: {
          _type: 'HostIpConfigIpV6AddressConfiguration',
          ipV6Address: v6.map((a) => ({ _type: 'HostIpConfigIpV6Address', ipAddress: a, prefixLength: 64 })),
        },
      }
    : {}),
});
const portgroup = (name: string, vswitchName: string, policy: Record<string, unknown> = { _type: 'HostNetworkPolicy' }) => ({
  _type: 'HostPortGroup',
  key: `key-vim.host.PortGroup-${name}`,
  vswitch: `key-vim.host.VirtualSwitch-${vswitchName}`,
  spec: { _type: 'HostPortGroupSpec', name, vlanId: 0, vswitchName, policy },
});

function hostProps(): Record<string, unknown> {
  return {
    name: 'esx01.lab',
    parent: mo('ClusterComputeResource', 'domain-c7'),
    'runtime.connectionState': 'connected',
    'runtime.powerState': 'poweredOn',
    'runtime.inMaintenanceMode': false,
    'runtime.dasHostState': { _type: 'ClusterDasFdmHostState', state: 'master' },
    'config.product': {
      _type: 'AboutInfo',
      name: 'VMware ESXi',
      fullName: 'VMware ESXi 7.0.3 build-21930508',
      version: '7.0.3',
      build: '21930508',
      apiVersion: '7.0.3.0',
    },
    'config.featureVersion': [{ _type: 'HostFeatureVersionInfo', key: 'faultTolerance', value: '7.0.0-7.0.0-7.0.0' }],
    'summary.hardware.cpuModel': 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz',
    'hardware.cpuPkg': [
      {
        _type: 'HostCpuPackage',
        index: 0,
        vendor: 'intel',
        hz: 2100000000,
        busHz: 100000000,
        description: 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz',
      },
      {
        _type: 'HostCpuPackage',
        index: 1,
        vendor: 'intel',
        hz: 2100000000,
        busHz: 100000000,
        description: 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz',
        family: 6,
        model: 85,
        stepping: 7,
      },
    ],
    'hardware.cpuInfo': { _type: 'HostCpuInfo', numCpuPackages: 2, numCpuCores: 40, numCpuThreads: 80, hz: 2100000000 },
    'summary.currentEVCModeKey': 'intel-cascadelake',
    'summary.maxEVCModeKey': 'intel-cascadelake',
    capability: {
      _type: 'HostCapability',
      ftSupported: false,
      smpFtSupported: true,
      smpFtCompatibilityIssues: [],
      ftCompatibilityIssues: ['cpuHwmmuUnsupported'],
      maxVcpusPerFtVm: 8,
      maxMemMBPerFtVm: 131072,
      ftEfiSupported: true,
      encryptedFtSupported: true,
      vmotionSupported: true,
    },
    'config.hyperThread': { _type: 'HostHyperThreadScheduleInfo', available: true, active: true, config: true },
    'config.powerSystemInfo.currentPolicy': {
      _type: 'HostPowerPolicy',
      key: 1,
      name: 'High performance',
      shortName: 'static',
      description: '',
    },
    'summary.config.vmotionEnabled': true,
    'summary.config.faultToleranceEnabled': true,
    datastore: [mo('Datastore', 'datastore-1')],
    network: [mo('Network', 'network-1')],
    'config.network.pnic': [
      pnic('vmnic0', 1000),
      pnic('vmnic1', 10000),
      pnic('vmnic2', 10000),
      pnic('vmnic3'),
      pnic('vmnic4', 25000),
      pnic('vmnic5', 25000),
    ],
    'config.network.vswitch': [
      {
        _type: 'HostVirtualSwitch',
        name: 'vSwitch0',
        key: 'key-vim.host.VirtualSwitch-vSwitch0',
        pnic: ['key-vim.host.PhysicalNic-vmnic0'],
        spec: { _type: 'HostVirtualSwitchSpec', numPorts: 128, policy: teaming(['vmnic0']) },
      },
      {
        _type: 'HostVirtualSwitch',
        name: 'vSwitch1',
        key: 'key-vim.host.VirtualSwitch-vSwitch1',
        pnic: ['key-vim.host.PhysicalNic-vmnic1', 'key-vim.host.PhysicalNic-vmnic2'],
        spec: { _type: 'HostVirtualSwitchSpec', numPorts: 128, policy: teaming(['vmnic1', 'vmnic2']) },
      },
      {
        _type: 'HostVirtualSwitch',
        name: 'vSwitch2',
        key: 'key-vim.host.VirtualSwitch-vSwitch2',
        pnic: ['key-vim.host.PhysicalNic-vmnic3'],
        spec: { _type: 'HostVirtualSwitchSpec', numPorts: 128 },
      },
    ],
    'config.network.portgroup': [
      portgroup('Management Network', 'vSwitch0'),
      portgroup('FT-Logging', 'vSwitch1', teaming(['vmnic2'], ['vmnic1'])),
      portgroup('vMotion', 'vSwitch1'),
      portgroup('Replication', 'vSwitch2'),
    ],
    'config.network.proxySwitch': [
      {
        _type: 'HostProxySwitch',
        dvsUuid: '50 1a 2b',
        dvsName: 'dvs-prod',
        key: 'k',
        numPorts: 512,
        pnic: ['key-vim.host.PhysicalNic-vmnic4', 'key-vim.host.PhysicalNic-vmnic5'],
      },
    ],
    'config.network.vnic': [
      vnic('vmk0', { ip: ip('10.0.0.11'), portgroup: 'Management Network' }, 'Management Network'),
      vnic('vmk1', { ip: ip('10.0.1.11'), portgroup: 'FT-Logging' }, 'FT-Logging'),
      vnic('vmk2', { ip: ip('', ['fd00::12']), portgroup: 'vMotion' }, 'vMotion'),
      vnic('vmk3', { ip: ip('10.0.3.11'), portgroup: 'Replication' }, 'Replication'),
      vnic('vmk4', {
        ip: ip('10.0.4.11'),
        distributedVirtualPort: {
          _type: 'DistributedVirtualSwitchPortConnection',
          switchUuid: '50 1a 2b',
          portgroupKey: 'dvportgroup-40',
          portKey: '12',
        },
      }),
    ],
    'config.virtualNicManagerInfo.netConfig': [
      {
        _type: 'VirtualNicManagerNetConfig',
        nicType: 'faultToleranceLogging',
        multiSelectAllowed: true,
        selectedVnic: ['faultToleranceLogging.key-vim.host.VirtualNic-vmk1', 'faultToleranceLogging.key-vim.host.VirtualNic-vmk4'],
      },
      {
        _type: 'VirtualNicManagerNetConfig',
        nicType: 'vmotion',
        multiSelectAllowed: true,
        selectedVnic: ['vmotion.key-vim.host.VirtualNic-vmk2'],
      },
      {
        _type: 'VirtualNicManagerNetConfig',
        nicType: 'management',
        multiSelectAllowed: true,
        selectedVnic: ['management.key-vim.host.VirtualNic-vmk0'],
      },
      { _type: 'VirtualNicManagerNetConfig', nicType: 'vSphereReplication', multiSelectAllowed: true },
    ],
  };
}

describe('normalizeHost', () => {
  const host = normalizeHost(oc('HostSystem', 'host-10', hostProps()));

  it('reads identity, state and product', () => {
    expect(host).toMatchObject({
      moid: 'host-10',
      name: 'esx01.lab',
      clusterMoid: 'domain-c7',
      connectionState: 'connected',
      powerState: 'poweredOn',
      inMaintenanceMode: false,
      dasHostState: 'master',
      product: { name: 'VMware ESXi', version: '7.0.3', build: '21930508', apiVersion: '7.0.3.0' },
      ftFeatureVersion: '7.0.0-7.0.0-7.0.0',
      evc: { currentModeKey: 'intel-cascadelake', maxModeKey: 'intel-cascadelake' },
      hyperThreading: { available: true, active: true },
      powerPolicy: { key: 1, shortName: 'static' },
      vmotionEnabled: true,
      faultToleranceEnabled: true,
      datastoreMoids: ['datastore-1'],
      networkMoids: ['network-1'],
    });
  });

  it('reads CPU packages', () => {
    expect(host.cpu).toMatchObject({
      model: 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz',
      vendor: 'intel',
      numPackages: 2,
      numCores: 40,
      numThreads: 80,
      hz: 2100000000,
    });
    expect(host.cpu.packages[0]).toEqual({
      index: 0,
      vendor: 'intel',
      description: 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz',
      hz: 2100000000,
    });
    expect(host.cpu.packages[1]).toMatchObject({ family: 6, model: 85, stepping: 7 });
  });

  it('reads the FT capability fields it publishes, and only those', () => {
    expect(host.capability).toEqual({
      ftSupported: false,
      smpFtSupported: true,
      smpFtCompatibilityIssues: [],
      ftCompatibilityIssues: ['cpuHwmmuUnsupported'],
      maxVcpusPerFtVm: 8,
      maxMemMBPerFtVm: 131072,
      ftEfiSupported: true,
      encryptedFtSupported: true,
    });
  });

  it('maps vmknic services, uplinks and speeds', () => {
    const byDevice = Object.fromEntries(host.vmknics.map((v) => [v.device, v]));
    expect(host.pnics.find((p) => p.device === 'vmnic3')!.speedMb).toBeNull();
    // port group override: vmnic2 active, vmnic1 standby
    expect(byDevice.vmk1).toMatchObject({
      portgroup: 'FT-Logging',
      vswitch: 'vSwitch1',
      ipv4: '10.0.1.11',
      ipv6Only: false,
      services: ['faultToleranceLogging'],
    });
    expect(byDevice.vmk1!.uplinks.map((u) => [u.device, u.speedMb])).toEqual([
      ['vmnic2', 10000],
      ['vmnic1', 10000],
    ]);
    // vSwitch teaming when the port group has no override
    expect(byDevice.vmk2!.uplinks.map((u) => u.device)).toEqual(['vmnic1', 'vmnic2']);
    expect(byDevice.vmk2).toMatchObject({ services: ['vmotion'], ipv6Only: true });
    expect(byDevice.vmk2!.ipv4).toBeUndefined();
    // no teaming order at all: the vSwitch's bound pnics
    expect(byDevice.vmk3!.uplinks).toEqual([{ key: 'key-vim.host.PhysicalNic-vmnic3', device: 'vmnic3', speedMb: null }]);
    expect(byDevice.vmk3!.services).toEqual([]);
    // distributed switch: the proxy switch's pnics
    expect(byDevice.vmk4).toMatchObject({ dvsUuid: '50 1a 2b', dvPortgroupKey: 'dvportgroup-40', services: ['faultToleranceLogging'] });
    expect(byDevice.vmk4!.uplinks.map((u) => [u.device, u.speedMb])).toEqual([
      ['vmnic4', 25000],
      ['vmnic5', 25000],
    ]);
    expect(byDevice.vmk0!.services).toEqual(['management']);
  });

  it('prefers the computed (effective) teaming policy of a port group', () => {
    const props = hostProps();
    const pgs = props['config.network.portgroup'] as Record<string, unknown>[];
    pgs[2] = { ...pgs[2], computedPolicy: teaming(['vmnic2']) };
    const h = normalizeHost(oc('HostSystem', 'host-10', props));
    expect(h.vmknics.find((v) => v.device === 'vmk2')!.uplinks.map((u) => u.device)).toEqual(['vmnic2']);
  });

  it('treats a standalone host and an unreadable host gracefully', () => {
    const h = normalizeHost(oc('HostSystem', 'host-99', { parent: mo('ComputeResource', 'domain-s9') }));
    expect(h.clusterMoid).toBeUndefined();
    expect(h).toMatchObject({
      name: 'host-99',
      connectionState: 'unknown',
      inMaintenanceMode: false,
      capability: {},
      vmknics: [],
      pnics: [],
    });
    expect(h.hyperThreading).toEqual({ available: false, active: false });
  });
});

describe('helpers', () => {
  it('accepts bare vnic keys in selectedVnic', () => {
    const m = servicesByVnic([{ nicType: 'vmotion', selectedVnic: ['key-vim.host.VirtualNic-vmk9'] }]);
    expect(m.get('key-vim.host.VirtualNic-vmk9')).toEqual(['vmotion']);
  });
  it('maps CPU vendors', () => {
    expect([cpuVendor('intel'), cpuVendor('amd'), cpuVendor('hygon'), cpuVendor(undefined)]).toEqual(['intel', 'amd', 'other', 'other']);
  });
});

describe('normalizeHost on a real recording (HostListSummary of an ESXi 6.7 host)', () => {
  it('takes the CPU model, product and flags from summary', () => {
    const h = normalizeHost(recordedObject('fog-vsphere/get_compute_resource.yml', 'HostListSummary'));
    expect(h.moid).toBe('host-9');
    expect(h.cpu.model).toBe('Intel(R) Xeon(R) CPU E5-1620 0 @ 3.60GHz');
    expect(h.product).toMatchObject({ name: 'VMware ESXi', version: '6.7.0', build: '8169922', apiVersion: '6.7' });
    expect(h.vmotionEnabled).toBe(false);
    expect(h.faultToleranceEnabled).toBe(false);
    expect(h.evc).toEqual({ maxModeKey: 'intel-sandybridge' });
  });
});
