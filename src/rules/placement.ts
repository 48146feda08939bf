// FT placement under the per-host limits das.maxftvmsperhost / das.maxftvcpusperhost (HA advanced options;
// defaults 4 / 8; 0 turns a check off). vCenter enforces both per host, for primaries and secondaries alike
// (VmFaultToleranceTooManyVMsOnHost / VmSmpFaultToleranceTooManyVMsOnHost, VmFaultToleranceTooManyFtVcpusOnHost)
// [D1, D10, D17, B7, S10]. The vCPU limit and its fault exist from API 6.0: legacy FT knows only the VM count.
// One model of a host's FT load serves the per-VM check (vm-ft-capacity), the cluster headroom line and the
// what-if "how many of these VMs fit together", so the three always agree.
import type { Cluster, Host, Moid, Vm } from '../inventory/model.js';
import type { Generation, InventoryIndex } from './types.js';
import { atLeast } from './version.js';

export interface HostLoad {
  vms: number; // FT primaries + secondaries holding a slot
  vcpus: number;
}

export interface FtHostLimits {
  maxVms: number; // 0 = no limit
  maxVcpus: number; // 0 = no limit (also when the vCPU limit does not apply)
}

// A VM occupies FT slots when it runs as part of an FT pair: a powered-on primary or secondary whose FT is
// not turned off. Powered-off FT VMs (state "enabled") and "disabled" ones hold no slot until powered on.
export function holdsFtSlot(vm: Vm): boolean {
  return vm.powerState === 'poweredOn' && vm.ft.state !== 'notConfigured' && vm.ft.state !== 'disabled';
}

export function hostLoad(vms: Vm[]): HostLoad {
  const ft = vms.filter(holdsFtSlot);
  return { vms: ft.length, vcpus: ft.reduce((a, v) => a + v.numCpu, 0) };
}

// Host FT loads per evaluation (the index is built once per evaluate()): the capacity check and the plan's
// placement of several VMs together start from the same loads.
const loadCache = new WeakMap<InventoryIndex, Map<Moid, HostLoad>>();

export function loadsOf(index: InventoryIndex, hosts: Host[]): Map<Moid, HostLoad> {
  let m = loadCache.get(index);
  if (!m) loadCache.set(index, (m = new Map()));
  for (const h of hosts) if (!m.has(h.moid)) m.set(h.moid, hostLoad(index.vmsOn(h.moid)));
  return m;
}

export function limitsFor(c: Cluster, generation: Generation, vcenterApiVersion: string): FtHostLimits {
  const vcpuLimit = generation === 'smp' && atLeast(vcenterApiVersion, '6.0');
  return { maxVms: c.ha.maxFtVmsPerHost, maxVcpus: vcpuLimit ? c.ha.maxFtVcpusPerHost : 0 };
}

// Why `h` cannot take one more FT VM of `vcpus` vCPUs (primary or secondary), or undefined when it can.
export function overLimit(load: HostLoad, vcpus: number, l: FtHostLimits): string | undefined {
  if (l.maxVms > 0 && load.vms + 1 > l.maxVms)
    return `already carries ${load.vms} FT VM${load.vms === 1 ? '' : 's'} (das.maxftvmsperhost = ${l.maxVms})`;
  if (l.maxVcpus > 0 && load.vcpus + vcpus > l.maxVcpus)
    return `already carries ${load.vcpus} FT vCPUs; ${vcpus} more exceed das.maxftvcpusperhost = ${l.maxVcpus}`;
  return undefined;
}

// The largest vCPU count one more FT VM can have: the best pair of two different hosts that both have a free
// VM slot, each needing the VM's vCPUs. null = no vCPU limit; 0 = no pair has room.
export function largestNewFtVm(loads: HostLoad[], l: FtHostLimits): number | null {
  const open = loads.filter((x) => l.maxVms === 0 || x.vms < l.maxVms);
  if (open.length < 2) return 0;
  if (l.maxVcpus === 0) return null;
  const free = open.map((x) => Math.max(0, l.maxVcpus - x.vcpus)).sort((a, b) => b - a);
  return free[1]!;
}

export interface PairPlan {
  primary: Moid;
  secondary: Moid;
}

// Places one VM: the primary on `primary`, the secondary on the candidate with the most room. Returns the pair,
// or the reasons per host. Loads are not changed (commit with `take`).
export function placeOne(
  vcpus: number,
  primary: Host,
  candidates: Host[],
  loads: Map<Moid, HostLoad>,
  l: FtHostLimits,
): { pair?: PairPlan; primaryProblem?: string; secondaryProblems: { host: Host; problem: string }[] } {
  const empty: HostLoad = { vms: 0, vcpus: 0 };
  const p = overLimit(loads.get(primary.moid) ?? empty, vcpus, l);
  const problems: { host: Host; problem: string }[] = [];
  let best: Host | undefined;
  for (const h of candidates) {
    const why = overLimit(loads.get(h.moid) ?? empty, vcpus, l);
    if (why) problems.push({ host: h, problem: why });
    else if (!best || (loads.get(h.moid)?.vcpus ?? 0) < (loads.get(best.moid)?.vcpus ?? 0)) best = h;
  }
  if (p || !best) return { ...(p ? { primaryProblem: p } : {}), secondaryProblems: problems };
  return { pair: { primary: primary.moid, secondary: best.moid }, secondaryProblems: problems };
}

export function take(loads: Map<Moid, HostLoad>, pair: PairPlan, vcpus: number): void {
  for (const m of [pair.primary, pair.secondary]) {
    const x = loads.get(m) ?? { vms: 0, vcpus: 0 };
    loads.set(m, { vms: x.vms + 1, vcpus: x.vcpus + vcpus });
  }
}
