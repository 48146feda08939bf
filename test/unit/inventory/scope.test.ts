import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyScope, isComplete, loadVmList, parseVmList } from '../../../src/inventory/scope.js';
import type { Cluster, Datastore, Host, Inventory, Network, Vm } from '../../../src/inventory/model.js';

const vm = (
  moid: string,
  name: string,
  hostMoid: string,
  clusterMoid: string | undefined,
  datacenter: string,
  ds: string[] = [],
  nets: string[] = [],
): Vm =>
  ({
    moid,
    name,
    hostMoid,
    ...(clusterMoid ? { clusterMoid } : {}),
    datacenter,
    datastoreMoids: ds,
    networkMoids: nets,
    nics: [],
    disks: [],
    ft: { state: 'notConfigured', instanceUuids: [] },
  }) as unknown as Vm;
const host = (moid: string, name: string, clusterMoid: string | undefined, datacenter: string, ds: string[] = []): Host =>
  ({ moid, name, ...(clusterMoid ? { clusterMoid } : {}), datacenter, datastoreMoids: ds, networkMoids: [] }) as unknown as Host;
const cluster = (moid: string, name: string, hostMoids: string[], datacenter: string): Cluster =>
  ({ moid, name, hostMoids, datacenter }) as unknown as Cluster;

function inventory(): Inventory {
  return {
    schema: 'ftscan.inventory/1',
    vcenter: {} as Inventory['vcenter'],
    collectedAt: '2026-01-01T00:00:00.000Z',
    datacenters: [
      { moid: 'dc-1', name: 'DC1' },
      { moid: 'dc-2', name: 'DC2' },
    ],
    clusters: [cluster('c-1', 'Prod', ['h-1', 'h-2'], 'DC1'), cluster('c-2', 'Test', ['h-3'], 'DC2')],
    hosts: [
      host('h-1', 'esx1.lab', 'c-1', 'DC1', ['ds-1']),
      host('h-2', 'esx2.lab', 'c-1', 'DC1', ['ds-1', 'ds-2']),
      host('h-3', 'esx3.lab', 'c-2', 'DC2', ['ds-3']),
    ],
    datastores: ['ds-1', 'ds-2', 'ds-3', 'ds-4'].map((moid) => ({ moid, name: moid }) as Datastore),
    networks: ['n-1', 'n-2'].map((moid) => ({ moid, name: moid }) as Network),
    vms: [
      vm('vm-1', 'web01', 'h-1', 'c-1', 'DC1', ['ds-1'], ['n-1']),
      vm('vm-2', 'web02', 'h-2', 'c-1', 'DC1', ['ds-2'], ['n-1']),
      vm('vm-3', 'db01', 'h-3', 'c-2', 'DC2', ['ds-3'], ['n-2']),
      vm('vm-4', 'web(1)', 'h-3', 'c-2', 'DC2', ['ds-4']),
    ],
    tags: { 'vm-1': ['Tier/Gold'], 'vm-3': ['Tier/Gold', 'Env/Prod'], 'h-1': ['Rack/A'] },
    complete: false,
    problems: [
      { moid: 'vm-3', path: 'config.hardware.device', fault: 'NoPermission', message: 'x' },
      { fault: 'TagsNotRead', message: 'y', optional: true },
    ],
    stats: { soapCalls: 0, restCalls: 0, pages: 1, objects: 1, durationMs: 0, byMethod: {} },
  };
}

describe('VM lists', () => {
  it('parses names, skipping comments and blank lines', () => {
    expect(parseVmList('# pre-migration wave 1\nweb01\r\n\n  db01  \n#web02\n')).toEqual(['web01', 'db01']);
  });

  it('reads a list file and names a missing file in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ftscan-scope-'));
    await writeFile(join(dir, 'wave.txt'), 'web01\nghost\n');
    expect(await loadVmList(join(dir, 'wave.txt'))).toEqual(['web01', 'ghost']);
    await expect(loadVmList(join(dir, 'nope.txt'))).rejects.toThrow(/cannot read the VM list .*nope.txt \(ENOENT\)/);
  });
});

describe('applyScope', () => {
  it('keeps out-of-scope FT VMs on the in-scope hosts as headroom context, without verdicts', () => {
    const inv = inventory();
    const ftPrimary = { ...vm('vm-5', 'sql-ft', 'h-2', 'c-1', 'DC1'), ft: { state: 'running', role: 1, instanceUuids: ['a', 'b'] } } as Vm;
    const ftElsewhere = {
      ...vm('vm-6', 'app-ft', 'h-3', 'c-2', 'DC2'),
      ft: { state: 'running', role: 1, instanceUuids: ['c', 'd'] },
    } as Vm;
    inv.vms.push(ftPrimary, ftElsewhere);
    const { inventory: scoped } = applyScope(inv, { vms: ['web01'] });
    expect(scoped.scopeVmMoids).toEqual(['vm-1']);
    // sql-ft shares cluster Prod with web01: it uses FT slots there; web02 (no FT) and app-ft (other cluster) do not matter
    expect(scoped.vms.map((v) => v.moid).sort()).toEqual(['vm-1', 'vm-5']);
  });

  it('keeps everything without a scope', () => {
    const inv = inventory();
    expect(applyScope(inv, {}).inventory).toBe(inv);
  });

  it('filters by VM glob and keeps the whole cluster for pairing', () => {
    const { inventory: inv } = applyScope(inventory(), { vms: ['web0*'] });
    expect(inv.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-2']);
    expect(inv.hosts.map((h) => h.moid)).toEqual(['h-1', 'h-2']);
    expect(inv.clusters.map((c) => c.moid)).toEqual(['c-1']);
    expect(inv.datastores.map((d) => d.moid)).toEqual(['ds-1', 'ds-2']);
    expect(inv.networks.map((n) => n.moid)).toEqual(['n-1']);
    expect(inv.datacenters.map((d) => d.name)).toEqual(['DC1']);
    expect(inv.tags).toEqual({ 'vm-1': ['Tier/Gold'], 'h-1': ['Rack/A'] });
    // the NoPermission problem was on vm-3, now out of scope: the scan is complete
    expect(inv.problems).toEqual([{ fault: 'TagsNotRead', message: 'y', optional: true }]);
    expect(inv.complete).toBe(true);
  });

  it('matches names literally when they contain no glob characters', () => {
    expect(applyScope(inventory(), { vms: ['web(1)'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-4']);
  });

  it('filters by datacenter, cluster and host', () => {
    expect(applyScope(inventory(), { datacenters: ['DC2'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-3', 'vm-4']);
    expect(applyScope(inventory(), { clusters: ['Prod'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-2']);
    const byHost = applyScope(inventory(), { hosts: ['esx2.*'] }).inventory;
    expect(byHost.vms.map((v) => v.moid)).toEqual(['vm-2']);
    expect(byHost.hosts.map((h) => h.moid)).toEqual(['h-1', 'h-2']);
  });

  it('filters by a name list and reports names not found', () => {
    const r = applyScope(inventory(), { vmNames: ['db01', 'ghost', 'web01'] });
    expect(r.inventory.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-3']);
    expect(r.notFound).toEqual(['ghost']);
    expect(r.inventory.complete).toBe(false); // vm-3 is unreadable in part
  });

  it('filters by tag, with or without its category', () => {
    expect(applyScope(inventory(), { tags: ['Env/Prod'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-3']);
    expect(applyScope(inventory(), { tags: ['gold'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-3']);
  });

  it('notes datacenter and cluster names this vCenter does not have, without failing', () => {
    const { inventory: inv } = applyScope(inventory(), { datacenters: ['DC1', 'DC9'], clusters: ['Nope'] });
    expect(inv.vms).toEqual([]);
    expect(inv.problems.filter((p) => p.fault === 'ScopeNotFound')).toEqual([
      { fault: 'ScopeNotFound', message: `no datacenter "DC9" in this vCenter; did you mean 'DC1'?`, optional: true },
      { fault: 'ScopeNotFound', message: 'no cluster "Nope" in this vCenter', optional: true },
    ]);
  });

  it('matches cluster and datacenter names as VM names: case-insensitively, globs, a near miss suggested', () => {
    expect(applyScope(inventory(), { clusters: ['prod'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-2']);
    expect(applyScope(inventory(), { datacenters: ['dc2'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-3', 'vm-4']);
    expect(applyScope(inventory(), { clusters: ['P*'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-1', 'vm-2']);
    const typo = applyScope(inventory(), { clusters: ['Prd'] }).inventory;
    expect(typo.vms).toEqual([]);
    expect(typo.problems.find((p) => p.fault === 'ScopeNotFound')?.message).toBe(`no cluster "Prd" in this vCenter; did you mean 'Prod'?`);
  });

  it('takes a comma as part of the name, and says so when no cluster holds one', () => {
    const inv = applyScope(inventory(), { clusters: ['Prod,Test'] }).inventory;
    expect(inv.vms).toEqual([]);
    expect(inv.problems.find((p) => p.fault === 'ScopeNotFound')?.message).toBe(
      'no cluster "Prod,Test" in this vCenter; the name holds a comma and no cluster here has it: give --cluster once per name',
    );
  });

  it('combines filters with AND', () => {
    expect(applyScope(inventory(), { tags: ['Gold'], datacenters: ['DC1'] }).inventory.vms.map((v) => v.moid)).toEqual(['vm-1']);
  });
});

describe('isComplete', () => {
  it('ignores optional problems only', () => {
    expect(isComplete([])).toBe(true);
    expect(isComplete([{ fault: 'NoPermission', message: 'x', optional: true }])).toBe(true);
    expect(isComplete([{ fault: 'NoPermission', message: 'x' }])).toBe(false);
  });
});
