// Network / DistributedVirtualPortgroup / OpaqueNetwork ObjectContent -> model Network. The DVPG's switch
// uuid comes from its DistributedVirtualSwitch (config.distributedVirtualSwitch), resolved by collect.ts.

import type { ObjectContent } from '../vsphere/api.js';
import { readSub, reader } from './fields/field.js';
import { DVPG_FIELDS as D, NETWORK_FIELDS as N, OPAQUE_NETWORK_FIELDS as O } from './fields/network.js';
import type { Network } from './model.js';
import { bool, moid, str } from './values.js';

export interface NormalizedNetwork {
  network: Network;
  dvsMoid?: string; // DVPG: config.distributedVirtualSwitch, for the uuid lookup
}

export function normalizeNetwork(oc: ObjectContent): NormalizedNetwork {
  const read = reader(oc.props); // every read through the field tables (fields/network.ts)
  const base = { moid: oc.obj.value, name: str(read(N.name)) ?? oc.obj.value };
  switch (oc.obj.type) {
    case 'DistributedVirtualPortgroup': {
      const portgroupKey = str(read(D.portgroupKey));
      const backingType = str(read(D.backingType));
      const uplink = bool(read(D.uplink));
      const dvsMoid = moid(read(D.dvs));
      return {
        network: {
          ...base,
          kind: 'distributed',
          ...(backingType !== undefined ? { backingType } : {}),
          ...(portgroupKey !== undefined ? { portgroupKey } : {}),
          ...(uplink !== undefined ? { uplink } : {}),
        },
        ...(dvsMoid ? { dvsMoid } : {}),
      };
    }
    case 'OpaqueNetwork': {
      const opaqueNetworkType = str(readSub(read(O.summary), O.summary.sub.opaqueNetworkType));
      return { network: { ...base, kind: 'opaque', ...(opaqueNetworkType !== undefined ? { opaqueNetworkType } : {}) } };
    }
    default:
      return { network: { ...base, kind: 'standard' } };
  }
}
