// The two answers a pre-migration plan gives besides the per-VM verdicts, worded once for every format (plan's
// text, table, Markdown, CSV, HTML): the names of the VM list no vCenter has, and the capacity of the cluster the
// VMs go to (how many of them fit together under the per-host FT limits, and the cluster's FT headroom).
import type { Disruption, Headroom } from '../rules/types.js';
import type { NotFoundName, ScanResult, VmResult } from '../result/types.js';
import { DISRUPTION_ORDER } from '../rules/verdict.js';
import { DISRUPTION_LABEL, fixesOf, headroomText } from './view.js';

export function notFoundText(m: NotFoundName): string {
  return `listed in --vms, in no scanned vCenter${m.suggestion !== undefined ? `; did you mean '${m.suggestion}'?` : ''}`;
}

interface Capacity {
  cluster: string;
  server?: string;
  vms?: number; // chosen VMs placed in this cluster (absent when the result has no placement)
  fitTogether?: number;
  headroom?: Headroom;
}

/** The target cluster (a what-if) or each cluster the chosen VMs are placed in, with its capacity. */
function capacities(result: ScanResult): Capacity[] {
  const clusters = result.evaluation.clusters;
  const headroomOf = (moid: string, server?: string) =>
    clusters.find((c) => c.moid === moid && (server === undefined || c.server === server))?.headroom;
  const placement = result.evaluation.placement ?? [];
  const t = result.targetCluster;
  const isTarget = (name: string, moid: string) => name.toLowerCase() === t?.toLowerCase() || moid === t;
  const chosen = t !== undefined ? placement.filter((p) => isTarget(p.clusterName, p.clusterMoid)) : placement;
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
      if (isTarget(c.name, c.moid)) out.push({ cluster: c.name, ...(c.server ? { server: c.server } : {}), headroom: c.headroom });
  }
  return out;
}

function largestText(h: Headroom): string {
  const n = h.largestNewFtVmVcpus;
  return n === null
    ? 'no vCPU limit per FT VM'
    : n === 0
      ? 'no host pair has room for another FT VM'
      : `the largest new FT VM can have ${n} vCPUs`;
}

const READY = new Set(['ready', 'warnings']);
const namesOf = (vms: VmResult[], max = 10) =>
  vms
    .slice(0, max)
    .map((v) => v.name)
    .join(', ') + (vms.length > max ? `, ... (${vms.length - max} more)` : '');

/**
 * One answer per cluster that says what it counts, e.g. "Capacity of cluster Prod-B: 2 of the 3 ready VMs fit
 * together under the per-host FT limits (at least); 2 blocked by other causes (sql-01, app-02); 1 not found".
 */
export function capacityLines(result: ScanResult): string[] {
  const multi = result.targets.length > 1;
  const caps = capacities(result);
  const notFound = result.notFound?.length ?? 0;
  return caps.flatMap((c, i) => {
    const name = `cluster ${c.cluster}${multi && c.server ? ` (${c.server})` : ''}`;
    const p = (result.evaluation.placement ?? []).find(
      (x) => x.clusterName === c.cluster && (c.server === undefined || x.server === c.server),
    );
    // The chosen VMs placed in this cluster (a what-if places every chosen VM in the target).
    const here = result.evaluation.vms.filter(
      (v) => v.clusterName === c.cluster && (c.server === undefined || v.server === undefined || v.server === c.server),
    );
    const placed = new Set(p?.placedVmMoids ?? []);
    const ready = here.filter((v) => READY.has(v.verdict));
    const fit = ready.filter((v) => placed.has(v.moid));
    const blocked = here.filter((v) => v.verdict === 'blocked' || v.verdict === 'disputed');
    const unknown = here.filter((v) => v.verdict === 'unknown');
    const ft = here.filter((v) => v.verdict === 'protected' || v.verdict === 'degraded');
    const parts: string[] = [];
    if (c.vms === undefined) parts.push('no chosen VM could be placed');
    else
      parts.push(
        `${fit.length} of the ${ready.length} ready VM${ready.length === 1 ? '' : 's'} fit together under the per-host FT limits (at least)`,
      );
    if (blocked.length) parts.push(`${blocked.length} blocked by other causes (${namesOf(blocked)})`);
    if (unknown.length) parts.push(`${unknown.length} unknown (${namesOf(unknown)})`);
    if (ft.length) parts.push(`${ft.length} already FT-protected (${namesOf(ft)})`);
    // The names no vCenter has belong to no cluster: counted once, on the first answer.
    if (notFound && i === 0) parts.push(`${notFound} not found`);
    const lines = [`Capacity of ${name}: ${parts.join('; ')}`];
    if (c.headroom) lines.push(`  headroom: ${headroomText(c.headroom)}; ${largestText(c.headroom)}`);
    return lines;
  });
}

/** One step of a VM's plan: a move step (what-if) or a fix, with its disruption in the reports' words. */
export interface PlanStep {
  text: string;
  disruption: Disruption;
  label: string; // DISRUPTION_LABEL
  optional: boolean; // a warning's fix: FT can be turned on without it
  ruleId?: string;
  why?: string; // the finding behind a fix
}

/** The VM's ordered steps: the move (vMotion, Storage vMotion, port group mapping), then the fixes in order. */
export function planSteps(result: ScanResult, vm: VmResult): PlanStep[] {
  const step = (text: string, disruption: Disruption, optional: boolean, extra: Partial<PlanStep> = {}): PlanStep => ({
    text,
    disruption,
    label: DISRUPTION_LABEL[disruption] ?? disruption,
    optional,
    ...extra,
  });
  return [
    ...(vm.move?.steps ?? []).map((s) => step(s.text, s.disruption, false)),
    ...fixesOf(result, vm).map((f) =>
      step(f.remediation, f.disruption, f.finding.severity === 'warning', { ruleId: f.ruleId, why: f.finding.message }),
    ),
  ];
}

/** Whether the VM needs a maintenance window, in one phrase: the most disruptive required step decides. */
export function windowText(steps: PlanStep[]): string {
  const worst = (list: PlanStep[]) =>
    list.reduce<PlanStep | undefined>(
      (w, s) =>
        s.disruption !== 'none' && (!w || DISRUPTION_ORDER.indexOf(s.disruption) > DISRUPTION_ORDER.indexOf(w.disruption)) ? s : w,
      undefined,
    );
  const required = worst(steps.filter((s) => !s.optional));
  if (required) return `maintenance window needed (${required.label})`;
  const optional = worst(steps.filter((s) => s.optional));
  if (optional) return `no maintenance window needed (an optional step needs ${optional.label})`;
  return 'no maintenance window needed';
}

/** The plan's VM order: the order of --vms when given (names matched case-insensitively), else by cluster, then name. */
export function planOrder(result: ScanResult, vmNames?: string[]): VmResult[] {
  const vms = [...result.evaluation.vms];
  const cluster = (v: VmResult) => v.move?.current.clusterName ?? v.clusterName ?? '';
  if (vmNames?.length) {
    const pos = new Map<string, number>();
    vmNames.forEach((n, i) => {
      if (!pos.has(n.toLowerCase())) pos.set(n.toLowerCase(), i);
    });
    const at = (v: VmResult) => pos.get(v.name.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
    return vms.sort((a, b) => at(a) - at(b) || a.name.localeCompare(b.name));
  }
  return vms.sort((a, b) => cluster(a).localeCompare(cluster(b)) || a.name.localeCompare(b.name));
}

// The columns a what-if appends to the VM rows of CSV and xlsx: where the VM runs now beside where the what-if
// puts it (the `cluster` and `host` columns), and which of them are what-if.
export const PLAN_COLUMNS = [
  'placement',
  'current_cluster',
  'current_host',
  'current_datastores',
  'target_datastores',
  'move_steps',
  'maintenance_window',
] as const;

/** The appended cells of one VM (a what-if result only: empty without a target cluster). */
export function planCells(result: ScanResult, vm: VmResult): Record<(typeof PLAN_COLUMNS)[number], string> {
  const m = vm.move;
  const moved = !!m?.steps.length;
  const steps = planSteps(result, vm);
  return {
    placement: moved ? 'what-if: cluster, host and target_datastores are the target placement' : 'current',
    current_cluster: m?.current.clusterName ?? vm.clusterName ?? '',
    current_host: m?.current.hostName ?? vm.hostName ?? '',
    current_datastores: (m?.current.datastores ?? []).join(', '),
    target_datastores: moved ? m!.datastores.join(', ') : '',
    move_steps: (m?.steps ?? []).map((s, i) => `${i + 1}. ${s.text} [${DISRUPTION_LABEL[s.disruption]}]`).join('\n'),
    maintenance_window: vm.verdict === 'excluded' ? '' : windowText(steps),
  };
}
