// --ca-file is checked whole before any vCenter is contacted: a directory, a DER file or a PEM file with a
// broken certificate is the user's to fix (exit 2), not a TLS failure of the vCenter (exit 3).
import { readCaFile } from '../vsphere/tls.js';
import { UsageError } from '../util/errors.js';

export function checkCaFile(file: string): void {
  try {
    readCaFile(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
