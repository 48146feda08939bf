// ClusterComputeResource ObjectContent -> model Cluster (HA, DRS, per-VM overrides, EVC).

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS, orDefault } from './defaults.js';
import type { Cluster } from './model.js';
import { arr, bool, get, moid, moids, obj, prop, str, unreadableOf } from './values.js';

// OptionValue.value is xsd:anyType: vCenter sends xsd:string for das.* options, but be tolerant.
function optionString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

// das.maxftvmsperhost / das.maxftvcpusperhost: a missing or non-numeric option means the documented default.
function intOption(options: Record<string, string>, key: string, dflt: number): number {
  const raw = options[key];
  if (raw === undefined || raw.trim() === '') return dflt;
  const n = Number(raw.trim());
  return Number.isInteger(n) && n >= 0 ? n : dflt;
}

export function normalizeCluster(oc: ObjectContent): Cluster {
  const g = (path: string): unknown => prop(oc.props, path);
  const cfg = obj(g('configurationEx'));
  const das = obj(cfg?.dasConfig);
  const drs = obj(cfg?.drsConfig);
  const options: Record<string, string> = {};
  for (const item of arr(das?.option)) {
    const o = obj(item);
    const key = str(o?.key);
    // HA option keys are case-insensitive in vCenter; store them lower-cased.
    if (key) options[key.toLowerCase()] = optionString(o?.value);
  }
  const vmComponentProtecting = str(das?.vmComponentProtecting);
  const evcModeKey = str(get(g('summary'), 'currentEVCModeKey'));
  return {
    moid: oc.obj.value,
    name: str(g('name')) ?? oc.obj.value,
    hostMoids: moids(g('host')),
    ha: {
      enabled: orDefault(bool(das?.enabled), DEFAULTS.haEnabled),
      hostMonitoring: orDefault(str(das?.hostMonitoring), DEFAULTS.hostMonitoring),
      admissionControlEnabled: orDefault(bool(das?.admissionControlEnabled), DEFAULTS.admissionControlEnabled),
      ...(vmComponentProtecting !== undefined ? { vmComponentProtecting } : {}),
      options,
      maxFtVmsPerHost: intOption(options, 'das.maxftvmsperhost', DEFAULTS.maxFtVmsPerHost),
      maxFtVcpusPerHost: intOption(options, 'das.maxftvcpusperhost', DEFAULTS.maxFtVcpusPerHost),
      vmOverrides: arr(cfg?.dasVmConfig).flatMap((item) => {
        const o = obj(item);
        const vmMoid = moid(o?.key);
        if (!o || !vmMoid) return [];
        // dasSettings.restartPriority (4.0+) supersedes the deprecated top-level restartPriority.
        const restartPriority = str(get(o, 'dasSettings.restartPriority')) ?? str(o.restartPriority);
        return [{ vmMoid, ...(restartPriority !== undefined ? { restartPriority } : {}) }];
      }),
      defaultRestartPriority: orDefault(str(get(das, 'defaultVmSettings.restartPriority')), DEFAULTS.haRestartPriority),
    },
    drs: {
      enabled: orDefault(bool(drs?.enabled), DEFAULTS.drsEnabled),
      defaultBehavior: orDefault(str(drs?.defaultVmBehavior), DEFAULTS.drsDefaultBehavior),
      vmOverrides: arr(cfg?.drsVmConfig).flatMap((item) => {
        const o = obj(item);
        const vmMoid = moid(o?.key);
        if (!o || !vmMoid) return [];
        const enabled = bool(o.enabled);
        const behavior = str(o.behavior);
        return [{ vmMoid, ...(enabled !== undefined ? { enabled } : {}), ...(behavior !== undefined ? { behavior } : {}) }];
      }),
    },
    ...(evcModeKey ? { evcModeKey } : {}),
    unreadable: unreadableOf(oc),
  };
}
