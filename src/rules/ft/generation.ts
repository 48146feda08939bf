// Which FT generation a VM's verdict is computed for. ESXi 4.0-5.5 run only legacy (record/replay) FT,
// 6.0 runs SMP-FT by default and legacy FT for 1-vCPU VMs on request, 6.5+ only SMP-FT [K2, D11, D14].
import type { Host, VCenterInfo, Vm } from '../../inventory/model.js';
import type { Generation, Profile } from '../types.js';
import { atLeast, below } from './version.js';

export interface GenerationChoice {
  generation: Generation;
  reason: string;
}

// The generations a host can run (empty: too old for FT, or unknown version).
export function hostGenerations(host: Host): Generation[] {
  const v = host.product.version;
  if (below(v, '4.0') || !v) return [];
  if (below(v, '6.0')) return ['legacy'];
  if (below(v, '6.5')) return ['smp', 'legacy'];
  return ['smp'];
}

export function hostDefaultGeneration(host: Host, profile: Profile): Generation {
  if (profile !== 'auto') return profile;
  return hostGenerations(host)[0] ?? 'smp';
}

// hosts: the primary's host first, then the cluster's other hosts (those that could carry the secondary).
export function chooseGeneration(vm: Vm, hosts: Host[], vc: VCenterInfo, profile: Profile): GenerationChoice {
  if (profile !== 'auto') return { generation: profile, reason: `--profile ${profile}` };
  if (vm.ft.type === 'recordReplay') return { generation: 'legacy', reason: 'the VM is already protected by legacy FT (recordReplay)' };
  if (vm.ft.type === 'checkpointing') return { generation: 'smp', reason: 'the VM is already protected by SMP-FT (checkpointing)' };
  const primary = hosts[0];
  if (primary?.product.version) {
    const v = primary.product.version;
    const name = `host ${primary.name} runs ESXi ${v}`;
    if (below(v, '6.0')) {
      const vcNote = atLeast(vc.version, '6.5') ? `; vCenter ${vc.version} cannot turn legacy FT on` : '';
      return { generation: 'legacy', reason: `${name} (legacy FT only)${vcNote}` };
    }
    if (below(v, '6.5')) {
      const alt = vm.numCpu === 1 ? '; legacy FT is also possible for this 1-vCPU VM (--profile legacy)' : '';
      return { generation: 'smp', reason: `${name} (SMP-FT by default)${alt}` };
    }
    return { generation: 'smp', reason: `${name} (SMP-FT only)` };
  }
  if (below(vc.version, '6.0'))
    return { generation: 'legacy', reason: `no host version known; vCenter ${vc.version} only supports legacy FT` };
  return { generation: 'smp', reason: `no host version known; vCenter ${vc.version || '?'} defaults to SMP-FT` };
}
