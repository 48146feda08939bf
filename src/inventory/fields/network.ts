// Network (base type) and its subtypes DistributedVirtualPortgroup and OpaqueNetwork: every property the
// inventory reads, once (see field.ts). Row order is the request order; subtype rows add to the base rows.
import { field, sub } from './field.js';

export const NETWORK_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }),
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
};

export const DVPG_FIELDS = {
  portgroupKey: field('4.0', 'config.key', { model: 'portgroupKey' }),
  dvs: field('4.0', 'config.distributedVirtualSwitch'), // link: the switch whose uuid collect.ts resolves
  uplink: field('6.5', 'config.uplink', { model: 'uplink' }),
  backingType: field('7.0', 'config.backingType', { model: 'backingType' }),
};

// OpaqueNetwork.summary is OpaqueNetworkSummary (a subtype of NetworkSummary), read whole.
export const OPAQUE_NETWORK_FIELDS = {
  summary: field('5.5', 'summary', { sub: { opaqueNetworkType: sub('opaqueNetworkType', { model: 'opaqueNetworkType' }) } }),
};
