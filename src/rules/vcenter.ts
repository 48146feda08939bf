// vCenter's own opinion (QueryFaultToleranceCompatibilityEx, opt-in): its faults are mapped onto our rule ids
// through meta.vcenterReasons. A fault that agrees with an ftscan finding of the VM (same rule, not info) is
// attached to that finding as corroboration (`corroboration`), not counted as a finding of its own: asking
// vCenter confirms, it does not double the blockers. Only a fault no ftscan finding covers stands alone
// (source 'vcenter'); it never clears a verdict and makes a candidate `disputed` (verdictOf). Where the query
// covers a requirement and disagrees with us, the disagreement is listed.
// The query evaluates VM-level factors only, not host CPUs, logging NICs, licences or placement.
import type { FtQueryResult, Vm } from '../inventory/model.js';
import type { AnyRule, Finding, Generation, VmAssessment } from './types.js';

// VM-scope rules that carry vCenter reasons but whose faults come from enable/placement tasks, not the query.
const NOT_QUERY_COVERED = new Set(['vm-secondary-host', 'vm-drs-automation', 'vm-ha-restart-disabled', 'vm-ft-capacity']);

function queryCovers(rule: AnyRule): boolean {
  return rule.meta.scope === 'vm' && (rule.meta.vcenterReasons?.length ?? 0) > 0 && !NOT_QUERY_COVERED.has(rule.meta.id);
}

function rulesForReason(rules: readonly AnyRule[], key: string): AnyRule[] {
  return rules.filter((r) => r.meta.vcenterReasons?.includes(key));
}

export function vcenterOpinion(
  vm: Vm,
  q: FtQueryResult,
  ours: Finding[],
  rules: readonly AnyRule[],
  generation: Generation,
): { opinion: NonNullable<VmAssessment['vcenterOpinion']>; findings: Finding[] } {
  const opinion: NonNullable<VmAssessment['vcenterOpinion']> = { status: q.status, faults: [], disagreements: [] };
  if (q.reason) opinion.reason = q.reason;
  if (q.status !== 'evaluated') return { opinion, findings: [] };
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const agreeing = ours.filter((f) => f.source === 'ftscan' && f.severity !== 'info');
  const ourIds = new Set(agreeing.map((f) => f.ruleId));
  for (const f of q.faults) {
    const key = f.reason ?? f.fault;
    const mapped = rulesForReason(rules, key);
    for (const r of mapped) reported.add(r.meta.id);
    const primary = mapped[0];
    opinion.faults.push(mapped.length ? `${key} -> ${mapped.map((r) => r.meta.id).join(', ')}` : key);
    const mappedIds = new Set(mapped.map((r) => r.meta.id));
    const agrees = agreeing.filter((x) => mappedIds.has(x.ruleId));
    if (agrees.length) {
      // vCenter says what ftscan found: corroboration on our finding(s), once per reason.
      const c = { source: 'vcenter' as const, reason: key, message: f.message || key };
      for (const x of agrees) {
        const list = (x.corroboration ??= []);
        if (!list.some((y) => y.reason === key)) list.push(c);
      }
      continue;
    }
    findings.push({
      id: '', // assigned by the engine
      ruleId: primary?.meta.id ?? 'vcenter-query',
      severity: primary?.meta.severity ?? 'warning',
      scope: 'vm',
      objectType: 'VirtualMachine',
      moid: vm.moid,
      name: vm.name,
      generation,
      message: `vCenter: ${f.message || key}`,
      evidence: [
        {
          objectType: 'VirtualMachine',
          moid: vm.moid,
          name: vm.name,
          path: 'QueryFaultToleranceCompatibilityEx',
          observed: { fault: f.fault, reason: f.reason ?? null },
        },
      ],
      remediation: primary?.meta.remediation ?? "See vCenter's message; ftscan has no rule for this fault.",
      disruption: primary?.meta.disruption ?? 'none',
      source: 'vcenter',
      discriminator: key,
    });
    const covered = mapped.filter(queryCovers);
    if (covered.length && !covered.some((r) => ourIds.has(r.meta.id))) {
      opinion.disagreements.push(`vCenter reports ${key} (${covered.map((r) => r.meta.id).join(', ')}); ftscan found no such issue`);
    }
  }
  for (const f of ours) {
    if (f.source !== 'ftscan' || f.severity !== 'blocker' || f.scope !== 'vm' || f.moid !== vm.moid) continue;
    const rule = rules.find((r) => r.meta.id === f.ruleId);
    if (!rule || !queryCovers(rule) || reported.has(rule.meta.id)) continue;
    const msg = `ftscan: ${f.ruleId} blocks (${f.message}); vCenter's query did not report it`;
    if (!opinion.disagreements.includes(msg)) opinion.disagreements.push(msg);
  }
  return { opinion, findings };
}
