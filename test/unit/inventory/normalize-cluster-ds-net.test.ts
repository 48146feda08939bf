import { describe, expect, it } from 'vitest';
import { normalizeCluster } from '../../../src/inventory/normalize-cluster.js';
import { normalizeDatastore } from '../../../src/inventory/normalize-datastore.js';
import { normalizeNetwork } from '../../../src/inventory/normalize-network.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { loadCassette } from '../../fixtures/cassettes.js';
import { mo, noPermission, oc } from './helpers.js';

const option = (key: string, value: unknown) => ({ _type: 'OptionValue', key, value });

describe('normalizeCluster', () => {
  it('reads the admission control policy as sent, the root resource pool link, and leaves out numbers that do not decode', () => {
    const policy = (p: Record<string, unknown>) =>
      normalizeCluster(
        oc('ClusterComputeResource', 'domain-c7', {
          name: 'Prod',
          resourcePool: mo('ResourcePool', 'resgroup-8'),
          configurationEx: {
            _type: 'ClusterConfigInfoEx',
            dasConfig: { _type: 'ClusterDasConfigInfo', enabled: true, admissionControlPolicy: p },
          },
        }),
      );
    const r = policy({
      _type: 'ClusterFailoverResourcesAdmissionControlPolicy',
      cpuFailoverResourcesPercent: 25,
      memoryFailoverResourcesPercent: 25,
      failoverLevel: 1,
      autoComputePercentages: false,
    });
    expect(r.rootPool).toEqual({ moid: 'resgroup-8' });
    expect(r.ha.admissionControlPolicy).toEqual({
      type: 'ClusterFailoverResourcesAdmissionControlPolicy',
      memoryFailoverResourcesPercent: 25,
      failoverLevel: 1,
      autoComputePercentages: false,
    });
    expect(
      policy({ _type: 'ClusterFailoverHostAdmissionControlPolicy', failoverHosts: [mo('HostSystem', 'host-3')] }).ha.admissionControlPolicy,
    ).toEqual({ type: 'ClusterFailoverHostAdmissionControlPolicy', failoverHosts: ['host-3'] });
    // A percentage that is not a number is not read (the rule then says it cannot decide), never a default.
    expect(
      policy({ _type: 'ClusterFailoverResourcesAdmissionControlPolicy', memoryFailoverResourcesPercent: 'lots' }).ha.admissionControlPolicy,
    ).toEqual({ type: 'ClusterFailoverResourcesAdmissionControlPolicy' });
    expect(policy({ _type: 'ClusterFutureAdmissionControlPolicy', x: 1 }).ha.admissionControlPolicy).toEqual({
      type: 'ClusterFutureAdmissionControlPolicy',
    });
  });

  it('reads HA, DRS, options, overrides and EVC', () => {
    const c = normalizeCluster(
      oc('ClusterComputeResource', 'domain-c7', {
        name: 'Prod',
        host: [mo('HostSystem', 'host-1'), mo('HostSystem', 'host-2')],
        configurationEx: {
          _type: 'ClusterConfigInfoEx',
          dasConfig: {
            _type: 'ClusterDasConfigInfo',
            enabled: true,
            hostMonitoring: 'disabled',
            admissionControlEnabled: false,
            vmComponentProtecting: 'enabled',
            defaultVmSettings: { _type: 'ClusterDasVmSettings', restartPriority: 'disabled' },
            option: [option('das.maxFtVmsPerHost', '6'), option('das.maxftvcpusperhost', '0'), option('das.isolationaddress0', '10.0.0.1')],
          },
          dasVmConfig: [
            {
              _type: 'ClusterDasVmConfigInfo',
              key: mo('VirtualMachine', 'vm-1'),
              dasSettings: { _type: 'ClusterDasVmSettings', restartPriority: 'disabled' },
            },
            { _type: 'ClusterDasVmConfigInfo', key: mo('VirtualMachine', 'vm-2'), restartPriority: 'high' },
          ],
          drsConfig: { _type: 'ClusterDrsConfigInfo', enabled: true, defaultVmBehavior: 'partiallyAutomated' },
          drsVmConfig: [{ _type: 'ClusterDrsVmConfigInfo', key: mo('VirtualMachine', 'vm-1'), enabled: false, behavior: 'manual' }],
        },
        summary: { _type: 'ClusterComputeResourceSummary', currentEVCModeKey: 'intel-broadwell', numHosts: 2 },
      }),
    );
    expect(c).toMatchObject({ moid: 'domain-c7', name: 'Prod', hostMoids: ['host-1', 'host-2'], evcModeKey: 'intel-broadwell' });
    expect(c.ha).toEqual({
      enabled: true,
      hostMonitoring: 'disabled',
      admissionControlEnabled: false,
      vmComponentProtecting: 'enabled',
      options: { 'das.maxftvmsperhost': '6', 'das.maxftvcpusperhost': '0', 'das.isolationaddress0': '10.0.0.1' },
      maxFtVmsPerHost: 6,
      maxFtVcpusPerHost: 0,
      vmOverrides: [
        { vmMoid: 'vm-1', restartPriority: 'disabled' },
        { vmMoid: 'vm-2', restartPriority: 'high' },
      ],
      defaultRestartPriority: 'disabled',
    });
    expect(c.drs).toEqual({
      enabled: true,
      defaultBehavior: 'partiallyAutomated',
      vmOverrides: [{ vmMoid: 'vm-1', enabled: false, behavior: 'manual' }],
    });
  });

  it('applies vCenter defaults when vcsim leaves everything out', () => {
    const c = normalizeCluster(
      oc('ClusterComputeResource', 'domain-c9', {
        name: 'Lab',
        configurationEx: {
          _type: 'ClusterConfigInfoEx',
          dasConfig: { _type: 'ClusterDasConfigInfo' },
          drsConfig: { _type: 'ClusterDrsConfigInfo' },
        },
      }),
    );
    expect(c.ha).toMatchObject({
      enabled: false,
      hostMonitoring: 'enabled',
      admissionControlEnabled: true,
      options: {},
      maxFtVmsPerHost: 4,
      maxFtVcpusPerHost: 8,
      vmOverrides: [],
      defaultRestartPriority: 'medium',
    });
    expect(c.drs).toEqual({ enabled: false, defaultBehavior: 'fullyAutomated', vmOverrides: [] });
    expect(c.evcModeKey).toBeUndefined();
  });

  it('falls back to the default for a non-numeric FT limit option', () => {
    const c = normalizeCluster(
      oc('ClusterComputeResource', 'domain-c9', {
        configurationEx: {
          _type: 'ClusterConfigInfoEx',
          dasConfig: { _type: 'ClusterDasConfigInfo', option: [option('das.maxftvmsperhost', 'lots')] },
        },
      }),
    );
    expect(c.ha.maxFtVmsPerHost).toBe(4);
  });

  it('records what could not be read', () => {
    const c = normalizeCluster(oc('ClusterComputeResource', 'domain-c9', { name: 'X' }, [noPermission('configurationEx')]));
    expect(c.unreadable).toEqual([{ path: 'configurationEx', fault: 'NoPermission' }]);
    expect(c.ha.enabled).toBe(false);
  });
});

describe('normalizeDatastore', () => {
  it('reads a real vSAN datastore (pyvmomi recording of summary and host)', () => {
    const fetched = new Map<string, unknown>();
    for (const i of loadCassette('pyvmomi/test_json_datastore_explode.yaml')) {
      const prop = /<prop[^>]*>([^<]*)</.exec(i.request.body)?.[1];
      if (prop === 'summary' || prop === 'host') fetched.set(prop, decodeEnvelope(i.response.body, 'Fetch').returnval);
    }
    const ds = normalizeDatastore(
      oc('Datastore', 'datastore-17', { name: 'vsanDatastore', summary: fetched.get('summary'), host: fetched.get('host') }),
    );
    expect(ds).toMatchObject({
      moid: 'datastore-17',
      name: 'vsanDatastore',
      type: 'vsan',
      multipleHostAccess: true,
      accessible: true,
      capacityBytes: 386479947776,
      freeBytes: 362348271376,
      uncommittedBytes: 9797894144,
    });
    expect(ds.hostMoids.length).toBeGreaterThan(0);
    expect(ds.hostMoids.every((h) => h.startsWith('host-'))).toBe(true);
  });

  it('defaults what vcsim leaves out', () => {
    const ds = normalizeDatastore(
      oc('Datastore', 'ds-1', { name: 'local', summary: { _type: 'DatastoreSummary', capacity: 10n ** 15n, freeSpace: 5 } }),
    );
    expect(ds).toMatchObject({ type: 'OTHER', accessible: false, capacityBytes: 1e15, freeBytes: 5, hostMoids: [] });
    expect(ds.multipleHostAccess).toBeUndefined();
  });
});

describe('normalizeNetwork', () => {
  it('distinguishes standard, distributed and opaque networks', () => {
    expect(normalizeNetwork(oc('Network', 'network-1', { name: 'VM Network' }))).toEqual({
      network: { moid: 'network-1', name: 'VM Network', kind: 'standard' },
    });
    expect(
      normalizeNetwork(
        oc('DistributedVirtualPortgroup', 'dvportgroup-9', {
          name: 'seg-web',
          'config.key': 'dvportgroup-9',
          'config.backingType': 'nsx',
          'config.uplink': false,
          'config.distributedVirtualSwitch': mo('VmwareDistributedVirtualSwitch', 'dvs-5'),
        }),
      ),
    ).toEqual({
      network: {
        moid: 'dvportgroup-9',
        name: 'seg-web',
        kind: 'distributed',
        backingType: 'nsx',
        portgroupKey: 'dvportgroup-9',
        uplink: false,
      },
      dvsMoid: 'dvs-5',
    });
    expect(
      normalizeNetwork(
        oc('OpaqueNetwork', 'network-o1', {
          name: 'ls',
          summary: { _type: 'OpaqueNetworkSummary', opaqueNetworkId: 'x', opaqueNetworkType: 'nsx.LogicalSwitch' },
        }),
      ).network,
    ).toEqual({
      moid: 'network-o1',
      name: 'ls',
      kind: 'opaque',
      opaqueNetworkType: 'nsx.LogicalSwitch',
    });
  });
});
