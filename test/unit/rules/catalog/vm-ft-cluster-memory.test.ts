import { addVm, cluster0, GiB, vm0 } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: "the root resource pool cannot reserve the primary's and the secondary's memory",
        mutate: (inv) => void (cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 10 * GiB }),
        severity: 'blocker',
        message:
          /root resource pool has 10240 MB unreserved for VMs; FT needs 16384 MB more \(8192 MB for the primary, 8192 MB for the secondary\)/,
      },
      {
        name: "the root pool's unreserved memory is unreadable: unknown, naming the property",
        mutate: (inv) => {
          cluster0(inv).rootPool = { moid: 'resgroup-1' };
          cluster0(inv).unreadable.push({ path: 'resourcePool.runtime.memory.unreservedForVm', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /resourcePool\.runtime\.memory\.unreservedForVm\) was not read/,
      },
      {
        name: 'HA admission control (percentage) would fall below its failover reserve',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            memoryFailoverResourcesPercent: 99,
          };
        },
        severity: 'blocker',
        message: /HA admission control keeps 99% of the cluster's 1572864 MB host memory for failover/,
      },
      {
        name: 'HA admission control (auto-computed percentage) with little memory left',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            failoverLevel: 2,
            autoComputePercentages: true,
          };
          addVm(inv, 'big-2', { hostMoid: 'host-2', memoryReservationMB: 500 * 1024 });
        },
        severity: 'blocker',
        message: /keeps 67% of the cluster's/,
      },
      {
        name: 'HA admission control (slot policy): too few slots after the tolerated host failures',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverLevelAdmissionControlPolicy',
            failoverLevel: 2,
            slotMemoryMB: 300 * 1024,
          };
        },
        severity: 'blocker',
        message: /slot policy, 2 host failures tolerated\) leaves 1 memory slots of 307200 MB; 2 are needed/,
      },
      {
        name: 'HA admission control on, its policy unreadable: unknown',
        mutate: (inv) => void delete cluster0(inv).ha.admissionControlPolicy,
        severity: 'unknown',
        message: /configurationEx\.dasConfig\.admissionControlPolicy\) was not read/,
      },
      {
        name: 'a policy type ftscan does not model: unknown',
        mutate: (inv) => void (cluster0(inv).ha.admissionControlPolicy = { type: 'ClusterFutureAdmissionControlPolicy' }),
        severity: 'unknown',
        message: /ClusterFutureAdmissionControlPolicy, which ftscan does not model/,
      },
      {
        name: 'secondaries still to restart are owed their memory',
        mutate: (inv) => {
          cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 20 * GiB };
          addVm(inv, 'pend-3', { hostMoid: 'host-3', ft: { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /20480 MB unreserved for VMs \(8192 MB of it owed to secondaries still to restart\)/,
      },
    ],
    pass: [
      {
        name: 'pool boundary: exactly what FT needs',
        mutate: (inv) => void (cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 16 * GiB }),
      },
      {
        name: 'admission control off: only the pool counts',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlEnabled = false;
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverResourcesAdmissionControlPolicy',
            memoryFailoverResourcesPercent: 99,
          };
        },
      },
      {
        name: "the VM's own reservation is already counted in the pool",
        mutate: (inv) => {
          vm0(inv).memoryReservationMB = 8192;
          cluster0(inv).rootPool = { moid: 'resgroup-1', unreservedForVmBytes: 8 * GiB };
        },
      },
      {
        name: 'dedicated failover hosts: decided per host (vm-ft-capacity), not here',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = { type: 'ClusterFailoverHostAdmissionControlPolicy', failoverHosts: ['host-3'] };
        },
      },
    ],
  },
]);
