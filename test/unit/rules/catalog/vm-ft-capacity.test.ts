import { addVm, cluster0, ds0, GiB, host } from '../fixtures.js';
import { ruleCases } from './case.js';

ruleCases(import.meta.url, [
  {
    base: 'smp',
    fail: [
      {
        name: "the VM's host is at das.maxftvmsperhost",
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          addVm(inv, 'ft-1', { hostMoid: 'host-1', ft: { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /the primary has no room\): primary host esx-01\.lab already carries 1 FT VM \(das\.maxftvmsperhost = 1\)/,
      },
      {
        name: 'every secondary candidate is at das.maxftvcpusperhost',
        mutate: (inv) => {
          addVm(inv, 'sec-2', {
            hostMoid: 'host-2',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          });
          addVm(inv, 'sec-3', {
            hostMoid: 'host-3',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          });
        },
        severity: 'blocker',
        message: /the secondary has no room\): esx-02\.lab already carries 7 FT vCPUs; 2 more exceed das\.maxftvcpusperhost = 8/,
      },
      {
        name: "the primary's host cannot reserve the VM's full memory (other VMs' reservations)",
        mutate: (inv) => void addVm(inv, 'big-1', { hostMoid: 'host-1', memoryMB: 8192, memoryReservationMB: 510 * 1024 }),
        severity: 'blocker',
        message:
          /primary host esx-01\.lab has 2 GB of its 512 GB memory unreserved \(510 GB reserved by its VMs\); the primary needs 8 GB reserved/,
      },
      {
        name: "no secondary candidate can reserve the VM's full memory (FT VMs count at full memory)",
        mutate: (inv) => {
          for (const h of ['host-2', 'host-3'])
            addVm(inv, `ft-${h}`, {
              hostMoid: h,
              memoryMB: 508 * 1024,
              ft: { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] },
            });
        },
        severity: 'blocker',
        message: /the secondary has no room\): esx-02\.lab has 4 GB of its 512 GB memory unreserved .*the secondary needs 8 GB reserved/,
      },
      {
        name: "the primary host's memory size is unreadable: unknown, naming the property",
        mutate: (inv) => {
          delete host(inv, 1).memoryBytes;
          host(inv, 1).unreadable.push({ path: 'summary.hardware.memorySize', fault: 'NoPermission' });
        },
        severity: 'unknown',
        message: /summary\.hardware\.memorySize of host esx-01\.lab not read/,
      },
      {
        name: "a VM's reservation on the only other candidates is unreadable: unknown",
        mutate: (inv) => {
          for (const h of ['host-2', 'host-3']) {
            const v = addVm(inv, `x-${h}`, { hostMoid: h });
            v.unreadable.push({ path: 'config.memoryAllocation.reservation', fault: 'NoPermission' });
          }
        },
        severity: 'unknown',
        message: /config\.memoryAllocation\.reservation of VM x-host-2 not read/,
      },
      {
        name: 'SMP-FT: no datastore the secondary mounts has room for the disk copy',
        mutate: (inv) => void (ds0(inv).freeBytes = 50 * GiB),
        severity: 'blocker',
        message: /mounts no datastore with 100 GB free for the SMP-FT disk copy \(the most free: 50 GB\)/,
      },
      {
        name: "SMP-FT: the datastore's free space is unreadable: unknown",
        mutate: (inv) => void ds0(inv).unreadable.push({ path: 'summary', fault: 'NoPermission' }),
        severity: 'unknown',
        message: /summary\.freeSpace of shared-ds not read/,
      },
      {
        name: 'a dedicated HA failover host runs no secondary',
        mutate: (inv) => {
          cluster0(inv).ha.admissionControlPolicy = {
            type: 'ClusterFailoverHostAdmissionControlPolicy',
            failoverHosts: ['host-2', 'host-3'],
          };
        },
        severity: 'blocker',
        message: /esx-02\.lab is a dedicated HA failover host/,
      },
      {
        name: "a needSecondary VM's missing secondary keeps its slot: the candidate that looked free is taken",
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          // The pending secondary of pend-3 (host 3) is reserved on host 1, the least loaded other host.
          addVm(inv, 'pend-3', { hostMoid: 'host-3', ft: { state: 'needSecondary', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /primary host esx-01\.lab already carries 1 FT VM \(das\.maxftvmsperhost = 1\)/,
      },
      {
        name: 'a disabled pair takes back both slots',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVmsPerHost = 1;
          addVm(inv, 'dis-3', { hostMoid: 'host-3', ft: { state: 'disabled', role: 1, type: 'checkpointing', instanceUuids: [] } });
        },
        severity: 'blocker',
        message: /primary host esx-01\.lab already carries 1 FT VM/,
      },
    ],
    pass: [
      {
        name: 'one secondary candidate has room (boundary: exactly 8)',
        mutate: (inv) =>
          void addVm(inv, 'sec-2', {
            hostMoid: 'host-2',
            numCpu: 7,
            ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] },
          }),
      },
      {
        name: '0 turns the vCPU check off',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVcpusPerHost = 0;
          for (const h of ['host-2', 'host-3'])
            addVm(inv, `sec-${h}`, { hostMoid: h, numCpu: 7, ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] } });
        },
      },
      {
        name: 'legacy FT knows only the VM count',
        base: 'legacy',
        mutate: (inv) => {
          cluster0(inv).ha.maxFtVcpusPerHost = 1;
          addVm(inv, 'ft-1', { hostMoid: 'host-1', ft: { state: 'running', role: 1, type: 'recordReplay', instanceUuids: [] } });
        },
      },
      {
        name: 'memory boundary: exactly the full memory left unreserved on the primary host',
        mutate: (inv) => void addVm(inv, 'big-1', { hostMoid: 'host-1', memoryReservationMB: 504 * 1024 }),
      },
      {
        name: "a powered-off VM's reservation holds no memory",
        mutate: (inv) => void addVm(inv, 'off-1', { hostMoid: 'host-1', powerState: 'poweredOff', memoryReservationMB: 510 * 1024 }),
      },
      {
        name: 'legacy FT shares the disks: no disk copy',
        base: 'legacy',
        mutate: (inv) => void (ds0(inv).freeBytes = 1 * GiB),
      },
      {
        name: 'disk copy boundary: free space exactly the provisioned size',
        mutate: (inv) => void (ds0(inv).freeBytes = 100 * GiB),
      },
    ],
  },
]);
