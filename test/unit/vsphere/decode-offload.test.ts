// Pages decoded on the worker thread (src/vsphere/decode-offload.ts, decode-worker.ts) give what the main thread's
// decoder gives: the same objects in the same order, the same paging token, the same errors; with a prepare module
// (the inventory's), VMs come back as the inventory's own normalization of them. The worker runs the TypeScript
// sources here (decode-worker-tsx.mjs), as dist/ runs its .js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkOf, type PreparedVm, prepare, preparedOnWorker } from '../../../src/inventory/prepare.js';
import { registerPassword } from '../../../src/util/redact.js';
import type { ObjectContent } from '../../../src/vsphere/api.js';
import { pageDecoder, setDecodeWorker } from '../../../src/vsphere/decode-offload.js';
import { createRetrieveResultDecoder } from '../../../src/vsphere/decode-stream.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { normalizeVm } from '../../../src/inventory/normalize-vm.js';
import { loadCassette, loadXml, soapMethod } from '../../fixtures/cassettes.js';
import { envelope } from './helpers.js';

const PREPARE = new URL('../../../src/inventory/prepare.ts', import.meta.url).href;

beforeAll(() => setDecodeWorker({ url: new URL('./decode-worker-tsx.mjs', import.meta.url) }));
afterAll(() => setDecodeWorker(undefined));

// The reply in pieces of `size` bytes (UTF-8 characters split across them), as the socket gives it.
function pieces(xml: string, size: number): Buffer[] {
  const bytes = Buffer.from(xml);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function onWorker(xml: string, method?: string, prep?: string, size = 700): Promise<{ objects: ObjectContent[]; end: object }> {
  const objects: ObjectContent[] = [];
  const d = pageDecoder((oc) => objects.push(oc), method, prep);
  for (const c of pieces(xml, size)) {
    const behind = d.write(c);
    if (behind) await behind;
  }
  return { objects, end: await d.end() };
}

function inThread(xml: string, method?: string): { objects: ObjectContent[]; end: object } {
  const objects: ObjectContent[] = [];
  const d = createRetrieveResultDecoder((oc) => objects.push(oc), { method });
  d.write(xml);
  return { objects, end: d.end() };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const PC_METHODS = new Set(['RetrieveProperties', 'RetrievePropertiesEx', 'ContinueRetrievePropertiesEx']);
const FILES = [
  'fog-vsphere/get_template.yml',
  'fog-vsphere/shared.yml',
  'pyvmomi-history/vm_to_mac.yaml',
  'pyvmomi-history/test_unknown_fault.yaml',
];
const REPLIES = FILES.flatMap((file) =>
  loadCassette(file)
    .filter((i) => PC_METHODS.has(soapMethod(i.request.body) ?? ''))
    .map((i) => [file, soapMethod(i.request.body)!, i.response.body] as const),
);

describe('property-collector pages decoded on the worker thread', () => {
  it.each(FILES)('%s: the same objects and end as in this thread, reply by reply', async (file) => {
    const replies = REPLIES.filter(([f]) => f === file);
    expect(replies.length).toBeGreaterThan(0);
    for (const [, method, body] of replies) expect(await onWorker(body, method)).toEqual(inThread(body, method));
  });

  it('a bare RetrievePropertiesResponse and a paged reply with its token', async () => {
    const bare = loadXml('govmomi/vim25/mo/fixtures/nested_property.xml');
    expect(await onWorker(bare)).toEqual(inThread(bare));
    const paged = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>t-1</token><objects><obj type="Folder">group-d1</obj><propSet><name>name</name><val xsi:type="xsd:string">Datacenters caf\u00e9</val></propSet></objects></returnval></RetrievePropertiesExResponse>',
    );
    const got = await onWorker(paged, 'RetrievePropertiesEx', undefined, 1);
    expect(got).toEqual(inThread(paged, 'RetrievePropertiesEx'));
    expect(got.end).toEqual({ token: 't-1', objects: 1 });
  });

  it("VMs come back as the prepare module's normalization, the other objects whole", async () => {
    const reply = REPLIES.find(([, , body]) => body.includes('type="VirtualMachine"') && body.includes('config.hardware.device'));
    expect(reply).toBeDefined();
    const [, method, body] = reply!;
    const want = inThread(body, method).objects;
    const { objects } = await onWorker(body, method, PREPARE);
    expect(objects).toHaveLength(want.length);
    objects.forEach((oc, i) => {
      const w = want[i]!;
      if (w.obj.type !== 'VirtualMachine') return expect(oc).toEqual(w);
      expect(oc).toEqual({ obj: w.obj, props: {}, missing: w.missing, prepared: prepare(w) });
      expect(oc.prepared).toEqual({ vm: normalizeVm(w), link: linkOf(w) });
    });
  });

  it("scrubs a secret the server echoes in a missingSet message, in the object and in the VM's unreadable list", async () => {
    registerPassword('s3cret-pass!');
    const page = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-1</obj><propSet><name>name</name><val xsi:type="xsd:string">vm1</val></propSet><missingSet><path>config.hardware.device</path><fault><fault xsi:type="NoPermission"><privilegeId>System.Read</privilegeId></fault><localizedMessage>denied for s3cret-pass!</localizedMessage></fault></missingSet></objects></returnval></RetrievePropertiesExResponse>',
    );
    const [oc] = (await onWorker(page, 'RetrievePropertiesEx', PREPARE)).objects;
    expect(oc!.missing[0]!.message).toBe('denied for ***');
    const vm = preparedOnWorker(oc!.prepared as PreparedVm).vm;
    expect(vm.unreadable).toEqual([{ path: 'config.hardware.device', fault: 'NoPermission', message: 'denied for ***' }]);
    expect(vm).toEqual(prepare(inThread(page, 'RetrievePropertiesEx').objects[0]!)!.vm);
  });

  it('fails with the same errors: malformed XML, a SOAP fault, a DTD', async () => {
    const good = REPLIES[0]![2];
    const truncated = good.slice(0, good.length - 30);
    const cut = (await rejection(onWorker(truncated, 'RetrievePropertiesEx'))) as TransportError;
    expect(cut).toBeInstanceOf(TransportError);
    let local: unknown;
    try {
      inThread(truncated, 'RetrievePropertiesEx');
    } catch (e) {
      local = e;
    }
    expect(cut).toEqual(local);
    expect({ kind: cut.kind, message: cut.message, method: cut.method }).toEqual({
      kind: (local as TransportError).kind,
      message: (local as TransportError).message,
      method: 'RetrievePropertiesEx',
    });

    const fault = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>The session is not authenticated.</faultstring><detail><NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated"><object type="PropertyCollector">propertyCollector</object><privilegeId>System.View</privilegeId></NotAuthenticatedFault></detail></soapenv:Fault>',
    );
    const f = (await rejection(onWorker(fault, 'RetrievePropertiesEx'))) as VimFault;
    expect(f).toBeInstanceOf(VimFault);
    expect({ name: f.faultName, message: f.message, privilegeId: f.privilegeId, detail: f.detail, method: f.method }).toEqual({
      name: 'NotAuthenticated',
      message: 'NotAuthenticated: The session is not authenticated. (in RetrievePropertiesEx)',
      privilegeId: 'System.View',
      detail: {
        _type: 'NotAuthenticated',
        object: { _type: 'ManagedObjectReference', type: 'PropertyCollector', value: 'propertyCollector' },
        privilegeId: 'System.View',
      },
      method: 'RetrievePropertiesEx',
    });

    const dtd = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "a">]>\n<RetrievePropertiesResponse xmlns="urn:vim25"/>';
    expect(await rejection(onWorker(dtd))).toBeInstanceOf(TransportError);
  });

  it('fails the open page with a TransportError when the worker dies, and the next page has a worker again', async () => {
    setDecodeWorker({ url: new URL('data:text/javascript,setTimeout(() => process.exit(3), 50)') });
    const page = envelope('<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval></returnval></RetrievePropertiesExResponse>');
    const d = pageDecoder(() => {}, 'RetrievePropertiesEx');
    d.write(Buffer.from(page.slice(0, 40)));
    const died = (await rejection(d.end())) as TransportError;
    expect(died).toBeInstanceOf(TransportError);
    expect(died.message).toMatch(/could not be decoded \(the decoding worker exited with code 3\)/);
    setDecodeWorker({ url: new URL('./decode-worker-tsx.mjs', import.meta.url) });
    expect(await onWorker(page, 'RetrievePropertiesEx')).toEqual(inThread(page, 'RetrievePropertiesEx'));
  });

  it("passes the consumer's own error through unchanged and decodes no further", async () => {
    const [, method, body] = REPLIES.find(([, m, b]) => inThread(b, m).objects.length > 1)!;
    const boom = new RangeError('consumer failed');
    let seen = 0;
    const d = pageDecoder(() => {
      seen++;
      throw boom;
    }, method);
    let thrown: unknown;
    try {
      for (const c of pieces(body, 200)) await d.write(c);
      await d.end();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(boom);
    expect(seen).toBe(1);
  });
});
