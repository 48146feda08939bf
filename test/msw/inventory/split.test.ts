// The split read (src/vsphere/collect.ts): a listing of every object with the VMs as refs, then the VMs in parts
// through ListViews, a few in flight; the same inventory as one request, in the listing's order, and the
// failure semantics of one collection.
import { describe, expect, it } from 'vitest';
import { estate, type MockVcenter } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { buildCollectSpec } from '../../../src/inventory/property-specs.js';
import { ALLOWED_METHODS, type CollectSpec, type VimClient } from '../../../src/vsphere/api.js';
import { connect } from '../../../src/vsphere/client.js';
import { useMsw } from './setup.js';

const start = useMsw();

// 23 VMs on two clusters: parts of 5 make 5 parts, the last one short.
function splitEstate() {
  const b = estate({ seed: 11 });
  const storage = { datastores: [b.datastore({ name: 'ds1' })], networks: [b.network({ name: 'net1' })] };
  for (const c of ['C1', 'C2']) {
    const cluster = b.cluster({ name: c });
    const h = b.host({ name: `${c}-esx1`, cluster, ...storage });
    b.host({ name: `${c}-esx2`, cluster, ...storage });
    for (let i = 0; i < (c === 'C1' ? 12 : 11); i++) b.vm({ name: `${c}-vm${String(i).padStart(2, '0')}`, host: h, snapshots: i % 2 });
  }
  return b.build();
}

const count = (mock: MockVcenter, method: string, ok?: boolean): number =>
  mock.control.calls.filter((c) => c.method === method && (ok === undefined || c.ok === ok)).length;

// The VMs as collect() hands them over, in order.
async function vmOrder(client: VimClient, split?: CollectSpec['split']): Promise<string[]> {
  const spec: CollectSpec = { ...buildCollectSpec(client.about.apiVersion), ...(split ? { split } : {}) };
  const order: string[] = [];
  await client.collect(spec, { onObject: (oc) => oc.obj.type === 'VirtualMachine' && order.push(oc.obj.value) });
  return order;
}

const partSize = 5;

describe('the split read', () => {
  it('reads the VMs in parts of ListViews and yields the inventory of one request', async () => {
    const { client, mock } = await start(splitEstate());
    const one = await collectInventory(client, { licenses: false }); // 23 VMs: one part, over the container view
    expect(count(mock, 'CreateListView')).toBe(0);
    mock.control.reset();
    const parts = await collectInventory(client, { licenses: false, partSize });
    expect(count(mock, 'CreateListView', true)).toBe(5);
    expect(count(mock, 'DestroyView', true)).toBe(6); // five ListViews and the ContainerView
    expect(mock.viewCount()).toBe(0);
    expect(parts.vms).toHaveLength(23);
    expect({ ...parts, stats: undefined, collectedAt: undefined }).toEqual({ ...one, stats: undefined, collectedAt: undefined });
    expect(parts.stats.objects).toBe(one.stats.objects);
    // the listing page, then one page per part
    expect(parts.stats.pages).toBe(6);
    // read-only: nothing off the allowlist, and the ListView is created, read and destroyed only
    for (const m of mock.control.methods()) expect(ALLOWED_METHODS).toContain(m);
    expect(new Set(mock.control.methods())).toEqual(
      new Set(['CreateContainerView', 'RetrievePropertiesEx', 'CreateListView', 'DestroyView', 'HasPrivilegeOnEntities']),
    );
  });

  it('hands the VMs over in the listing order whatever part arrives first', async () => {
    const { client, mock } = await start(splitEstate());
    const listing = await vmOrder(client); // one request: the container view's order
    mock.control.reset();
    // the first part's reply waits until the third part's reply has been written
    const read = (vm: string) => (body: string) => body.includes(`>${vm}</obj><propSet>`);
    const release = mock.control.holdReply('RetrievePropertiesEx', read(listing[0]!));
    const lastOfThird = listing[3 * partSize - 1]!;
    mock.control.rewrite('RetrievePropertiesEx', (body) => {
      if (read(lastOfThird)(body)) release();
      return body;
    });
    const arrived: string[] = [];
    mock.control.rewrite('RetrievePropertiesEx', (body) => {
      const first = /<obj type="VirtualMachine">([^<]+)<\/obj><propSet>/.exec(body);
      if (first) arrived.push(first[1]!);
      return body;
    });
    const order = await vmOrder(client, { type: 'VirtualMachine', partSize, inFlight: 3 });
    expect(arrived[0]).not.toBe(listing[0]); // a later part did arrive first
    expect(order).toEqual(listing);
    expect(mock.viewCount()).toBe(0);
  });

  it('leaves out a VM deleted after the listing, before or after its ListView was created', async () => {
    const { client, mock } = await start(splitEstate());
    const listing = await vmOrder(client);
    mock.control.reset();
    const gone = listing[7]!; // in the second part
    mock.control.rewrite('RetrievePropertiesEx', (body) => (mock.control.deleteObject(gone), body), 1); // the listing
    const inv = await collectInventory(client, { licenses: false, partSize });
    // vcsim's and this mock's CreateListView fault on the deleted ref: it is dropped and the view made again
    expect(count(mock, 'CreateListView', false)).toBe(1);
    expect(inv.vms).toHaveLength(22);
    expect(inv.vms.map((v) => v.moid)).not.toContain(gone);
    expect(inv.complete).toBe(true);
    expect(inv.problems).toEqual([]);
    expect(mock.viewCount()).toBe(0);

    // deleted once its part's ListView exists (one part at a time, so the second CreateListView is its part's):
    // the ListView leaves it out, the read does not fail
    mock.control.reset();
    mock.control.rewrite('CreateListView', (body, n) => (n === 1 && mock.control.deleteObject(gone), body));
    const order = await vmOrder(client, { type: 'VirtualMachine', partSize, inFlight: 1 });
    expect(count(mock, 'CreateListView', false)).toBe(0);
    expect(order).toEqual(listing.filter((vm) => vm !== gone));
    expect(mock.viewCount()).toBe(0);
  });

  it('logs in again and restarts the whole collection when the session dies in a part', async () => {
    const { client, mock } = await start(splitEstate());
    const reference = await collectInventory(client, { licenses: false, partSize });
    mock.control.reset();
    for (const vm of reference.vms) mock.control.noPermission(vm.moid, 'config.hardware.device');
    // CreateContainerView, the listing, then the parts' calls: the session dies among the parts
    mock.control.expireSessionsAfter(5);
    const inv = await collectInventory(client, { licenses: false, partSize });
    expect(count(mock, 'Login')).toBe(1);
    expect(count(mock, 'CreateContainerView')).toBe(2);
    expect(inv.vms.map((v) => v.moid)).toEqual(reference.vms.map((v) => v.moid));
    expect(inv.stats.objects).toBe(reference.stats.objects);
    // each VM's unreadable property once, not once per attempt
    expect(inv.problems.map((p) => p.moid).sort()).toEqual(reference.vms.map((v) => v.moid).sort());
  });

  it('a fault in one part fails the collection, stops the other parts and destroys every view', async () => {
    const { client, mock } = await start(splitEstate());
    // the listing succeeds; the reply to the first part's read is a fault
    mock.control.rewrite(
      'RetrievePropertiesEx',
      (body) => (mock.control.faultNext('RetrievePropertiesEx', 'SystemError', { reason: 'boom' }), body),
      1,
    );
    await expect(collectInventory(client, { licenses: false, partSize })).rejects.toThrow(/SystemError/);
    // at most the parts in flight were started, and every view created was destroyed
    expect(count(mock, 'CreateListView', true)).toBeLessThanOrEqual(3);
    expect(count(mock, 'DestroyView', true)).toBe(count(mock, 'CreateListView', true) + 1);
    expect(mock.viewCount()).toBe(0);
  });

  it('a consumer error or a cancellation aborts every part in flight and destroys their views', async () => {
    const { client, mock } = await start(splitEstate());
    const spec: CollectSpec = { ...buildCollectSpec(client.about.apiVersion), split: { type: 'VirtualMachine', partSize } };
    let vms = 0;
    const failing = client.collect(spec, {
      onObject: (oc) => {
        if (oc.obj.type === 'VirtualMachine' && ++vms === 7) throw new Error('consumer failed');
      },
    });
    await expect(failing).rejects.toThrow('consumer failed');
    expect(mock.viewCount()).toBe(0);
    expect(count(mock, 'CreateListView', true)).toBeLessThan(5);

    mock.control.reset();
    const ac = new AbortController();
    vms = 0;
    const cancelled = client.collect(spec, {
      signal: ac.signal,
      onObject: (oc) => {
        if (oc.obj.type === 'VirtualMachine' && ++vms === 3) ac.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(/cancelled/);
    expect(mock.viewCount()).toBe(0);
    expect(count(mock, 'CreateListView', true)).toBeLessThan(5);
  });

  it("pages each part with Continue, and restarts the collection when a part's Continue fails", async () => {
    const { client, mock } = await start(splitEstate());
    const one = await collectInventory(client, { licenses: false });
    mock.control.reset();
    const paged = await collectInventory(client, { licenses: false, partSize, maxObjects: 2 });
    // every part of 5 (the last of 3) in pages of 2: 3 + 3 + 3 + 3 + 2 Continue-linked pages
    expect(count(mock, 'CreateListView', true)).toBe(5);
    expect(count(mock, 'ContinueRetrievePropertiesEx')).toBeGreaterThanOrEqual(9);
    expect({ ...paged, stats: undefined, collectedAt: undefined }).toEqual({ ...one, stats: undefined, collectedAt: undefined });
    expect(mock.viewCount()).toBe(0);

    // a transient failure of a part's Continue (its token spent): the whole collection restarts, once
    const user = mock.estate.users[0]!;
    const retrying = await connect({ server: mock.baseUrl, user: user.name, password: user.password, retries: 1, retryBaseMs: 1 });
    try {
      mock.control.reset();
      mock.control.rewrite('CreateListView', (body) => (mock.control.failNext('ContinueRetrievePropertiesEx', { status: 503 }), body), 1);
      const restarted = await collectInventory(retrying, { licenses: false, partSize, maxObjects: 2 });
      expect(count(mock, 'CreateContainerView')).toBe(2);
      expect({ ...restarted, stats: undefined, collectedAt: undefined }).toEqual({ ...one, stats: undefined, collectedAt: undefined });
      expect(mock.viewCount()).toBe(0);
    } finally {
      await retrying.logout();
    }
  });

  it('moves the progress (pages and objects) part by part', async () => {
    const { client } = await start(splitEstate());
    const seen: { pages: number; objects: number }[] = [];
    await collectInventory(client, { licenses: false, partSize, onProgress: (p) => p.phase === 'collect' && seen.push(p) });
    expect(seen.map((p) => p.pages)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.objects).toBeGreaterThanOrEqual(seen[i - 1]!.objects);
    expect(seen.at(-1)!.objects).toBeGreaterThan(seen[0]!.objects + 22);
  });
});
