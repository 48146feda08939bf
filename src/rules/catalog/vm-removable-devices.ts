import { VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Finding, Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { isShared } from '../ft/datastores.js';
import { defineRule } from '../define-rule.js';

const PHYSICAL = ['hostDevice', 'passthrough'];
const REMOTE = ['remoteAtapi', 'remotePassthrough', 'remoteDevice', 'client'];

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-removable-devices',
    title: 'No CD-ROM or floppy backed by a physical or remote device',
    severity: 'blocker',
    scope: 'vm',
    rationale:
      'CD-ROM and floppy drives backed by a host device or a client (remote) device cannot be reproduced on the secondary. ISO / image files on shared storage are fine.',
    remediation: 'Remove the drive or back it with an ISO / floppy image on a shared datastore.',
    disruption: 'none',
    references: ['ft-requirements §5.1, §5.3', 'seed', 'D3', 'D10', 'D14'],
    seedRequirement: 'no CD-ROM or floppy backed by a physical device',
    severityNote:
      'Host-device and remote/client backings block whatever their connection state: the documentation lists the backing, not the state, and a disconnected client device can be connected again at any time (remove the drive or back it with an image). An ISO on a datastore only the primary sees is a warning (the drive fails after failover).',
    vcenterReasons: ['VmFaultToleranceInvalidFileBacking', 'RemoteDeviceNotSupported', 'DeviceBackingNotSupported'],
    needs: [VM_PATHS.devices],
  },
  check({ vm }, ctx) {
    const s = subjectOf.vm(vm);
    const out: Finding[] = [];
    for (const d of vm.removable) {
      const ev = [
        evidence(
          s,
          devicePath(d.key, 'backing'),
          d.backingType,
          d.kind === 'cdrom' ? 'VirtualCdromIsoBackingInfo on shared storage' : 'VirtualFloppyImageBackingInfo',
        ),
      ];
      if (PHYSICAL.includes(d.backing)) {
        out.push(finding(rule.meta, ctx, s, `${d.label} is backed by a physical device on the host`, ev));
      } else if (REMOTE.includes(d.backing)) {
        const live = d.connected || d.startConnected;
        out.push(finding(rule.meta, ctx, s, `${d.label} is backed by a remote/client device${live ? '' : ' (disconnected)'}`, ev));
      } else if (d.backing === 'iso' && d.datastoreMoid) {
        const ds = ctx.index.datastore(d.datastoreMoid);
        if (ds && !isShared(ds))
          out.push(
            finding(rule.meta, ctx, s, `${d.label} uses an image on local datastore ${ds.name}; it fails after a failover`, ev, {
              severity: 'warning',
            }),
          );
      }
    }
    return out;
  },
});
