// Generates src/vsphere/vim-types.json, the vim25 type table both decoders and the mock serializer use,
// from Debian's govmomi 0.24.2 Go source (golang-github-vmware-govmomi-dev, Apache-2.0):
//   vim25/types/types.go  data types, their base (Go embedding) and fields (xml tag = element name)
//   vim25/types/enum.go   enum type names
//   vim25/mo/mo.go        managed object properties (static type of a property-collector path)
//   `type M MRequestType` + `MResponse`  method return types
// then applies OVERLAY (fields newer than 0.24.2 that ftscan reads).
//
//   npx tsx scripts/gen-vim-types.ts [govmomiDir] [outFile]
//
// Output (compact, deterministic; type names sorted, fields in schema order so a serializer can follow it):
//   { types:   { Name: { b?: Base /* omitted when DynamicData */, f?: { field: "vimType" | "vimType[]" } } },
//     managed: { Name: { b?: Base, f?: {...} } },
//     methods: { Method: "returnType" | "returnType[]" | "" /* void */ },
//     enums:   [Name...] }
// "[]" marks a repeated element (maxOccurs unbounded): always an array once decoded.
// vim types are the local part of the xsi:type: string boolean int long short byte float double dateTime
// anyType base64Binary ManagedObjectReference, an enum name or a data type name. ArrayOfX types are not stored:
// typing.ts derives them (ArrayOfX -> items of X; checked below).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOVMOMI = process.argv[2] ?? '/usr/share/gocode/src/github.com/vmware/govmomi';
const OUT = process.argv[3] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'vsphere', 'vim-types.json');

type Field = string; // "int", "VirtualDevice[]"
interface TypeDef {
  b?: string;
  f?: Record<string, Field>;
}

// Go `[]byte` is ambiguous: the WSDL has both repeated xsd:byte (HostConfigInfo.certificate arrives as
// thousands of <certificate>45</certificate>, NOTES item 12) and xsd:base64Binary. pyVmomi's type table
// (ServerObjects.py: "byte[]" vs "vmodl.Binary") tells them apart; these are the base64Binary ones.
const BASE64_FIELDS = new Set([
  'EntityBackupConfig.configBlob',
  'GuestRegValueBinarySpec.value',
  'VirtualMachineConfigInfo.vmxConfigChecksum',
  'HostConfigInfo.scriptCheckSum',
  'HostConfigInfo.hostConfigCheckSum',
  'HostConfigInfo.descriptionTreeCheckSum', // newer than pyVmomi 6.7: like its sibling checksums
  'HostSubSpecification.binaryData',
  'HostNvmeOpaqueTransportParameters.tsas', // a string in the vim25 JSON API (= base64Binary)
  'DownloadDescriptionTreeResponse.returnval',
]);

// Fields newer than govmomi 0.24.2 (vSphere 7.0U1 schema) that ftscan reads. Types from the vSphere
// API reference (HostCapability, VirtualMachineConfigInfo, HostCpuPackage pages).
const OVERLAY: Record<string, Record<string, Field>> = {
  HostCapability: {
    encryptedFtSupported: 'boolean', // 7.0.2.0
  },
  VirtualMachineConfigInfo: {
    ftEncryptionMode: 'string', // 7.0.2.0, values of VirtualMachineConfigSpecEncryptedFtModes
    pmemFailoverEnabled: 'boolean', // 7.0.2.0
  },
  HostCpuPackage: {
    family: 'short', // 8.0.3.0
    model: 'short',
    stepping: 'short',
  },
};
const OVERLAY_ENUMS = ['VirtualMachineConfigSpecEncryptedFtModes'];

// Every property path named in ft-requirements.md §2–3 that ftscan may read: the script fails when one
// of them does not resolve, so a missing field is noticed here rather than decoded as an untyped string.
const REQUIRED_FIELDS = [
  'HostCapability.ftSupported',
  'HostCapability.recordReplaySupported',
  'HostCapability.replayUnsupportedReason',
  'HostCapability.replayCompatibilityIssues',
  'HostCapability.ftCompatibilityIssues',
  'HostCapability.smpFtSupported',
  'HostCapability.smpFtCompatibilityIssues',
  'HostCapability.maxVcpusPerFtVm',
  'HostCapability.encryptionFaultToleranceSupported',
  'HostCapability.ftEfiSupported',
  'HostCapability.maxMemMBPerFtVm',
  'HostCapability.ftVmcpSupported',
  'HostCapability.encryptedFtSupported',
  'Capability.ftDrsWithoutEvcSupported',
  'HostConfigSummary.faultToleranceEnabled',
  'HostConfigSummary.featureVersion',
  'HostConfigInfo.featureVersion',
  'HostCpuPackage.description',
  'HostCpuPackage.family',
  'HostCpuPackage.model',
  'HostCpuPackage.stepping',
  'HostListSummary.maxEVCModeKey',
  'HostListSummary.currentEVCModeKey',
  'ClusterComputeResourceSummary.currentEVCModeKey',
  'HostVirtualNicManagerInfo.netConfig',
  'VirtualNicManagerNetConfig.selectedVnic',
  'PhysicalNicLinkInfo.speedMb',
  'HostPowerPolicy.shortName',
  'HostHyperThreadScheduleInfo.active',
  'HostCpuInfo.numCpuThreads',
  'ClusterDasConfigInfo.enabled',
  'ClusterDasConfigInfo.hostMonitoring',
  'ClusterDasConfigInfo.vmComponentProtecting',
  'ClusterDasVmSettings.vmComponentProtectionSettings',
  'ClusterConfigInfoEx.dasVmConfig',
  'ClusterConfigInfoEx.drsVmConfig',
  'DatastoreSummary.multipleHostAccess',
  'DatastoreHostMount.key',
  'VirtualMachineConfigInfo.ftEncryptionMode',
  'VirtualMachineConfigInfo.pmemFailoverEnabled',
  'VirtualMachineConfigInfo.nestedHVEnabled',
  'VirtualMachineConfigInfo.keyId',
  'VirtualMachineConfigInfo.managedBy',
  'VirtualMachineConfigInfo.vFlashCacheReservation',
  'VirtualMachineConfigInfo.firmware',
  'VirtualMachineConfigInfo.ftInfo',
  'VirtualMachineConfigInfo.cpuHotAddEnabled',
  'VirtualMachineConfigInfo.memoryHotAddEnabled',
  'VirtualMachineFlagInfo.vbsEnabled',
  'VirtualMachineFlagInfo.faultToleranceType',
  'VirtualMachineFlagInfo.virtualMmuUsage',
  'VirtualMachineConfigSummary.hwVersion',
  'VirtualMachineConfigSummary.tpmPresent',
  'VirtualMachineRuntimeInfo.faultToleranceState',
  'VirtualMachineCapability.recordReplaySupported',
  'VirtualMachineSnapshotInfo.rootSnapshotList',
  'VirtualDisk.nativeUnmanagedLinkedClone',
  'VirtualDisk.capacityInBytes',
  'VirtualDisk.vFlashCacheConfigInfo',
  'VirtualDisk.iofilter',
  'VirtualDiskFlatVer2BackingInfo.thinProvisioned',
  'VirtualDiskFlatVer2BackingInfo.eagerlyScrub',
  'VirtualDiskFlatVer2BackingInfo.parent',
  'VirtualDiskFlatVer2BackingInfo.keyId',
  'VirtualDiskFlatVer2BackingInfo.sharing',
  'VirtualDiskRawDiskMappingVer1BackingInfo.compatibilityMode',
  'VirtualSCSIController.sharedBus',
  'VirtualEthernetCardOpaqueNetworkBackingInfo.opaqueNetworkType',
  'DVPortgroupConfigInfo.backingType',
  'VirtualDiskVFlashCacheConfigInfo.reservationInMB',
  'NotSupportedDeviceForFT.deviceType',
  'VirtualMachine.config',
  'VirtualMachine.snapshot',
  'HostSystem.capability',
  'HostSystem.hardware',
  'ClusterComputeResource.configurationEx',
  'DistributedVirtualPortgroup.config',
  'Datastore.summary',
];
const REQUIRED_TYPES = [
  'VirtualTPM',
  'VirtualNVDIMM',
  'VirtualPCIPassthrough',
  'VirtualMachineVMIROM',
  'VirtualPCNet32',
  'VirtualVmxnet3',
  'ParaVirtualSCSIController',
  'VirtualDiskSeSparseBackingInfo',
  'VirtualDiskLocalPMemBackingInfo',
  'VirtualDiskSparseVer2BackingInfo',
  'FaultToleranceSecondaryConfigInfo',
];

const GO_SCALARS: Record<string, string> = {
  string: 'string',
  bool: 'boolean',
  int8: 'byte',
  byte: 'byte',
  int16: 'short',
  int32: 'int',
  int64: 'long',
  float32: 'float',
  float64: 'double',
  'time.Time': 'dateTime',
  AnyType: 'anyType',
  ManagedObjectReference: 'ManagedObjectReference',
};

// Item types of ArrayOfX that are XML Schema built-ins: ArrayOfString holds <string> items of xsd:string.
const XSD_ITEMS = new Set([
  'string',
  'boolean',
  'byte',
  'short',
  'int',
  'long',
  'float',
  'double',
  'dateTime',
  'anyURI',
  'base64Binary',
  'anyType',
]);

const read = (p: string) => readFileSync(join(GOVMOMI, p), 'utf8');

// `type Name struct {` ... `}` blocks (gofmt: the closing brace is alone at column 0).
function structs(src: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const re = /^type (\w+) struct \{\n([\s\S]*?)^\}/gm;
  for (const m of src.matchAll(re)) out.set(m[1]!, m[2]!.split('\n'));
  return out;
}

function mapGoType(goType: string, owner: string, field: string, isType: (n: string) => boolean): Field {
  let t = goType
    .replace(/^\*/, '')
    .replace(/^types\./, '')
    .replace(/\[\](\*)?types\./, '[]');
  if (t === '[][]byte') return 'base64Binary[]';
  if (t === '[]byte') return BASE64_FIELDS.has(`${owner}.${field}`) ? 'base64Binary' : 'byte[]';
  const array = t.startsWith('[]');
  if (array)
    t = t
      .slice(2)
      .replace(/^\*/, '')
      .replace(/^types\./, '');
  let vim = GO_SCALARS[t];
  if (!vim) {
    if (t.startsWith('Base') && isType(t.slice(4))) vim = t.slice(4);
    else if (isType(t)) vim = t;
    else throw new Error(`${owner}.${field}: unknown Go type ${goType}`);
  }
  return array ? `${vim}[]` : vim;
}

function parseFields(lines: string[], owner: string, tagKey: 'xml' | 'mo', isType: (n: string) => boolean): TypeDef {
  const def: TypeDef = {};
  const f: Record<string, Field> = {};
  for (const line of lines) {
    const emb = /^\t(?:types\.)?(\w+)$/.exec(line);
    if (emb) {
      if (emb[1] !== 'DynamicData') def.b = emb[1];
      continue;
    }
    const m = new RegExp(`^\\t(\\w+)\\s+(\\S+)\\s+\`${tagKey}:"([^"]*)"`).exec(line);
    if (!m) continue;
    const name = m[3]!.split(',')[0]!;
    if (!name || m[3]!.includes(',attr') || m[3]!.includes(',chardata')) continue;
    f[name] = mapGoType(m[2]!, owner, name, isType);
  }
  if (Object.keys(f).length) def.f = f;
  return def;
}

function sortObj<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]!]),
  );
}

function main(): void {
  const typesSrc = read('vim25/types/types.go');
  const enumSrc = read('vim25/types/enum.go');
  const moSrc = read('vim25/mo/mo.go');

  const enums = new Set([...enumSrc.matchAll(/^type (\w+) string$/gm)].map((m) => m[1]!));
  for (const e of OVERLAY_ENUMS) enums.add(e);
  // `type M XRequestType` names a method (M may differ from X: AbortCustomization_Task); its reply is MResponse.
  const methods = new Set([...typesSrc.matchAll(/^type (\w+) \w+RequestType$/gm)].map((m) => m[1]!));
  const all = structs(typesSrc);

  const isWrapper = (n: string) => n.endsWith('RequestType') || (n.endsWith('Response') && methods.has(n.slice(0, -'Response'.length)));
  const isData = (n: string) => all.has(n) && !isWrapper(n) && n !== 'ManagedObjectReference';
  const isType = (n: string) => isData(n) || enums.has(n) || n === 'ManagedObjectReference';

  const types: Record<string, TypeDef> = {};
  for (const [name, lines] of all) {
    if (!isData(name)) continue;
    if (name.startsWith('ArrayOf')) {
      // Check the derivation rule typing.ts relies on: ArrayOfX holds one repeated field of type X (element
      // names vary and do not matter: every child of an ArrayOfX is an item). ArrayOfUri holds strings: the
      // unknown item type "Uri" decodes as text, which is the same.
      const def = parseFields(lines, name, 'xml', isType);
      const itemTypes = Object.values(def.f ?? {});
      const item = name.slice(7);
      const lower = item[0]!.toLowerCase() + item.slice(1);
      const expected = XSD_ITEMS.has(lower) ? (lower === 'anyURI' ? 'string' : lower) : item; // Go has no anyURI
      if (name !== 'ArrayOfUri' && (itemTypes.length !== 1 || itemTypes[0] !== `${expected}[]`)) {
        throw new Error(`${name} does not follow the ArrayOfX rule: ${JSON.stringify(def)}`);
      }
      continue;
    }
    types[name] = parseFields(lines, name, 'xml', isType);
  }

  const missingBase64 = [...BASE64_FIELDS].filter(
    (k) => !k.endsWith('Response.returnval') && !types[k.split('.')[0]!]?.f?.[k.split('.')[1]!],
  );
  if (missingBase64.length) throw new Error(`BASE64_FIELDS not found: ${missingBase64.join(', ')}`);

  for (const [t, fields] of Object.entries(OVERLAY)) {
    const def = types[t];
    if (!def) throw new Error(`overlay: unknown type ${t}`);
    for (const [k, v] of Object.entries(fields)) {
      if (def.f?.[k]) throw new Error(`overlay: ${t}.${k} already in govmomi, drop it from OVERLAY`);
      def.f = { ...def.f, [k]: v };
    }
  }

  const managed: Record<string, TypeDef> = {};
  for (const [name, lines] of structs(moSrc)) {
    if (!lines.some((l) => /`mo:"/.test(l)) && !/^\t\w+$/.test(lines[0] ?? '')) continue;
    const def = parseFields(lines, name, 'mo', isType);
    if (def.b || def.f) managed[name] = def;
  }

  const methodTable: Record<string, Field> = {};
  for (const m of methods) {
    const res = all.get(`${m}Response`);
    if (!res) continue;
    const def = parseFields(res, `${m}Response`, 'xml', isType);
    methodTable[m] = def.f?.returnval ?? '';
  }

  const lookup = (t: string, f: string): Field | undefined => {
    for (let cur: string | undefined = t; cur; ) {
      const def: TypeDef | undefined = types[cur] ?? managed[cur];
      if (!def) return undefined;
      if (def.f?.[f]) return def.f[f];
      cur = def.b;
    }
    return undefined;
  };
  const missing = REQUIRED_FIELDS.filter((p) => !lookup(p.split('.')[0]!, p.split('.')[1]!));
  const missingTypes = REQUIRED_TYPES.filter((t) => !types[t]);
  if (missing.length || missingTypes.length) {
    throw new Error(`not in the table (add to OVERLAY): ${[...missing, ...missingTypes].join(', ')}`);
  }

  const out = {
    source: 'govmomi 0.24.2 (Debian golang-github-vmware-govmomi-dev) + scripts/gen-vim-types.ts OVERLAY',
    types: sortObj(types),
    managed: sortObj(managed),
    methods: sortObj(methodTable),
    enums: [...enums].sort(),
  };
  const json = JSON.stringify(out) + '\n';
  writeFileSync(OUT, json);
  console.log(
    `${OUT}: ${json.length} bytes, ${Object.keys(types).length} data types, ${Object.keys(managed).length} managed, ` +
      `${Object.keys(methodTable).length} methods, ${enums.size} enums`,
  );
}

main();
