// ESXi / vCenter version strings ("7.0.3", "5.5.0", "8.0.2") compared numerically; update levels such as
// 7.0U2 only show up in the build number, so rules that depend on them prefer the host's capability flags.

function parseVersion(v: string | undefined): number[] {
  if (!v) return [];
  return v.split('.').map((p) => Number.parseInt(p, 10)).filter((n) => Number.isFinite(n));
}

// -1 / 0 / 1; missing parts count as 0, an empty version compares below everything.
function compareVersion(a: string | undefined, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (x.length === 0) return -1;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export const atLeast = (v: string | undefined, min: string): boolean => compareVersion(v, min) >= 0;
export const below = (v: string | undefined, max: string): boolean => parseVersion(v).length > 0 && compareVersion(v, max) < 0;

