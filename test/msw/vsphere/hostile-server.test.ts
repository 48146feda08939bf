// Issue #11 points 1 and 4 through the client: a vCenter-shaped mock (real reply shapes from mocks/serializer)
// whose replies are then rewritten, stalled or inflated below node-fetch (mocks/control.ts).
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { collectInventory } from '../../../src/inventory/collect.js';
import { checkPrivileges } from '../../../src/inventory/privileges.js';
import type { ObjectContent } from '../../../src/vsphere/api.js';
import { connect, withClient } from '../../../src/vsphere/client.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { TimeoutError } from '../../../src/scan/pool.js';
import { options, startHarness, VM_COUNT } from './fixture.js';

const [h] = startHarness();
const { mock } = h!;
afterAll(() => h!.close());
beforeEach(() => mock.control.reset());

// Replaces the value of property `path` of the first object whose propSet carries it.
const garbage = (path: string, value: string) => (body: string) =>
  body.replace(new RegExp(`(<name>${path.replace(/\./g, '\\.')}</name><val[^>]*>)[^<]*(</val>)`), `$1${value}$2`);

async function expectRejects(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

describe('[hostile] garbage values through the collection', () => {
  it('[hostile] numCPU "abc": the VM is collected with config.hardware.numCPU unreadable and the inventory incomplete', async () => {
    mock.control.rewrite('RetrievePropertiesEx', garbage('config.hardware.numCPU', 'abc'));
    const client = await connect(options(mock));
    try {
      const inv = await collectInventory(client, { licenses: false });
      expect(inv.vms).toHaveLength(VM_COUNT);
      expect(inv.complete).toBe(false);
      const p = inv.problems.filter((x) => x.fault === 'MalformedValue');
      expect(p).toHaveLength(1);
      expect(p[0]).toMatchObject({ path: 'config.hardware.numCPU' });
      expect(p[0]!.message).toMatch(/config\.hardware\.numCPU.*not a valid int.*"abc"/);
      // never a default: the rules see it as unreadable, not as 0 vCPUs
      const vm = inv.vms.find((v) => v.moid === p[0]!.moid)!;
      expect(vm.unreadable.map((u) => u.path)).toContain('config.hardware.numCPU');
    } finally {
      await client.logout();
    }
  });

  it('[hostile] template "maybe" (boolean) and an unknown xsi:type are unreadable, never defaults', async () => {
    mock.control.rewrite('RetrievePropertiesEx', (b) =>
      garbage(
        'config.template',
        'maybe',
      )(b).replace(/(<name>config\.hardware\.memoryMB<\/name><val [^>]*?)xsi:type="xsd:int"/, '$1xsi:type="Bogus"'),
    );
    const seen: ObjectContent[] = [];
    await withClient(options(mock), (c) =>
      c.collect(
        {
          viewTypes: ['VirtualMachine'],
          propSets: [{ type: 'VirtualMachine', paths: ['name', 'config.template', 'config.hardware.memoryMB'] }],
        },
        { onObject: (o) => seen.push(o) },
      ),
    );
    const missing = seen.flatMap((o) => o.missing);
    expect(missing.map((m) => [m.path, m.faultName]).sort()).toEqual([
      ['config.hardware.memoryMB', 'MalformedValue'],
      ['config.template', 'MalformedValue'],
    ]);
    expect(seen.filter((o) => 'config.template' in o.props)).toHaveLength(VM_COUNT - 1);
  });
});

describe('[hostile] paging that never ends', () => {
  it('[hostile] a repeated Continue token is detected and the collection fails after a few calls', async () => {
    let first: string | undefined;
    mock.control.rewrite('RetrievePropertiesEx', (b) => {
      first = /<token>([^<]*)<\/token>/.exec(b)?.[1];
      return b;
    });
    mock.control.rewrite('ContinueRetrievePropertiesEx', (b) => b.replace(/<token>[^<]*<\/token>/, `<token>${first}</token>`));
    const e = (await expectRejects(
      withClient(options(mock), (c) =>
        c.collect(
          { viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: ['name'] }], maxObjects: 2 },
          { onObject: () => {} },
        ),
      ),
    )) as TransportError;
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/paging token .* a second time/);
    expect(mock.control.methods().filter((m) => m === 'ContinueRetrievePropertiesEx').length).toBeLessThanOrEqual(3);
  });
});

describe('[hostile] bounded replies', () => {
  it('[hostile] a 50 KB fault string is echoed bounded', async () => {
    mock.control.faultNext('RetrievePropertiesEx', 'SystemError', { reason: 'x' }, 'A'.repeat(50_000));
    const e = (await expectRejects(
      withClient(options(mock), (c) =>
        c.collect({ viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: ['name'] }] }, { onObject: () => {} }),
      ),
    )) as VimFault;
    expect(e).toBeInstanceOf(VimFault);
    expect(e.faultString.length).toBeLessThanOrEqual(301);
    expect(e.message.length).toBeLessThan(400);
  });

  it('[hostile] a whole-document reply has its own, much lower ceiling (1/32 of --max-response-mb)', async () => {
    mock.control.rewrite('RetrieveServiceContent', (b) => b.replace(/<fullName>/, `<fullName>${'v'.repeat(2 * 1024 * 1024)}`), 1);
    const e = (await expectRejects(connect(options(mock, { maxResponseBytes: 32 * 1024 * 1024 })))) as TransportError;
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/1 MiB ceiling of a single-document reply .*--max-response-mb/);
    // the same reply under a larger ceiling is fine
    mock.control.rewrite('RetrieveServiceContent', (b) => b.replace(/<fullName>/, `<fullName>${'v'.repeat(2 * 1024 * 1024)}`), 1);
    const client = await connect(options(mock, { maxResponseBytes: 128 * 1024 * 1024 }));
    await client.logout();
  });
});

describe("[fault] the caller's AbortSignal reaches the socket", () => {
  const deadline = (ms: number) => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new TimeoutError(ms / 1000)), ms);
    return ac.signal;
  };

  it('[fault] HasPrivilegeOnEntities never answered: the call ends at the deadline with its reason', async () => {
    mock.control.stallNext('HasPrivilegeOnEntities', 'never');
    const started = Date.now();
    const e = await expectRejects(withClient(options(mock, { signal: deadline(400) }), (c) => checkPrivileges(c)));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('[fault] a reply dripping at 1 byte/s: the body read ends at the deadline', async () => {
    mock.control.stallNext('RetrieveServiceContent', { bytesPerSecond: 1 });
    const started = Date.now();
    const e = await expectRejects(connect(options(mock, { signal: deadline(400) })));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('[fault] a retry wait is cut short too', async () => {
    mock.control.failNext('RetrieveServiceContent', { status: 503 });
    const started = Date.now();
    const e = await expectRejects(connect(options(mock, { retryBaseMs: 60_000, signal: deadline(300) })));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
