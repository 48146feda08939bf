// Issue #11 point 1: a value that does not decode as its schema type makes its property unreadable (a
// missingSet entry with fault MalformedValue), identically in both decoders; never the raw text, never a
// default. Outside a property (a method's return value) it fails the call; inside a fault it drops the field.
import { describe, expect, it } from 'vitest';
import type { ObjectContent } from '../../../src/vsphere/api.js';
import { decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { createRetrieveResultDecoder, toObjectContent } from '../../../src/vsphere/decode-stream.js';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { catchError, envelope } from './helpers.js';

// The RetrievePropertiesEx page shape as vpxd writes it (see decode-stream.test.ts), one VM.
const page = (...propSets: string[]) =>
  envelope(
    '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-42</obj>' +
      '<propSet><name>name</name><val xsi:type="xsd:string">db-01</val></propSet>' +
      propSets.join('') +
      '</objects></returnval></RetrievePropertiesExResponse>',
  );
const prop = (name: string, type: string, body: string) => `<propSet><name>${name}</name><val xsi:type="${type}">${body}</val></propSet>`;

function viaStream(xml: string): ObjectContent {
  const seen: ObjectContent[] = [];
  const d = createRetrieveResultDecoder((o) => seen.push(o), { method: 'RetrievePropertiesEx' });
  d.write(xml);
  d.end();
  expect(seen).toHaveLength(1);
  return seen[0]!;
}
function viaDocument(xml: string): ObjectContent {
  const rv = decodeEnvelope(xml, 'RetrievePropertiesEx').returnval as { objects: unknown[] };
  expect(rv.objects).toHaveLength(1);
  return toObjectContent(rv.objects[0]);
}

const CASES: { title: string; propSet: string; path: string; expected: string; value: string }[] = [
  {
    title: 'numCPU "abc"',
    propSet: prop('config.hardware.numCPU', 'xsd:int', 'abc'),
    path: 'config.hardware.numCPU',
    expected: 'int',
    value: 'abc',
  },
  {
    title: 'memoryMB "-1e999"',
    propSet: prop('config.hardware.memoryMB', 'xsd:int', '-1e999'),
    path: 'config.hardware.memoryMB',
    expected: 'int',
    value: '-1e999',
  },
  {
    title: 'template "maybe"',
    propSet: prop('config.template', 'xsd:boolean', 'maybe'),
    path: 'config.template',
    expected: 'boolean',
    value: 'maybe',
  },
  {
    title: 'an empty int',
    propSet: prop('config.hardware.numCPU', 'xsd:int', ''),
    path: 'config.hardware.numCPU',
    expected: 'int',
    value: '',
  },
  {
    title: 'an unknown xsi:type where an int is required',
    propSet: prop('config.hardware.numCPU', 'BogusType', '16'),
    path: 'config.hardware.numCPU',
    expected: 'int',
    value: 'a value typed BogusType',
  },
  {
    title: 'a string xsi:type where an int is required',
    propSet: prop('config.hardware.numCPU', 'xsd:string', '16'),
    path: 'config.hardware.numCPU',
    expected: 'int',
    value: 'a value typed string',
  },
  {
    title: 'a scalar where a device array is required',
    propSet: prop('config.hardware.device', 'xsd:string', 'none'),
    path: 'config.hardware.device',
    expected: 'ArrayOfVirtualDevice',
    value: 'a value typed string',
  },
  {
    title: 'a malformed field deep inside a device array',
    propSet: prop(
      'config.hardware.device',
      'ArrayOfVirtualDevice',
      '<VirtualDevice xsi:type="VirtualDisk"><key>2000</key><capacityInKB>lots</capacityInKB></VirtualDevice>',
    ),
    path: 'config.hardware.device',
    expected: 'long',
    value: 'lots',
  },
];

describe('[hostile] a value that does not decode as its schema type', () => {
  for (const c of CASES) {
    for (const [how, decode] of [
      ['streaming', viaStream],
      ['whole-document', viaDocument],
    ] as const) {
      it(`[hostile] ${c.title}: the property is unreadable (${how} decoder)`, () => {
        const oc = decode(page(c.propSet, prop('config.hardware.numCoresPerSocket', 'xsd:int', '2')));
        expect(oc.props).toEqual({ name: 'db-01', 'config.hardware.numCoresPerSocket': 2 });
        expect(oc.missing).toHaveLength(1);
        const m = oc.missing[0]!;
        expect(m.path).toBe(c.path);
        expect(m.faultName).toBe('MalformedValue');
        expect(m.fault).toMatchObject({ _type: 'MalformedValue', expectedType: c.expected, value: c.value });
        expect(m.message).toContain(c.path);
        expect(m.message).toContain(c.expected);
      });
    }
  }

  it('[hostile] both decoders give the same ObjectContent', () => {
    const xml = page(...CASES.map((c) => c.propSet));
    expect(viaDocument(xml)).toEqual(viaStream(xml));
  });

  it('[hostile] the echoed value is bounded', () => {
    const oc = viaStream(page(prop('config.hardware.numCPU', 'xsd:int', 'x'.repeat(100_000))));
    expect(oc.missing[0]!.message.length).toBeLessThan(300);
    expect(oc.missing[0]!.message).toContain('…');
  });

  it('[hostile] a malformed value in a return value fails the call with a malformed-response error', () => {
    const xml = envelope(
      '<HasPrivilegeOnEntitiesResponse xmlns="urn:vim25"><returnval><entity type="Folder">group-d1</entity>' +
        '<privAvailability><privId>System.Read</privId><isGranted>maybe</isGranted></privAvailability></returnval></HasPrivilegeOnEntitiesResponse>',
    );
    const e = catchError(() => decodeEnvelope(xml, 'HasPrivilegeOnEntities')) as TransportError;
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe('malformed');
    expect(e.message).toContain('privAvailability.isGranted is not a valid boolean');
  });

  it('[hostile] a malformed field of a fault drops that field; the fault is still reported', () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>denied</faultstring><detail>' +
        '<NoPermissionFault xmlns="urn:vim25" xsi:type="NoPermission"><object type="Folder">group-d1</object><privilegeId>System.View</privilegeId>' +
        '<missingPrivileges><entity type="Folder">group-d1</entity><privilegeIds>System.View</privilegeIds></missingPrivileges>' +
        '</NoPermissionFault></detail></soapenv:Fault>',
    ).replace('<privilegeId>System.View</privilegeId>', '<privilegeId>System.View</privilegeId><bogusInt xsi:type="xsd:int">x</bogusInt>');
    const f = catchError(() => decodeEnvelope(xml, 'Login')) as VimFault;
    expect(f).toBeInstanceOf(VimFault);
    expect(f.faultName).toBe('NoPermission');
    expect(f.privilegeId).toBe('System.View');
    expect(f.detail.bogusInt).toBeUndefined();
  });
});
