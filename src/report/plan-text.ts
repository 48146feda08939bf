// The two answers a pre-migration plan gives besides the per-VM verdicts, worded once for every format (plan's
// text, table, Markdown, CSV, HTML): the names of the VM list no vCenter has, and the capacity of the cluster the
// VMs go to (how many of them fit together under the per-host FT limits, and the cluster's FT headroom).
import type { Headroom } from '../rules/types.js';
import type { NotFoundName, ScanResult } from '../result/types.js';
import { headroomText } from './view.js';

export function notFoundText(m: NotFoundName): string {
  return `listed in --vms, in no scanned vCenter${m.suggestion !== undefined ? `; did you mean '${m.suggestion}'?` : ''}`;
}

export interface Capacity {
  cluster: string;
  server?: string;
  vms?: number; // chosen VMs placed in this cluster (absent when the result has no placement)
  fitTogether?: number;
  headroom?: Headroom;
}

/** The target cluster (a what-if) or each cluster the chosen VMs are placed in, with its capacity. */
export function capacities(result: ScanResult): Capacity[] {
  const clusters = result.evaluation.clusters;
  const headroomOf = (moid: string, server?: string) =>
    clusters.find((c) => c.moid === moid && (server === undefined || c.server === server))?.headroom;
  const placement = result.evaluation.placement ?? [];
  const t = result.targetCluster;
  const chosen = t !== undefined ? placement.filter((p) => p.clusterName === t || p.clusterMoid === t) : placement;
  const out: Capacity[] = chosen.map((p) => ({
    cluster: p.clusterName,
    ...(p.server ? { server: p.server } : {}),
    vms: p.vms,
    fitTogether: p.fitTogether,
    ...(headroomOf(p.clusterMoid, p.server) ? { headroom: headroomOf(p.clusterMoid, p.server)! } : {}),
  }));
  if (out.length === 0 && t !== undefined) {
    // No VM could be placed (or an older report): the target cluster's headroom still answers "how much room".
    for (const c of clusters)
      if (c.name === t || c.moid === t) out.push({ cluster: c.name, ...(c.server ? { server: c.server } : {}), headroom: c.headroom });
  }
  return out;
}

export function largestText(h: Headroom): string {
  const n = h.largestNewFtVmVcpus;
  return n === null
    ? 'no vCPU limit per FT VM'
    : n === 0
      ? 'no host pair has room for another FT VM'
      : `the largest new FT VM can have ${n} vCPUs`;
}

/** One answer per cluster, e.g. "Capacity of cluster Prod-B: 5 of 7 chosen VMs fit together ...". */
export function capacityLines(result: ScanResult): string[] {
  const multi = result.targets.length > 1;
  return capacities(result).flatMap((c) => {
    const name = `cluster ${c.cluster}${multi && c.server ? ` (${c.server})` : ''}`;
    const fit =
      c.vms !== undefined
        ? `${c.fitTogether} of ${c.vms} chosen VM${c.vms === 1 ? '' : 's'} fit together under the per-host FT limits (at least)`
        : 'no chosen VM could be placed';
    const lines = [`Capacity of ${name}: ${fit}`];
    if (c.headroom) lines.push(`  headroom: ${headroomText(c.headroom)}; ${largestText(c.headroom)}`);
    return lines;
  });
}
