// Dotted version strings ("7.0.3", "6.7.1", "7.0.2.0") compared numerically, part by part. A missing or
// unparseable part counts as 0, so "7.0.2.0" equals "7.0.2". Used for vSphere API versions (which property
// paths a server knows) and ESXi/vCenter product versions (which FT generation applies).
// Rules compare the same few host and vCenter versions once per VM (10,000s of times): parse each once.
const parsed = new Map<string, number[]>();
function parts(v: string): number[] {
  let p = parsed.get(v);
  if (!p) {
    p = v.split('.').map((s) => {
      const n = Number.parseInt(s, 10);
      return Number.isFinite(n) ? n : 0;
    });
    if (parsed.size < 10_000) parsed.set(v, p); // a bound: versions come from the server
  }
  return p;
}

/** -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
