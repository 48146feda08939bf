import { HOST_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { hasIssue } from '../ft/cpu.js';
import { LICENSE_EDITION_PATH, readEditionKey } from '../ft/edition.js';
import { below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'host'> = defineRule({
  meta: {
    id: 'host-ft-licensed',
    title: 'Host licence includes Fault Tolerance',
    severity: 'blocker',
    scope: 'host',
    rationale:
      'FT is part of vSphere Standard (5.1+), Enterprise and Enterprise Plus; Essentials, Essentials Plus and the free hypervisor have no FT, and neither had Standard on 4.x / 5.0.',
    remediation: 'Assign the host a vSphere Standard, Enterprise or Enterprise Plus licence.',
    disruption: 'none',
    references: ['ft-requirements §1', 'D1', 'D10', 'D14', 'B5', 'S1', 'S6'],
    vcenterReasons: ['ftNotLicensed', 'FaultToleranceNotLicensed'],
    severityNote:
      "Standard on ESX/ESXi 4.x and 5.0: blocker (the 5.0 edition table, B5; 4.x sold FT from Advanced up, F2). Standard on 5.1 / 5.5: allowed, UNVERIFIED (no VMware source for the 5.1 licensing change was read; F2 believes it). Licence not read: no edition is assumed; ftNotLicensed in the host's FT compatibility issues still blocks, and vm-vcpu-count makes a VM above 2 vCPUs unknown.",
    needs: [HOST_PATHS.capability],
  },
  check(h, ctx) {
    const s = subjectOf.host(h);
    const issue = hasIssue(h, ctx.generation, ['ftNotLicensed']);
    if (issue)
      return [
        finding(rule.meta, ctx, s, 'host reports ftNotLicensed: its licence does not include FT', [
          evidence(s, issue.path, issue.issue, 'licensed'),
        ]),
      ];
    const read = readEditionKey(h.licenseEdition);
    if (read.ftLicensed === false) {
      return [
        finding(rule.meta, ctx, s, `licence edition ${h.licenseEdition} has no Fault Tolerance`, [
          evidence(s, LICENSE_EDITION_PATH, h.licenseEdition, 'Standard, Enterprise or Enterprise Plus'),
        ]),
      ];
    }
    const v = h.product.version;
    if (read.edition === 'standard' && below(v, '5.1')) {
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `licence edition ${h.licenseEdition} (Standard) on ESX/ESXi ${v} has no Fault Tolerance (Standard includes FT from 5.1)`,
          [
            evidence(s, LICENSE_EDITION_PATH, h.licenseEdition, 'Advanced, Enterprise or Enterprise Plus on 4.x/5.0'),
            evidence(s, HOST_PATHS.version, v, '>= 5.1 for FT with Standard'),
          ],
          { remediation: 'Assign the host an Enterprise or Enterprise Plus licence (Advanced on 4.x), or upgrade it to 5.1 or later.' },
        ),
      ];
    }
    return [];
  },
});
