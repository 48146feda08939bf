// VirtualMachine ObjectContent -> model Vm. Cross-references (datacenter, cluster, DVPG network moids)
// are filled in by collect.ts once the whole estate has streamed in.

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS } from './defaults.js';
import { decoded, orFieldDefault, reader, type Field } from './fields/field.js';
import { VM_FIELDS as F } from './fields/vm.js';
import type { Vm } from './model.js';
import { normalizeDevices } from './normalize-devices.js';
import { arr, bool, num, obj, str, strs, unreadableOf } from './values.js';

// ESX Agent Manager owns vCLS and other agent VMs (a real vCLS VM reports managedBy
// { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' }, pyvmomi test_json_vm_explode_default.yaml).
const AGENT_EXTENSION_KEYS = new Set(['com.vmware.vim.eam']);
// vCLS VMs are named "vCLS-<uuid>" (7.0U3+) or "vCLS (<n>)" (7.0U1/U2).
const VCLS_NAME = /^vCLS[-\s(]/;

// "vmx-13" -> 13; anything else -> undefined.
export function parseHwVersion(v: string | undefined): number | undefined {
  const m = v ? /^vmx-(\d+)$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

// Nodes in the snapshot tree (rootSnapshotList + childSnapshotList, recursive).
export function countSnapshots(snapshotInfo: unknown): number {
  let n = 0;
  const stack = [...arr(obj(snapshotInfo)?.rootSnapshotList)];
  while (stack.length) {
    const node = obj(stack.pop());
    if (!node) continue;
    n++;
    stack.push(...arr(node.childSnapshotList));
  }
  return n || DEFAULTS.snapshotCount;
}

function npivConfigured(read: (f: Field) => unknown): boolean {
  if (bool(read(F.npivTemporaryDisabled)) === true) return false;
  const wwnType = str(read(F.npiv));
  return (wwnType !== undefined && wwnType !== '') || arr(read(F.npivNodeWwn)).length > 0 || arr(read(F.npivPortWwn)).length > 0;
}

// Every read goes through the field table (fields/vm.ts): its path, and its default for an absent value; the
// fields that are the value converted (`as`) come from decoded(), in the order the model lists them.
export function normalizeVm(oc: ObjectContent): Vm {
  const read = reader(oc.props);
  const name = str(read(F.name)) ?? oc.obj.value;
  const managed = obj(read(F.managedBy));
  const extensionKey = str(managed?.extensionKey);
  const managedBy = extensionKey !== undefined ? { extensionKey, type: str(managed?.type) ?? '' } : undefined;
  const ftInfo = obj(read(F.ftRole));
  const ftRole = num(ftInfo?.role);
  const hwVersion = parseHwVersion(str(read(F.hwVersion)));
  const vmPathName = str(read(F.vmPathName));
  const ftMetadataDirectory = str(read(F.ftMetadataDirectory));
  const devices = normalizeDevices(read(F.devices));
  const { vtpm, ...deviceLists } = devices;
  return {
    moid: oc.obj.value,
    name,
    ...decoded(read, F.host, F.datastores, F.networks, F.powerState, F.template),
    ...(managedBy ? { managedBy } : {}),
    agentVm: (extensionKey !== undefined && AGENT_EXTENSION_KEYS.has(extensionKey)) || VCLS_NAME.test(name),
    ...decoded(read, F.guestId, F.guestFullName),
    ...(hwVersion !== undefined ? { hwVersion } : {}),
    ...decoded(
      read,
      F.numCpu,
      F.numCoresPerSocket,
      F.memoryMB,
      F.memoryReservationMB,
      F.firmware,
      F.cpuHotAdd,
      F.cpuHotRemove,
      F.memoryHotAdd,
    ),
    ft: {
      ...decoded(read, F.ftState),
      ...(ftRole !== undefined ? { role: ftRole } : {}),
      ...decoded(read, F.ftType),
      instanceUuids: strs(ftInfo?.instanceUuids),
    },
    snapshotCount: countSnapshots(read(F.snapshot)),
    npiv: npivConfigured(read),
    encrypted: obj(read(F.encrypted)) !== undefined,
    vtpm,
    ...decoded(read, F.vbs, F.nestedHv, F.vpmc, F.pmemFailover),
    // ConfigInfo.vFlashCacheReservation is in bytes (the per-disk reservationInMB is in MB).
    vFlashReservationMB: Math.ceil(orFieldDefault(num(read(F.vFlash)), F.vFlash) / (1024 * 1024)),
    ...decoded(read, F.ftEncryptionMode),
    ...(vmPathName ? { vmPathName } : {}),
    ...(ftMetadataDirectory ? { ftMetadataDirectory } : {}),
    ...deviceLists,
    unreadable: unreadableOf(oc),
  };
}
