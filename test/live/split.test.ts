// The split read (src/vsphere/collect.ts) against govmomi's simulator: the VMs read in parts through ListViews
// give the same inventory as when they are read in one request (fewer VMs than a part: over the container view).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../src/inventory/collect.js';
import type { Inventory } from '../../src/inventory/model.js';
import { connect } from '../../src/vsphere/client.js';
import { startVcsim, type Vcsim } from '../vcsim/harness.js';

describe('the split read on vcsim', () => {
  let sim: Vcsim;
  const runs: { inv: Inventory; calls: Record<string, number> }[] = [];

  beforeAll(async () => {
    sim = await startVcsim({ scenario: 'scale', vms: 60, clusters: 2, hosts: 3 });
    for (const partSize of [undefined, 7]) {
      const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
      try {
        const inv = await collectInventory(client, { licenses: false, ...(partSize ? { partSize } : {}) });
        runs.push({ inv, calls: { ...client.calls.byMethod } });
      } finally {
        await client.logout();
      }
    }
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('reads 60 VMs in nine parts of 7 and yields the inventory of one request', () => {
    const [one, parts] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(one.calls.CreateListView).toBeUndefined();
    expect(parts.calls.CreateListView).toBe(9);
    expect(parts.calls.DestroyView).toBe(10); // the ListViews and the ContainerView
    expect(parts.inv.vms).toHaveLength(sim.expected.counts.vms);
    expect(parts.inv.complete).toBe(true);
    expect({ ...parts.inv, stats: undefined, collectedAt: undefined }).toEqual({ ...one.inv, stats: undefined, collectedAt: undefined });
    expect(parts.inv.stats.objects).toBe(one.inv.stats.objects);
  });
});
