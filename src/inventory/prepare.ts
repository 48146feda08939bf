// What the inventory keeps of a VM's ObjectContent, made where the page is decoded: on the decoding worker
// (CollectSpec.prepare, src/vsphere/decode-offload.ts), which then clones back this small normalized form instead
// of the decoded properties, or in collect.ts's Accumulator when the page was decoded in the main thread. One
// function either way, so both give the same inventory.
import { scrubSecrets } from '../util/redact.js';
import type { ObjectContent } from '../vsphere/api.js';
import type { Vm } from './model.js';
import { normalizeVm } from './normalize-vm.js';
import { moid, prop, str } from './values.js';

// Objects that only serve cross-references.
export interface Link {
  type: string;
  parent?: string;
  name?: string;
}

export function linkOf(oc: ObjectContent): Link {
  // A VM inside a vApp has no parent folder: its resource pool (the vApp) leads to the datacenter.
  const parent = moid(prop(oc.props, 'parent')) ?? moid(prop(oc.props, 'resourcePool'));
  const name = str(oc.props.name);
  return { type: oc.obj.type, ...(parent ? { parent } : {}), ...(name ? { name } : {}) };
}

export interface PreparedVm {
  vm: Vm;
  link: Link;
}

/** A VirtualMachine's model record and link; undefined for the other types (they come whole: few, and varied). */
export function prepare(oc: ObjectContent): PreparedVm | undefined {
  return oc.obj.type === 'VirtualMachine' ? { vm: normalizeVm(oc), link: linkOf(oc) } : undefined;
}

/**
 * A VM the decoding worker prepared. No secret is registered in that thread, so the server's text it kept (the
 * missingSet messages, as `unreadable`) is scrubbed here, as the main thread's decoder scrubs it (decode-stream.ts).
 */
export function preparedOnWorker(p: PreparedVm): PreparedVm {
  for (const u of p.vm.unreadable) if (u.message) u.message = scrubSecrets(u.message);
  return p;
}
