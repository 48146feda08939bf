import { compareVersions } from '../../util/version.js';

// ESXi / vCenter version strings ("7.0.3", "5.5.0", "8.0.2") compared numerically; update levels such as
// 7.0U2 only show up in the build number, so rules that depend on them prefer the host's capability flags.

// An empty (unknown) version compares below everything and is never "below" a bound.
function compareVersion(a: string | undefined, b: string): number {
  return a ? compareVersions(a, b) : -1;
}

export const atLeast = (v: string | undefined, min: string): boolean => compareVersion(v, min) >= 0;
export const below = (v: string | undefined, max: string): boolean => !!v && compareVersion(v, max) < 0;
