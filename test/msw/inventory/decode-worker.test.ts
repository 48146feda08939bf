// The whole collection with its pages decoded on the worker thread (src/vsphere/decode-offload.ts) and the VMs
// normalized there (src/inventory/prepare.ts): the same inventory as the main thread's decoding, split read
// included (the listing's order of parts), and a page that fails there fails the collection the same way.
import { afterEach, describe, expect, it } from 'vitest';
import { demoEstate } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { buildCollectSpec } from '../../../src/inventory/property-specs.js';
import { setDecodeWorker } from '../../../src/vsphere/decode-offload.js';
import { useMsw } from './setup.js';

const start = useMsw();
const WORKER = { url: new URL('../../unit/vsphere/decode-worker-tsx.mjs', import.meta.url) };
afterEach(() => setDecodeWorker(undefined));

const facts = (inv: Awaited<ReturnType<typeof collectInventory>>) => ({ ...inv, stats: undefined, collectedAt: undefined });

describe('the collection decoded on the worker thread', () => {
  it('gives the inventory of the main thread, in one request and in parts', async () => {
    const { client } = await start(demoEstate());
    setDecodeWorker(null);
    const here = await collectInventory(client, { licenses: false });
    const hereParts = await collectInventory(client, { licenses: false, partSize: 40 });
    setDecodeWorker(WORKER);
    const there = await collectInventory(client, { licenses: false });
    const thereParts = await collectInventory(client, { licenses: false, partSize: 40 });
    expect(here.vms.length).toBeGreaterThan(100);
    expect(JSON.stringify(facts(there))).toBe(JSON.stringify(facts(here)));
    expect(JSON.stringify(facts(thereParts))).toBe(JSON.stringify(facts(hereParts)));
    expect(there.stats.objects).toBe(here.stats.objects);
    // The VMs were normalized on the worker: prepare.js named as collect.ts names it.
    const prepare = new URL('../../../src/inventory/prepare.js', import.meta.url).href;
    const kinds = new Set<string>();
    await client.collect(
      { ...buildCollectSpec(client.about.apiVersion), prepare },
      {
        onObject: (oc) => kinds.add(`${oc.obj.type}:${oc.prepared === undefined ? 'whole' : 'prepared'}`),
      },
    );
    expect(kinds).toContain('VirtualMachine:prepared');
    expect(kinds).not.toContain('VirtualMachine:whole');
    expect(kinds).toContain('HostSystem:whole');
  });

  it('fails a malformed page as the main thread does', async () => {
    const { client, mock } = await start(demoEstate());
    const failure = async (): Promise<unknown> => {
      mock.control.truncateNext('RetrievePropertiesEx');
      try {
        await collectInventory(client, { licenses: false });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    setDecodeWorker(null);
    const here = await failure();
    setDecodeWorker(WORKER);
    const there = await failure();
    expect(here).toBeInstanceOf(Error);
    expect(there).toEqual(here);
  });
});
