// HostSystem ObjectContent -> model Host: product, CPU, FT capability, vmknics with their services and uplinks.

import type { ObjectContent } from '../vsphere/api.js';
import { decoded, readSub, reader, subReader } from './fields/field.js';
import { HOST_FIELDS as F } from './fields/host.js';
import type { CpuPackage, CpuVendor, Host, HostFtCapability, PhysicalNic, Vmknic } from './model.js';
import { arr, bool, get, moid, moType, num, obj, str, strs, type Obj, unreadableOf } from './values.js';

export function cpuVendor(v: string | undefined): CpuVendor {
  const s = (v ?? '').toLowerCase();
  if (s.includes('intel')) return 'intel';
  if (s.includes('amd')) return 'amd';
  return 'other';
}

function capabilityOf(cap: Obj | undefined): HostFtCapability {
  if (!cap) return {};
  const out: HostFtCapability = {};
  const bools = [
    'ftSupported',
    'recordReplaySupported',
    'smpFtSupported',
    'ftEfiSupported',
    'ftVmcpSupported',
    'encryptionFaultToleranceSupported',
    'encryptedFtSupported',
  ] as const;
  for (const k of bools) {
    const b = bool(cap[k]);
    if (b !== undefined) out[k] = b;
  }
  const reason = str(cap.replayUnsupportedReason);
  if (reason !== undefined) out.replayUnsupportedReason = reason;
  for (const k of ['replayCompatibilityIssues', 'ftCompatibilityIssues', 'smpFtCompatibilityIssues'] as const) {
    if (cap[k] !== undefined) out[k] = strs(cap[k]);
  }
  // An empty repeated field is absent on the wire: a host that publishes smpFtSupported (both 6.0)
  // and no issues has none.
  if (out.smpFtSupported !== undefined && out.smpFtCompatibilityIssues === undefined) out.smpFtCompatibilityIssues = [];
  const vcpus = num(cap.maxVcpusPerFtVm);
  if (vcpus !== undefined) out.maxVcpusPerFtVm = vcpus;
  const mem = num(cap.maxMemMBPerFtVm);
  if (mem !== undefined) out.maxMemMBPerFtVm = mem;
  return out;
}

function cpuPackages(v: unknown): CpuPackage[] {
  return arr(v).flatMap((item, i): CpuPackage[] => {
    const p = obj(item);
    if (!p) return [];
    const pkg: CpuPackage = {
      index: num(p.index) ?? i,
      vendor: cpuVendor(str(p.vendor)),
      description: str(p.description) ?? '',
    };
    for (const k of ['hz', 'family', 'model', 'stepping'] as const) {
      const n = num(p[k]);
      if (n !== undefined) pkg[k] = n;
    }
    return [pkg];
  });
}

function physicalNics(v: unknown): PhysicalNic[] {
  return arr(v).flatMap((item): PhysicalNic[] => {
    const p = obj(item);
    if (!p) return [];
    // linkSpeed unset = link down (PhysicalNic.linkSpeed docs)
    return [{ key: str(p.key) ?? '', device: str(p.device) ?? '', speedMb: num(get(p, 'linkSpeed.speedMb')) ?? null }];
  });
}

// netConfig[].selectedVnic entries are "<nicType>.<vnic key>" (faultToleranceLogging.key-vim.host.VirtualNic-vmk1);
// a bare vnic key is accepted too.
export function servicesByVnic(netConfig: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of arr(netConfig)) {
    const nc = obj(item);
    const nicType = str(nc?.nicType);
    if (!nc || !nicType) continue;
    for (const sel of strs(nc.selectedVnic)) {
      const key: string = sel.startsWith(nicType + '.') ? sel.slice(nicType.length + 1) : sel;
      const list: string[] = out.get(key) ?? [];
      if (!list.includes(nicType)) list.push(nicType);
      out.set(key, list);
    }
  }
  return out;
}

function nicOrder(policy: unknown): string[] | undefined {
  const order = obj(get(policy, 'nicTeaming.nicOrder'));
  if (!order) return undefined;
  return [...strs(order.activeNic), ...strs(order.standbyNic)];
}

interface NetworkTables {
  pnicByKey: Map<string, PhysicalNic>;
  pnicByDevice: Map<string, PhysicalNic>;
  portgroups: Map<string, Obj>; // by port group name
  vswitches: Map<string, Obj>; // by vSwitch name
  proxySwitches: Map<string, Obj>; // by dvsUuid
}

// Standard switch: the port group's effective teaming order (computedPolicy, else its own override, else
// the vSwitch's), else every pnic bound to the vSwitch. Distributed: the host proxy switch's pnics.
function uplinksOf(vnic: Obj, t: NetworkTables): { uplinks: PhysicalNic[]; vswitch?: string } {
  const pgName = str(vnic.portgroup) ?? str(get(vnic, 'spec.portgroup'));
  const dvsUuid = str(get(vnic, 'spec.distributedVirtualPort.switchUuid'));
  if (dvsUuid) {
    const proxy = t.proxySwitches.get(dvsUuid);
    return { uplinks: strs(proxy?.pnic).flatMap((k) => t.pnicByKey.get(k) ?? []) };
  }
  if (!pgName) return { uplinks: [] };
  const pg = t.portgroups.get(pgName);
  const vswitchName = str(get(pg, 'spec.vswitchName'));
  const vs = vswitchName ? t.vswitches.get(vswitchName) : undefined;
  const order = nicOrder(get(pg, 'computedPolicy')) ?? nicOrder(get(pg, 'spec.policy')) ?? nicOrder(get(vs, 'spec.policy'));
  const uplinks = order ? order.flatMap((dev) => t.pnicByDevice.get(dev) ?? []) : strs(vs?.pnic).flatMap((k) => t.pnicByKey.get(k) ?? []);
  return { uplinks, ...(vswitchName ? { vswitch: vswitchName } : {}) };
}

function vmknicsOf(props: Record<string, unknown>, pnics: PhysicalNic[]): Vmknic[] {
  const t: NetworkTables = {
    pnicByKey: new Map(pnics.map((p) => [p.key, p])),
    pnicByDevice: new Map(pnics.map((p) => [p.device, p])),
    portgroups: new Map(),
    vswitches: new Map(),
    proxySwitches: new Map(),
  };
  const read = reader(props);
  for (const pg of arr(read(F.portgroup)).map(obj)) {
    const name = str(get(pg, 'spec.name'));
    if (pg && name) t.portgroups.set(name, pg);
  }
  for (const vs of arr(read(F.vswitch)).map(obj)) {
    const name = str(vs?.name);
    if (vs && name) t.vswitches.set(name, vs);
  }
  for (const ps of arr(read(F.proxySwitch)).map(obj)) {
    const uuid = str(ps?.dvsUuid);
    if (ps && uuid) t.proxySwitches.set(uuid, ps);
  }
  const services = servicesByVnic(read(F.netConfig));
  return arr(read(F.vnic)).flatMap((item): Vmknic[] => {
    const v = obj(item);
    if (!v) return [];
    const key = str(v.key) ?? '';
    const device = str(v.device) ?? '';
    const portgroup = str(v.portgroup) || undefined;
    const dvsUuid = str(get(v, 'spec.distributedVirtualPort.switchUuid'));
    const dvPortgroupKey = str(get(v, 'spec.distributedVirtualPort.portgroupKey'));
    const ipv4 = str(get(v, 'spec.ip.ipAddress')) || undefined;
    const ipv6 = arr(get(v, 'spec.ip.ipV6Config.ipV6Address')).length > 0;
    const { uplinks, vswitch } = uplinksOf(v, t);
    return [
      {
        key,
        device,
        ...(portgroup ? { portgroup } : {}),
        ...(vswitch ? { vswitch } : {}),
        ...(dvsUuid ? { dvsUuid } : {}),
        ...(dvPortgroupKey ? { dvPortgroupKey } : {}),
        ...(ipv4 ? { ipv4 } : {}),
        ipv6Only: !ipv4 && ipv6,
        // selectedVnic may name the vnic by key or (older hosts) by device
        services: services.get(key) ?? services.get(device) ?? [],
        uplinks,
      },
    ];
  });
}

// Every read goes through the field table (fields/host.ts): its path, and its default for an absent value.
export function normalizeHost(oc: ObjectContent): Host {
  const props = oc.props;
  const read = reader(props);
  const parent = read(F.parent);
  const clusterMoid = moType(parent) === 'ClusterComputeResource' ? moid(parent) : undefined;
  const product = read(F.product);
  const P = F.product.sub;
  const ftFeature = arr(read(F.featureVersion))
    .map(obj)
    .find((f) => str(f?.key) === 'faultTolerance');
  const ftFeatureVersion = str(ftFeature?.value);
  const packages = cpuPackages(read(F.cpuPkg));
  const cpuInfo = read(F.cpuInfo);
  const C = F.cpuInfo.sub;
  const ht = read(F.hyperThread);
  const H = F.hyperThread.sub;
  const policy = obj(read(F.powerPolicy));
  const dasHostState = str(get(read(F.dasHostState), 'state'));
  const currentModeKey = str(read(F.evcCurrent));
  const maxModeKey = str(read(F.evcMax));
  const pnics = physicalNics(read(F.pnic));
  return {
    moid: oc.obj.value,
    name: str(read(F.name)) ?? oc.obj.value,
    ...(clusterMoid ? { clusterMoid } : {}),
    ...decoded(read, F.connectionState, F.powerState, F.inMaintenanceMode),
    ...(dasHostState ? { dasHostState } : {}),
    product: decoded(subReader(product), P.productName, P.fullName, P.version, P.build, P.apiVersion),
    ...(ftFeatureVersion !== undefined ? { ftFeatureVersion } : {}),
    cpu: {
      model: str(read(F.cpuModel)) ?? packages[0]?.description ?? '',
      vendor: packages[0]?.vendor ?? 'other',
      packages,
      numPackages: num(readSub(cpuInfo, C.numPackages)) ?? packages.length,
      ...decoded(subReader(cpuInfo), C.numCores, C.numThreads, C.hz),
    },
    evc: { ...(currentModeKey ? { currentModeKey } : {}), ...(maxModeKey ? { maxModeKey } : {}) },
    capability: capabilityOf(obj(read(F.capability))),
    hyperThreading: decoded(subReader(ht), H.htAvailable, H.htActive),
    ...(policy ? { powerPolicy: { key: num(policy.key) ?? 0, shortName: str(policy.shortName) ?? '' } } : {}),
    ...decoded(read, F.vmotionEnabled, F.faultToleranceEnabled),
    pnics,
    vmknics: vmknicsOf(props, pnics),
    ...decoded(read, F.datastores, F.networks, F.memorySize),
    unreadable: unreadableOf(oc),
  };
}
