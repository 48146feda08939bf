import { HOST_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Rule } from '../types.js';
import { evidence, finding, subjectOf } from '../finding.js';

export const rule: Rule<'vm'> = {
  meta: {
    id: 'vm-efi-firmware',
    title: 'EFI firmware only where the host supports FT with EFI',
    severity: 'blocker',
    scope: 'vm',
    generations: ['legacy', 'smp'],
    versions: 'hosts publish capability.ftEfiSupported from 6.7',
    rationale: 'Older FT implementations reject EFI-firmware VMs (hasEFIFirmware); 6.7+ hosts say whether they accept them in capability.ftEfiSupported.',
    remediation: 'Run the VM on hosts that report ftEfiSupported, or (only if the guest allows it) switch to BIOS firmware.',
    disruption: 'vmPowerOff',
    references: ['ft-requirements V12', 'S1', 'S2'],
    severityNote: 'Blocker only when the host says no (ftEfiSupported = false) or under legacy FT; when the host does not publish the flag: info (release where EFI+FT became supported is UNVERIFIED).',
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
    return [finding(rule.meta, ctx, s, `EFI firmware; host ${host?.name ?? '?'} does not say whether FT supports EFI (capability.ftEfiSupported not published)`, ev, { severity: 'info' })];
  },
};
