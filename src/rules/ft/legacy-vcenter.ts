// Legacy FT under a 6.5+ vCenter: the vCenter keeps managing a pair legacy FT already protects but cannot turn
// legacy FT on [K2, K3, D5, D12]. vcenter-ft-generation blocks legacy FT on such a vCenter; the engine passes
// that finding, attached to each VM, through here, so a VM legacy FT already protects gets an info note instead.
import type { Vm } from '../../inventory/model.js';
import type { Finding } from '../types.js';

// The legacy blocker, seen from a VM legacy FT already protects: vCenter manages it, so only an info note
// (attached to the VM, so it is a finding of its own).
export function forProtectedLegacyVm(f: Finding, vm: Vm): Finding {
  if (
    f.ruleId !== 'vcenter-ft-generation' ||
    f.generation !== 'legacy' ||
    f.severity !== 'blocker' ||
    vm.ft.type === 'checkpointing' ||
    vm.ft.state === 'notConfigured'
  )
    return f;
  const version = f.evidence[0]?.observed;
  return {
    ...f,
    severity: 'info',
    vmMoid: vm.moid,
    message: `${f.message}; this VM already runs legacy FT: vCenter 6.0 was the last release that fully manages legacy FT, and ${version ? `vCenter ${version}` : 'this vCenter'} keeps the pair but cannot turn legacy FT on again once it is turned off`,
    remediation:
      'Plan the move to SMP-FT (ESXi 6.0+ hosts, VM turned to SMP-FT) before FT has to be turned off for this VM; until then leave its FT on.',
  };
}
