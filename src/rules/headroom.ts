// FT headroom per cluster under the HA options das.maxftvmsperhost / das.maxftvcpusperhost (defaults 4 / 8,
// 0 = check disabled). Both primaries and secondaries count against a host's limits [D1, D10, D17, B7].
import type { Host, Vm } from '../inventory/model.js';
import type { Headroom } from './types.js';

// A VM occupies FT slots when it runs as part of an FT pair: a powered-on primary or secondary whose FT is
// not turned off. Powered-off FT VMs (state "enabled") and "disabled" ones hold no slot until powered on.
function holdsFtSlot(vm: Vm): boolean {
  return vm.powerState === 'poweredOn' && vm.ft.state !== 'notConfigured' && vm.ft.state !== 'disabled';
}

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
): Headroom {
  let currentFtVms = 0;
  let currentFtVcpus = 0;
  const freeVms: number[] = [];
  const freeVcpus: number[] = [];
  for (const h of hosts) {
    const ft = vmsOn(h).filter(holdsFtSlot);
    const vcpus = ft.reduce((a, v) => a + v.numCpu, 0);
    currentFtVms += ft.length;
    currentFtVcpus += vcpus;
    if (!capable.has(h.moid)) continue;
    freeVms.push(Math.max(0, limits.maxFtVmsPerHost - ft.length));
    freeVcpus.push(Math.max(0, limits.maxFtVcpusPerHost - vcpus));
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
  };
  if (notes.length) h.note = notes.join('; ');
  return h;
}
