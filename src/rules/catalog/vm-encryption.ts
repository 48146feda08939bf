import { HOST_PATHS, VM_PATHS, devicePath } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { atLeast, below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-encryption',
    title: 'VM encryption only where FT supports it (7.0U2+)',
    severity: 'blocker',
    scope: 'vm',
    versions: 'unsupported by legacy FT and SMP-FT before 7.0U2',
    rationale:
      'Encrypted VMs (VM home or disks) cannot be protected by legacy FT or by SMP-FT before 7.0 Update 2, which added encrypted FT logging (host capability.encryptedFtSupported).',
    remediation: 'Decrypt the VM, or run it on 7.0U2+ hosts that report encryptedFtSupported.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V16, H16, §5.2', 'D2', 'D10', 'S1', 'S2'],
    severityNote:
      "Host flag wins; without it the host's API version decides: below 7.0.2.0 (7.0 before Update 2, and older) a blocker, 7.0.2.0+ info. A 7.0 host whose API version is not readable: warning (the update level is not in config.product.version).",
    vcenterReasons: ['unsupportedEncryptedDisk'],
    needs: [VM_PATHS.encrypted, VM_PATHS.devices],
  },
  check({ vm, host }, ctx) {
    const disks = vm.disks.filter((d) => d.encrypted);
    if (!vm.encrypted && disks.length === 0) return [];
    const s = subjectOf.vm(vm);
    const ev = vm.encrypted ? [evidence(s, VM_PATHS.encrypted, 'set', 'unset')] : [];
    for (const d of disks) ev.push(evidence(s, devicePath(d.key, 'backing.keyId'), 'set', 'unset'));
    const what = vm.encrypted
      ? 'the VM is encrypted'
      : `${disks.map((d) => d.label).join(', ')} ${disks.length === 1 ? 'is' : 'are'} encrypted`;
    if (ctx.generation === 'legacy') return [finding(rule.meta, ctx, s, `${what}; legacy FT does not support encryption`, ev)];
    const flag = host?.capability.encryptedFtSupported;
    const v = host?.product.version;
    if (flag !== undefined && host) ev.push(evidence(subjectOf.host(host), HOST_PATHS.capability + '.encryptedFtSupported', flag, 'true'));
    if (flag === true)
      return [
        finding(rule.meta, ctx, s, `${what}; host ${host!.name} supports encrypted FT (FT logging will be encrypted)`, ev, {
          severity: 'info',
        }),
      ];
    if (flag === false) return [finding(rule.meta, ctx, s, `${what}; host ${host!.name} reports encryptedFtSupported = false`, ev)];
    const api = host?.product.apiVersion;
    if (atLeast(v, '8.0') || atLeast(api, '7.0.2.0'))
      return [finding(rule.meta, ctx, s, `${what}; ESXi ${v} (API ${api ?? '?'}) supports encrypted FT`, ev, { severity: 'info' })];
    if (atLeast(v, '7.0') && api && below(api, '7.0.2.0')) {
      ev.push(evidence(subjectOf.host(host!), HOST_PATHS.product + '.apiVersion', api, '>= 7.0.2.0 (7.0 Update 2)'));
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${what}; host ${host!.name} runs ESXi 7.0 before Update 2 (API ${api}): encrypted FT needs 7.0 Update 2 or later`,
          ev,
        ),
      ];
    }
    if (atLeast(v, '7.0'))
      return [
        finding(
          rule.meta,
          ctx,
          s,
          `${what}; encrypted FT needs ESXi 7.0 Update 2 or later (host ${host!.name} does not publish encryptedFtSupported)`,
          ev,
          { severity: 'warning' },
        ),
      ];
    return [finding(rule.meta, ctx, s, `${what}; SMP-FT on ESXi ${v ?? '?'} does not support encryption`, ev)];
  },
});
