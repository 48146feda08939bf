// FT headroom per cluster under the HA options das.maxftvmsperhost / das.maxftvcpusperhost (defaults 4 / 8,
// 0 = check disabled). Both primaries and secondaries count against a host's limits [D1, D10, D17, B7]. Host
// loads come from placement.ts, the same model the per-VM check (vm-ft-capacity) uses. The headroom applies
// what the verdicts apply: no room at all where vSphere HA is off (FT VMs cannot be powered on or added,
// cluster-ha-enabled), only hosts without a blocker host finding count (an HA agent in error included), and a
// new FT VM is capped by the vCPU limit of the hosts' licence edition (edition.ts) on both halves of the pair.
// Legacy FT knows no vCPU limit (das.maxftvcpusperhost exists from 6.0) and protects 1-vCPU VMs only: its
// headroom is in FT VMs.
import { CLUSTER_PATHS } from '../../inventory/model.js';
import type { Cluster, Host, Vm } from '../../inventory/model.js';
import type { Generation, Headroom } from '../types.js';
import { unreadableAmong } from '../finding.js';
import { type FtHostLimits, type HostLoad, hostLoad, largestNewFtVm } from './placement.js';

// How many primary+secondary pairs fit when host i has free[i] slots and the two halves of a pair must
// sit on different hosts: min(floor(total / 2), total - largest).
export function pairsThatFit(free: number[]): number {
  const total = free.reduce((a, b) => a + b, 0);
  const largest = free.reduce((a, b) => Math.max(a, b), 0);
  return Math.min(Math.floor(total / 2), total - largest);
}

export interface HeadroomContext {
  cluster?: Pick<Cluster, 'name' | 'ha' | 'unreadable'>; // its HA settings decide whether FT can be turned on at all
  generation?: Generation;
  vcpuCap?: (h: Host) => number; // the largest FT VM a host's edition and version allow (edition.ts ftLimits)
  loadOf?: (h: Host) => HostLoad; // placement.ts's model (pending secondaries reserved); default: the VMs alone
}

// The most vCPUs one more FT VM can have: the second-largest per-host allowance (a pair needs two hosts),
// each host allowing min(its edition cap, its free vCPUs under das.maxftvcpusperhost) while it has a VM slot.
function largestCapped(hosts: Host[], loads: HostLoad[], l: FtHostLimits, cap: (h: Host) => number): number {
  const allow = hosts
    .map((h, i) => ({ h, load: loads[i]! }))
    .filter(({ load }) => l.maxVms === 0 || load.vms < l.maxVms)
    .map(({ h, load }) => Math.min(cap(h), l.maxVcpus === 0 ? Number.POSITIVE_INFINITY : Math.max(0, l.maxVcpus - load.vcpus)))
    .sort((a, b) => b - a);
  return allow.length < 2 ? 0 : allow[1]!;
}

export function computeHeadroom(
  limits: { maxFtVmsPerHost: number; maxFtVcpusPerHost: number },
  hosts: Host[],
  capable: Set<string>,
  vmsOn: (h: Host) => Vm[],
  placement: FtHostLimits, // the limits as the generation applies them (no vCPU limit for legacy FT)
  hc: HeadroomContext = {},
): Headroom {
  let currentFtVms = 0;
  let currentFtVcpus = 0;
  const freeVms: number[] = [];
  const freeVcpus: number[] = [];
  const capableHosts: Host[] = [];
  const capableLoads: HostLoad[] = [];
  for (const h of hosts) {
    const load = hc.loadOf ? hc.loadOf(h) : hostLoad(vmsOn(h));
    currentFtVms += load.vms;
    currentFtVcpus += load.vcpus;
    if (!capable.has(h.moid) || load.failoverHost) continue; // a dedicated HA failover host runs no VM
    capableHosts.push(h);
    capableLoads.push(load);
    freeVms.push(Math.max(0, limits.maxFtVmsPerHost - load.vms));
    freeVcpus.push(Math.max(0, limits.maxFtVcpusPerHost - load.vcpus));
  }
  const legacy = hc.generation === 'legacy';
  const c = hc.cluster;
  const haGap = c ? unreadableAmong([CLUSTER_PATHS.haEnabled], c.unreadable) : undefined;
  const noHa = c !== undefined && (haGap !== undefined || !c.ha.enabled);
  const notes: string[] = [];
  if (haGap) notes.push(`${haGap.path} could not be read: no FT room is claimed`);
  else if (noHa) notes.push(`vSphere HA is off on cluster ${c!.name}: FT VMs cannot be turned on (no room)`);
  if (limits.maxFtVmsPerHost === 0) notes.push('das.maxftvmsperhost = 0: no per-host FT VM limit');
  if (legacy) notes.push('das.maxftvcpusperhost does not apply to legacy FT (it exists from 6.0)');
  else if (limits.maxFtVcpusPerHost === 0) notes.push('das.maxftvcpusperhost = 0: no per-host FT vCPU limit');
  if (capable.size < 2) notes.push(`${capable.size} FT-capable host${capable.size === 1 ? '' : 's'}: a pair needs two`);
  const none = noHa || capable.size < 2;
  const fit = (free: number[], limit: number): number | null => (none ? 0 : limit === 0 ? null : pairsThatFit(free));
  const additionalFtVms = fit(freeVms, limits.maxFtVmsPerHost);
  const byLimits = none ? 0 : largestNewFtVm(capableLoads, placement);
  const cap = legacy ? () => 1 : hc.vcpuCap;
  const largest = none ? 0 : cap ? largestCapped(capableHosts, capableLoads, placement, cap) : byLimits;
  const h: Headroom = {
    maxFtVmsPerHost: limits.maxFtVmsPerHost,
    maxFtVcpusPerHost: limits.maxFtVcpusPerHost,
    ftCapableHosts: capable.size,
    currentFtVms,
    currentFtVcpus,
    additionalFtVms,
    // Legacy FT VMs have 1 vCPU each: its vCPU headroom is its VM headroom.
    additionalFtVcpus: legacy ? additionalFtVms : fit(freeVcpus, limits.maxFtVcpusPerHost),
    largestNewFtVmVcpus: largest === Number.POSITIVE_INFINITY ? null : largest,
  };
  if (hc.generation) h.generation = hc.generation;
  // Only worth saying when something below an empty pair of hosts' limit decides it.
  if (!none && !legacy && h.largestNewFtVmVcpus !== null) {
    const limitsDecide = byLimits !== null && byLimits === h.largestNewFtVmVcpus && byLimits < placement.maxVcpus;
    if (h.largestNewFtVmVcpus === 0) notes.push('no pair of hosts has a free FT slot left');
    else if (limitsDecide)
      notes.push(`the per-host limits decide: no pair of hosts has room for an FT VM over ${h.largestNewFtVmVcpus} vCPUs`);
    else if (byLimits === null || h.largestNewFtVmVcpus < byLimits)
      notes.push(`the hosts' licence edition / version caps a new FT VM at ${h.largestNewFtVmVcpus} vCPUs`);
  }
  if (notes.length) h.note = notes.join('; ');
  return h;
}
