// The mock's serializer against REAL vCenter recordings: decode a recorded value into vim values (with the
// schema, independently of the serializer), scramble the field order, re-serialize, and compare element
// names, xsi:type / type attributes, text and order with the original bytes' structure.
import { describe, expect, it } from 'vitest';
import { loadCassette, loadXml, soapMethod } from '../../fixtures/cassettes.js';
import { ENVELOPE_HEAD, serializeFault, serializeTypedValue, serializeValue } from '../../../mocks/serializer.js';
import { pathType } from '../../../mocks/schema.js';
import { canon, child, children, decode, knownOnly, parseXml, scramble, soapBody, type El } from './xml.js';

function reserialize(name: string, value: unknown, st: ReturnType<typeof pathType>): El {
  const out: string[] = [];
  serializeTypedValue(name, scramble(value), st, out);
  return parseXml(`<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${out.join('')}</r>`).children[0]!;
}

describe('serializer vs real vCenter recordings', () => {
  it('writes the envelope exactly as vpxd does', () => {
    const real = loadCassette('fog-vsphere/get_template.yml')[0]!.response.body;
    expect(real.startsWith(ENVELOPE_HEAD)).toBe(true);
  });

  it('re-serializes a 6.7 multi-property VM read (devices, extraConfig, enums, MoRefs, empty ArrayOf) identically', () => {
    const interactions = loadCassette('fog-vsphere/get_template.yml');
    const hit = interactions.find((i) => i.response.body.includes('ArrayOfVirtualDevice'));
    expect(hit).toBeDefined();
    const body = soapBody(hit!.response.body);
    const oc = child(body, 'returnval')!;
    const type = child(oc, 'obj')!.attrs.type!;
    const propSets = children(oc, 'propSet');
    expect(propSets.length).toBeGreaterThan(20);
    for (const ps of propSets) {
      const path = child(ps, 'name')!.text;
      const st = pathType(type, path);
      expect(st, path).toBeDefined();
      const val = child(ps, 'val')!;
      expect(canon(reserialize('val', decode(val, st), st)), path).toEqual(canon(val));
    }
  });

  it('re-serializes every property of a real vCenter 8 VirtualMachine and Datastore (pyvmomi Fetch replies)', () => {
    let compared = 0;
    for (const file of ['pyvmomi/test_json_vm_explode_default.yaml', 'pyvmomi/test_json_datastore_explode.yaml']) {
      for (const i of loadCassette(file)) {
        if (soapMethod(i.request.body) !== 'Fetch') continue;
        const self = /<_this[^>]*type="(\w+)"/.exec(i.request.body)![1]!;
        const prop = /<prop[^>]*>([^<]+)</.exec(i.request.body)![1]!;
        const st = pathType(self, prop);
        const rv = child(soapBody(i.response.body), 'returnval');
        if (!st || !rv) continue; // newer than the schema, or unset (no returnval)
        // Structures newer than the 0.24.2 schema (deviceSwap...) cannot be typed and are left out.
        expect(canon(reserialize('returnval', decode(rv, st), st)), `${self}.${prop}`).toEqual(canon(knownOnly(rv, st)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('re-serializes a 5.5 RetrievePropertiesEx device list (VirtualE1000, controllers)', () => {
    const i = loadCassette('pyvmomi-history/vm_to_mac.yaml').find((x) => x.response.body.includes('RetrievePropertiesExResponse'))!;
    const oc = child(child(soapBody(i.response.body), 'returnval')!, 'objects')!;
    for (const ps of children(oc, 'propSet')) {
      const path = child(ps, 'name')!.text;
      const st = pathType('VirtualMachine', path);
      const val = child(ps, 'val')!;
      expect(canon(reserialize('val', decode(val, st), st)), path).toEqual(canon(val));
    }
  });

  it('writes ArrayOfManagedObjectReference and typed MoRef vals like vCenter (attribute order included)', () => {
    const xml = loadXml('govmomi/vim25/mo/fixtures/cluster_host_property.xml');
    const oc = child(parseXml(xml), 'returnval')!;
    for (const ps of children(oc, 'propSet')) {
      const path = child(ps, 'name')!.text;
      const st = pathType('ClusterComputeResource', path);
      const val = child(ps, 'val')!;
      expect(canon(reserialize('val', decode(val, st), st))).toEqual(canon(val));
    }
    const out: string[] = [];
    serializeTypedValue(
      'val',
      [{ _type: 'ManagedObjectReference', type: 'HostSystem', value: 'host-14' }],
      pathType('ClusterComputeResource', 'host'),
      out,
    );
    // vpxd writes type before xsi:type (pyvmomi recordings)
    expect(out.join('')).toBe(
      '<val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem" xsi:type="ManagedObjectReference">host-14</ManagedObjectReference></val>',
    );
  });

  it('writes a missingSet fault as LocalizedMethodFault with a typed inner fault', () => {
    const real = child(child(parseXml(loadXml('govmomi/vim25/mo/fixtures/not_authenticated_fault.xml')), 'returnval')!, 'missingSet')!;
    const realFault = child(real, 'fault')!;
    const out: string[] = [];
    serializeValue('fault', decode(realFault, { type: 'LocalizedMethodFault' }), { type: 'LocalizedMethodFault', array: false }, out);
    const mine = parseXml(`<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${out.join('')}</r>`).children[0]!;
    expect(canon(mine)).toEqual(canon(realFault));
  });

  it('writes soapenv:Fault with the <Name>Fault detail element typed by xsi:type (HTTP 500 body)', () => {
    const real = soapBody(loadXml('govmomi/govc/host/esxcli/fixtures/method_name_fault.xml'));
    const mine = soapBody(serializeFault('InvalidRequest', {}, child(real, 'faultstring')!.text));
    expect(canon(mine)).toEqual(canon(real));
    const login = soapBody(serializeFault('InvalidLogin', {}, 'Cannot complete login due to an incorrect user name or password.'));
    expect(canon(child(login, 'detail')!)).toEqual({ n: 'detail', c: [{ n: 'InvalidLoginFault', x: 'InvalidLogin', v: '' }] });
  });

  it('escapes text, keeps "" as an open/close pair and whitespace verbatim', () => {
    const out: string[] = [];
    serializeValue(
      'config',
      { _type: 'VirtualMachineConfigInfo', annotation: 'a<b>&"c\'\n', alternateGuestName: '', name: ' x ' },
      { type: 'VirtualMachineConfigInfo', array: false },
      out,
    );
    expect(out.join('')).toBe(
      '<config><name> x </name><alternateGuestName></alternateGuestName><annotation>a&lt;b&gt;&amp;&quot;c&apos;\n</annotation></config>',
    );
  });

  it('types anyType slots and leaves plainly typed fields untyped', () => {
    const out: string[] = [];
    serializeTypedValue(
      'val',
      [
        { _type: 'OptionValue', key: 'das.maxftvmsperhost', value: '4' },
        { _type: 'OptionValue', key: 'n', value: 3 },
      ],
      pathType('ClusterComputeResource', 'configurationEx.dasConfig.option'),
      out,
    );
    expect(out.join('')).toBe(
      '<val xsi:type="ArrayOfOptionValue"><OptionValue xsi:type="OptionValue"><key>das.maxftvmsperhost</key><value xsi:type="xsd:string">4</value></OptionValue>' +
        '<OptionValue xsi:type="OptionValue"><key>n</key><value xsi:type="xsd:int">3</value></OptionValue></val>',
    );
  });

  it('writes huge longs exactly (bigint) and arrays inside objects as repeated siblings', () => {
    const out: string[] = [];
    serializeValue(
      'info',
      { _type: 'HostCpuPackage', index: 0, threadId: [0, 1], cpuFeature: [], description: 'x' },
      { type: 'HostCpuPackage', array: false },
      out,
    );
    expect(out.join('')).toBe('<info><index>0</index><description>x</description><threadId>0</threadId><threadId>1</threadId></info>');
    const big: string[] = [];
    serializeTypedValue('val', 9223372036854775807n, { type: 'long', array: false }, big);
    expect(big.join('')).toBe('<val xsi:type="xsd:long">9223372036854775807</val>');
  });
});
