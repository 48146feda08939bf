// Builders shared by the catalogue: one place decides how a rule's metadata turns into a Finding.
import type { Cluster, Datastore, Host, Unreadable, VCenterInfo, Vm } from '../inventory/model.js';
import type { Disruption, Evidence, Finding, Generation, RuleContext, RuleMeta, Severity } from './types.js';

export interface Subject {
  objectType: Evidence['objectType'];
  moid: string;
  name: string;
}

export const subjectOf = {
  vm: (vm: Vm): Subject => ({ objectType: 'VirtualMachine', moid: vm.moid, name: vm.name }),
  host: (h: Host): Subject => ({ objectType: 'HostSystem', moid: h.moid, name: h.name }),
  cluster: (c: Cluster): Subject => ({ objectType: 'ClusterComputeResource', moid: c.moid, name: c.name }),
  datastore: (d: Datastore): Subject => ({ objectType: 'Datastore', moid: d.moid, name: d.name }),
  vcenter: (vc: VCenterInfo): Subject => ({ objectType: 'vCenter', moid: vc.instanceUuid ?? vc.server, name: vc.name || vc.server }),
};

export function evidence(subject: Subject, path: string, observed: unknown, expected?: string): Evidence {
  const e: Evidence = { objectType: subject.objectType, moid: subject.moid, name: subject.name, path, observed };
  if (expected !== undefined) e.expected = expected;
  return e;
}

export interface FindingOverrides {
  severity?: Severity;
  remediation?: string;
  disruption?: Disruption;
  vmMoid?: string;
  discriminator?: string;
}

export function finding(
  meta: RuleMeta,
  ctx: Pick<RuleContext, 'generation'>,
  subject: Subject,
  message: string,
  ev: Evidence[],
  over: FindingOverrides = {},
): Finding {
  const f: Finding = {
    id: '', // assigned by the engine, which knows the vCenter (finding-id.ts)
    ruleId: meta.id,
    severity: over.severity ?? meta.severity,
    scope: meta.scope,
    objectType: subject.objectType,
    moid: subject.moid,
    name: subject.name,
    generation: ctx.generation,
    message,
    evidence: ev,
    remediation: over.remediation ?? meta.remediation,
    disruption: over.disruption ?? meta.disruption,
    source: 'ftscan',
  };
  if (over.vmMoid) f.vmMoid = over.vmMoid;
  if (over.discriminator) f.discriminator = over.discriminator;
  return f;
}

// A property the rule needs is unreadable when one path is the other or a prefix of it.
export function unreadableAmong(paths: string[] | undefined, unreadable: Unreadable[]): Unreadable | undefined {
  if (!paths?.length || unreadable.length === 0) return undefined;
  const covers = (a: string, b: string) => a === b || a.startsWith(b + '.') || a.startsWith(b + '[');
  return unreadable.find((u) => paths.some((n) => covers(u.path, n) || covers(n, u.path)));
}

// The `unknown` finding for a rule whose outcome depends on a property vCenter did not return.
export function unreadableFinding(
  meta: RuleMeta,
  ctx: Pick<RuleContext, 'generation'>,
  subject: Subject,
  gap: Unreadable,
  why = '',
): Finding {
  return finding(
    meta,
    ctx,
    subject,
    `cannot evaluate: ${gap.path} is unreadable (${gap.fault})${why ? `; ${why}` : ''}`,
    [evidence(subject, gap.path, null)],
    {
      severity: 'unknown',
      remediation: ['NoPermission', 'NotAuthenticated'].includes(gap.fault)
        ? `Give the scanning account read access to ${gap.path} (a role with System.Read propagated to this object), then scan again.`
        : `vCenter could not return ${gap.path} (${gap.fault}); check the object's state and scan again.`,
      disruption: 'none',
    },
  );
}

// The generation as messages name it.
export const genLabel = (g: Generation): string => (g === 'smp' ? 'SMP-FT' : 'legacy FT');

export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;

const UNITS: [number, string][] = [
  [TiB, 'TiB'],
  [GiB, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
];

export function fmtBytes(n: number): string {
  for (const [size, unit] of UNITS) if (n >= size) return `${+(n / size).toFixed(size === TiB ? 2 : 1)} ${unit}`;
  return `${n} B`;
}
