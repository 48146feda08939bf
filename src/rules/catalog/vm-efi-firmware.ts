import { HOST_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';
import { below } from '../ft/version.js';
import { defineRule } from '../define-rule.js';

export const rule: Rule<'vm'> = defineRule({
  meta: {
    id: 'vm-efi-firmware',
    title: 'EFI firmware only where the host supports FT with EFI',
    severity: 'blocker',
    scope: 'vm',
    versions: 'blocker on legacy FT and 6.0/6.5 hosts; hosts publish capability.ftEfiSupported from 6.7',
    rationale:
      'Older FT implementations reject EFI-firmware VMs (hasEFIFirmware); 6.7+ hosts say whether they accept them in capability.ftEfiSupported.',
    remediation: 'Run the VM on hosts that report ftEfiSupported, or (only if the guest allows it) switch to BIOS firmware.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V12', 'S1', 'S2'],
    severityNote:
      "Blocker under legacy FT, on ESXi 6.0/6.5 (vCenter's hasEFIFirmware reason exists from API 6.0; the ftEfiSupported flag only arrived with 6.7), and where the host says ftEfiSupported = false. A 6.7+ host that does not publish the flag: info (UNVERIFIED which 6.7+ builds accept EFI).",
    vcenterReasons: ['hasEFIFirmware'],
    needs: [VM_PATHS.firmware],
  },
  check({ vm, host }, ctx) {
    if (vm.firmware !== 'efi') return [];
    const s = subjectOf.vm(vm);
    const ev = [evidence(s, VM_PATHS.firmware, 'efi', 'bios, or a host with ftEfiSupported')];
    const flag = host?.capability.ftEfiSupported;
    if (host && flag !== undefined) ev.push(evidence(subjectOf.host(host), HOST_PATHS.capability + '.ftEfiSupported', flag, 'true'));
    if (ctx.generation === 'legacy') return [finding(rule.meta, ctx, s, 'EFI firmware is not supported by legacy FT', ev)];
    if (flag === true) return [];
    if (flag === false) return [finding(rule.meta, ctx, s, `EFI firmware; host ${host!.name} reports ftEfiSupported = false`, ev)];
    const v = host?.product.version;
    if (v && below(v, '6.7')) {
      ev.push(evidence(subjectOf.host(host!), HOST_PATHS.version, v, '>= 6.7'));
      return [
        finding(rule.meta, ctx, s, `EFI firmware; SMP-FT on ESXi ${v} (host ${host!.name}) does not support EFI (hasEFIFirmware)`, ev),
      ];
    }
    return [
      finding(
        rule.meta,
        ctx,
        s,
        `EFI firmware; host ${host?.name ?? '?'} does not say whether FT supports EFI (capability.ftEfiSupported not published)`,
        ev,
        { severity: 'info' },
      ),
    ];
  },
});
