// Network / DistributedVirtualPortgroup / OpaqueNetwork ObjectContent -> model Network. The DVPG's switch
// uuid comes from its DistributedVirtualSwitch (config.distributedVirtualSwitch), resolved by collect.ts.

import type { ObjectContent } from '../vsphere/api.js';
import type { Network } from './model.js';
import { bool, moid, prop, str } from './values.js';

export interface NormalizedNetwork {
  network: Network;
  dvsMoid?: string; // DVPG: config.distributedVirtualSwitch, for the uuid lookup
}

export function normalizeNetwork(oc: ObjectContent): NormalizedNetwork {
  const g = (path: string): unknown => prop(oc.props, path);
  const base = { moid: oc.obj.value, name: str(g('name')) ?? oc.obj.value };
  switch (oc.obj.type) {
    case 'DistributedVirtualPortgroup': {
      const portgroupKey = str(g('config.key'));
      const backingType = str(g('config.backingType'));
      const uplink = bool(g('config.uplink'));
      const dvsMoid = moid(g('config.distributedVirtualSwitch'));
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
      const opaqueNetworkType = str(g('summary.opaqueNetworkType'));
      return { network: { ...base, kind: 'opaque', ...(opaqueNetworkType !== undefined ? { opaqueNetworkType } : {}) } };
    }
    default:
      return { network: { ...base, kind: 'standard' } };
  }
}
