// A VM with FT already configured is not a candidate: its verdict comes from runtime.faultToleranceState
// (VirtualMachineFaultToleranceState: notConfigured, disabled, enabled, needSecondary, starting, running;
// S1 enum.go) instead of the readiness rules. vm-ft-health explains a degraded state as a finding.
import type { Vm } from '../inventory/model.js';
import type { Protection } from './types.js';

export function protectionOf(vm: Vm): Protection | undefined {
  const state = vm.ft.state;
  switch (state) {
    case 'running':
      return { verdict: 'protected', state, reason: 'FT is on and the secondary is running' };
    case 'starting':
      return { verdict: 'protected', state, reason: 'FT is on and the secondary is starting' };
    case 'enabled':
      // "enabled": FT configured, the pair not running; right for a powered-off primary.
      return vm.powerState === 'poweredOff'
        ? { verdict: 'protected', state, reason: 'FT is on; the VM is powered off (the secondary starts with it)' }
        : { verdict: 'degraded', state, reason: `FT is enabled but the pair is not running while the VM is ${vm.powerState}` };
    case 'needSecondary':
      return { verdict: 'degraded', state, reason: 'the secondary is not running (needSecondary): the VM runs unprotected' };
    case 'disabled':
      return { verdict: 'degraded', state, reason: 'FT is turned off for this VM (disabled): it is not protected' };
    default:
      return undefined; // notConfigured: a candidate
  }
}
