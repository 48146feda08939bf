import { describe, expect, it } from 'vitest';
import type { ObjectContent } from '../../../src/vsphere/api.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { createRetrieveResultDecoder, decodeRetrieveResultStream, toObjectContent } from '../../../src/vsphere/decode-stream.js';
import { type Interaction, loadCassette, loadXml, soapMethod } from '../../fixtures/cassettes.js';
import { catchError, envelope } from './helpers.js';

function decodeChunks(chunks: (Buffer | string)[], method?: string, copyStrings?: boolean): { objects: ObjectContent[]; end: object } {
  const objects: ObjectContent[] = [];
  const d = createRetrieveResultDecoder((oc) => objects.push(oc), { method, copyStrings });
  for (const c of chunks) d.write(c);
  return { objects, end: d.end() };
}
const decode = (xml: string, method?: string) => decodeChunks([xml], method);

const PC_METHODS = new Set(['RetrieveProperties', 'RetrievePropertiesEx', 'ContinueRetrievePropertiesEx']);
const CASSETTES = [
  'fog-vsphere/folder_destroy.yml',
  'fog-vsphere/get_compute_resource.yml',
  'fog-vsphere/get_datacenter.yml',
  'fog-vsphere/get_host.yml',
  'fog-vsphere/get_storage_pod.yml',
  'fog-vsphere/get_template.yml',
  'fog-vsphere/get_vm_first_sata_controller.yml',
  'fog-vsphere/get_vm_first_scsi_controller.yml',
  'fog-vsphere/shared.yml',
  'pyvmomi-history/test_context_connection.yaml',
  'pyvmomi-history/test_unknown_fault.yaml',
  'pyvmomi-history/vm_to_mac.yaml',
];

// What decode-doc makes of the same reply, in the stream decoder's shape.
function viaDoc(i: Interaction): ObjectContent[] {
  const m = soapMethod(i.request.body)!;
  const r = decodeEnvelope(i.response.body, m).returnval;
  if (r === undefined) return [];
  if (m === 'RetrieveProperties') return (r as unknown[]).map(toObjectContent);
  return ((r as { objects?: unknown[] }).objects ?? []).map(toObjectContent);
}

describe('streaming decoder on every recorded property-collector reply', () => {
  it.each(CASSETTES)('%s: same objects as the whole-document decoder', (file) => {
    const replies = loadCassette(file).filter((i) => PC_METHODS.has(soapMethod(i.request.body) ?? ''));
    expect(replies.length).toBeGreaterThan(0);
    for (const i of replies) {
      const { objects } = decode(i.response.body, soapMethod(i.request.body));
      expect(objects).toEqual(viaDoc(i));
    }
  });

  // The decoding worker's setting: strings left as slices of the reply, the same values.
  it.each(CASSETTES)('%s: same objects with copyStrings false', (file) => {
    for (const i of loadCassette(file).filter((r) => PC_METHODS.has(soapMethod(r.request.body) ?? ''))) {
      const m = soapMethod(i.request.body);
      expect(decodeChunks([i.response.body], m, false).objects).toEqual(decode(i.response.body, m).objects);
    }
  });

  it.each([
    'govmomi/vim25/mo/fixtures/cluster_host_property.xml',
    'govmomi/vim25/mo/fixtures/hostsystem_list_name_property.xml',
    'govmomi/vim25/mo/fixtures/nested_property.xml',
    'govmomi/vim25/mo/fixtures/pointer_property.xml',
  ])('%s (bare RetrievePropertiesResponse)', (file) => {
    const xml = loadXml(file);
    const { objects } = decode(xml);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects).toEqual((decodeEnvelope(xml, 'RetrieveProperties').returnval as unknown[]).map(toObjectContent));
  });
});

describe('streaming decoder, spot checks', () => {
  it('decodes the RetrieveProperties (not Ex) device list: returnval is ObjectContent', () => {
    const i = loadCassette('fog-vsphere/get_template.yml').find(
      (x) => x.response.body.includes('ArrayOfVirtualDevice') && x.response.body.includes('>vm-7295</obj>'),
    )!;
    const { objects, end } = decode(i.response.body, 'RetrieveProperties');
    expect(end).toEqual({ objects: 1 });
    const [vm] = objects;
    expect(vm!.obj).toEqual({ _type: 'ManagedObjectReference', type: 'VirtualMachine', value: 'vm-7295' });
    const devices = vm!.props['config.hardware.device'] as Record<string, any>[];
    const disk = devices.find((d) => d._type === 'VirtualDisk')!;
    expect(disk.backing._type).toBe('VirtualDiskFlatVer2BackingInfo');
    expect(disk.backing.thinProvisioned).toBe(true);
    expect(disk.capacityInKB).toBe(20971520);
    expect(devices.find((d) => d.key === 1000)!.device).toEqual([2000]);
    expect(vm!.props['config.hardware.numCPU']).toBe(2);
    expect(vm!.props['runtime.powerState']).toBe('poweredOff');
    expect(vm!.props.parent).toEqual({ _type: 'ManagedObjectReference', type: 'Folder', value: 'group-v83' });
    expect(vm!.missing).toEqual([]);
  });

  it('decodes a RetrievePropertiesEx VM config with its devices (vCenter 5.5)', () => {
    const i = loadCassette('pyvmomi-history/vm_to_mac.yaml').find(
      (x) => soapMethod(x.request.body) === 'RetrievePropertiesEx' && x.response.body.includes('VirtualE1000'),
    )!;
    const { objects } = decode(i.response.body, 'RetrievePropertiesEx');
    expect(objects).toHaveLength(1);
    const config = objects[0]!.props.config as Record<string, any>;
    expect(config._type).toBe('VirtualMachineConfigInfo');
    const devices = config.hardware.device as Record<string, any>[];
    const nic = devices.find((d) => d._type === 'VirtualE1000')!;
    expect(nic.macAddress).toMatch(/^00:50:56:/);
    expect(nic.backing._type).toBe('VirtualEthernetCardNetworkBackingInfo');
  });

  it('maps missingSet to MissingProperty', () => {
    const { objects } = decode(loadXml('govmomi/vim25/mo/fixtures/not_authenticated_fault.xml'));
    expect(objects[0]!.props.defaultLocale).toBe('en');
    expect(objects[0]!.missing).toEqual([
      {
        path: 'message',
        faultName: 'NotAuthenticated',
        fault: {
          _type: 'NotAuthenticated',
          object: { _type: 'ManagedObjectReference', type: 'Folder', value: 'group-d1' },
          privilegeId: 'System.View',
        },
        message: '',
      },
      {
        path: 'sessionList',
        faultName: 'NotAuthenticated',
        fault: {
          _type: 'NotAuthenticated',
          object: { _type: 'ManagedObjectReference', type: 'Folder', value: 'group-d1' },
          privilegeId: 'Sessions.TerminateSession',
        },
        message: '',
      },
    ]);
  });

  // Synthetic: no real recording of a paged reply exists (NOTES item 25); shape from the vim25 schema
  // (RetrieveResult: objects*, then token).
  const page = (method: string, token?: string) =>
    envelope(
      `<${method}Response xmlns="urn:vim25"><returnval>` +
        `<objects><obj type="VirtualMachine">vm-1</obj><propSet><name>name</name><val xsi:type="xsd:string">a</val></propSet></objects>` +
        `<objects><obj type="VirtualMachine">vm-2</obj><propSet><name>name</name><val xsi:type="xsd:string">b</val></propSet>` +
        `<propSet><name>config.hardware.numCPU</name><val xsi:type="xsd:int">4</val></propSet></objects>` +
        (token ? `<token>${token}</token>` : '') +
        `</returnval></${method}Response>`,
    );

  it('returns the paging token (synthetic RetrievePropertiesEx / ContinueRetrievePropertiesEx)', () => {
    const first = decode(page('RetrievePropertiesEx', '1'), 'RetrievePropertiesEx');
    expect(first.end).toEqual({ token: '1', objects: 2 });
    expect(first.objects.map((o) => o.props)).toEqual([{ name: 'a' }, { name: 'b', 'config.hardware.numCPU': 4 }]);
    const last = decode(page('ContinueRetrievePropertiesEx'), 'ContinueRetrievePropertiesEx');
    expect(last.end).toEqual({ objects: 2 });
    const empty = decode(envelope('<RetrievePropertiesExResponse xmlns="urn:vim25"></RetrievePropertiesExResponse>'));
    expect(empty).toEqual({ objects: [], end: { objects: 0 } });
  });

  it('types an untyped propSet val by its property path (best effort; real servers always type it)', () => {
    const xml = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-9</obj>' +
        '<propSet><name>config.hardware.numCPU</name><val>4</val></propSet>' +
        '<propSet><name>config.hardware.device</name><val><VirtualDevice xsi:type="VirtualDisk"><key>2000</key></VirtualDevice></val></propSet>' +
        '<propSet><name>runtime.host</name><val type="HostSystem">host-1</val></propSet>' +
        '<propSet><name>no.such.path</name><val>x</val></propSet>' +
        '</objects></returnval></RetrievePropertiesExResponse>',
    );
    expect(decode(xml).objects[0]!.props).toEqual({
      'config.hardware.numCPU': 4,
      'config.hardware.device': [{ _type: 'VirtualDisk', key: 2000 }],
      'runtime.host': { _type: 'ManagedObjectReference', type: 'HostSystem', value: 'host-1' },
      'no.such.path': 'x',
    });
    expect(decode(xml)).toEqual({ objects: (decodeEnvelope(xml).returnval as any).objects.map(toObjectContent), end: { objects: 1 } });
  });

  it("vcsim's per-value `XMLSchema-instance:type` decodes identically to xsi:type", () => {
    // Hand-written after vcsim's Go encoder (reference/vcsim.md): the prefix is declared on each val,
    // text escaped with numeric references (&#34; &#xA;).
    const vm = (typeAttr: (t: string) => string, declare: string) =>
      envelope(
        '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-55</obj>' +
          `<propSet><name>config.hardware.device</name><val ${declare}${typeAttr('ArrayOfVirtualDevice')}>` +
          `<VirtualDevice ${typeAttr('VirtualIDEController')}><key>200</key><deviceInfo><label>IDE 0</label><summary>IDE 0</summary></deviceInfo><busNumber>0</busNumber><device>3000</device></VirtualDevice>` +
          `<VirtualDevice ${typeAttr('VirtualDisk')}><key>204</key><deviceInfo><label>disk-202-0</label><summary>10,000,000 KB</summary></deviceInfo>` +
          `<backing ${typeAttr('VirtualDiskFlatVer2BackingInfo')}><fileName>[LocalDS_0] DC0_H0_VM0/disk1.vmdk</fileName><datastore type="Datastore">datastore-52</datastore><diskMode>persistent</diskMode><thinProvisioned>true</thinProvisioned><uuid>be8d2471-f32e-5c7e-a89b-22cb8e533890</uuid></backing>` +
          `<controllerKey>202</controllerKey><unitNumber>0</unitNumber><capacityInKB>10000000</capacityInKB><capacityInBytes>10240000000</capacityInBytes></VirtualDevice>` +
          `<VirtualDevice ${typeAttr('VirtualCdrom')}><key>3000</key><deviceInfo><label>CD/DVD drive 1</label><summary>Remote ATAPI</summary></deviceInfo>` +
          `<backing ${typeAttr('VirtualCdromRemoteAtapiBackingInfo')}><deviceName></deviceName><useAutoDetect>false</useAutoDetect></backing><controllerKey>200</controllerKey><unitNumber>0</unitNumber></VirtualDevice>` +
          `</val></propSet>` +
          `<propSet><name>config.annotation</name><val ${declare}${typeAttr('xsd:string')}>say &#34;hi&#34;&#xA;</val></propSet>` +
          `<propSet><name>runtime.host</name><val ${declare}${typeAttr('ManagedObjectReference')} type="HostSystem">host-21</val></propSet>` +
          '</objects></returnval></RetrievePropertiesExResponse>',
      );
    const ns = 'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" ';
    const vcsim = decode(vm((t) => `XMLSchema-instance:type="${t}"`, ns));
    const vcenter = decode(vm((t) => `xsi:type="${t}"`, ''));
    expect(vcsim).toEqual(vcenter);
    const props = vcsim.objects[0]!.props as Record<string, any>;
    expect(props['config.hardware.device'].map((d: any) => d._type)).toEqual(['VirtualIDEController', 'VirtualDisk', 'VirtualCdrom']);
    expect(props['config.hardware.device'][1].backing._type).toBe('VirtualDiskFlatVer2BackingInfo');
    expect(props['config.annotation']).toBe('say "hi"\n');
    expect(props['runtime.host']).toEqual({ _type: 'ManagedObjectReference', type: 'HostSystem', value: 'host-21' });
  });

  it('gives identical output when fed in tiny chunks (1..7 bytes, split UTF-8 characters)', () => {
    const body = loadCassette('fog-vsphere/get_template.yml')
      .find((x) => x.response.body.includes('ArrayOfVirtualDevice'))!
      .response.body.replace(
        '</returnval>',
        '<propSet><name>summary.config.annotation</name><val xsi:type="xsd:string">Größe 日本 ✓ 𝄞</val></propSet></returnval>',
      );
    const whole = decode(body);
    expect(JSON.stringify(whole.objects)).toContain('Größe 日本 ✓ 𝄞');
    const bytes = Buffer.from(body);
    let seed = 7;
    const chunks: Buffer[] = [];
    for (let off = 0; off < bytes.length; ) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const n = 1 + (seed % 7);
      chunks.push(bytes.subarray(off, off + n));
      off += n;
    }
    expect(decodeChunks(chunks)).toEqual(whole);
  });
});

describe('streaming decoder errors', () => {
  const good = loadCassette('fog-vsphere/get_datacenter.yml')[0]!.response.body;
  const malformed = (fn: () => unknown) => {
    const e = catchError(fn);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).kind).toBe('malformed');
    expect((e as TransportError).message).not.toContain('\n');
    return e as TransportError;
  };

  it('throws VimFault for a soapenv:Fault body', () => {
    // vcsim after Logout answers most calls with this fault (reference/vcsim.md); synthetic.
    const xml = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>The session is not authenticated.</faultstring><detail><NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated"><object type="PropertyCollector">propertyCollector</object><privilegeId>System.View</privilegeId></NotAuthenticatedFault></detail></soapenv:Fault>',
    );
    const f = catchError(() => decode(xml, 'RetrievePropertiesEx')) as VimFault;
    expect(f).toBeInstanceOf(VimFault);
    expect(f.faultName).toBe('NotAuthenticated');
    expect(f.privilegeId).toBe('System.View');
    expect(f.method).toBe('RetrievePropertiesEx');
  });

  it('rejects truncated, HTML, DTD and non-property-collector bodies', () => {
    expect(decode(good).objects).toHaveLength(1);
    malformed(() => decode(good.slice(0, good.length - 30)));
    malformed(() => decode(good.slice(0, good.indexOf('</propSet>'))));
    malformed(() => decode(''));
    malformed(() => decode('<html><head><title>Error</title></head><body><br></body></html>'));
    malformed(() => decode('<html><body><p>Service Unavailable</p></body></html>'));
    malformed(() => decode(envelope('<LoginResponse xmlns="urn:vim25"><returnval><key>x</key></returnval></LoginResponse>')));
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<RetrievePropertiesResponse xmlns="urn:vim25"><returnval><obj type="Folder">&lol1;</obj></returnval></RetrievePropertiesResponse>';
    const objects: ObjectContent[] = [];
    malformed(() => {
      const d = createRetrieveResultDecoder((o) => objects.push(o));
      d.write(laughs);
      d.end();
    });
    expect(objects).toEqual([]);
  });

  it("passes the consumer's own errors through unchanged", () => {
    const boom = new RangeError('consumer failed');
    const d = createRetrieveResultDecoder(() => {
      throw boom;
    });
    expect(catchError(() => d.write(good))).toBe(boom);
  });

  it('decodes from an async byte stream and enforces maxBytes', async () => {
    async function* chunks() {
      const b = Buffer.from(good);
      for (let off = 0; off < b.length; off += 100) yield b.subarray(off, off + 100);
    }
    const seen: ObjectContent[] = [];
    await expect(decodeRetrieveResultStream(chunks(), (o) => seen.push(o))).resolves.toEqual({ objects: 1 });
    expect(seen[0]!.props.childEntity).toEqual([{ _type: 'ManagedObjectReference', type: 'Datacenter', value: 'datacenter-2' }]);
    const e = await decodeRetrieveResultStream(chunks(), () => {}, { maxBytes: 200, method: 'RetrieveProperties' }).catch((x) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).kind).toBe('too-large');
  });
});
