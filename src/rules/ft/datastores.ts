// Which datastores FT hosts must share. Used by datastore-shared, vm-files-shared, vm-removable-devices and the
// secondary's placement (pairing.ts), so the catalogue and the pairing agree on what "shared" means.
import type { Datastore, Vm } from '../../inventory/model.js';
import type { InventoryIndex } from '../types.js';

// vSAN and vVol datastores are cluster-wide by construction; otherwise vCenter's multipleHostAccess decides,
// and without it the mount list does.
export function isShared(d: Datastore): boolean {
  if (d.type === 'vsan' || d.type === 'VVOL') return true;
  if (d.multipleHostAccess !== undefined) return d.multipleHostAccess;
  return d.hostMoids.length >= 2;
}

// "[datastore name] folder/file" -> the VM's datastore of that name.
export function datastoreOfPath(vm: Vm, path: string | undefined, index: InventoryIndex): Datastore | undefined {
  const name = path ? /^\[([^\]]+)\]/.exec(path)?.[1] : undefined;
  if (!name) return undefined;
  return vm.datastoreMoids.map((m) => index.datastore(m)).find((d) => d?.name === name);
}

// The datastores a secondary host must mount: legacy FT every datastore of the VM; SMP-FT (separate disk copies)
// the VM home and FT metadata datastores, or every datastore when the home is not known.
export function secondaryNeedsDatastores(vm: Vm, generation: 'legacy' | 'smp', index: InventoryIndex): string[] {
  if (generation === 'legacy') return vm.datastoreMoids;
  const home = datastoreOfPath(vm, vm.vmPathName, index);
  if (!home) return vm.datastoreMoids;
  const meta = datastoreOfPath(vm, vm.ftMetadataDirectory, index);
  return [...new Set([home.moid, ...(meta ? [meta.moid] : [])])];
}
