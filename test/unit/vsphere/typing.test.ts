import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_METHODS } from '../../../src/vsphere/api.js';
import {
  ValueDecoder,
  arrayItemType,
  baseOf,
  decodeScalar,
  fieldType,
  fieldsOf,
  isDataType,
  isEnum,
  isManagedType,
  isSubtypeOf,
  methodReturnType,
  needsXsiType,
  propertyPathType,
  xsiTypeName,
} from '../../../src/vsphere/typing.js';

describe('type table', () => {
  it('walks base types for inherited fields', () => {
    expect(fieldType('VirtualDisk', 'capacityInKB')).toEqual({ type: 'long', array: false });
    expect(fieldType('VirtualDisk', 'key')).toEqual({ type: 'int', array: false }); // from VirtualDevice
    expect(fieldType('VirtualDisk', 'backing')).toEqual({ type: 'VirtualDeviceBackingInfo', array: false });
    expect(fieldType('VirtualDisk', 'iofilter')).toEqual({ type: 'string', array: true });
    expect(fieldType('NotAuthenticated', 'privilegeId')).toEqual({ type: 'string', array: false }); // NoPermission
    expect(fieldType('NotAuthenticated', 'object')).toEqual({ type: 'ManagedObjectReference', array: false });
    expect(fieldType('VirtualDisk', 'noSuchField')).toBeUndefined();
    expect(fieldType('NoSuchType', 'key')).toBeUndefined();
  });

  it('lists fields in schema order, base type first (a serializer writes them in this order)', () => {
    expect([...fieldsOf('VirtualDisk')!.keys()].slice(0, 9)).toEqual([
      'key',
      'deviceInfo',
      'backing',
      'connectable',
      'slotInfo',
      'controllerKey',
      'unitNumber',
      'capacityInKB',
      'capacityInBytes',
    ]);
    expect(fieldsOf('NoSuchType')).toBeUndefined();
  });

  it('knows subtypes, enums, data and managed types', () => {
    expect(isSubtypeOf('VirtualDisk', 'VirtualDevice')).toBe(true);
    expect(isSubtypeOf('NotAuthenticated', 'MethodFault')).toBe(true);
    expect(isSubtypeOf('VirtualDisk', 'DynamicData')).toBe(true);
    expect(isSubtypeOf('VirtualDevice', 'VirtualDisk')).toBe(false);
    expect(baseOf('ParaVirtualSCSIController')).toBe('VirtualSCSIController');
    expect(baseOf('DynamicData')).toBeUndefined();
    expect(isEnum('VirtualMachinePowerState')).toBe(true);
    expect(isEnum('VirtualMachineConfigSpecEncryptedFtModes')).toBe(true); // overlay (7.0.2)
    expect(isEnum('VirtualDisk')).toBe(false);
    expect(isDataType('VirtualDiskFlatVer2BackingInfo')).toBe(true);
    expect(isDataType('VirtualMachine')).toBe(false);
    expect(isManagedType('VirtualMachine')).toBe(true);
    // enum-typed fields carry the enum's name
    expect(fieldType('ClusterDrsVmConfigInfo', 'behavior')).toEqual({ type: 'DrsBehavior', array: false });
  });

  it('has the overlay fields newer than govmomi 0.24.2 that ftscan reads', () => {
    expect(fieldType('HostCapability', 'encryptedFtSupported')).toEqual({ type: 'boolean', array: false });
    expect(fieldType('VirtualMachineConfigInfo', 'ftEncryptionMode')).toEqual({ type: 'string', array: false });
    expect(fieldType('VirtualMachineConfigInfo', 'pmemFailoverEnabled')).toEqual({ type: 'boolean', array: false });
    for (const f of ['family', 'model', 'stepping']) {
      expect(fieldType('HostCpuPackage', f)).toEqual({ type: 'short', array: false });
    }
    expect(fieldType('HostCapability', 'ftEfiSupported')?.type).toBe('boolean');
    expect(fieldType('VirtualMachineFlagInfo', 'vbsEnabled')?.type).toBe('boolean');
    expect(fieldType('DVPortgroupConfigInfo', 'backingType')?.type).toBe('string');
  });

  it('tells repeated xsd:byte from base64Binary', () => {
    expect(fieldType('HostConfigInfo', 'certificate')).toEqual({ type: 'byte', array: true });
    expect(fieldType('VirtualMachineConfigInfo', 'vmxConfigChecksum')).toEqual({ type: 'base64Binary', array: false });
  });

  it('derives ArrayOfX item types', () => {
    expect(arrayItemType('ArrayOfString')).toBe('string');
    expect(arrayItemType('ArrayOfLong')).toBe('long');
    expect(arrayItemType('ArrayOfVirtualDevice')).toBe('VirtualDevice');
    expect(arrayItemType('ArrayOfManagedObjectReference')).toBe('ManagedObjectReference');
    expect(arrayItemType('ArrayOf')).toBeUndefined();
    expect(arrayItemType('VirtualDevice')).toBeUndefined();
    expect(xsiTypeName({ type: 'VirtualDevice', array: true })).toBe('ArrayOfVirtualDevice');
    expect(xsiTypeName({ type: 'string', array: true })).toBe('ArrayOfString');
    expect(xsiTypeName({ type: 'int', array: false })).toBe('xsd:int');
    expect(xsiTypeName({ type: 'VirtualMachineConfigInfo', array: false })).toBe('VirtualMachineConfigInfo');
  });

  it('gives return types of every allowed method', () => {
    for (const m of ALLOWED_METHODS) expect(methodReturnType(m), m).not.toBeUndefined();
    expect(methodReturnType('RetrievePropertiesEx')).toEqual({ type: 'RetrieveResult', array: false });
    expect(methodReturnType('RetrieveProperties')).toEqual({ type: 'ObjectContent', array: true });
    expect(methodReturnType('QueryFaultToleranceCompatibilityEx')).toEqual({ type: 'LocalizedMethodFault', array: true });
    expect(methodReturnType('CurrentTime')).toEqual({ type: 'dateTime', array: false });
    expect(methodReturnType('Logout')).toBeNull();
    expect(methodReturnType('NoSuchMethod')).toBeUndefined();
  });

  it('types property-collector paths from the managed type', () => {
    expect(propertyPathType('VirtualMachine', 'config.hardware.device')).toEqual({ type: 'VirtualDevice', array: true });
    expect(propertyPathType('VirtualMachine', 'runtime.host')).toEqual({ type: 'ManagedObjectReference', array: false });
    expect(propertyPathType('VirtualMachine', 'name')).toEqual({ type: 'string', array: false }); // ManagedEntity
    expect(propertyPathType('HostSystem', 'hardware.cpuPkg')).toEqual({ type: 'HostCpuPackage', array: true });
    expect(propertyPathType('HostSystem', 'hardware.cpuPkg.family')).toEqual({ type: 'short', array: true });
    expect(propertyPathType('VirtualMachine', 'config.nope')).toBeUndefined();
  });

  it('says where a serializer writes xsi:type', () => {
    expect(needsXsiType(undefined, 'VirtualMachineConfigInfo')).toBe(true); // propSet val
    expect(needsXsiType('VirtualDevice', 'VirtualDisk')).toBe(true);
    expect(needsXsiType('anyType', 'string')).toBe(true);
    expect(needsXsiType('Description', 'Description')).toBe(false);
  });

  it.skipIf(!existsSync('/usr/share/gocode/src/github.com/vmware/govmomi/vim25/types/types.go'))(
    'the committed table is what scripts/gen-vim-types.ts generates',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'vim-types-'));
      try {
        const out = join(dir, 'vim-types.json');
        execFileSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/gen-vim-types.ts', '/usr/share/gocode/src/github.com/vmware/govmomi', out],
          { stdio: 'pipe' },
        );
        expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/vsphere/vim-types.json', 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('decodeScalar', () => {
  it('decodes numbers, longs and booleans', () => {
    expect(decodeScalar('xsd:int', '-2147483648')).toBe(-2147483648);
    expect(decodeScalar('short', '-32634')).toBe(-32634);
    expect(decodeScalar('byte', '45')).toBe(45);
    expect(decodeScalar('xsd:long', '70368744177664')).toBe(70368744177664);
    expect(decodeScalar('long', '9223372036854775807')).toBe(9223372036854775807n);
    expect(decodeScalar('long', '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(decodeScalar('long', String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeScalar('long', String(Number.MAX_SAFE_INTEGER + 1))).toBe(BigInt(Number.MAX_SAFE_INTEGER) + 1n);
    expect(decodeScalar('double', '2.5')).toBe(2.5);
    expect(decodeScalar('float', 'INF')).toBe(Infinity);
    expect(decodeScalar('xsd:boolean', 'true')).toBe(true);
    expect(decodeScalar('boolean', '0')).toBe(false);
    expect(decodeScalar('boolean', '1')).toBe(true);
  });

  it('keeps strings, enums and dateTimes verbatim', () => {
    expect(decodeScalar('xsd:string', 'VMware  ')).toBe('VMware  ');
    expect(decodeScalar('string', ' No Asset Tag')).toBe(' No Asset Tag');
    expect(decodeScalar('VirtualMachinePowerState', 'poweredOn')).toBe('poweredOn');
    expect(decodeScalar('dateTime', '2014-10-20T15:09:08.789999Z')).toBe('2014-10-20T15:09:08.789999Z');
  });

  it('[hostile] gives no value (never the text, never a default) for text that is not of the type', () => {
    for (const [t, v] of [
      ['int', ''],
      ['int', '12abc'],
      ['int', 'abc'],
      ['long', '-1e999'],
      ['int', '0x10'],
      ['short', ' 1'],
      ['double', '-1e999'],
      ['double', '0x10'],
      ['float', ''],
      ['double', 'Infinity'],
      ['boolean', 'maybe'],
      ['boolean', ''],
    ]) {
      expect(decodeScalar(t!, v!), `${t} ${JSON.stringify(v)}`).toBeUndefined();
    }
    expect(decodeScalar('double', '-1.5e3')).toBe(-1500);
    expect(decodeScalar('double', '.5')).toBe(0.5);
  });
});

describe('ValueDecoder', () => {
  // Drives the decoder by hand: [name, attrs, children | text]
  type El = [string, Record<string, string>, (El | string)[]];
  function run(el: El, staticType?: string): unknown {
    const d = new ValueDecoder();
    const walk = ([, _attrs, kids]: El, first: boolean) => {
      for (const k of kids) {
        if (typeof k === 'string') d.text(k);
        else {
          d.open(k[0], k[1]);
          walk(k, false);
          d.close();
        }
      }
      return first;
    };
    d.begin(el[0], el[1], staticType ? { type: staticType, array: false } : undefined);
    walk(el, true);
    expect(d.close()).toBe(true);
    return d.result;
  }

  it('types fields by the schema and keeps repeated fields as arrays even with one element', () => {
    const v = run(
      [
        'cpuPkg',
        {},
        [
          ['index', {}, ['0']],
          ['threadId', {}, ['0']],
          ['vendor', {}, ['intel']],
        ],
      ],
      'HostCpuPackage',
    );
    expect(v).toEqual({ _type: 'HostCpuPackage', index: 0, threadId: [0], vendor: 'intel' });
  });

  it('lets xsi:type override the static type, whatever prefix binds the XMLSchema-instance namespace', () => {
    const ns = 'http://www.w3.org/2001/XMLSchema-instance';
    const a = run(['device', { 'xsi:type': 'VirtualDisk' }, [['key', {}, ['2000']]]], 'VirtualDevice');
    const b = run(
      ['device', { 'xmlns:XMLSchema-instance': ns, 'XMLSchema-instance:type': 'VirtualDisk' }, [['key', {}, ['2000']]]],
      'VirtualDevice',
    );
    const c = run(['device', { 'xmlns:q': ns, 'q:type': 'VirtualDisk' }, [['key', {}, ['2000']]]], 'VirtualDevice');
    expect(a).toEqual({ _type: 'VirtualDisk', key: 2000 });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // a `type` attribute in another namespace is not a type override
    const d = run(['device', { 'xmlns:o': 'urn:other', 'o:type': 'VirtualDisk' }, [['key', {}, ['2000']]]], 'VirtualDevice');
    expect(d).toEqual({ _type: 'VirtualDevice', key: 2000 });
  });

  it('types a subtype unknown to the schema by its declared base type', () => {
    const device: El = [
      'VirtualDevice',
      { 'xsi:type': 'VirtualFutureDevice' },
      [
        ['key', {}, ['9000']],
        ['deviceInfo', {}, [['label', {}, ['x']]]],
        ['controllerKey', {}, ['100']],
        ['futureField', {}, ['1']],
      ],
    ];
    const v = run(['val', { 'xsi:type': 'ArrayOfVirtualDevice' }, [device]]);
    expect(v).toEqual([
      { _type: 'VirtualFutureDevice', key: 9000, deviceInfo: { _type: 'Description', label: 'x' }, controllerKey: 100, futureField: '1' },
    ]);
  });

  it('decodes unknown types and fields best-effort without throwing', () => {
    const v = run([
      'obj',
      { 'xsi:type': 'VimEsxCLInetworkvmlistVM' },
      [
        ['Name', {}, ['foo']],
        ['Networks', {}, ['a']],
        ['Networks', {}, ['b']],
        ['host', { type: 'HostSystem' }, ['host-1']],
      ],
    ]);
    expect(v).toEqual({
      _type: 'VimEsxCLInetworkvmlistVM',
      Name: 'foo',
      Networks: ['a', 'b'],
      host: { _type: 'ManagedObjectReference', type: 'HostSystem', value: 'host-1' },
    });
    // a leaf of the schema that has children becomes an object; xsi:nil leaves the field absent
    const w = run(
      [
        'x',
        {},
        [
          ['label', {}, [['inner', {}, ['1']]]],
          ['summary', { 'xsi:nil': 'true' }, []],
        ],
      ],
      'Description',
    );
    expect(w).toEqual({ _type: 'Description', label: { inner: '1' } });
  });
});
