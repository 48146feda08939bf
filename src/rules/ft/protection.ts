// A VM with FT already configured is not a candidate: its verdict comes from runtime.faultToleranceState
// (VirtualMachineFaultToleranceState: notConfigured, disabled, enabled, needSecondary, starting, running;
// S1 enum.go) and from the cluster that would carry out a failover, instead of the readiness rules.
// Protected means able to take over: only a `running` pair is, and only while its cluster's vSphere HA is on
// (pyVmomi VirtualMachine.FaultToleranceState; vSphere 5.5 "View Fault Tolerant Virtual Machines" status table:
// "Not Protected – Starting", "Not Protected – VM not Running", "Need Secondary VM"). With HA host monitoring
// off, no new secondary is started after a failover [ft-requirements C2, D19]. vm-ft-health explains every
// degraded state as a finding (warning, or blocker for needSecondary); the verdict is decided here.
import { CLUSTER_PATHS, VM_PATHS } from '../../inventory/model.js';
import type { Cluster, Vm } from '../../inventory/model.js';
import type { InventoryIndex, Protection } from '../types.js';
import { unreadableAmong } from '../finding.js';

// What decides the state, for the finding's evidence: on the VM or on its cluster.
interface ProtectionCause {
  object: 'vm' | 'cluster';
  path: string;
  observed: unknown;
  expected: string;
}

export interface ProtectionAssessment {
  protection: Protection;
  cause: ProtectionCause;
}

const stateCause = (vm: Vm): ProtectionCause => ({ object: 'vm', path: VM_PATHS.ftState, observed: vm.ft.state, expected: 'running' });

export function assessProtection(vm: Vm, cluster?: Cluster): ProtectionAssessment | undefined {
  const state = vm.ft.state;
  const degraded = (reason: string, cause: ProtectionCause = stateCause(vm)): ProtectionAssessment => ({
    protection: { verdict: 'degraded', state, reason },
    cause,
  });
  switch (state) {
    case 'running': {
      const gap = cluster && unreadableAmong([CLUSTER_PATHS.haEnabled, CLUSTER_PATHS.hostMonitoring], cluster.unreadable);
      if (cluster && gap)
        // Not assumed either way: the unknown findings of the HA rules make the verdict unknown (verdict.ts).
        return {
          protection: {
            verdict: 'protected',
            state,
            reason: `FT is running, but whether it can fail over is unknown: ${gap.path} of cluster ${cluster.name} could not be read`,
          },
          cause: { object: 'cluster', path: gap.path, observed: null, expected: 'readable' },
        };
      if (cluster && !cluster.ha.enabled)
        return degraded(`FT is running, but vSphere HA is off on cluster ${cluster.name}: the secondary cannot take over (not protected)`, {
          object: 'cluster',
          path: CLUSTER_PATHS.haEnabled,
          observed: false,
          expected: 'true',
        });
      if (cluster && cluster.ha.hostMonitoring === 'disabled')
        return degraded(
          `FT is running, but HA host monitoring is off on cluster ${cluster.name}: after a failover no new secondary would start`,
          { object: 'cluster', path: CLUSTER_PATHS.hostMonitoring, observed: cluster.ha.hostMonitoring, expected: 'enabled' },
        );
      return { protection: { verdict: 'protected', state, reason: 'FT is on and the secondary is running' }, cause: stateCause(vm) };
    }
    case 'starting':
      return degraded('the secondary is still starting (synchronising): not protected yet (vCenter: "Not Protected – Starting")');
    case 'enabled':
      // FT configured, the pair not running: a powered-off primary is "Not Protected – VM not Running".
      return vm.powerState === 'poweredOff'
        ? degraded('FT is configured but the VM is powered off: not protected until it runs (vCenter: "Not Protected – VM not Running")', {
            object: 'vm',
            path: VM_PATHS.powerState,
            observed: vm.powerState,
            expected: 'poweredOn',
          })
        : degraded(`FT is enabled but the pair is not running while the VM is ${vm.powerState}`);
    case 'needSecondary':
      return degraded('the secondary is not running (needSecondary): the VM runs unprotected');
    case 'disabled':
      return degraded('FT is turned off for this VM (disabled): it is not protected');
    default:
      return undefined; // notConfigured: a candidate
  }
}

export function protectionOf(vm: Vm, cluster?: Cluster): Protection | undefined {
  return assessProtection(vm, cluster)?.protection;
}

// The cluster a configured VM runs in (where a failover would happen), whatever cluster a what-if evaluates.
export function ownCluster(vm: Vm, index: Pick<InventoryIndex, 'host' | 'cluster'>): Cluster | undefined {
  const host = vm.hostMoid ? index.host(vm.hostMoid) : undefined;
  const moid = host?.clusterMoid ?? vm.clusterMoid;
  return moid ? index.cluster(moid) : undefined;
}

// The rules whose unreadable data leaves a running pair's protection undecided (verdict unknown, not protected).
export const PROTECTION_RULES = ['vm-ft-health', 'cluster-ha-enabled', 'cluster-ha-host-monitoring'];
