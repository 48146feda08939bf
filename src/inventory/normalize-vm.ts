// VirtualMachine ObjectContent -> model Vm. Cross-references (datacenter, cluster, DVPG network moids)
// are filled in by collect.ts once the whole estate has streamed in.

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS } from './defaults.js';
import { orFieldDefault, reader, type Field } from './fields/field.js';
import { VM_FIELDS as F } from './fields/vm.js';
import type { Vm } from './model.js';
import { normalizeDevices } from './normalize-devices.js';
import { arr, bool, moid, moids, num, obj, str, strs, unreadableOf } from './values.js';

// ESX Agent Manager owns vCLS and other agent VMs (a real vCLS VM reports managedBy
// { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' }, pyvmomi test_json_vm_explode_default.yaml).
export const AGENT_EXTENSION_KEYS = new Set(['com.vmware.vim.eam']);
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

// Every read goes through the field table (fields/vm.ts): its path, and its default for an absent value.
export function normalizeVm(oc: ObjectContent): Vm {
  const read = reader(oc.props);
  const name = str(read(F.name)) ?? oc.obj.value;
  const managed = obj(read(F.managedBy));
  const extensionKey = str(managed?.extensionKey);
  const managedBy = extensionKey !== undefined ? { extensionKey, type: str(managed?.type) ?? '' } : undefined;
  const ftInfo = obj(read(F.ftRole));
  const ftRole = num(ftInfo?.role);
  const ftType = str(read(F.ftType));
  const hostMoid = moid(read(F.host));
  const hwVersion = parseHwVersion(str(read(F.hwVersion)));
  const ftEncryptionMode = str(read(F.ftEncryptionMode));
  const vmPathName = str(read(F.vmPathName));
  const ftMetadataDirectory = str(read(F.ftMetadataDirectory));
  const devices = normalizeDevices(read(F.devices));
  const { vtpm, ...deviceLists } = devices;
  return {
    moid: oc.obj.value,
    name,
    ...(hostMoid !== undefined ? { hostMoid } : {}),
    datastoreMoids: moids(read(F.datastores)),
    networkMoids: moids(read(F.networks)),
    powerState: orFieldDefault(str(read(F.powerState)), F.powerState),
    template: orFieldDefault(bool(read(F.template)), F.template),
    ...(managedBy ? { managedBy } : {}),
    agentVm: (extensionKey !== undefined && AGENT_EXTENSION_KEYS.has(extensionKey)) || VCLS_NAME.test(name),
    guestId: orFieldDefault(str(read(F.guestId)), F.guestId),
    guestFullName: orFieldDefault(str(read(F.guestFullName)), F.guestFullName),
    ...(hwVersion !== undefined ? { hwVersion } : {}),
    numCpu: orFieldDefault(num(read(F.numCpu)), F.numCpu),
    numCoresPerSocket: orFieldDefault(num(read(F.numCoresPerSocket)), F.numCoresPerSocket),
    memoryMB: orFieldDefault(num(read(F.memoryMB)), F.memoryMB),
    memoryReservationMB: orFieldDefault(num(read(F.memoryReservationMB)), F.memoryReservationMB),
    firmware: orFieldDefault(str(read(F.firmware)), F.firmware),
    cpuHotAdd: orFieldDefault(bool(read(F.cpuHotAdd)), F.cpuHotAdd),
    cpuHotRemove: orFieldDefault(bool(read(F.cpuHotRemove)), F.cpuHotRemove),
    memoryHotAdd: orFieldDefault(bool(read(F.memoryHotAdd)), F.memoryHotAdd),
    ft: {
      state: orFieldDefault(str(read(F.ftState)), F.ftState),
      ...(ftRole !== undefined ? { role: ftRole } : {}),
      ...(ftType !== undefined ? { type: ftType } : {}),
      instanceUuids: strs(ftInfo?.instanceUuids),
    },
    snapshotCount: countSnapshots(read(F.snapshot)),
    npiv: npivConfigured(read),
    encrypted: obj(read(F.encrypted)) !== undefined,
    vtpm,
    vbs: orFieldDefault(bool(read(F.vbs)), F.vbs),
    nestedHv: orFieldDefault(bool(read(F.nestedHv)), F.nestedHv),
    vpmc: orFieldDefault(bool(read(F.vpmc)), F.vpmc),
    pmemFailover: orFieldDefault(bool(read(F.pmemFailover)), F.pmemFailover),
    // ConfigInfo.vFlashCacheReservation is in bytes (the per-disk reservationInMB is in MB).
    vFlashReservationMB: Math.ceil(orFieldDefault(num(read(F.vFlash)), F.vFlash) / (1024 * 1024)),
    ...(ftEncryptionMode !== undefined ? { ftEncryptionMode } : {}),
    ...(vmPathName ? { vmPathName } : {}),
    ...(ftMetadataDirectory ? { ftMetadataDirectory } : {}),
    ...deviceLists,
    unreadable: unreadableOf(oc),
  };
}
