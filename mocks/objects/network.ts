// Networks: standard port groups (Network), distributed port groups with their switch (created on first use,
// VmwareDistributedVirtualSwitch), NSX opaque networks; each linked to its datacenter and hosts.
import type { DatacenterRef, DvPortgroupOptions, NetworkOptions, NetworkRef, OpaqueNetworkOptions } from '../builder-types.js';
import { type MockObject, type MoRefValue, moref } from '../estate.js';
import { type BuildContext, type DvSwitch, d } from './context.js';

export function buildNetwork(b: BuildContext, o: NetworkOptions): NetworkRef {
  const dc = b.dc(o.datacenter);
  const moid = b.nextId('network-');
  const obj = b.add('Network', moid, moref('Folder', dc.networkFolder), {
    name: o.name,
    summary: d('NetworkSummary', { network: moref('Network', moid), name: o.name, accessible: true, ipPoolName: '' }),
    host: [],
    vm: [],
  });
  return addNetwork(b, dc, obj, o, { kind: 'standard' });
}

function addNetwork(
  b: BuildContext,
  dc: DatacenterRef,
  obj: MockObject,
  o: NetworkOptions,
  extra: Partial<NetworkRef> & { kind: NetworkRef['kind'] },
): NetworkRef {
  (dc.obj.props.network as MoRefValue[]).push(moref(obj.type, obj.moid));
  const r: NetworkRef = {
    moid: obj.moid,
    name: o.name,
    ref: moref(obj.type, obj.moid),
    obj,
    datacenter: dc,
    hosts: [],
    vms: [],
    ...extra,
  };
  b.networks.push(r);
  for (const h of o.hosts ?? []) b.attachNetwork(b.ref(b.hosts, h, 'host')!, r);
  return r;
}

export function dvSwitch(b: BuildContext, name: string, dc: DatacenterRef): DvSwitch {
  let s = b.dvSwitches.get(name);
  if (s) return s;
  const moid = b.nextId('dvs-');
  const h = b.rng.hex(32);
  const uuid = h
    .match(/../g)!
    .join(' ')
    .replace(/^((?:.. ){7}..) /, '$1-');
  s = { moid, uuid, name, dc, portgroups: [] };
  b.dvSwitches.set(name, s);
  b.add('VmwareDistributedVirtualSwitch', moid, moref('Folder', dc.networkFolder), {
    name,
    uuid,
    portgroup: [],
    summary: d('DVSSummary', {
      name,
      uuid,
      numPorts: 512,
      productInfo: d('DistributedVirtualSwitchProductSpec', { name: 'DVS', vendor: 'VMware, Inc.', version: '7.0.3', build: '19193900' }),
      hostMember: [],
      vm: [],
      host: [],
      portgroupName: [],
      description: '',
    }),
  });
  return s;
}

export function buildDvPortgroup(b: BuildContext, o: DvPortgroupOptions): NetworkRef {
  const dc = b.dc(o.datacenter);
  const sw = dvSwitch(b, o.switchName ?? 'DSwitch', dc);
  const moid = b.nextId('dvportgroup-');
  const obj = b.add('DistributedVirtualPortgroup', moid, moref('Folder', dc.networkFolder), {
    name: o.name,
    key: moid,
    summary: d('NetworkSummary', { network: moref('DistributedVirtualPortgroup', moid), name: o.name, accessible: true, ipPoolName: '' }),
    config: d('DVPortgroupConfigInfo', {
      key: moid,
      name: o.name,
      numPorts: 8,
      distributedVirtualSwitch: moref('VmwareDistributedVirtualSwitch', sw.moid),
      defaultPortConfig: d('VMwareDVSPortSetting', {
        vlan: d('VmwareDistributedVirtualSwitchVlanIdSpec', { inherited: false, vlanId: o.vlanId ?? 0 }),
      }),
      description: '',
      type: 'earlyBinding',
      ...(o.backingType ? { backingType: o.backingType } : { backingType: 'standard' }),
      policy: d('VMwareDVSPortgroupPolicy', {
        blockOverrideAllowed: true,
        shapingOverrideAllowed: false,
        vendorConfigOverrideAllowed: false,
        livePortMovingAllowed: false,
        portConfigResetAtDisconnect: true,
        vlanOverrideAllowed: false,
        uplinkTeamingOverrideAllowed: false,
        securityPolicyOverrideAllowed: false,
        ipfixOverrideAllowed: false,
      }),
      configVersion: '1',
      autoExpand: true,
      uplink: o.uplink ?? false,
      ...(o.backingType === 'nsx'
        ? {
            transportZoneUuid: b.rng.uuid(),
            transportZoneName: 'nsx-overlay-transportzone',
            logicalSwitchUuid: b.rng.uuid(),
            segmentId: `/infra/segments/${o.name}`,
          }
        : {}),
    }),
    portKeys: Array.from({ length: 8 }, (_, i) => String(i)),
    host: [],
    vm: [],
  });
  sw.portgroups.push(moid);
  (b.byMoid.get(sw.moid)!.props.portgroup as MoRefValue[]).push(moref('DistributedVirtualPortgroup', moid));
  return addNetwork(b, dc, obj, o, { kind: 'distributed', dvsUuid: sw.uuid, portgroupKey: moid });
}

export function buildOpaqueNetwork(b: BuildContext, o: OpaqueNetworkOptions): NetworkRef {
  const dc = b.dc(o.datacenter);
  const moid = b.nextId('network-o');
  const opaqueNetworkId = b.rng.uuid();
  const opaqueNetworkType = o.opaqueNetworkType ?? 'nsx.LogicalSwitch';
  const obj = b.add('OpaqueNetwork', moid, moref('Folder', dc.networkFolder), {
    name: o.name,
    summary: d('OpaqueNetworkSummary', {
      network: moref('OpaqueNetwork', moid),
      name: o.name,
      accessible: true,
      ipPoolName: '',
      opaqueNetworkId,
      opaqueNetworkType,
    }),
    host: [],
    vm: [],
  });
  return addNetwork(b, dc, obj, o, { kind: 'opaque', opaqueNetworkId, opaqueNetworkType });
}
