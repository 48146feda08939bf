// Unreadable objects, vCenter defaults for absent properties, API-version-safe property lists, scope narrowing.
import { describe, expect, it } from 'vitest';
import { estate } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import type { CollectSpec, VimClient } from '../../../src/vsphere/api.js';
import { useMsw } from './setup.js';

const start = useMsw();

type Obj = Record<string, unknown>;

function twoDatacenters() {
  const b = estate({ seed: 5 });
  const east = b.datacenter('East');
  const west = b.datacenter('West');
  const ce = b.cluster({ name: 'CE', datacenter: east });
  const cw = b.cluster({ name: 'CW', datacenter: west });
  const eastStore = {
    datastores: [b.datastore({ name: 'ds-e', datacenter: east })],
    networks: [b.network({ name: 'net-e', datacenter: east })],
  };
  const westStore = {
    datastores: [b.datastore({ name: 'ds-w', datacenter: west })],
    networks: [b.network({ name: 'net-w', datacenter: west })],
  };
  const he1 = b.host({ name: 'esx-e1', cluster: ce, ...eastStore });
  b.host({ name: 'esx-e2', cluster: ce, ...eastStore });
  const hw = b.host({ name: 'esx-w1', cluster: cw, ...westStore });
  const vmE = b.vm({ name: 'app-e1', host: he1 });
  b.vm({ name: 'app-e2', host: he1 });
  b.vm({ name: 'db-e3', host: he1 });
  const vmW = b.vm({ name: 'app-w1', host: hw });
  return { b, he1, hw, vmE, vmW };
}

// Records the CollectSpecs the inventory asks for.
function spying(client: VimClient): { client: VimClient; specs: CollectSpec[] } {
  const specs: CollectSpec[] = [];
  const proxy = Object.create(client) as VimClient;
  (proxy as { collect: VimClient['collect'] }).collect = (spec, handlers) => {
    specs.push(spec);
    return client.collect(spec, handlers);
  };
  return { client: proxy, specs };
}

describe('unreadable objects', () => {
  it('marks objects with NoPermission as unreadable and the scan incomplete', async () => {
    const { b, vmE, he1 } = twoDatacenters();
    const { client, mock } = await start(b.build());
    mock.control.noPermission(vmE.moid, undefined);
    mock.control.noPermission(he1.moid, 'config.network');
    const inv = await collectInventory(client, { licenses: false });
    expect(inv.complete).toBe(false);
    const vm = inv.vms.find((v) => v.moid === vmE.moid)!;
    expect(vm.unreadable.length).toBeGreaterThan(5);
    expect(vm.unreadable.every((u) => u.fault === 'NoPermission')).toBe(true);
    expect(vm.name).toBe(vmE.moid); // the name itself was unreadable
    const host = inv.hosts.find((h) => h.moid === he1.moid)!;
    expect(host.unreadable.map((u) => u.path).sort()).toEqual([
      'config.network.pnic',
      'config.network.portgroup',
      'config.network.proxySwitch',
      'config.network.vnic',
      'config.network.vswitch',
    ]);
    expect(host.name).toBe('esx-e1');
    expect(inv.problems.filter((p) => p.moid === he1.moid)).toHaveLength(5);
    expect(inv.problems.every((p) => p.fault === 'NoPermission' && p.moid && p.path)).toBe(true);
  });
});

describe('absent properties', () => {
  it('get vCenter defaults', async () => {
    const { b, vmE } = twoDatacenters();
    const e = b.build();
    // what vcsim leaves out
    const vm = e.objects.find((o) => o.moid === vmE.moid)!;
    const config = vm.props.config as Obj;
    for (const k of ['cpuHotAddEnabled', 'cpuHotRemoveEnabled', 'memoryHotAddEnabled', 'firmware', 'template', 'flags']) delete config[k];
    delete (vm.props.runtime as Obj).faultToleranceState;
    delete vm.props.snapshot;
    const cluster = e.objects.find((o) => o.type === 'ClusterComputeResource' && o.props.name === 'CE')!;
    const ex = cluster.props.configurationEx as Obj;
    for (const k of ['enabled', 'hostMonitoring', 'admissionControlEnabled', 'option']) delete (ex.dasConfig as Obj)[k];
    for (const k of ['enabled', 'defaultVmBehavior']) delete (ex.drsConfig as Obj)[k];
    const { client } = await start(e);
    const inv = await collectInventory(client, { licenses: false });
    expect(inv.vms.find((v) => v.moid === vmE.moid)).toMatchObject({
      cpuHotAdd: false,
      cpuHotRemove: false,
      memoryHotAdd: false,
      firmware: 'bios',
      template: false,
      vbs: false,
      snapshotCount: 0,
      ft: { state: 'notConfigured' },
    });
    expect(inv.clusters.find((c) => c.name === 'CE')).toMatchObject({
      ha: { enabled: false, hostMonitoring: 'enabled', admissionControlEnabled: true, maxFtVmsPerHost: 4, maxFtVcpusPerHost: 8 },
      drs: { enabled: false, defaultBehavior: 'fullyAutomated' },
    });
    expect(inv.complete).toBe(true);
  });
});

describe('API versions', () => {
  it('never asks a 6.5 vCenter for paths it does not know', async () => {
    const b = estate({ vcenterVersion: '6.5.0' });
    const c = b.cluster({ name: 'C' });
    const h = b.host({
      name: 'esx',
      cluster: c,
      version: '6.5.0',
      datastores: [b.datastore({ name: 'ds' })],
      networks: [b.network({ name: 'net' })],
    });
    b.vm({ name: 'v', host: h });
    const started = await start(b.build());
    const { client, specs } = spying(started.client);
    const inv = await collectInventory(client, { licenses: false });
    const asked = specs.flatMap((s) => s.propSets.flatMap((p) => p.paths));
    expect(asked).toContain('config.keyId');
    expect(asked).not.toContain('config.ftEncryptionMode');
    expect(asked).not.toContain('config.pmemFailoverEnabled');
    expect(asked).not.toContain('config.backingType');
    expect(inv.complete).toBe(true);
    expect(inv.vms.map((v) => v.name)).toEqual(['v']);
  });
});

describe('scope', () => {
  it('narrows the ContainerView to the datacenter of a cluster scope', async () => {
    const { b } = twoDatacenters();
    const started = await start(b.build());
    const { client, specs } = spying(started.client);
    const inv = await collectInventory(client, { licenses: false, scope: { clusters: ['CW'] } });
    expect(specs).toHaveLength(2);
    expect(specs[1]!.container?.type).toBe('Datacenter');
    expect(inv.vms.map((v) => v.name)).toEqual(['app-w1']);
    expect(inv.hosts.map((h) => h.name)).toEqual(['esx-w1']);
    expect(inv.datacenters.map((d) => d.name)).toEqual(['West']);
    expect(inv.vms[0]!.datacenter).toBe('West');
  });

  it('keeps every host of the cluster of an in-scope VM and reports list names not found', async () => {
    const { b } = twoDatacenters();
    const { client } = await start(b.build());
    const inv = await collectInventory(client, { licenses: false, scope: { vmNames: ['app-e2', 'gone-01'] } });
    expect(inv.vms.map((v) => v.name)).toEqual(['app-e2']);
    expect(inv.hosts.map((h) => h.name)).toEqual(['esx-e1', 'esx-e2']);
    expect(inv.clusters.map((c) => c.name)).toEqual(['CE']);
    expect(inv.scopeNotFound).toEqual(['gone-01']);
  });

  it('filters by VM glob from the root when datacenters are several', async () => {
    const { b } = twoDatacenters();
    const started = await start(b.build());
    const { client, specs } = spying(started.client);
    const inv = await collectInventory(client, { licenses: false, scope: { vms: ['app-*'], datacenters: ['East', 'West'] } });
    expect(specs.at(-1)!.container).toBeUndefined();
    expect(inv.vms.map((v) => v.name)).toEqual(['app-e1', 'app-e2', 'app-w1']);
  });
});
