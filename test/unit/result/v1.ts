// A faithful schema 1.x report (what ftscan wrote before the 2.0 result model), built from a 2.x result:
// every finding copied into each assessment that it touches, no ids, no discriminators, VM verdicts and fix
// texts inline, schemaVersion "1.0". Tests validate it against docs/scan-result.v1.schema.json.
import type { Finding } from '../../../src/rules/types.js';
import type { ScanResult } from '../../../src/result/types.js';

type V1Finding = Omit<Finding, 'id' | 'discriminator'>;
export const V1_VERDICTS = ['ready', 'warnings', 'blocked', 'unknown', 'excluded'];

export function toV1(r: ScanResult): Record<string, any> {
  const byId = new Map(r.evaluation.findings.map((f) => [f.id, f]));
  const plain = ({ id: _id, discriminator: _d, ...f }: Finding): V1Finding => structuredClone(f);
  const copies = (ids: string[]) => ids.map((id) => plain(byId.get(id)!));
  // 1.x fix lines: the remediation, prefixed with the object's name when the fix is on a host, cluster or datastore.
  const fix = (f: Finding) => ({
    ruleId: f.ruleId,
    remediation: f.objectType === 'VirtualMachine' || f.moid === f.vmMoid ? f.remediation : `${f.name}: ${f.remediation}`,
    disruption: f.disruption,
  });
  // 1.x had five verdicts: a result with a later one (disputed, degraded, protected) has no 1.x form.
  const counts = (c: Record<string, number>) => {
    for (const [k, n] of Object.entries(c)) if (!V1_VERDICTS.includes(k) && n > 0) throw new Error(`no 1.x form for verdict ${k}`);
    return Object.fromEntries(V1_VERDICTS.map((k) => [k, c[k]]));
  };
  const ev = r.evaluation;
  const { baseline, causes: _causes, ...rest } = structuredClone(r);
  return {
    ...rest,
    schemaVersion: '1.0',
    summary: { ...rest.summary, vms: counts(rest.summary.vms) },
    evaluation: {
      profile: ev.profile,
      // 1.x had no unknown edition: it assumed Enterprise Plus and called that the default.
      edition: ev.edition ?? 'enterprisePlus',
      editionSource: ev.editionSource === 'unknown' ? 'default' : ev.editionSource,
      vms: ev.vms.map(({ findingIds, fixIds, ...vm }) => ({
        ...structuredClone(vm),
        findings: copies(findingIds),
        fixes: fixIds.map((id) => fix(byId.get(id)!)),
      })),
      clusters: ev.clusters.map(({ findingIds, ...c }) => ({
        ...structuredClone(c),
        counts: counts(c.counts),
        findings: copies(findingIds),
      })),
      hosts: ev.hosts.map(({ findingIds, ...h }) => ({ ...h, findings: copies(findingIds) })),
      datastores: ev.datastores.map(({ findingIds, ...d }) => ({ ...d, findings: copies(findingIds) })),
      findings: ev.findings.map(plain),
    },
    ...(baseline
      ? {
          baseline: {
            file: baseline.file,
            resolved: baseline.resolved.map(plain),
            ...(baseline.unverified ? { unverified: baseline.unverified.map(plain) } : {}),
          },
        }
      : {}),
  };
}
