// ClusterComputeResource: configurationEx (HA das config, DRS, per-VM overrides applied at build()), summary and
// the cluster's resource pool, as vCenter returns them.
import type { ClusterOptions, ClusterRef, HaOptions } from '../builder-types.js';
import { moref } from '../estate.js';
import { type BuildContext, d, type Obj, optionValues } from './context.js';

// ClusterDasAdmissionControlPolicy subtypes as vCenter sends them (govmomi types.go field order).
export function admissionPolicy(b: Pick<BuildContext, 'hosts'>, p: Exclude<HaOptions['admissionControlPolicy'], false>): Obj {
  if (p?.type === 'slots')
    return d('ClusterFailoverLevelAdmissionControlPolicy', {
      failoverLevel: p.failoverLevel,
      ...(p.slotMemoryMB !== undefined ? { slotPolicy: d('ClusterFixedSizeSlotPolicy', { cpu: 32, memory: p.slotMemoryMB }) } : {}),
    });
  if (p?.type === 'hosts')
    return d('ClusterFailoverHostAdmissionControlPolicy', {
      failoverHosts: p.failoverHosts.map((h) =>
        typeof h === 'string' ? moref('HostSystem', b.hosts.find((x) => x.name === h)?.moid ?? h) : h.ref,
      ),
      ...(p.failoverLevel !== undefined ? { failoverLevel: p.failoverLevel } : {}),
    });
  return d('ClusterFailoverResourcesAdmissionControlPolicy', {
    cpuFailoverResourcesPercent: p?.cpuPercent ?? p?.memoryPercent ?? 50,
    memoryFailoverResourcesPercent: p?.memoryPercent ?? 50,
    failoverLevel: p?.failoverLevel ?? 1,
    autoComputePercentages: p?.auto ?? p?.memoryPercent === undefined,
  });
}

export function buildCluster(b: BuildContext, o: ClusterOptions): ClusterRef {
  const dc = b.dc(o.datacenter);
  const moid = b.nextId('domain-c');
  const obj = b.add('ClusterComputeResource', moid, moref('Folder', dc.hostFolder), {
    name: o.name,
    host: [],
    datastore: [],
    network: [],
  });
  const rp = b.nextId('resgroup-');
  obj.props.resourcePool = moref('ResourcePool', rp);
  b.add('ResourcePool', rp, moref('ClusterComputeResource', moid), {
    name: 'Resources',
    owner: moref('ClusterComputeResource', moid),
    resourcePool: [],
    vm: [],
  });
  const ha = o.ha === false ? { enabled: false } : { enabled: true, ...o.ha };
  const drs = o.drs === false ? { enabled: false } : { enabled: true, ...o.drs };
  obj.props.configurationEx = d('ClusterConfigInfoEx', {
    dasConfig: d('ClusterDasConfigInfo', {
      enabled: ha.enabled,
      vmMonitoring: 'vmMonitoringDisabled',
      hostMonitoring: ha.hostMonitoring ?? 'enabled',
      vmComponentProtecting: ha.vmComponentProtecting ?? 'disabled',
      failoverLevel: 1,
      ...(ha.admissionControlPolicy === false ? {} : { admissionControlPolicy: admissionPolicy(b, ha.admissionControlPolicy) }),
      admissionControlEnabled: ha.admissionControl ?? true,
      defaultVmSettings: d('ClusterDasVmSettings', {
        restartPriority: 'medium',
        restartPriorityTimeout: 600,
        isolationResponse: 'none',
        vmToolsMonitoringSettings: d('ClusterVmToolsMonitoringSettings', {
          enabled: false,
          vmMonitoring: 'vmMonitoringDisabled',
          clusterSettings: true,
          failureInterval: 30,
          minUpTime: 120,
          maxFailures: 3,
          maxFailureWindow: -1,
        }),
      }),
      option: optionValues(ha.options ?? {}),
      heartbeatDatastore: [],
      hBDatastoreCandidatePolicy: 'allFeasibleDsWithUserPreference',
    }),
    dasVmConfig: [],
    drsConfig: d('ClusterDrsConfigInfo', {
      enabled: drs.enabled,
      enableVmBehaviorOverrides: true,
      defaultVmBehavior: drs.behavior ?? 'fullyAutomated',
      vmotionRate: 3,
      scaleDescendantsShares: 'disabled',
      option: [],
    }),
    drsVmConfig: [],
    rule: [],
    dpmConfigInfo: d('ClusterDpmConfigInfo', { enabled: false, defaultDpmBehavior: 'automated', hostPowerActionRate: 3, option: [] }),
    dpmHostConfig: [],
    vsanHostConfig: [],
    group: [],
  });
  obj.props.summary = d('ClusterComputeResourceSummary', {
    totalCpu: 0,
    totalMemory: 0,
    numCpuCores: 0,
    numCpuThreads: 0,
    effectiveCpu: 0,
    effectiveMemory: 0,
    numHosts: 0,
    numEffectiveHosts: 0,
    overallStatus: 'green',
    currentFailoverLevel: 1,
    numVmotions: 0,
    ...(o.evcModeKey ? { currentEVCModeKey: o.evcModeKey } : {}),
  });
  const r: ClusterRef = {
    moid,
    name: o.name,
    ref: moref('ClusterComputeResource', moid),
    obj,
    datacenter: dc,
    resourcePool: rp,
    hosts: [],
    ...(o.unreservedForVmMB !== undefined ? { unreservedForVmMB: o.unreservedForVmMB } : {}),
  };
  b.clusters.push(r);
  // ha / drs may be `false` (feature off): only an options object carries overrides.
  if (
    (o.ha && (o.ha.vmOverrides || (o.ha.admissionControlPolicy && o.ha.admissionControlPolicy.type === 'hosts'))) ||
    (o.drs && o.drs.vmOverrides)
  ) {
    b.clusterOverrides.push({ cluster: r, ha: o.ha || undefined, drs: o.drs || undefined });
  }
  return r;
}
