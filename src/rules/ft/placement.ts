// FT placement: one model of what a host carries, for the per-VM check (vm-ft-capacity), the cluster headroom
// line and the what-if "how many of these VMs fit together", so the three always agree.
//
// Per-host FT limits das.maxftvmsperhost / das.maxftvcpusperhost (HA advanced options; defaults 4 / 8; 0 turns a
// check off). vCenter enforces both per host, for primaries and secondaries alike
// (VmFaultToleranceTooManyVMsOnHost / VmSmpFaultToleranceTooManyVMsOnHost, VmFaultToleranceTooManyFtVcpusOnHost)
// [D1, D10, D17, B7, S10]. The vCPU limit and its fault exist from API 6.0: legacy FT knows only the VM count.
//
// Memory: FT reserves the VM's full memory on both hosts [C8; D15, D10]. A host's reserved memory is the sum of
// its powered-on VMs' config.memoryAllocation.reservation, FT VMs counted at their full memory; what is left of
// summary.hardware.memorySize must take the primary's missing reservation and, on another host, the
// secondary's full memory. SMP-FT keeps a second copy of every disk: the secondary's host must mount a datastore
// with that much free space [D1, D10]. A dedicated HA failover host (ClusterFailoverHostAdmissionControlPolicy)
// runs no VM, so neither half.
//
// Pending secondaries: a powered-on primary whose secondary is missing (needSecondary) or whose pair is turned
// off (disabled) will take a slot, vCPUs and memory again; each gets one reserved on a host of its cluster
// (the least loaded usable one other than its own), so a candidate cannot take the room it needs.
import { VM_PATHS } from '../../inventory/model.js';
import type { Cluster, Host, Moid, Vm } from '../../inventory/model.js';
import type { Generation, InventoryIndex } from '../types.js';
import { atLeast } from './version.js';

// A host that can run VMs at all: connected, not in maintenance mode, powered on.
export const usable = (h: Host): boolean => h.connectionState === 'connected' && !h.inMaintenanceMode && h.powerState === 'poweredOn';

export const MiB = 1024 * 1024;

export interface HostLoad {
  vms: number; // FT primaries + secondaries holding a slot (and pending ones)
  vcpus: number;
  reservedMB: number | null; // memory reserved by powered-on VMs and pending FT halves; null = not readable
  memoryMB: number | null; // summary.hardware.memorySize in MB; null = not read
  unreadable?: string; // why reservedMB / memoryMB is null: the property and its object
  failoverHost?: boolean; // a dedicated HA failover host: runs no VM
}

export interface FtHostLimits {
  maxVms: number; // 0 = no limit
  maxVcpus: number; // 0 = no limit (also when the vCPU limit does not apply)
}

// What one more FT VM asks of its hosts.
export interface FtDemand {
  vcpus: number;
  memoryMB: number | null; // the secondary's full reservation; null = config.hardware.memoryMB not read
  primaryExtraMB: number | null; // what the primary's host must add to what it already counts for the VM
  // SMP-FT: the secondary's copy of the disks, and the datastores a host offers (free bytes; null = unread).
  disks?: { bytes: number | null; on: (h: Host) => { name: string; freeBytes: number | null }[] };
}

// A VM occupies FT slots when it runs as part of an FT pair: a powered-on primary or secondary whose FT is
// not turned off. Powered-off FT VMs (state "enabled") and "disabled" ones hold no slot until powered on
// (pending ones get theirs reserved below).
function holdsFtSlot(vm: Vm): boolean {
  return vm.powerState === 'poweredOn' && vm.ft.state !== 'notConfigured' && vm.ft.state !== 'disabled';
}

const unread = (vm: Vm, path: string): boolean => vm.unreadable.some((u) => u.path === path || path.startsWith(`${u.path}.`));

/** Memory a VM reserves on its host now (MB): FT halves their full memory; null = not readable. */
function reservationOf(vm: Vm): number | null {
  if (vm.powerState !== 'poweredOn') return 0;
  if (holdsFtSlot(vm)) return unread(vm, VM_PATHS.memoryMB) ? null : vm.memoryMB;
  return unread(vm, VM_PATHS.memoryReservationMB) ? null : vm.memoryReservationMB;
}

export function hostLoad(vms: Vm[], host?: Host): HostLoad {
  const ft = vms.filter(holdsFtSlot);
  let reservedMB: number | null = 0;
  let why: string | undefined;
  for (const v of vms) {
    const r = reservationOf(v);
    if (r === null) {
      reservedMB = null;
      why ??= `${VM_PATHS.memoryReservationMB} of VM ${v.name} not read`;
    } else if (reservedMB !== null) reservedMB += r;
  }
  const memoryMB = host?.memoryBytes !== undefined ? Math.floor(host.memoryBytes / MiB) : null;
  if (host && memoryMB === null) why ??= `summary.hardware.memorySize of host ${host.name} not read`;
  return {
    vms: ft.length,
    vcpus: ft.reduce((a, v) => a + v.numCpu, 0),
    reservedMB,
    memoryMB: host ? memoryMB : null,
    ...(why ? { unreadable: why } : {}),
  };
}

/** The powered-on primaries of a cluster whose secondary will need a slot again (needSecondary / disabled). */
function pendingSecondaries(index: InventoryIndex, hosts: Host[]): Vm[] {
  return hosts
    .flatMap((h) => index.vmsOn(h.moid))
    .filter((v) => v.powerState === 'poweredOn' && (v.ft.role ?? 1) === 1 && (v.ft.state === 'needSecondary' || v.ft.state === 'disabled'))
    .sort((a, b) => a.moid.localeCompare(b.moid));
}

// Dedicated HA failover hosts of a cluster whose admission control uses them.
function failoverHosts(c: Cluster | undefined): Set<Moid> {
  const p = c?.ha.enabled && c.ha.admissionControlEnabled ? c.ha.admissionControlPolicy : undefined;
  return new Set(p?.type === 'ClusterFailoverHostAdmissionControlPolicy' ? (p.failoverHosts ?? []) : []);
}

// Host loads per evaluation (the index is built once per evaluate()), a cluster at a time because pending
// secondaries are placed across its hosts: the capacity check, the headroom line and the plan's placement of
// several VMs together start from the same loads.
const loadCache = new WeakMap<InventoryIndex, Map<Moid, HostLoad>>();

function clusterLoads(index: InventoryIndex, c: Cluster, m: Map<Moid, HostLoad>): void {
  const hosts = index.hostsOf(c.moid);
  const spare = failoverHosts(c);
  for (const h of hosts) m.set(h.moid, { ...hostLoad(index.vmsOn(h.moid), h), ...(spare.has(h.moid) ? { failoverHost: true } : {}) });
  for (const vm of pendingSecondaries(index, hosts)) {
    const demand = demandOf(vm, true);
    const limits = { maxVms: c.ha.maxFtVmsPerHost, maxVcpus: vm.ft.type === 'recordReplay' ? 0 : c.ha.maxFtVcpusPerHost };
    // disabled: the primary takes its slot (and full memory) again on its own host.
    if (vm.ft.state === 'disabled' && vm.hostMoid && m.has(vm.hostMoid)) add(m, vm.hostMoid, vm.numCpu, demand.primaryExtraMB);
    const others = hosts.filter((h) => h.moid !== vm.hostMoid && usable(h) && !spare.has(h.moid));
    const room = others.filter((h) => !overLimit(m.get(h.moid)!, vm.numCpu, limits));
    const pick = (room.length ? room : others).sort(
      (a, b) => m.get(a.moid)!.vcpus - m.get(b.moid)!.vcpus || a.moid.localeCompare(b.moid),
    )[0];
    if (pick) add(m, pick.moid, vm.numCpu, demand.memoryMB);
  }
}

function add(m: Map<Moid, HostLoad>, host: Moid, vcpus: number, memoryMB: number | null): void {
  const x = m.get(host) ?? { vms: 0, vcpus: 0, reservedMB: 0, memoryMB: null };
  const reservedMB = x.reservedMB === null || memoryMB === null ? null : x.reservedMB + memoryMB;
  m.set(host, { ...x, vms: x.vms + 1, vcpus: x.vcpus + vcpus, reservedMB });
}

export function loadsOf(index: InventoryIndex, hosts: Host[]): Map<Moid, HostLoad> {
  let m = loadCache.get(index);
  if (!m) loadCache.set(index, (m = new Map()));
  for (const h of hosts) {
    if (m.has(h.moid)) continue;
    const c = h.clusterMoid ? index.cluster(h.clusterMoid) : undefined;
    if (c) clusterLoads(index, c, m);
    if (!m.has(h.moid)) m.set(h.moid, hostLoad(index.vmsOn(h.moid), h));
  }
  return m;
}

export interface ClusterMemory {
  pendingMB: number; // memory the pending secondaries (and disabled primaries) will reserve again
  pending: number; // how many pending secondaries
  running: number; // powered-on VMs of the cluster
  largestReservationMB: number; // the largest reservation of a powered-on VM (FT VMs at full memory)
}

// Per cluster, once per evaluation: the cluster-wide memory rule asks for every VM.
const clusterMemoryCache = new WeakMap<InventoryIndex, Map<Moid, ClusterMemory>>();

/** The cluster-wide memory facts of the model (pending secondaries included). */
export function clusterMemoryOf(index: InventoryIndex, c: Cluster): ClusterMemory {
  let m = clusterMemoryCache.get(index);
  if (!m) clusterMemoryCache.set(index, (m = new Map()));
  let x = m.get(c.moid);
  if (!x) {
    const hosts = index.hostsOf(c.moid);
    const pending = pendingSecondaries(index, hosts);
    const running = hosts.flatMap((h) => index.vmsOn(h.moid)).filter((v) => v.powerState === 'poweredOn');
    x = {
      pendingMB: pending.reduce((a, v) => a + v.memoryMB + (v.ft.state === 'disabled' ? (demandOf(v, true).primaryExtraMB ?? 0) : 0), 0),
      pending: pending.length,
      running: running.length,
      largestReservationMB: running.reduce((a, v) => Math.max(a, reservationOf(v) ?? 0), 0),
    };
    m.set(c.moid, x);
  }
  return x;
}

/** One host's load in the shared model (pending secondaries included). */
export function loadOf(index: InventoryIndex, h: Host): HostLoad {
  return loadsOf(index, [h]).get(h.moid)!;
}

/** What turning FT on for `vm` asks: `onItsHost` when the primary stays on the host that counts it today. */
export function demandOf(vm: Vm, onItsHost: boolean): FtDemand {
  const memoryMB = unread(vm, VM_PATHS.memoryMB) ? null : vm.memoryMB;
  const counted = onItsHost ? reservationOf(vm) : 0;
  const primaryExtraMB = memoryMB === null || counted === null ? null : Math.max(0, memoryMB - counted);
  return { vcpus: vm.numCpu, memoryMB, primaryExtraMB };
}

export function limitsFor(c: Cluster, generation: Generation, vcenterApiVersion: string): FtHostLimits {
  const vcpuLimit = generation === 'smp' && atLeast(vcenterApiVersion, '6.0');
  return { maxVms: c.ha.maxFtVmsPerHost, maxVcpus: vcpuLimit ? c.ha.maxFtVcpusPerHost : 0 };
}

// Why a host cannot take one more FT VM of `vcpus` vCPUs (primary or secondary), or undefined when it can.
export function overLimit(load: HostLoad, vcpus: number, l: FtHostLimits): string | undefined {
  if (l.maxVms > 0 && load.vms + 1 > l.maxVms)
    return `already carries ${load.vms} FT VM${load.vms === 1 ? '' : 's'} (das.maxftvmsperhost = ${l.maxVms})`;
  if (l.maxVcpus > 0 && load.vcpus + vcpus > l.maxVcpus)
    return `already carries ${load.vcpus} FT vCPUs; ${vcpus} more exceed das.maxftvcpusperhost = ${l.maxVcpus}`;
  return undefined;
}

interface HostProblem {
  problem: string;
  unknown?: boolean; // the host might fit: a property that decides it was not read
}

const gb = (mb: number): string => `${(mb / 1024).toFixed(mb % 1024 === 0 ? 0 : 1)} GB`;

// Why `h` cannot take this half of the pair, or undefined when it can: the FT limits, then memory, then (the
// secondary of an SMP-FT VM) a datastore for the disk copy.
function hostProblem(h: Host, load: HostLoad, d: FtDemand, l: FtHostLimits, half: 'primary' | 'secondary'): HostProblem | undefined {
  if (load.failoverHost) return { problem: 'is a dedicated HA failover host (admission control), which runs no VM' };
  const limit = overLimit(load, d.vcpus, l);
  if (limit) return { problem: limit };
  const need = half === 'primary' ? d.primaryExtraMB : d.memoryMB;
  if (need === null)
    return { problem: `needs the VM's memory, whose ${VM_PATHS.memoryMB} / ${VM_PATHS.memoryReservationMB} was not read`, unknown: true };
  if (need > 0) {
    if (load.memoryMB === null || load.reservedMB === null)
      return { problem: `cannot tell its unreserved memory (${load.unreadable ?? 'not read'})`, unknown: true };
    const free = load.memoryMB - load.reservedMB;
    if (free < need)
      return {
        problem: `has ${gb(Math.max(0, free))} of its ${gb(load.memoryMB)} memory unreserved (${gb(load.reservedMB)} reserved by its VMs); the ${half} needs ${gb(need)} reserved`,
      };
  }
  if (half === 'secondary' && d.disks) {
    if (d.disks.bytes === null) return { problem: "needs room for the VM's disk copy, whose size was not read", unknown: true };
    if (d.disks.bytes > 0) {
      const stores = d.disks.on(h);
      if (!stores.some((s) => s.freeBytes !== null && s.freeBytes >= d.disks!.bytes!)) {
        const unknownStores = stores.filter((s) => s.freeBytes === null);
        const size = gb(Math.ceil(d.disks.bytes / MiB));
        if (unknownStores.length)
          return {
            problem: `mounts no datastore known to have ${size} free for the disk copy (summary.freeSpace of ${unknownStores.map((s) => s.name).join(', ')} not read)`,
            unknown: true,
          };
        const best = Math.max(0, ...stores.map((s) => s.freeBytes ?? 0));
        return { problem: `mounts no datastore with ${size} free for the SMP-FT disk copy (the most free: ${gb(Math.floor(best / MiB))})` };
      }
    }
  }
  return undefined;
}

// The largest vCPU count one more FT VM can have: the best pair of two different hosts that both have a free
// VM slot, each needing the VM's vCPUs. null = no vCPU limit; 0 = no pair has room.
export function largestNewFtVm(loads: HostLoad[], l: FtHostLimits): number | null {
  const open = loads.filter((x) => !x.failoverHost && (l.maxVms === 0 || x.vms < l.maxVms));
  if (open.length < 2) return 0;
  if (l.maxVcpus === 0) return null;
  const free = open.map((x) => Math.max(0, l.maxVcpus - x.vcpus)).sort((a, b) => b - a);
  return free[1]!;
}

export interface PairPlan {
  primary: Moid;
  secondary: Moid;
}

export interface PlaceResult {
  pair?: PairPlan;
  primaryProblem?: HostProblem;
  secondaryProblems: ({ host: Host } & HostProblem)[];
}

const EMPTY: HostLoad = { vms: 0, vcpus: 0, reservedMB: 0, memoryMB: null };

// Places one VM: the primary on `primary`, the secondary on the fitting candidate with the fewest FT vCPUs.
// Returns the pair, or the reasons per host. Loads are not changed (commit with `take`). A bare vCPU count is
// the demand of a VM whose memory is not modelled (no memory asked).
export function placeOne(
  demand: number | FtDemand,
  primary: Host,
  candidates: Host[],
  loads: Map<Moid, HostLoad>,
  l: FtHostLimits,
): PlaceResult {
  const d: FtDemand = typeof demand === 'number' ? { vcpus: demand, memoryMB: 0, primaryExtraMB: 0 } : demand;
  const p = hostProblem(primary, loads.get(primary.moid) ?? EMPTY, d, l, 'primary');
  const problems: PlaceResult['secondaryProblems'] = [];
  let best: Host | undefined;
  for (const h of candidates) {
    const why = hostProblem(h, loads.get(h.moid) ?? EMPTY, d, l, 'secondary');
    if (why) problems.push({ host: h, ...why });
    else if (!best || (loads.get(h.moid)?.vcpus ?? 0) < (loads.get(best.moid)?.vcpus ?? 0)) best = h;
  }
  if (p || !best) return { ...(p ? { primaryProblem: p } : {}), secondaryProblems: problems };
  return { pair: { primary: primary.moid, secondary: best.moid }, secondaryProblems: problems };
}

export function take(loads: Map<Moid, HostLoad>, pair: PairPlan, demand: number | FtDemand): void {
  const d: FtDemand = typeof demand === 'number' ? { vcpus: demand, memoryMB: 0, primaryExtraMB: 0 } : demand;
  add(loads, pair.primary, d.vcpus, d.primaryExtraMB);
  add(loads, pair.secondary, d.vcpus, d.memoryMB);
}
