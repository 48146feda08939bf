// The newest virtual hardware version each ESXi release runs [K6: KB 1003746 / Broadcom KB 315655, "Virtual
// machine hardware versions"; S3: govmomi vim25/types/hardware_version.go]. A host cannot carry a VM (or its
// FT secondary) whose hardware version is newer than this. Update releases are told apart by the host's
// API version (7.0.2.0 = 7.0 U2); a version not in the table returns undefined (cannot tell).
import type { Host } from '../../inventory/model.js';
import { atLeast } from './version.js';

// [minimum API / product version, newest vmx], newest first.
const TABLE: [string, number][] = [
  ['8.0.2', 21],
  ['8.0', 20],
  ['7.0.2', 19],
  ['7.0.1', 18],
  ['7.0', 17],
  ['6.7.2', 15],
  ['6.7', 14],
  ['6.5', 13],
  ['6.0', 11],
  ['5.5', 10],
  ['5.1', 9],
  ['5.0', 8],
  ['4.0', 7],
];

export function maxHwVersion(h: Host): number | undefined {
  // apiVersion carries the update level ("7.0.2.0"); product.version only the release ("7.0.2" on 7.0 U2
  // builds too, but not on every release), so the higher of the two decides.
  const v = [h.product.apiVersion, h.product.version].filter(Boolean);
  if (v.length === 0) return undefined;
  for (const [min, vmx] of TABLE) if (v.some((x) => atLeast(x, min))) return vmx;
  return undefined;
}
