// Network / DistributedVirtualPortgroup / OpaqueNetwork ObjectContent -> model Network. The DVPG's switch
// uuid comes from its DistributedVirtualSwitch (config.distributedVirtualSwitch), resolved by collect.ts.

import type { ObjectContent } from '../vsphere/api.js';
import { decoded, reader, subReader } from './fields/field.js';
import { DVPG_FIELDS as D, NETWORK_FIELDS as N, OPAQUE_NETWORK_FIELDS as O } from './fields/network.js';
import type { Network } from './model.js';
import { moid, str } from './values.js';

export interface NormalizedNetwork {
  network: Network;
  dvsMoid?: string; // DVPG: config.distributedVirtualSwitch, for the uuid lookup
}

export function normalizeNetwork(oc: ObjectContent): NormalizedNetwork {
  const read = reader(oc.props); // every read through the field tables (fields/network.ts)
  const base = { moid: oc.obj.value, name: str(read(N.name)) ?? oc.obj.value };
  switch (oc.obj.type) {
    case 'DistributedVirtualPortgroup': {
      const dvsMoid = moid(read(D.dvs));
      return {
        network: {
          ...base,
          kind: 'distributed',
          ...decoded(read, D.backingType, D.portgroupKey, D.uplink),
        },
        ...(dvsMoid ? { dvsMoid } : {}),
      };
    }
    case 'OpaqueNetwork': {
      return { network: { ...base, kind: 'opaque', ...decoded(subReader(read(O.summary)), O.summary.sub.opaqueNetworkType) } };
    }
    default:
      return { network: { ...base, kind: 'standard' } };
  }
}
