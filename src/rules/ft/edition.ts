// Licence edition -> SMP-FT vCPU cap. The host's own published ceilings (capability.maxVcpusPerFtVm,
// maxMemMBPerFtVm) win over the documented per-version numbers; the edition then caps below them.
// There is no default edition: a licence that was not read and no --edition leave the edition unknown, and a
// VM above the cap every FT edition allows (2 vCPUs for SMP-FT) is then `unknown`, never assumed to fit.
import type { Host } from '../../inventory/model.js';
import type { Edition, EditionSource, FtLimits, Generation } from '../types.js';
import { atLeast } from './version.js';

export interface EditionReading {
  edition?: Edition; // undefined: key not recognised, or an edition without FT
  ftLicensed?: boolean; // false for Essentials / Essentials Plus / free Hypervisor
  label: string;
}

// Where the licence editionKey comes from (evidence path of every licence finding).
export const LICENSE_EDITION_PATH = 'LicenseAssignmentManager.QueryAssignedLicenses.assignedLicense.editionKey';
// The privilege without which QueryAssignedLicenses returns no assignment, and the way to state the edition instead.
const LICENSE_PRIVILEGE = 'Global.Licenses';
export const EDITION_FIX = `Grant the scan user the ${LICENSE_PRIVILEGE} privilege (read-only licence view) so the host licence can be read, or pass --edition standard|enterprise|enterprise-plus.`;

// editionKey values seen in real vCenters: esx.enterprisePlus.cpuPackage, esx.enterprisePlus.cpuPackageCoreLimited,
// esx.standard.cpuPackage, esx.essentialsPlus.cpuPackage, esx.hypervisor.cpuPackageCoreLimited (free), eval,
// 5.x vRAM keys such as esxEnterprisePlus.vram. Matching the edition word keeps future suffixes working.
export function readEditionKey(key: string | undefined): EditionReading {
  if (!key) return { label: 'not read' };
  const k = key.toLowerCase();
  if (k === 'eval' || k.startsWith('eval.')) return { edition: 'enterprisePlus', ftLicensed: true, label: 'Evaluation (all features)' };
  if (/essentials|hypervisor|\bfree\b|esx\.free|embeddedoem|express|vmtn/.test(k)) return { ftLicensed: false, label: key };
  if (/enterpriseplus/.test(k)) return { edition: 'enterprisePlus', ftLicensed: true, label: 'Enterprise Plus' };
  if (/enterprise/.test(k)) return { edition: 'enterprise', ftLicensed: true, label: 'Enterprise' };
  if (/standard|esxfull/.test(k)) return { edition: 'standard', ftLicensed: true, label: 'Standard' };
  return { label: `unrecognised editionKey ${key}` };
}

export interface ResolvedEdition {
  edition?: Edition; // undefined: unknown (source 'unknown'), or a licence without FT (source 'license')
  source: EditionSource;
  key?: string;
  why: string; // "licence esx.standard.cpuPackage", "--edition", "host licence not read (...)"
}

// The edition of one host: its licence when read and recognised, else --edition, else unknown.
export function resolveEdition(host: Host | undefined, flag: Edition | undefined): ResolvedEdition {
  const key = host?.licenseEdition;
  const read = readEditionKey(key);
  const k = key ? { key } : {};
  if (read.edition) return { edition: read.edition, source: 'license', ...k, why: `licence ${key}` };
  if (read.ftLicensed === false) return { source: 'license', ...k, why: `licence ${key} (no Fault Tolerance)` };
  if (flag) return { edition: flag, source: 'flag', ...k, why: '--edition' };
  return {
    source: 'unknown',
    ...k,
    why: key
      ? `licence editionKey ${key} not recognised, no --edition`
      : `host licence not read (no licence assignment returned; reading it needs ${LICENSE_PRIVILEGE}), no --edition`,
  };
}

const EDITION_LABEL: Record<Edition, string> = {
  standard: 'Standard',
  enterprise: 'Enterprise',
  enterprisePlus: 'Enterprise Plus',
};

const GB64 = 64 * 1024;
const GB128 = 128 * 1024;
// SMP-FT vCPUs every FT edition allows (Standard and Enterprise: 2) [D1, D10, D14].
const ANY_EDITION_VCPUS = 2;

// Enterprise Plus SMP-FT vCPU cap by ESXi version [D14, D10, D7, D1]: 4 on 6.0/6.5, 8 on 6.7+.
function versionVcpuCap(version: string | undefined): number {
  return atLeast(version, '6.7') ? 8 : 4;
}

export function ftLimits(host: Host | undefined, generation: Generation, flag: Edition | undefined): FtLimits {
  const ed = resolveEdition(host, flag);
  const v = host?.product.version;
  const cap = host?.capability.maxVcpusPerFtVm;
  let maxVcpus: number;
  let maxVcpusSource: string;
  let vcpusAnyEdition: number | undefined;
  if (generation === 'legacy') {
    maxVcpus = 1;
    maxVcpusSource = 'legacy FT';
  } else {
    const top = cap ?? versionVcpuCap(v);
    const topSrc = cap !== undefined ? `host ${host?.name} capability.maxVcpusPerFtVm` : `ESXi ${v ?? '?'}`;
    if (ed.edition === 'enterprisePlus' || ed.edition === undefined) {
      // Enterprise Plus, or no FT edition known: the version / host ceiling is the most any edition allows.
      maxVcpus = top;
      maxVcpusSource = ed.edition ? `${EDITION_LABEL[ed.edition]} on ${topSrc}` : topSrc;
      if (ed.source === 'unknown') vcpusAnyEdition = Math.min(ANY_EDITION_VCPUS, top);
    } else {
      maxVcpus = Math.min(ANY_EDITION_VCPUS, top);
      maxVcpusSource = `${EDITION_LABEL[ed.edition]} edition`;
    }
    maxVcpusSource += `; edition from ${ed.why}`;
  }
  const memCap = host?.capability.maxMemMBPerFtVm;
  const maxMemMB = memCap ?? (generation === 'smp' && atLeast(v, '6.7') ? GB128 : GB64);
  const maxMemSource =
    memCap !== undefined
      ? `host ${host?.name} capability.maxMemMBPerFtVm`
      : `documented limit for ${generation === 'legacy' ? 'legacy FT' : `SMP-FT on ESXi ${v ?? '?'}`}`;
  const limits: FtLimits = { editionSource: ed.source, editionWhy: ed.why, maxVcpus, maxVcpusSource, maxMemMB, maxMemSource };
  if (ed.edition) limits.edition = ed.edition;
  if (ed.key) limits.editionKey = ed.key;
  if (vcpusAnyEdition !== undefined) limits.vcpusAnyEdition = vcpusAnyEdition;
  return limits;
}
