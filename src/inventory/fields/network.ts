// Network (base type) and its subtypes DistributedVirtualPortgroup and OpaqueNetwork: every property the
// inventory reads, once (see field.ts). Row order is the request order; subtype rows add to the base rows. The
// model does not import these tables (no *_PATHS), so they are checked against it here.
import type { Network } from '../model.js';
import { bool, str } from '../values.js';
import { field, type ModelTable, sub } from './field.js';

export const NETWORK_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }),
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
} satisfies ModelTable<Network>;

export const DVPG_FIELDS = {
  portgroupKey: field('4.0', 'config.key', { model: 'portgroupKey', as: str }),
  dvs: field('4.0', 'config.distributedVirtualSwitch'), // link: the switch whose uuid collect.ts resolves
  uplink: field('6.5', 'config.uplink', { model: 'uplink', as: bool }),
  backingType: field('7.0', 'config.backingType', { model: 'backingType', as: str }),
} satisfies ModelTable<Network>;

// OpaqueNetwork.summary is OpaqueNetworkSummary (a subtype of NetworkSummary), read whole.
export const OPAQUE_NETWORK_FIELDS = {
  summary: field('5.5', 'summary', { sub: { opaqueNetworkType: sub('opaqueNetworkType', { model: 'opaqueNetworkType', as: str }) } }),
} satisfies ModelTable<Network>;
