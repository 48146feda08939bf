// Licence edition -> SMP-FT vCPU cap. The host's own published ceilings (capability.maxVcpusPerFtVm,
// maxMemMBPerFtVm) win over the documented per-version numbers; the edition then caps below them.
import type { Host } from '../inventory/model.js';
import type { Edition, EditionSource, FtLimits, Generation } from './types.js';
import { atLeast } from './version.js';

export const DEFAULT_EDITION: Edition = 'enterprisePlus';

export interface EditionReading {
  edition?: Edition; // undefined: key not recognised, or an edition without FT
  ftLicensed?: boolean; // false for Essentials / Essentials Plus / free Hypervisor
  label: string;
}

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

export function resolveEdition(
  host: Host | undefined,
  flag: Edition | undefined,
): { edition: Edition; source: EditionSource; key?: string } {
  const read = readEditionKey(host?.licenseEdition);
  if (read.edition) return { edition: read.edition, source: 'license', key: host?.licenseEdition };
  if (flag) return { edition: flag, source: 'flag', key: host?.licenseEdition };
  return { edition: DEFAULT_EDITION, source: 'default', key: host?.licenseEdition };
}

export const EDITION_LABEL: Record<Edition, string> = {
  standard: 'Standard',
  enterprise: 'Enterprise',
  enterprisePlus: 'Enterprise Plus',
};

const GB64 = 64 * 1024;
const GB128 = 128 * 1024;

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
  if (generation === 'legacy') {
    maxVcpus = 1;
    maxVcpusSource = 'legacy FT';
  } else {
    const top = cap ?? versionVcpuCap(v);
    const topSrc = cap !== undefined ? `host ${host?.name} capability.maxVcpusPerFtVm` : `ESXi ${v ?? '?'}`;
    if (ed.edition === 'enterprisePlus') {
      maxVcpus = top;
      maxVcpusSource = `${EDITION_LABEL[ed.edition]} on ${topSrc}`;
    } else {
      maxVcpus = Math.min(2, top);
      maxVcpusSource = `${EDITION_LABEL[ed.edition]} edition`;
    }
    maxVcpusSource += `; edition from ${ed.source === 'license' ? 'the host licence' : ed.source === 'flag' ? '--edition' : 'the default, Enterprise Plus'}`;
  }
  const memCap = host?.capability.maxMemMBPerFtVm;
  const maxMemMB = memCap ?? (generation === 'smp' && atLeast(v, '6.7') ? GB128 : GB64);
  const maxMemSource =
    memCap !== undefined
      ? `host ${host?.name} capability.maxMemMBPerFtVm`
      : `documented limit for ${generation === 'legacy' ? 'legacy FT' : `SMP-FT on ESXi ${v ?? '?'}`}`;
  const limits: FtLimits = { edition: ed.edition, editionSource: ed.source, maxVcpus, maxVcpusSource, maxMemMB, maxMemSource };
  if (ed.key) limits.editionKey = ed.key;
  return limits;
}
