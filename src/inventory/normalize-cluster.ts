// ClusterComputeResource ObjectContent -> model Cluster (HA, DRS, per-VM overrides, EVC).

import type { ObjectContent } from '../vsphere/api.js';
import { DEFAULTS } from './defaults.js';
import { CLUSTER_FIELDS, COMPUTE_RESOURCE_FIELDS as B } from './fields/cluster.js';
import { decoded, readSub, reader, subReader } from './fields/field.js';
import type { AdmissionControlPolicy, Cluster } from './model.js';
import { arr, bool, get, moid, moids, num, obj, str, typeOf, unreadableOf } from './values.js';

const C = CLUSTER_FIELDS.configurationEx.sub;
const S = CLUSTER_FIELDS.summary.sub;

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

// dasConfig.admissionControlPolicy as sent: the type name and the fields the capacity model reads (a number
// that does not decode is left out, and the rule that needs it says it cannot decide).
function admissionPolicy(v: unknown): AdmissionControlPolicy | undefined {
  const o = obj(v);
  const type = typeOf(v);
  if (!o || !type) return undefined;
  const n = (k: string): { [k: string]: number } => {
    const x = num(o[k]);
    return x !== undefined ? { [k]: x } : {};
  };
  if (type === 'ClusterFailoverResourcesAdmissionControlPolicy') {
    const auto = bool(o.autoComputePercentages);
    return {
      type,
      ...n('memoryFailoverResourcesPercent'),
      ...n('failoverLevel'),
      ...(auto !== undefined ? { autoComputePercentages: auto } : {}),
    };
  }
  if (type === 'ClusterFailoverLevelAdmissionControlPolicy') {
    const slot = obj(o.slotPolicy);
    const slotMemoryMB = typeOf(slot) === 'ClusterFixedSizeSlotPolicy' ? num(slot?.memory) : undefined;
    return { type, ...n('failoverLevel'), ...(slotMemoryMB !== undefined ? { slotMemoryMB } : {}) };
  }
  if (type === 'ClusterFailoverHostAdmissionControlPolicy') return { type, failoverHosts: moids(o.failoverHosts), ...n('failoverLevel') };
  return { type };
}

// Every read goes through the field tables (fields/cluster.ts): their paths, and defaults for absent values.
export function normalizeCluster(oc: ObjectContent): Cluster {
  const read = reader(oc.props);
  const cfg = read(CLUSTER_FIELDS.configurationEx);
  const inCfg = subReader(cfg);
  const options: Record<string, string> = {};
  for (const item of arr(readSub(cfg, C.haOptions))) {
    const o = obj(item);
    const key = str(o?.key);
    // HA option keys are case-insensitive in vCenter; store them lower-cased.
    if (key) options[key.toLowerCase()] = optionString(o?.value);
  }
  const evcModeKey = str(readSub(read(CLUSTER_FIELDS.summary), S.evc));
  const policy = admissionPolicy(readSub(cfg, C.admissionControlPolicy));
  const rootPool = moid(read(B.resourcePool));
  return {
    moid: oc.obj.value,
    name: str(read(B.name)) ?? oc.obj.value,
    ...decoded(read, B.hosts),
    ha: {
      ...decoded(inCfg, C.haEnabled, C.hostMonitoring, C.admissionControl, C.vmComponentProtecting),
      options,
      maxFtVmsPerHost: intOption(options, 'das.maxftvmsperhost', DEFAULTS.maxFtVmsPerHost),
      maxFtVcpusPerHost: intOption(options, 'das.maxftvcpusperhost', DEFAULTS.maxFtVcpusPerHost),
      vmOverrides: arr(readSub(cfg, C.haVmOverrides)).flatMap((item) => {
        const o = obj(item);
        const vmMoid = moid(o?.key);
        if (!o || !vmMoid) return [];
        // dasSettings.restartPriority (4.0+) supersedes the deprecated top-level restartPriority.
        const restartPriority = str(get(o, 'dasSettings.restartPriority')) ?? str(o.restartPriority);
        return [{ vmMoid, ...(restartPriority !== undefined ? { restartPriority } : {}) }];
      }),
      ...decoded(inCfg, C.haDefaultRestartPriority),
      ...(policy ? { admissionControlPolicy: policy } : {}),
    },
    ...(rootPool ? { rootPool: { moid: rootPool } } : {}),
    drs: {
      ...decoded(inCfg, C.drsEnabled, C.drsBehavior),
      vmOverrides: arr(readSub(cfg, C.drsVmOverrides)).flatMap((item) => {
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
