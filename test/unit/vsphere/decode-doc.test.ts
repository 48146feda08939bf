import { describe, expect, it } from 'vitest';
import { TransportError, VimFault } from '../../../src/vsphere/errors.js';
import { decodeDataDocument, decodeEnvelope } from '../../../src/vsphere/decode-doc.js';
import { toObjectContent } from '../../../src/vsphere/decode-stream.js';
import { type Interaction, loadCassette, loadXml, soapMethod } from '../../fixtures/cassettes.js';
import { catchError, envelope } from './helpers.js';

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
  'pyvmomi/basic_connection.yaml',
  'pyvmomi/basic_container_view.yaml',
  'pyvmomi/root_folder_parent.yaml',
  'pyvmomi/test_json_datastore_explode.yaml',
  'pyvmomi/test_json_vm_explode_default.yaml',
  'pyvmomi-history/smart_connect_valid_cert.yaml',
  'pyvmomi-history/test_context_connection.yaml',
  'pyvmomi-history/test_unknown_fault.yaml',
  'pyvmomi-history/vm_to_mac.yaml',
];
const BARE_BODIES = [
  'govmomi/vim25/mo/fixtures/cluster_host_property.xml',
  'govmomi/vim25/mo/fixtures/hostsystem_list_name_property.xml',
  'govmomi/vim25/mo/fixtures/nested_property.xml',
  'govmomi/vim25/mo/fixtures/pointer_property.xml',
  'govmomi/vim25/mo/fixtures/not_authenticated_fault.xml',
  'pyvmomi/unknown_method.xml',
];

const isSoap = (i: Interaction) => i.response.body.includes('Envelope');
const call = (i: Interaction) => decodeEnvelope(i.response.body, soapMethod(i.request.body)).returnval;
const methodOf = (i: Interaction) => soapMethod(i.request.body);

describe('decodeEnvelope on every recorded response', () => {
  it.each(CASSETTES)('%s', (file) => {
    const soap = loadCassette(file).filter(isSoap);
    expect(soap.length).toBeGreaterThan(0);
    for (const i of soap) {
      if (i.response.status === 500) {
        const e = catchError(() => call(i));
        expect(e, `${file} ${methodOf(i)}`).toBeInstanceOf(VimFault);
      } else {
        expect(() => call(i), `${file} ${methodOf(i)}`).not.toThrow();
      }
    }
  });

  it.each(BARE_BODIES)('%s (bare body element, no envelope)', (file) => {
    expect(decodeEnvelope(loadXml(file)).returnval).toBeDefined();
  });
});

describe('real responses, spot checks', () => {
  const template = loadCassette('fog-vsphere/get_template.yml');
  const multi = template.find((i) => i.response.body.includes('ArrayOfVirtualDevice') && i.response.body.includes('>vm-7295</obj>'))!;
  const vm = toObjectContent((call(multi) as unknown[])[0]);
  const devices = vm.props['config.hardware.device'] as Record<string, any>[];

  it('decodes a device list (ArrayOfVirtualDevice) into typed devices', () => {
    expect(vm.obj).toEqual({ _type: 'ManagedObjectReference', type: 'VirtualMachine', value: 'vm-7295' });
    expect(Array.isArray(devices)).toBe(true);
    const disk = devices.find((d) => d._type === 'VirtualDisk')!;
    expect(disk).toMatchObject({
      key: 2000,
      controllerKey: 1000,
      unitNumber: 0,
      capacityInKB: 20971520,
      capacityInBytes: 21474836480,
      nativeUnmanagedLinkedClone: false,
      deviceInfo: { _type: 'Description', label: 'Hard disk 1', summary: '20,971,520 KB' },
      storageIOAllocation: { _type: 'StorageIOAllocationInfo', limit: -1, reservation: 0 },
    });
    expect(disk.backing).toMatchObject({
      _type: 'VirtualDiskFlatVer2BackingInfo',
      fileName: '[SatQE-NFS-Datastore1] RHEL8_1/RHEL8_1.vmdk',
      datastore: { _type: 'ManagedObjectReference', type: 'Datastore', value: 'datastore-7217' },
      backingObjectId: '',
      thinProvisioned: true,
      eagerlyScrub: false,
      sharing: 'sharingNone',
    });
    expect(devices.map((d) => d._type)).toContain('VirtualVmxnet3');
    // a controller's `device` list is repeated by the schema: an array even with a single key
    const scsi = devices.find((d) => d.key === 1000)!;
    expect(scsi.device).toEqual([2000]);
    const ps2 = devices.find((d) => d._type === 'VirtualPS2Controller')!;
    expect(ps2.device).toEqual([600, 700]);
  });

  it('keeps "" distinct from absent and decodes entities', () => {
    const full = template.find(
      (i) => i.response.body.includes('<val xsi:type="VirtualMachineConfigInfo">') && i.response.body.includes('&quot;'),
    )!;
    const config = toObjectContent((call(full) as unknown[])[0]).props.config as Record<string, any>;
    expect(config._type).toBe('VirtualMachineConfigInfo');
    expect(config.alternateGuestName).toBe('');
    expect('ftInfo' in config).toBe(false);
    const values = (config.extraConfig as { key: string; value: unknown }[]).map((o) => o.value);
    expect(values.some((v) => typeof v === 'string' && v.includes('"'))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && v.includes('&quot;'))).toBe(false);
  });

  it('decodes xsd:long beyond 2^53 exactly as a bigint', () => {
    const ds = loadCassette('pyvmomi/test_json_datastore_explode.yaml').find((i) => i.response.body.includes('maxMemoryFileSize'))!;
    const info = call(ds) as Record<string, unknown>;
    expect(info._type).toBe('VsanDatastoreInfo');
    expect(info.maxMemoryFileSize).toBe(9223372036854775807n);
    expect(info.maxVirtualDiskCapacity).toBe(68169720922112);
  });

  it('returns undefined for an absent returnval and arrays for array-returning methods', () => {
    const parent = loadCassette('pyvmomi/root_folder_parent.yaml').find((i) => i.response.body.includes('"urn:vim25"></FetchResponse>'))!;
    expect(call(parent)).toBeUndefined();
    const one = loadCassette('fog-vsphere/get_host.yml').find((i) => methodOf(i) === 'RetrieveProperties')!;
    expect(Array.isArray(call(one))).toBe(true);
  });

  it('decodes an empty ArrayOf as [] and keeps a trailing newline (vCenter 8.0.3 Fetch replies)', () => {
    const vm = loadCassette('pyvmomi/test_json_vm_explode_default.yaml');
    const empty = vm.find((i) => i.response.body.includes('<returnval xsi:type="ArrayOfCustomFieldValue"></returnval>'))!;
    expect(call(empty)).toEqual([]);
    const config = call(vm.find((i) => i.response.body.includes('<returnval xsi:type="VirtualMachineConfigInfo">'))!) as any;
    expect(config.annotation).toMatch(/\n$/);
    expect(config.hardware.device.length).toBeGreaterThan(1);
  });

  it('decodes missingSet NotAuthenticated (bare RetrievePropertiesResponse)', () => {
    const [oc] = decodeEnvelope(loadXml('govmomi/vim25/mo/fixtures/not_authenticated_fault.xml'), 'RetrieveProperties')
      .returnval as unknown[];
    const c = toObjectContent(oc);
    expect(c.props.defaultLocale).toBe('en');
    expect(c.props.messageLocaleList).toEqual(['ja', 'zh_CN', 'en', 'de', 'zh_TW', 'ko', 'fr']);
    expect(c.missing).toEqual([
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
      expect.objectContaining({ path: 'sessionList', faultName: 'NotAuthenticated' }),
    ]);
  });

  it('decodes govc re-serialized documents (`_XMLSchema-instance:type`)', () => {
    const ct = decodeDataDocument(
      loadXml('govmomi/cli/envbrowser/testdata/vgpus-and-sriov/config-target-HostSystem-ha-host.xml'),
    ) as Record<string, any>;
    expect(ct._type).toBe('ConfigTarget');
    expect(ct.network[0]).toMatchObject({ _type: 'VirtualMachineNetworkInfo', network: { _type: 'NetworkSummary' } });
    const pci = ct.pciPassthrough.find((p: any) => p._type === 'VirtualMachinePciPassthroughInfo');
    expect(pci.pciDevice.vendorId).toBe(-32634);
  });

  it('decodes dynamic esxcli types unknown to the schema best-effort', () => {
    const v = decodeDataDocument(loadXml('govmomi/cli/esx/fixtures/network_vm_list.xml')) as any[];
    expect(v).toEqual([
      { _type: 'VimEsxCLInetworkvmlistVM', Name: 'foo', Networks: ['VM Network', 'dougm'], NumPorts: '2', WorldID: '98842' },
      { _type: 'VimEsxCLInetworkvmlistVM', Name: 'bar', Networks: 'VM Network', NumPorts: '1', WorldID: '236235' },
    ]);
  });
});

describe('SOAP faults', () => {
  it('InvalidRequest from ESXi, multi-line faultstring', () => {
    const e = catchError(() => decodeEnvelope(loadXml('govmomi/govc/host/esxcli/fixtures/method_name_fault.xml'), 'X'));
    expect(e).toBeInstanceOf(VimFault);
    const f = e as VimFault;
    expect(f.faultName).toBe('InvalidRequest');
    expect(f.faultString).toMatch(/^Unable to resolve WSDL method name VimEsxCLIvmnetworklist .*\n\nwhile parsing SOAP body\n/s);
    expect(f.method).toBe('X');
    expect(f.message).toBe('InvalidRequest: Unable to resolve WSDL method name VimEsxCLIvmnetworklist for namespace name urn:vim25 (in X)');
  });

  it('an unknown fault type keeps its name, faultstring and fields (no urn:vim25 namespace)', () => {
    const i = loadCassette('pyvmomi-history/test_unknown_fault.yaml').at(-1)!;
    const f = catchError(() => decodeEnvelope(i.response.body, 'QueryAssignedLicenses')) as VimFault;
    expect(f).toBeInstanceOf(VimFault);
    expect(f.faultName).toBe('UnknownLicenseProblemFault');
    expect(f.faultString).toBe('');
    expect(f.detail).toMatchObject({ reason: 'unknownReason' });
  });

  it('InvalidLogin (synthetic, from the schema)', () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Cannot complete login due to an incorrect user name or password.</faultstring><detail><InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"></InvalidLoginFault></detail></soapenv:Fault>',
    );
    const f = catchError(() => decodeEnvelope(xml, 'Login')) as VimFault;
    expect(f.faultName).toBe('InvalidLogin');
    expect(f.faultString).toBe('Cannot complete login due to an incorrect user name or password.');
    expect(f.method).toBe('Login');
  });

  it('NoPermission with privilegeId and object (synthetic, from the schema)', () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Permission to perform this operation was denied.</faultstring><detail><NoPermissionFault xmlns="urn:vim25" xsi:type="NoPermission"><object type="Folder">group-d1</object><privilegeId>System.Read</privilegeId></NoPermissionFault></detail></soapenv:Fault>',
    );
    const f = catchError(() => decodeEnvelope(xml, 'RetrievePropertiesEx')) as VimFault;
    expect(f.faultName).toBe('NoPermission');
    expect(f.privilegeId).toBe('System.Read');
    expect(f.detail.object).toEqual({ _type: 'ManagedObjectReference', type: 'Folder', value: 'group-d1' });
  });

  it('a detail element without xsi:type is named by its element', () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>A specified parameter was not correct: spec</faultstring><detail><InvalidArgumentFault xmlns="urn:vim25"><invalidProperty>spec</invalidProperty></InvalidArgumentFault></detail></soapenv:Fault>',
    );
    const f = catchError(() => decodeEnvelope(xml)) as VimFault;
    expect(f.faultName).toBe('InvalidArgument');
    expect(f.detail).toMatchObject({ _type: 'InvalidArgument', invalidProperty: 'spec' });
  });

  it('a fault without detail becomes SystemError keeping the faultcode', () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Malformed request</faultstring></soapenv:Fault>',
    );
    const f = catchError(() => decodeEnvelope(xml, 'Login')) as VimFault;
    expect(f.faultName).toBe('SystemError');
    expect(f.faultString).toBe('Malformed request');
    expect(f.detail).toEqual({ faultcode: 'soapenv:Client' });
  });
});

describe('malformed bodies', () => {
  const good = loadCassette('fog-vsphere/get_datacenter.yml')[0]!.response.body;
  const malformed = (xml: string) => {
    const e = catchError(() => decodeEnvelope(xml, 'RetrieveProperties'));
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).kind).toBe('malformed');
    expect((e as TransportError).message).not.toContain('\n');
    return e as TransportError;
  };

  it('rejects truncated, empty, HTML and non-SOAP bodies', () => {
    expect(() => decodeEnvelope(good)).not.toThrow();
    malformed(good.slice(0, Math.floor(good.length / 2)));
    malformed(good.slice(0, good.lastIndexOf('<')));
    malformed('');
    malformed('<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><br></body></html>');
    malformed('<html><body><p>Service Unavailable</p></body></html>');
    malformed('<namespaces version="1.0"><namespace><name>urn:vim25</name></namespace></namespaces>');
    malformed(envelope(''));
  });

  it('never expands DTD entities (billion laughs, external entity)', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n' +
      envelope(
        '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><about><name>&lol3;</name></about></returnval></RetrieveServiceContentResponse>',
      ).replace(/^<\?xml[^>]*>\n/, '');
    expect(malformed(laughs).message).not.toContain('lollol');
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
      envelope(
        '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><about><name>&xxe;</name></about></returnval></RetrieveServiceContentResponse>',
      ).replace(/^<\?xml[^>]*>\n/, '');
    expect(malformed(xxe).message).not.toContain('root:');
    // an entity that no DTD declares is an error too, not passed through
    malformed(envelope('<CurrentTimeResponse xmlns="urn:vim25"><returnval>&xxe;</returnval></CurrentTimeResponse>'));
  });
});

describe('scalars and wire forms', () => {
  // Synthetic (built from the vim25 schema; values from govmomi's simulator host captures, NOTES 20/22).
  const hardware = (xsiAttr: (t: string) => string, declare: string) =>
    envelope(
      `<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="HostSystem">host-21</obj>` +
        `<propSet><name>hardware</name><val ${declare}${xsiAttr('HostHardwareInfo')}>` +
        `<systemInfo><vendor>VMware, Inc.</vendor><model>VMware Virtual Platform</model><uuid>e88d4d56-9f1e-3ea1-71fa-13a8e1a7fd70</uuid>` +
        `<otherIdentifyingInfo><identifierValue> No Asset Tag</identifierValue><identifierType><label>Asset Tag</label><summary>Asset tag of the system</summary><key>AssetTag</key></identifierType></otherIdentifyingInfo></systemInfo>` +
        `<cpuInfo><numCpuPackages>1</numCpuPackages><numCpuCores>2</numCpuCores><numCpuThreads>2</numCpuThreads><hz>3591345000</hz></cpuInfo>` +
        `<cpuPkg><index>0</index><vendor>intel</vendor><hz>3591345000</hz><busHz>115849838</busHz><description>Intel(R) Xeon(R) CPU E5-1620 0 @ 3.60GHz &lt;&quot;ES&quot;&gt; &#34;x&#34;</description><threadId>0</threadId><threadId>1</threadId><family>6</family><model>45</model><stepping>7</stepping></cpuPkg>` +
        `<memorySize>4294430720</memorySize>` +
        `<cpuFeature><level>-2147483648</level><vendor>intel</vendor><eax>0000:0000:0000:0000:0000:0000:0000:1101</eax></cpuFeature>` +
        `<pciDevice><id>0000:00:00.0</id><classId>1536</classId><bus>0</bus><slot>0</slot><function>0</function><vendorId>-32634</vendorId><subVendorId>5549</subVendorId><vendorName>Intel Corporation</vendorName><deviceId>29072</deviceId><subDeviceId>6518</subDeviceId><deviceName>Virtual Machine Chipset</deviceName></pciDevice>` +
        `</val></propSet></objects></returnval></RetrievePropertiesExResponse>`,
    );
  const vcenter = hardware((t) => `xsi:type="${t}"`, '');
  const vcsim = hardware((t) => `XMLSchema-instance:type="${t}"`, 'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" ');

  it('decodes numbers, one-element arrays, blanks and entities', () => {
    const rr = decodeEnvelope(vcenter, 'RetrievePropertiesEx').returnval as Record<string, any>;
    expect(rr._type).toBe('RetrieveResult');
    const hw = toObjectContent(rr.objects[0]).props.hardware as Record<string, any>;
    expect(hw._type).toBe('HostHardwareInfo');
    expect(hw.cpuPkg).toHaveLength(1); // one package: still an array
    expect(hw.cpuPkg[0]).toMatchObject({ index: 0, family: 6, model: 45, stepping: 7, threadId: [0, 1], busHz: 115849838 });
    expect(hw.cpuPkg[0].description).toBe('Intel(R) Xeon(R) CPU E5-1620 0 @ 3.60GHz <"ES"> "x"');
    expect(hw.cpuFeature).toEqual([
      { _type: 'HostCpuIdInfo', level: -2147483648, vendor: 'intel', eax: '0000:0000:0000:0000:0000:0000:0000:1101' },
    ]);
    expect(hw.pciDevice[0].vendorId).toBe(-32634);
    expect(hw.memorySize).toBe(4294430720);
    expect(hw.systemInfo.otherIdentifyingInfo[0].identifierValue).toBe(' No Asset Tag');
    expect(hw.cpuInfo).toEqual({ _type: 'HostCpuInfo', numCpuPackages: 1, numCpuCores: 2, numCpuThreads: 2, hz: 3591345000 });
  });

  it("vcsim's `XMLSchema-instance:type` decodes identically to xsi:type", () => {
    expect(decodeEnvelope(vcsim, 'RetrievePropertiesEx')).toEqual(decodeEnvelope(vcenter, 'RetrievePropertiesEx'));
  });

  it('a VM with a single device still gets a device array (VirtualHardware.device is repeated)', () => {
    const xml = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="VirtualMachine">vm-1</obj>' +
        '<propSet><name>config.hardware</name><val xsi:type="VirtualHardware"><numCPU>1</numCPU><numCoresPerSocket>1</numCoresPerSocket><memoryMB>512</memoryMB>' +
        '<device xsi:type="VirtualDisk"><key>2000</key><deviceInfo><label>Hard disk 1</label><summary>1,024 KB</summary></deviceInfo><controllerKey>1000</controllerKey><unitNumber>0</unitNumber><capacityInKB>1024</capacityInKB></device>' +
        '</val></propSet></objects></returnval></RetrievePropertiesExResponse>',
    );
    const rr = decodeEnvelope(xml, 'RetrievePropertiesEx').returnval as Record<string, any>;
    const hw = toObjectContent(rr.objects[0]).props['config.hardware'] as Record<string, any>;
    expect(hw.device).toEqual([
      {
        _type: 'VirtualDisk',
        key: 2000,
        deviceInfo: { _type: 'Description', label: 'Hard disk 1', summary: '1,024 KB' },
        controllerKey: 1000,
        unitNumber: 0,
        capacityInKB: 1024,
      },
    ]);
    expect(rr.objects).toHaveLength(1); // RetrieveResult.objects is repeated too
  });

  it('keeps trailing blanks and newlines in strings', () => {
    const xml = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="HostSystem">host-21</obj>' +
        '<propSet><name>config.storageDevice.scsiLun</name><val xsi:type="ArrayOfScsiLun"><ScsiLun xsi:type="HostScsiDisk">' +
        '<deviceName>/vmfs/devices/disks/mpx.vmhba0:C0:T0:L0</deviceName><deviceType>disk</deviceType><key>key-vim.host.ScsiDisk-0000</key><uuid>0000</uuid>' +
        '<canonicalName>mpx.vmhba0:C0:T0:L0</canonicalName><lunType>disk</lunType><vendor>VMware  </vendor><model>Virtual disk    </model><revision>1.0 </revision>' +
        '<operationalState>ok</operationalState><standardInquiry>0</standardInquiry><standardInquiry>-128</standardInquiry></ScsiLun></val></propSet>' +
        '<propSet><name>summary.config.name</name><val xsi:type="xsd:string">line 1\nline 2\n</val></propSet>' +
        '</objects></returnval></RetrievePropertiesExResponse>',
    );
    const rr = decodeEnvelope(xml, 'RetrievePropertiesEx').returnval as Record<string, any>;
    const props = toObjectContent(rr.objects[0]).props as Record<string, any>;
    expect(props['config.storageDevice.scsiLun'][0]).toMatchObject({
      _type: 'HostScsiDisk',
      vendor: 'VMware  ',
      model: 'Virtual disk    ',
      revision: '1.0 ',
      operationalState: ['ok'],
      standardInquiry: [0, -128],
    });
    expect(props['summary.config.name']).toBe('line 1\nline 2\n');
  });

  it('types returnval by the method when it carries no xsi:type', () => {
    const xml = envelope(
      '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder type="Folder">group-d1</rootFolder>' +
        '<propertyCollector type="PropertyCollector">propertyCollector</propertyCollector>' +
        '<about><name>VMware vCenter Server</name><fullName>VMware vCenter Server 8.0.3 build-24022515</fullName><vendor>VMware, Inc.</vendor>' +
        '<version>8.0.3</version><build>24022515</build><apiType>VirtualCenter</apiType><apiVersion>8.0.3.0</apiVersion></about>' +
        '</returnval></RetrieveServiceContentResponse>',
    );
    const sc = decodeEnvelope(xml).returnval as Record<string, any>;
    expect(sc._type).toBe('ServiceContent');
    expect(sc.rootFolder).toEqual({ _type: 'ManagedObjectReference', type: 'Folder', value: 'group-d1' });
    expect(sc.about).toMatchObject({ _type: 'AboutInfo', apiType: 'VirtualCenter', version: '8.0.3', build: '24022515' });
    const time = envelope(
      '<CurrentTimeResponse xmlns="urn:vim25"><returnval>2026-11-28T06:00:00.123456Z</returnval></CurrentTimeResponse>',
    );
    expect(decodeEnvelope(time, 'CurrentTime').returnval).toBe('2026-11-28T06:00:00.123456Z');
    const ft = envelope(
      '<QueryFaultToleranceCompatibilityExResponse xmlns="urn:vim25"><returnval><fault xsi:type="FaultToleranceNotLicensed"><hostName>esx-1</hostName></fault><localizedMessage>FT is not licensed</localizedMessage></returnval></QueryFaultToleranceCompatibilityExResponse>',
    );
    expect(decodeEnvelope(ft, 'QueryFaultToleranceCompatibilityEx').returnval).toEqual([
      {
        _type: 'LocalizedMethodFault',
        fault: { _type: 'FaultToleranceNotLicensed', hostName: 'esx-1' },
        localizedMessage: 'FT is not licensed',
      },
    ]);
  });
});
