// Each VM's causes as the policy stage found them while deciding result.causes, for the renderers
// (src/report/causes.ts): the same lists they would rebuild by looking up every VM's finding ids (0.3 s at 45,000
// VMs). Kept beside the result, never in it (not part of the report): valid only for the VM list they were made for.
import type { Cause, Causes, VmResult } from './types.js';

export interface VmCauses {
  vms: readonly VmResult[]; // the evaluation's VM list the map was made for
  byVm: Map<VmResult, Cause[]>;
}

export const vmCauses = new WeakMap<Causes, VmCauses>();
