import { HOST_PATHS, VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast } from '../version.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-encryption',
    title: 'VM encryption only where FT supports it (7.0U2+)',
    severity: 'blocker',
    scope: 'vm',
    generations: ['legacy', 'smp'],
    versions: 'unsupported by legacy FT and SMP-FT before 7.0U2',
    rationale: 'Encrypted VMs (VM home or disks) cannot be protected by legacy FT or by SMP-FT before 7.0 Update 2, which added encrypted FT logging (host capability.encryptedFtSupported).',
    remediation: 'Decrypt the VM, or run it on 7.0U2+ hosts that report encryptedFtSupported.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V16, H16, §5.2', 'D2', 'D10', 'S1', 'S2'],
    severityNote: 'Host flag wins; without it: blocker before 7.0, warning on 7.0 (only U2+ supports it and the update level is not in the version string), info on 8.0+.',
    vcenterReasons: ['unsupportedEncryptedDisk'],
    needs: [VM_PATHS.encrypted, VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    const disks = vm.disks.filter((d) => d.encrypted);
    if (!vm.encrypted && disks.length === 0) return [];
    const s = subjectOf.vm(vm);
    const ev = vm.encrypted ? [evidence(s, VM_PATHS.encrypted, 'set', 'unset')] : [];
    for (const d of disks) ev.push(evidence(s, devicePath(d.key, 'backing.keyId'), 'set', 'unset'));
    const what = vm.encrypted ? 'the VM is encrypted' : `${disks.map((d) => d.label).join(', ')} ${disks.length === 1 ? 'is' : 'are'} encrypted`;
    if (ctx.generation === 'legacy') return [finding(rule.meta, ctx, s, `${what}; legacy FT does not support encryption`, ev)];
    const flag = host?.capability.encryptedFtSupported;
    const v = host?.product.version;
    if (flag !== undefined && host) ev.push(evidence(subjectOf.host(host), HOST_PATHS.capability + '.encryptedFtSupported', flag, 'true'));
    if (flag === true) return [finding(rule.meta, ctx, s, `${what}; host ${host!.name} supports encrypted FT (FT logging will be encrypted)`, ev, { severity: 'info' })];
    if (flag === false) return [finding(rule.meta, ctx, s, `${what}; host ${host!.name} reports encryptedFtSupported = false`, ev)];
    if (atLeast(v, '8.0')) return [finding(rule.meta, ctx, s, `${what}; ESXi ${v} supports encrypted FT`, ev, { severity: 'info' })];
    if (atLeast(v, '7.0')) return [finding(rule.meta, ctx, s, `${what}; encrypted FT needs ESXi 7.0 Update 2 or later (host ${host!.name} does not publish encryptedFtSupported)`, ev, { severity: 'warning' })];
    return [finding(rule.meta, ctx, s, `${what}; SMP-FT on ESXi ${v ?? '?'} does not support encryption`, ev)];
  },
};
