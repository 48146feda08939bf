// ComputeResource (base type: standalone hosts and clusters) and ClusterComputeResource (subtype-only paths):
// every property the inventory reads, once (see field.ts). Row order is the request order. configurationEx
// (ClusterConfigInfoEx) and summary are read whole (property-specs.ts header: subtype-only fields of a
// base-typed property), their fields as sub-fields.
import { DEFAULTS } from '../defaults.js';
import { bool, moids, str } from '../values.js';
import { field, sub } from './field.js';

export const COMPUTE_RESOURCE_FIELDS = {
  name: field('2.0', 'name', { model: 'name' }),
  parent: field('2.0', 'parent'), // link: folder chain to the datacenter
  hosts: field('2.0', 'host', { model: 'hostMoids', as: moids }),
  resourcePool: field('2.0', 'resourcePool', { model: 'rootPool.moid' }), // link: the root resource pool
};

export const CLUSTER_FIELDS = {
  configurationEx: field('2.5', 'configurationEx', {
    sub: {
      haEnabled: sub('dasConfig.enabled', { model: 'ha.enabled', as: bool, default: DEFAULTS.haEnabled }),
      hostMonitoring: sub('dasConfig.hostMonitoring', { model: 'ha.hostMonitoring', as: str, default: DEFAULTS.hostMonitoring }),
      admissionControl: sub('dasConfig.admissionControlEnabled', {
        model: 'ha.admissionControlEnabled',
        as: bool,
        default: DEFAULTS.admissionControlEnabled,
      }),
      // ClusterDasAdmissionControlPolicy subtypes (FailoverResources / FailoverLevel / FailoverHost), read as sent.
      admissionControlPolicy: sub('dasConfig.admissionControlPolicy', { model: 'ha.admissionControlPolicy' }),
      vmComponentProtecting: sub('dasConfig.vmComponentProtecting', { model: 'ha.vmComponentProtecting', as: str }),
      haOptions: sub('dasConfig.option', { model: 'ha.options' }), // and ha.maxFtVmsPerHost / maxFtVcpusPerHost
      haDefaultRestartPriority: sub('dasConfig.defaultVmSettings.restartPriority', {
        model: 'ha.defaultRestartPriority',
        as: str,
        default: DEFAULTS.haRestartPriority,
      }),
      haVmOverrides: sub('dasVmConfig', { model: 'ha.vmOverrides' }),
      drsEnabled: sub('drsConfig.enabled', { model: 'drs.enabled', as: bool, default: DEFAULTS.drsEnabled }),
      drsBehavior: sub('drsConfig.defaultVmBehavior', { model: 'drs.defaultBehavior', as: str, default: DEFAULTS.drsDefaultBehavior }),
      drsVmOverrides: sub('drsVmConfig', { model: 'drs.vmOverrides' }),
    },
  }),
  summary: field('2.5', 'summary', { sub: { evc: sub('currentEVCModeKey', { model: 'evcModeKey' }) } }),
};
