// VirtualMachine ObjectContent -> model Vm. Cross-references (datacenter, cluster, DVPG network moids)
// are filled in by collect.ts once the whole estate has streamed in.

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS, orDefault } from './defaults.js';
import type { Vm } from './model.js';
import { normalizeDevices } from './normalize-devices.js';
import { arr, bool, moid, moids, num, obj, prop, str, strs, unreadableOf } from './values.js';

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

function npivConfigured(props: Record<string, unknown>): boolean {
  if (bool(prop(props, 'config.npivTemporaryDisabled')) === true) return false;
  const wwnType = str(prop(props, 'config.npivWorldWideNameType'));
  return (
    (wwnType !== undefined && wwnType !== '') ||
    arr(prop(props, 'config.npivNodeWorldWideName')).length > 0 ||
    arr(prop(props, 'config.npivPortWorldWideName')).length > 0
  );
}

export function normalizeVm(oc: ObjectContent): Vm {
  const props = oc.props;
  const get = (path: string): unknown => prop(props, path);
  const name = str(get('name')) ?? oc.obj.value;
  const managed = obj(get('config.managedBy'));
  const extensionKey = str(managed?.extensionKey);
  const managedBy = extensionKey !== undefined ? { extensionKey, type: str(managed?.type) ?? '' } : undefined;
  const ftInfo = obj(get('config.ftInfo'));
  const ftRole = num(ftInfo?.role);
  const ftType = str(get('config.flags.faultToleranceType'));
  const hostMoid = moid(get('runtime.host'));
  const hwVersion = parseHwVersion(str(get('config.version')));
  const ftEncryptionMode = str(get('config.ftEncryptionMode'));
  const vmPathName = str(get('config.files.vmPathName'));
  const ftMetadataDirectory = str(get('config.files.ftMetadataDirectory'));
  const devices = normalizeDevices(get('config.hardware.device'));
  const { vtpm, ...deviceLists } = devices;
  return {
    moid: oc.obj.value,
    name,
    ...(hostMoid !== undefined ? { hostMoid } : {}),
    datastoreMoids: moids(get('datastore')),
    networkMoids: moids(get('network')),
    powerState: orDefault(str(get('runtime.powerState')), DEFAULTS.vmPowerState),
    template: orDefault(bool(get('config.template')), DEFAULTS.template),
    ...(managedBy ? { managedBy } : {}),
    agentVm: (extensionKey !== undefined && AGENT_EXTENSION_KEYS.has(extensionKey)) || VCLS_NAME.test(name),
    guestId: str(get('config.guestId')) ?? '',
    guestFullName: str(get('config.guestFullName')) ?? '',
    ...(hwVersion !== undefined ? { hwVersion } : {}),
    numCpu: num(get('config.hardware.numCPU')) ?? 0,
    numCoresPerSocket: orDefault(num(get('config.hardware.numCoresPerSocket')), DEFAULTS.numCoresPerSocket),
    memoryMB: num(get('config.hardware.memoryMB')) ?? 0,
    memoryReservationMB: orDefault(num(get('config.memoryAllocation.reservation')), DEFAULTS.memoryReservationMB),
    firmware: orDefault(str(get('config.firmware')), DEFAULTS.firmware),
    cpuHotAdd: orDefault(bool(get('config.cpuHotAddEnabled')), DEFAULTS.cpuHotAdd),
    cpuHotRemove: orDefault(bool(get('config.cpuHotRemoveEnabled')), DEFAULTS.cpuHotRemove),
    memoryHotAdd: orDefault(bool(get('config.memoryHotAddEnabled')), DEFAULTS.memoryHotAdd),
    ft: {
      state: orDefault(str(get('runtime.faultToleranceState')), DEFAULTS.faultToleranceState),
      ...(ftRole !== undefined ? { role: ftRole } : {}),
      ...(ftType !== undefined ? { type: ftType } : {}),
      instanceUuids: strs(ftInfo?.instanceUuids),
    },
    snapshotCount: countSnapshots(get('snapshot')),
    npiv: npivConfigured(props),
    encrypted: obj(get('config.keyId')) !== undefined,
    vtpm,
    vbs: orDefault(bool(get('config.flags.vbsEnabled')), DEFAULTS.vbs),
    nestedHv: orDefault(bool(get('config.nestedHVEnabled')), DEFAULTS.nestedHv),
    vpmc: orDefault(bool(get('config.vPMCEnabled')), DEFAULTS.vpmc),
    pmemFailover: orDefault(bool(get('config.pmemFailoverEnabled')), DEFAULTS.pmemFailover),
    // ConfigInfo.vFlashCacheReservation is in bytes (the per-disk reservationInMB is in MB).
    vFlashReservationMB: Math.ceil(
      orDefault(num(get('config.vFlashCacheReservation')), DEFAULTS.vFlashReservationMB) / (1024 * 1024),
    ),
    ...(ftEncryptionMode !== undefined ? { ftEncryptionMode } : {}),
    ...(vmPathName ? { vmPathName } : {}),
    ...(ftMetadataDirectory ? { ftMetadataDirectory } : {}),
    ...deviceLists,
    unreadable: unreadableOf(oc),
  };
}
