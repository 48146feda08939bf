import { DATASTORE_PATHS, VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Disk } from '../../inventory/model.js';
import type { Finding, Rule } from '../types.js';
import { evidence, finding, fmtBytes, subjectOf } from '../finding.js';
import { defineRule } from '../define-rule.js';

const label = (d: Disk) => (d.backing === 'thin' ? 'thin' : 'lazy-zeroed thick');

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-thin-disks',
    title: 'Legacy FT: disks eager-zeroed thick (or convertible)',
    severity: 'warning',
    scope: 'vm',
    generations: ['legacy'],
    rationale:
      'Legacy FT needs eager-zeroed thick disks. vCenter converts thin and lazy-zeroed disks when FT is turned on, but only with the VM powered off and enough free space on the datastore for the thin disks to grow to full size. SMP-FT accepts any provisioning.',
    remediation:
      'Power the VM off before turning FT on (vCenter converts the disks), or inflate / eager-zero them yourself; free datastore space first where it is short.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V3, §5.1', 'seed', 'D11', 'D12', 'D16', 'B1', 'S1', 'S2', 'S11', 'S12'],
    seedRequirement: 'no thin or lazy-zeroed disks (legacy)',
    severityNote:
      "Source V3: WARNING when vCenter can convert (VM power-off + free space), BLOCKER when it cannot. Blocker here when the datastore's free space is below the thin disks' unprovisioned capacity (capacity is the upper bound: per-disk usage is not collected).",
    vcenterReasons: ['thinDisk', 'FaultToleranceNeedsThickDisk', 'VirtualDiskBlocksNotFullyProvisioned'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const disks = vm.disks.filter((d) => d.backing === 'thin' || d.backing === 'lazyZeroedThick');
    if (disks.length === 0) return [];
    const s = subjectOf.vm(vm);
    const byDs = new Map<string, Disk[]>();
    for (const d of disks) byDs.set(d.datastoreMoid ?? '', [...(byDs.get(d.datastoreMoid ?? '') ?? []), d]);
    const out: Finding[] = [];
    for (const [dsMoid, group] of byDs) {
      const ev = group.map((d) =>
        evidence(
          s,
          devicePath(d.key, d.backing === 'thin' ? 'backing.thinProvisioned' : 'backing.eagerlyScrub'),
          d.backing === 'thin',
          'eagerZeroedThick',
        ),
      );
      const names = group.map((d) => `${d.label} (${label(d)})`).join(', ');
      const need = group.filter((d) => d.backing === 'thin').reduce((a, d) => a + d.capacityBytes, 0);
      const ds = dsMoid ? ctx.index.datastore(dsMoid) : undefined;
      const dsName = ds?.name ?? (dsMoid || 'an unknown datastore');
      if (need > 0 && ds) {
        const dss = subjectOf.datastore(ds);
        if (ds.unreadable.some((u) => u.path.startsWith(DATASTORE_PATHS.freeSpace) || u.path === 'summary')) {
          ev.push(evidence(dss, DATASTORE_PATHS.freeSpace, null, `>= ${need}`));
          out.push(
            finding(rule.meta, ctx, s, `${names} on ${dsName} must be converted; free space of ${dsName} is unreadable`, ev, {
              severity: 'unknown',
            }),
          );
          continue;
        }
        ev.push(evidence(dss, DATASTORE_PATHS.freeSpace, ds.freeBytes, `>= ${need}`));
        if (ds.freeBytes < need) {
          out.push(
            finding(
              rule.meta,
              ctx,
              s,
              `${names} on ${dsName} cannot be converted: it needs up to ${fmtBytes(need)} free, the datastore has ${fmtBytes(ds.freeBytes)} (${fmtBytes(need - ds.freeBytes)} short)`,
              ev,
              {
                severity: 'blocker',
                remediation: `Free at least ${fmtBytes(need - ds.freeBytes)} on ${dsName} (or move the disks), then power the VM off and turn FT on so vCenter converts them.`,
              },
            ),
          );
          continue;
        }
      }
      const space = need > 0 ? ` and up to ${fmtBytes(need)} free on ${dsName} (has ${fmtBytes(ds?.freeBytes ?? 0)})` : '';
      out.push(
        finding(
          rule.meta,
          ctx,
          s,
          `${names} on ${dsName}: vCenter converts them to eager-zeroed thick when FT is turned on; this needs the VM powered off${space}`,
          ev,
        ),
      );
    }
    return out;
  },
});
