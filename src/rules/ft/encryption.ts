// Encrypted VMs and FT: which VMs count as encrypted and which hosts can carry an encrypted FT VM. Used by
// vm-encryption and by the secondary's placement (pairing.ts).
import type { Host, Vm } from '../../inventory/model.js';
import { atLeast } from './version.js';

// Tolerates a missing disk list: pairing runs outside the engine's per-rule guard.
export const vmEncrypted = (vm: Vm): boolean => vm.encrypted || (vm.disks ?? []).some((d) => d.encrypted);

// Whether an SMP-FT host can carry an encrypted FT VM: its own flag, else its version (7.0 U2 = API
// 7.0.2.0 added encrypted FT). undefined = cannot tell (a 7.0 host with no readable API version).
export function hostEncryptedFt(h: Host): boolean | undefined {
  const flag = h.capability.encryptedFtSupported;
  if (flag !== undefined) return flag;
  if (atLeast(h.product.version, '8.0') || atLeast(h.product.apiVersion, '7.0.2.0')) return true;
  if (atLeast(h.product.version, '7.0') && !h.product.apiVersion) return undefined;
  return h.product.version ? false : undefined;
}
