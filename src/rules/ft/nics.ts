// VMkernel NIC lookups shared by the network rules and pairing.
import type { Host, PhysicalNic, Vmknic } from '../../inventory/model.js';

export const ftLoggingNics = (h: Host): Vmknic[] => h.vmknics.filter((n) => n.services.includes('faultToleranceLogging'));
export const vmotionNics = (h: Host): Vmknic[] => h.vmknics.filter((n) => n.services.includes('vmotion'));

// Physical uplinks behind a host's FT logging vmknics, deduplicated by device.
export function ftUplinks(h: Host): PhysicalNic[] {
  const seen = new Map<string, PhysicalNic>();
  for (const n of ftLoggingNics(h)) for (const u of n.uplinks) seen.set(u.device, u);
  return [...seen.values()];
}

export const ftLoggingTargetMb = (generation: 'legacy' | 'smp'): number => (generation === 'smp' ? 10000 : 1000);
