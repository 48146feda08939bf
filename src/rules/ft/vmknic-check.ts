// One check for a host's VMkernel service (FT logging, vMotion): the host's own statement and ftscan's reading of
// netConfig, with the host's "no" winning. Shared by host-ft-logging-nic and host-vmotion-nic so the two say the
// same thing the same way.
import type { Host } from '../../inventory/model.js';
import type { Evidence, Finding, RuleContext, RuleMeta } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { capabilitySupported, hasIssue } from './cpu.js';

export interface VmknicService {
  issue: string; // the host's FT compatibility issue that says the service is missing, e.g. missingFTLoggingNic
  label: string; // the service in a sentence: "FT logging", "vMotion"
  path: string; // the netConfig path of the selected vmknics
  nics: { device: string }[]; // the vmknics netConfig tags for the service
  statementRemediation: string; // the fix when the host lists the issue although netConfig tags a vmknic
  extraEvidence?: Evidence[]; // beside a missing vmknic (e.g. vMotion disabled)
}

export function vmknicFindings(meta: RuleMeta, h: Host, ctx: RuleContext, svc: VmknicService): Finding[] {
  const s = subjectOf.host(h);
  const issue = hasIssue(h, ctx.generation, [svc.issue]);
  const devices = svc.nics.map((n) => n.device);
  // The host's own statement wins: it lists the issue although netConfig selects a vmknic (the vmknic may be
  // down, on a switch the host cannot use, or not yet picked up): the host is not FT-capable.
  if (issue && devices.length > 0) {
    return [
      finding(
        meta,
        ctx,
        s,
        `host reports ${svc.issue} although its network config tags ${devices.join(', ')} for ${svc.label}: the host's statement decides`,
        [evidence(s, issue.path, issue.issue, `no ${svc.issue}`), evidence(s, svc.path, devices, 'at least one vmknic')],
        { remediation: svc.statementRemediation },
      ),
    ];
  }
  const gap = unreadableAmong(meta.reads, h.unreadable);
  if (gap && issue)
    return [
      finding(meta, ctx, s, `host reports ${issue.issue}: no usable ${svc.label} vmknic (its network config is unreadable)`, [
        evidence(s, issue.path, issue.issue, `no ${issue.issue}`),
      ]),
    ];
  if (gap) return [unreadableFinding(meta, ctx, s, gap, `the host lists no ${svc.issue} either`)];
  if (devices.length > 0) return [];
  const ev = [evidence(s, svc.path, [], 'at least one vmknic'), ...(svc.extraEvidence ?? [])];
  if (issue) ev.push(evidence(s, issue.path, issue.issue));
  // The host is silent (it says it supports FT, listing no such issue) while netConfig has no such vmknic:
  // ftscan's reading stands; the host's contrary statement is evidence beside it.
  const says = capabilitySupported(h, ctx.generation);
  if (!issue && says?.value === true) ev.push(evidence(s, says.path, true, `false, listing ${svc.issue}`));
  return [finding(meta, ctx, s, `no VMkernel NIC is enabled for ${svc.label}`, ev)];
}
