import type { Estate } from './estate.js';
export interface ScaleOptions { clusters?: number; hostsPerCluster?: number; seed?: number }
export function scaleEstate(nVms: number, opts: ScaleOptions = {}): Estate {
  void nVms; void opts;
  throw new Error('TODO');
}
