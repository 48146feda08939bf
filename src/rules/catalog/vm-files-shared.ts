import { DATASTORE_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Datastore } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf, unreadableAmong, unreadableFinding } from '../finding.js';
import { datastoreOfPath, isShared } from '../ft/datastores.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-files-shared',
    title: "SMP-FT: the VM's files other than its disks on shared storage",
    severity: 'blocker',
    scope: 'vm',
    generations: ['smp'],
    rationale:
      "SMP-FT keeps a separate copy of the disks for the secondary, but the VM's other files (the VM home folder with the .vmx, and the FT metadata / tie-breaker location) must be on storage both hosts share: FC, iSCSI, NFS or vSAN.",
    remediation:
      'Move the VM home (and the FT metadata directory) to a datastore mounted on every FT host of the cluster (Storage vMotion: "configuration file" only); the disks may stay where they are.',
    disruption: 'none',
    references: ['ft-requirements ST1', 'D1', 'D10', 'D14'],
    severityNote: 'When config.files.vmPathName is unreadable, a VM whose datastores are all shared passes; otherwise unknown.',
    vcenterReasons: ['hasLocalDisk'],
    reads: [VM_PATHS.vmPathName, VM_PATHS.ftMetadataDirectory],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const all = vm.datastoreMoids.map((m) => ctx.index.datastore(m)).filter((d): d is Datastore => d !== undefined);
    if (all.every(isShared)) return [];
    const gap = unreadableAmong([VM_PATHS.vmPathName], vm.unreadable);
    const home = datastoreOfPath(vm, vm.vmPathName, ctx.index);
    if (!home) {
      if (gap) return [unreadableFinding(rule.meta, ctx, s, gap, 'the VM uses a local datastore')];
      if (!vm.vmPathName) return [];
    }
    const meta = datastoreOfPath(vm, vm.ftMetadataDirectory, ctx.index);
    const local = [
      ...(home && !isShared(home) ? [{ what: 'the VM home', path: VM_PATHS.vmPathName, value: vm.vmPathName, d: home }] : []),
      ...(meta && !isShared(meta)
        ? [{ what: 'the FT metadata directory', path: VM_PATHS.ftMetadataDirectory, value: vm.ftMetadataDirectory, d: meta }]
        : []),
    ];
    if (local.length === 0) return [];
    return [
      finding(rule.meta, ctx, s, `${local.map((l) => `${l.what} is on local datastore ${l.d.name}`).join('; ')}`, [
        ...local.map((l) => evidence(s, l.path, l.value ?? null, 'on a shared datastore')),
        ...local.map((l) => evidence(subjectOf.datastore(l.d), DATASTORE_PATHS.multipleHostAccess, l.d.multipleHostAccess ?? null, 'true')),
      ]),
    ];
  },
});
