// The words a judged result is read in, shared by the renderers (src/report) and the notifications
// (src/notify), so neither depends on the other: what to fix first (the causes the policy stage decided and
// stored, src/policy/causes.ts), the one sentence a manager forwards, and what a fix disrupts. Wording only:
// every number here was decided by the policy stage and is read from the result.
import type { Disruption, Finding } from '../rules/types.js';
import type { Cause, ScanResult } from './types.js';

export const DISRUPTION_LABEL: Record<Disruption, string> = {
  none: 'no downtime',
  vmPowerOff: 'VM power-off',
  hostReboot: 'host reboot',
  bios: 'BIOS change',
  hostMaintenance: 'host maintenance',
  clusterConfig: 'cluster change',
};

/** "cluster-ha-enabled on cluster Legacy-67" / "vm-vcpu-count on 56 VMs" / "host-ft-licensed on 2 hosts of cluster Lab-Edge". */
export function causeLabel(c: Cause, multiTarget = false): string {
  if (!c.object) return `${c.ruleId} on ${c.affected} VM${c.affected === 1 ? '' : 's'}`;
  const where = multiTarget && c.object.server ? ` (${c.object.server})` : '';
  if (c.hosts) return `${c.ruleId} on ${c.hosts.length} hosts of cluster ${c.object.name}${where}`;
  return `${c.ruleId} on ${OBJECT_WORD[c.object.type] ?? c.object.type} ${c.object.name}${where}`;
}

/** The short name a VM's blocker list uses: the rule id, with the object for a shared cause. */
export function causeShort(c: Cause): string {
  return c.object ? `${c.ruleId}@${c.object.name}` : c.ruleId;
}

/** "after fixes 1–3: 45,000 ready" (ready or ready with warnings), for cause number `n` (1-based). */
export function readyAfterText(c: Pick<Cause, 'readyAfter'>, n: number): string {
  return `after fix${n === 1 ? ' 1' : `es 1–${n}`}: ${c.readyAfter.toLocaleString('en-US')} ready or ready with warnings`;
}

/**
 * The one sentence a manager can forward: "141 of 218 VMs cannot be FT-protected today; fixing the top 5
 * causes makes 56 more VMs ready or ready with warnings (109 in all)." (the two verdicts named as every count
 * names them)Read from the stored causes; undefined when nothing blocks.
 */
export function fixSummary(result: ScanResult, top = 5): string | undefined {
  const blocked = result.summary.vms.blocked;
  const total = result.evaluation.vms.length;
  const c = result.causes;
  const head = `${blocked.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} VMs cannot be FT-protected today`;
  if (!blocked || !c?.list.length) return blocked ? `${head}.` : undefined;
  // The top n: at most `top`, fewer when the rest make no further VM ready.
  let n = Math.min(top, c.list.length);
  while (n > 1 && c.list[n - 1]!.readyAfter === c.list[n - 2]!.readyAfter) n--;
  const after = c.list[n - 1]!.readyAfter;
  const more = after - c.readyNow;
  const what = n === 1 ? 'the top cause' : `the top ${n} causes`;
  return `${head}; fixing ${what} makes ${more.toLocaleString('en-US')} more VMs ready or ready with warnings (${after.toLocaleString('en-US')} in all).`;
}

const OBJECT_WORD: Partial<Record<Finding['objectType'], string>> = {
  HostSystem: 'host',
  ClusterComputeResource: 'cluster',
  Datastore: 'datastore',
  Network: 'network',
  vCenter: 'vCenter',
  VirtualMachine: 'VM',
};
