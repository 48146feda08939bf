// Paging, scale and session restarts: the number of SOAP calls grows with pages and parts (at most 20), never
// with VMs.
import { describe, expect, it } from 'vitest';
import { estate, scaleEstate } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { useMsw } from './setup.js';

const start = useMsw();

function smallEstate(vms: number) {
  const b = estate({ seed: 3 });
  const c = b.cluster({ name: 'C1' });
  const storage = { datastores: [b.datastore({ name: 'ds1' })], networks: [b.network({ name: 'net1' })] };
  const h1 = b.host({ name: 'esx1', cluster: c, ...storage });
  b.host({ name: 'esx2', cluster: c, ...storage });
  for (let i = 0; i < vms; i++) b.vm({ name: `vm${String(i).padStart(2, '0')}`, host: h1, snapshots: i % 3 });
  return b.build();
}

describe('paging', () => {
  it('reads three pages with Continue and yields the same inventory as one page', async () => {
    const { client, mock } = await start(smallEstate(12));
    const one = await collectInventory(client, { licenses: false });
    expect(one.stats.pages).toBe(2); // everything but the VMs' properties, then the VMs
    const maxObjects = Math.ceil(one.stats.objects / 3);
    mock.control.reset();
    const progress: number[] = [];
    const three = await collectInventory(client, { licenses: false, maxObjects, onProgress: (p) => progress.push(p.pages) });
    expect(three.stats.pages).toBe(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(mock.control.methods()).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx', // every object, the VMs as refs only, in three pages
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'RetrievePropertiesEx', // the 12 VMs, in two pages
      'ContinueRetrievePropertiesEx',
      'DestroyView',
      'RetrievePropertiesEx', // the visibility check: the session key, then the privileges on the root folder
      'HasPrivilegeOnEntities',
    ]);
    expect({ ...three, stats: undefined, collectedAt: undefined }).toEqual({ ...one, stats: undefined, collectedAt: undefined });
  });

  it('drops what it received when the session expires mid-collection and the client restarts', async () => {
    const { client, mock } = await start(smallEstate(12));
    const reference = await collectInventory(client, { licenses: false });
    const maxObjects = Math.ceil(reference.stats.objects / 3);
    mock.control.reset();
    // one unreadable property per VM: each reported once, not once per attempt
    for (const vm of reference.vms) mock.control.noPermission(vm.moid, 'config.hardware.device');
    mock.control.expireSessionsAfter(3); // dies during the second Continue
    const inv = await collectInventory(client, { licenses: false, maxObjects });
    // the first collection died with its session: a new Login and a second ContainerView
    expect(mock.control.methods().filter((m) => m === 'Login')).toHaveLength(1);
    expect(mock.control.methods().filter((m) => m === 'CreateContainerView')).toHaveLength(2);
    expect(inv.vms).toHaveLength(12);
    expect(new Set(inv.vms.map((v) => v.moid)).size).toBe(12);
    expect(inv.vms.map((v) => v.name)).toEqual(reference.vms.map((v) => v.name));
    expect(inv.problems.map((p) => p.moid).sort()).toEqual(reference.vms.map((v) => v.moid).sort());
    expect(new Set(inv.problems.map((p) => `${p.path} ${p.fault}`))).toEqual(new Set(['config.hardware.device NoPermission']));
    expect(inv.stats.objects).toBe(reference.stats.objects);
  });
});

describe('scale', () => {
  it('makes the same calls for 10 and 5,000 VMs, plus one per extra page and two per part', async () => {
    const runs: { calls: number; pages: number; vms: number }[] = [];
    for (const n of [10, 5000]) {
      const { client } = await start(scaleEstate(n));
      const before = client.calls.total;
      const inv = await collectInventory(client, { licenses: false });
      runs.push({ calls: client.calls.total - before, pages: inv.stats.pages, vms: inv.vms.length });
    }
    const [small, big] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(small.vms).toBe(10);
    expect(big.vms).toBe(5000);
    expect(big.pages).toBeGreaterThan(small.pages);
    // 5,000 VMs: five parts of 1,000, each a CreateListView and a DestroyView beside its pages
    expect(big.calls - small.calls).toBe(big.pages - small.pages + 2 * 5);
  }, 120_000);
});
