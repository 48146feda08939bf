// FT headroom per cluster under the HA options das.maxftvmsperhost / das.maxftvcpusperhost (defaults 4 / 8,
// 0 = check disabled). Both primaries and secondaries count against a host's limits [D1, D10, D17, B7]. Host
// loads come from placement.ts, the same model the per-VM check (vm-ft-capacity) uses.
import type { Host, Vm } from '../inventory/model.js';
import type { Headroom } from './types.js';
import { type FtHostLimits, type HostLoad, hostLoad, largestNewFtVm } from './placement.js';

// How many primary+secondary pairs fit when host i has free[i] slots and the two halves of a pair must
// sit on different hosts: min(floor(total / 2), total - largest).
export function pairsThatFit(free: number[]): number {
  const total = free.reduce((a, b) => a + b, 0);
  const largest = free.reduce((a, b) => Math.max(a, b), 0);
  return Math.min(Math.floor(total / 2), total - largest);
}

export function computeHeadroom(
  limits: { maxFtVmsPerHost: number; maxFtVcpusPerHost: number },
  hosts: Host[],
  capable: Set<string>,
  vmsOn: (h: Host) => Vm[],
  placement: FtHostLimits, // the limits as the generation applies them (no vCPU limit for legacy FT)
  loadOf?: (h: Host) => HostLoad, // placement.ts's model (pending secondaries reserved); default: the VMs alone
): Headroom {
  let currentFtVms = 0;
  let currentFtVcpus = 0;
  const freeVms: number[] = [];
  const freeVcpus: number[] = [];
  const capableLoads = [];
  for (const h of hosts) {
    const load = loadOf ? loadOf(h) : hostLoad(vmsOn(h));
    currentFtVms += load.vms;
    currentFtVcpus += load.vcpus;
    if (!capable.has(h.moid) || load.failoverHost) continue; // a dedicated HA failover host runs no VM
    capableLoads.push(load);
    freeVms.push(Math.max(0, limits.maxFtVmsPerHost - load.vms));
    freeVcpus.push(Math.max(0, limits.maxFtVcpusPerHost - load.vcpus));
  }
  const notes: string[] = [];
  if (limits.maxFtVmsPerHost === 0) notes.push('das.maxftvmsperhost = 0: no per-host FT VM limit');
  if (limits.maxFtVcpusPerHost === 0) notes.push('das.maxftvcpusperhost = 0: no per-host FT vCPU limit');
  if (capable.size < 2) notes.push(`${capable.size} FT-capable host${capable.size === 1 ? '' : 's'}: a pair needs two`);
  const fit = (free: number[], limit: number): number | null => (capable.size < 2 ? 0 : limit === 0 ? null : pairsThatFit(free));
  const h: Headroom = {
    maxFtVmsPerHost: limits.maxFtVmsPerHost,
    maxFtVcpusPerHost: limits.maxFtVcpusPerHost,
    ftCapableHosts: capable.size,
    currentFtVms,
    currentFtVcpus,
    additionalFtVms: fit(freeVms, limits.maxFtVmsPerHost),
    additionalFtVcpus: fit(freeVcpus, limits.maxFtVcpusPerHost),
    largestNewFtVmVcpus: capable.size < 2 ? 0 : largestNewFtVm(capableLoads, placement),
  };
  // Only worth saying when FT VMs already placed shrink it below what an empty host pair could take.
  if (h.largestNewFtVmVcpus !== null && capable.size >= 2 && h.largestNewFtVmVcpus < placement.maxVcpus) {
    notes.push(
      h.largestNewFtVmVcpus === 0
        ? 'no pair of hosts has a free FT slot left'
        : `the per-host limits decide: no pair of hosts has room for an FT VM over ${h.largestNewFtVmVcpus} vCPUs`,
    );
  }
  if (notes.length) h.note = notes.join('; ');
  return h;
}
