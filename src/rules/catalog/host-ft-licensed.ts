import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../cpu.js';
import { readEditionKey } from '../edition.js';

export const rule: Rule<'host'> = {
  meta: {
    id: 'host-ft-licensed',
    title: 'Host licence includes Fault Tolerance',
    severity: 'blocker',
    scope: 'host',
    generations: ['legacy', 'smp'],
    rationale: 'FT is part of vSphere Standard (5.1+), Enterprise and Enterprise Plus; Essentials, Essentials Plus and the free hypervisor have no FT.',
    remediation: 'Assign the host a vSphere Standard, Enterprise or Enterprise Plus licence.',
    disruption: 'none',
    references: ['ft-requirements §1', 'D1', 'D10', 'D14', 'B5', 'S1', 'S6'],
    vcenterReasons: ['ftNotLicensed', 'FaultToleranceNotLicensed'],
    needs: [HOST_PATHS.capability],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const issue = hasIssue(h, ctx.generation, ['ftNotLicensed']);
    if (issue) return [finding(rule.meta, ctx, s, 'host reports ftNotLicensed: its licence does not include FT', [evidence(s, issue.path, issue.issue, 'licensed')])];
    const read = readEditionKey(h.licenseEdition);
    if (read.ftLicensed === false) {
      return [finding(rule.meta, ctx, s, `licence edition ${h.licenseEdition} has no Fault Tolerance`, [evidence(s, 'LicenseAssignmentManager.QueryAssignedLicenses.assignedLicense.editionKey', h.licenseEdition, 'Standard, Enterprise or Enterprise Plus')])];
    }
    return [];
  },
};
