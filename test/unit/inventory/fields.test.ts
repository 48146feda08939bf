// The VirtualMachine field table (src/inventory/fields/vm.ts) is the one place a VM property path is written:
// the fetch spec, the normalizer's reads, the defaults of absent values and the evidence paths rules cite all
// follow it. These checks fail when the normalizer reads a path the table does not list (it would never be
// fetched), when a row is fetched but read by nobody, or when a default drifts from what the model gets.
import { describe, expect, it } from 'vitest';
import { evidencePaths, type Field, field, type SubField, sub } from '../../../src/inventory/fields/field.js';
import { CLUSTER_FIELDS, COMPUTE_RESOURCE_FIELDS } from '../../../src/inventory/fields/cluster.js';
import { DATASTORE_FIELDS } from '../../../src/inventory/fields/datastore.js';
import { HOST_FIELDS } from '../../../src/inventory/fields/host.js';
import { DVPG_FIELDS, NETWORK_FIELDS, OPAQUE_NETWORK_FIELDS } from '../../../src/inventory/fields/network.js';
import { VM_FIELDS } from '../../../src/inventory/fields/vm.js';
import { CLUSTER_PATHS, DATASTORE_PATHS, HOST_PATHS, VM_PATHS } from '../../../src/inventory/model.js';
import { normalizeCluster } from '../../../src/inventory/normalize-cluster.js';
import { normalizeDatastore } from '../../../src/inventory/normalize-datastore.js';
import { normalizeHost } from '../../../src/inventory/normalize-host.js';
import { normalizeNetwork } from '../../../src/inventory/normalize-network.js';
import { normalizeVm } from '../../../src/inventory/normalize-vm.js';
import {
  CLUSTER_PROPS,
  COMPUTE_RESOURCE_PROPS,
  DATASTORE_PROPS,
  DVPG_PROPS,
  HOST_PROPS,
  NETWORK_PROPS,
  OPAQUE_NETWORK_PROPS,
  pathsFor,
  propSetsFor,
  VM_PROPS,
} from '../../../src/inventory/property-specs.js';

const ROWS = Object.entries(VM_FIELDS);
const LINKS = new Set(['parent', 'resourcePool']); // read by collect.ts for cross-references, for every type

// Every key the normalizer looks up in the props (prop() tries the path, then its prefixes).
function lookups(): Set<string> {
  const seen = new Set<string>();
  const props = new Proxy({} as Record<string, unknown>, {
    has: (_t, key) => (typeof key === 'string' && seen.add(key), false),
    get: (_t, key) => (typeof key === 'string' && seen.add(key), undefined),
  });
  normalizeVm({ obj: { type: 'VirtualMachine', value: 'vm-1' }, props, missing: [] });
  return seen;
}

const at = (o: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

describe('VirtualMachine field table', () => {
  it('the fetch spec is the table, in table order, filtered by API version', () => {
    expect(VM_PROPS.map((d) => d.path)).toEqual(ROWS.map(([, f]) => f.path));
    expect(propSetsFor('8.0.3.0').find((p) => p.type === 'VirtualMachine')!.paths).toEqual(ROWS.map(([, f]) => f.path));
    expect(pathsFor(VM_PROPS, '6.5')).toEqual(ROWS.filter(([, f]) => f.since !== '6.7' && f.since !== '7.0.2.0').map(([, f]) => f.path));
  });

  it('the normalizer reads every fetched row and nothing the table does not list', () => {
    const seen = lookups();
    const paths = ROWS.map(([, f]) => f.path);
    const unread = ROWS.filter(([k, f]) => !LINKS.has(k) && !seen.has(f.path)).map(([k]) => k);
    expect(unread).toEqual([]);
    // a key that is neither a row's path nor a prefix of one is a path read without being fetched
    const stray = [...seen].filter((k) => !paths.some((p) => p === k || p.startsWith(k + '.')));
    expect(stray).toEqual([]);
  });

  it('an absent property becomes the row default in the model', () => {
    const vm = normalizeVm({ obj: { type: 'VirtualMachine', value: 'vm-1' }, props: {}, missing: [] });
    const withDefault = ROWS.filter(([, f]) => f.model && f.default !== undefined);
    expect(withDefault.length).toBeGreaterThan(15);
    for (const [key, f] of withDefault) expect([key, at(vm, f.model!)]).toEqual([key, f.default]);
  });

  it('evidence paths come from the rows and lie under the fetched path (so a missing property matches a rule need)', () => {
    for (const [key, f] of ROWS) {
      const cited = VM_PATHS[key as keyof typeof VM_PATHS];
      expect(cited).toBe(f.evidence ?? f.path);
      expect(cited === f.path || cited.startsWith(f.path + '.')).toBe(true);
    }
    expect(VM_PATHS.snapshot).toBe('snapshot.rootSnapshotList');
    expect(VM_PATHS.ftRole).toBe('config.ftInfo.role');
  });

  it('each path is written once', () => {
    const paths = ROWS.map(([, f]) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

// HostSystem: rows and sub-fields (one fetched data object, several model fields).
describe('HostSystem field table', () => {
  const rows = Object.entries(HOST_FIELDS) as [string, Field][];
  const subs = rows.flatMap(([, f]) => Object.entries<SubField>(f.sub ?? {}).map(([k, s]) => [k, f, s] as const));
  const host = (props: Record<string, unknown>) => normalizeHost({ obj: { type: 'HostSystem', value: 'host-1' }, props, missing: [] });

  it('the fetch spec is the table, in table order, filtered by API version', () => {
    expect(HOST_PROPS.map((d) => d.path)).toEqual(rows.map(([, f]) => f.path));
    expect(propSetsFor('8.0.3.0').find((p) => p.type === 'HostSystem')!.paths).toEqual(rows.map(([, f]) => f.path));
    expect(pathsFor(HOST_PROPS, '4.0')).toEqual(rows.filter(([, f]) => f.since !== '4.1' && f.since !== '5.0').map(([, f]) => f.path));
    // an alt path is a fallback for whole-summary recordings, never requested
    const alts = rows.flatMap(([, f]) => (f.alt ? [f.alt] : []));
    expect(alts).toEqual(['summary.config.product']);
    expect(HOST_PROPS.filter((d) => alts.includes(d.path))).toEqual([]);
    const h = host({ [HOST_FIELDS.product.alt!]: { version: '6.7.0' } });
    expect(h.product.version).toBe('6.7.0');
  });

  it('the normalizer reads every fetched row and nothing the table does not list', () => {
    const seen = new Set<string>();
    const props = new Proxy({} as Record<string, unknown>, {
      has: (_t, key) => (typeof key === 'string' && seen.add(key), false),
      get: (_t, key) => (typeof key === 'string' && seen.add(key), undefined),
    });
    host(props);
    const paths = rows.flatMap(([, f]) => (f.alt ? [f.path, f.alt] : [f.path]));
    expect(rows.filter(([, f]) => !seen.has(f.path)).map(([k]) => k)).toEqual([]);
    expect([...seen].filter((k) => !paths.some((p) => p === k || p.startsWith(k + '.')))).toEqual([]);
  });

  it('an absent property or sub-field becomes its default in the model', () => {
    const h = host({});
    const withDefault = [...rows.map(([k, f]) => [k, f] as const), ...subs.map(([k, , s]) => [k, s] as const)].filter(
      ([, f]) => f.model && f.default !== undefined,
    );
    expect(withDefault.length).toBeGreaterThanOrEqual(12);
    for (const [key, f] of withDefault) expect([key, at(h, f.model!)]).toEqual([key, f.default]);
    // present inside the fetched object but absent itself: still the default
    const partial = host({ [HOST_FIELDS.product.path]: {}, [HOST_FIELDS.cpuInfo.path]: {}, [HOST_FIELDS.hyperThread.path]: {} });
    for (const [key, , s] of subs.filter(([, , s]) => s.default !== undefined))
      expect([key, at(partial, s.model!)]).toEqual([key, s.default]);
  });

  it('each sub-field is read from its path inside the fetched object into its model field', () => {
    // the default's type is the model type; a sub-field without a default (numPackages) is a count
    const sentinel = (d: unknown) => (typeof d === 'boolean' ? !d : typeof d === 'string' ? 'x-sentinel' : 7);
    for (const [key, f, s] of subs) {
      const value = sentinel(s.default);
      const h = host({ [f.path]: { [s.path]: value } });
      expect([key, at(h, s.model!)]).toEqual([key, value]);
    }
  });

  it('evidence paths: rows cite their path (or a narrower one), sub-fields the joined path; old names kept', () => {
    for (const [key, f] of rows) {
      const cited = HOST_PATHS[key as keyof typeof HOST_PATHS];
      expect(cited).toBe(f.evidence ?? f.path);
      expect(cited === f.path || cited.startsWith(f.path + '.')).toBe(true);
    }
    for (const [key, f, s] of subs) expect(HOST_PATHS[key as keyof typeof HOST_PATHS]).toBe(`${f.path}.${s.path}`);
    expect(HOST_PATHS.build).toBe('config.product.build');
    expect(HOST_PATHS.version).toBe('config.product.version');
    expect(HOST_PATHS.numThreads).toBe('hardware.cpuInfo.numCpuThreads');
    expect(HOST_PATHS.dasHostState).toBe('runtime.dasHostState.state');
  });

  it('each path and each key is written once', () => {
    const paths = rows.map(([, f]) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const keys = [...rows.map(([k]) => k), ...subs.map(([k]) => k)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(() => evidencePaths({ a: field('2.0', 'a', { sub: { a: sub('x') } }) })).toThrow(/written twice/);
  });
});

// The same checks for a table with sub-fields, given its normalizer. `fetches`: per vim25 type, its part of the
// table and its fetch list (a subtype adds rows to its base type's). `samples`: a raw value and the model value it
// gives, for each sub-field without a default (otherwise the default's type is the model type).
function tableChecks(
  fetches: [type: string, part: Record<string, Field>, fetched: { path: string; since: string }[]][],
  cited: Record<string, string>,
  normalize: (props: Record<string, unknown>) => unknown,
  opts: { links: string[]; samples: Record<string, [raw: unknown, model: unknown]> },
) {
  const rows = fetches.flatMap(([, part]) => Object.entries(part));
  const subs = rows.flatMap(([, f]) => Object.entries<SubField>(f.sub ?? {}).map(([k, s]) => [k, f, s] as const));

  it('the fetch spec is the table, in table order', () => {
    for (const [type, part, fetched] of fetches) {
      const paths = Object.values(part).map((f) => f.path);
      expect(fetched.map((d) => d.path)).toEqual(paths);
      expect(propSetsFor('8.0.3.0').find((p) => p.type === type)!.paths).toEqual(paths);
    }
  });

  it('the normalizer reads every fetched row and nothing the table does not list', () => {
    const seen = new Set<string>();
    const props = new Proxy({} as Record<string, unknown>, {
      has: (_t, key) => (typeof key === 'string' && seen.add(key), false),
      get: (_t, key) => (typeof key === 'string' && seen.add(key), undefined),
    });
    normalize(props);
    const paths = rows.map(([, f]) => f.path);
    expect(rows.filter(([k, f]) => !opts.links.includes(k) && !seen.has(f.path)).map(([k]) => k)).toEqual([]);
    expect([...seen].filter((k) => !paths.some((p) => p === k || p.startsWith(k + '.')))).toEqual([]);
  });

  it('an absent property or sub-field becomes its default; each sub-field is read from its path', () => {
    const empty = normalize({});
    const all = [...rows.map(([k, f]) => [k, f] as const), ...subs.map(([k, , s]) => [k, s] as const)];
    for (const [key, f] of all.filter(([, f]) => f.model && f.default !== undefined))
      expect([key, at(empty, f.model!)]).toEqual([key, f.default]);
    for (const [key, f, s] of subs) {
      const d = s.default;
      const [raw, model] =
        opts.samples[key] ?? (typeof d === 'boolean' ? [!d, !d] : typeof d === 'string' ? ['x-sentinel', 'x-sentinel'] : [7, 7]);
      const inner = s.path.split('.').reduceRight<unknown>((v, k) => ({ [k]: v }), raw);
      expect([key, at(normalize({ [f.path]: inner }), s.model!)]).toEqual([key, model]);
    }
  });

  it('evidence paths: rows cite their path (or a narrower one), sub-fields the joined path; keys written once', () => {
    for (const [key, f] of rows) expect([key, cited[key]]).toEqual([key, f.evidence ?? f.path]);
    for (const [key, f, s] of subs) expect([key, cited[key]]).toEqual([key, `${f.path}.${s.path}`]);
    const keys = [...rows.map(([k]) => k), ...subs.map(([k]) => k)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(cited).sort()).toEqual([...keys].sort());
  });
}

describe('Datastore field table', () => {
  const ds = (props: Record<string, unknown>) =>
    normalizeDatastore({ obj: { type: 'Datastore', value: 'datastore-1' }, props, missing: [] });
  tableChecks([['Datastore', DATASTORE_FIELDS, DATASTORE_PROPS]], DATASTORE_PATHS, ds, {
    links: ['parent'],
    samples: { summaryName: ['ds-name', 'ds-name'], multipleHostAccess: [true, true] },
  });
  it('keeps the evidence names the rules cite', () => {
    expect(DATASTORE_PATHS).toMatchObject({
      name: 'name',
      type: 'summary.type',
      multipleHostAccess: 'summary.multipleHostAccess',
      accessible: 'summary.accessible',
      capacity: 'summary.capacity',
      freeSpace: 'summary.freeSpace',
      uncommitted: 'summary.uncommitted',
      hosts: 'host',
    });
  });
});

describe('ComputeResource / ClusterComputeResource field tables', () => {
  const cluster = (props: Record<string, unknown>) =>
    normalizeCluster({ obj: { type: 'ClusterComputeResource', value: 'domain-c1' }, props, missing: [] });
  const vm1 = { _type: 'ManagedObjectReference', type: 'VirtualMachine', value: 'vm-1' };
  tableChecks(
    [
      ['ComputeResource', COMPUTE_RESOURCE_FIELDS, COMPUTE_RESOURCE_PROPS],
      ['ClusterComputeResource', CLUSTER_FIELDS, CLUSTER_PROPS],
    ],
    CLUSTER_PATHS,
    cluster,
    {
      links: ['parent'],
      samples: {
        vmComponentProtecting: ['enabled', 'enabled'],
        haOptions: [[{ key: 'das.X', value: '1' }], { 'das.x': '1' }],
        haVmOverrides: [[{ key: vm1, dasSettings: { restartPriority: 'high' } }], [{ vmMoid: 'vm-1', restartPriority: 'high' }]],
        drsVmOverrides: [[{ key: vm1, behavior: 'manual' }], [{ vmMoid: 'vm-1', behavior: 'manual' }]],
        evc: ['intel-broadwell', 'intel-broadwell'],
        admissionControlPolicy: [
          {
            _type: 'ClusterFailoverLevelAdmissionControlPolicy',
            failoverLevel: 1,
            slotPolicy: { _type: 'ClusterFixedSizeSlotPolicy', cpu: 32, memory: 1024 },
          },
          { type: 'ClusterFailoverLevelAdmissionControlPolicy', failoverLevel: 1, slotMemoryMB: 1024 },
        ],
      },
    },
  );
  it('keeps the evidence names the rules cite', () => {
    expect(CLUSTER_PATHS).toMatchObject({
      name: 'name',
      hosts: 'host',
      haEnabled: 'configurationEx.dasConfig.enabled',
      hostMonitoring: 'configurationEx.dasConfig.hostMonitoring',
      admissionControl: 'configurationEx.dasConfig.admissionControlEnabled',
      haOptions: 'configurationEx.dasConfig.option',
      haVmOverrides: 'configurationEx.dasVmConfig',
      haDefaultRestartPriority: 'configurationEx.dasConfig.defaultVmSettings.restartPriority',
      drsEnabled: 'configurationEx.drsConfig.enabled',
      drsBehavior: 'configurationEx.drsConfig.defaultVmBehavior',
      drsVmOverrides: 'configurationEx.drsVmConfig',
      evc: 'summary.currentEVCModeKey',
    });
  });
});

describe('Network / DistributedVirtualPortgroup / OpaqueNetwork field tables', () => {
  // one props object read as each subtype: the union of what the network normalizer reads
  const net = (props: Record<string, unknown>) => {
    const as = (type: string) => normalizeNetwork({ obj: { type, value: 'network-1' }, props, missing: [] }).network;
    return { ...as('DistributedVirtualPortgroup'), ...as('OpaqueNetwork') };
  };
  const tables = { ...NETWORK_FIELDS, ...DVPG_FIELDS, ...OPAQUE_NETWORK_FIELDS };
  tableChecks(
    [
      ['Network', NETWORK_FIELDS, NETWORK_PROPS],
      ['DistributedVirtualPortgroup', DVPG_FIELDS, DVPG_PROPS],
      ['OpaqueNetwork', OPAQUE_NETWORK_FIELDS, OPAQUE_NETWORK_PROPS],
    ],
    evidencePaths(tables),
    net,
    { links: ['parent'], samples: { opaqueNetworkType: ['nsx.LogicalSwitch', 'nsx.LogicalSwitch'] } },
  );
  it('versions gate the subtype rows (config.uplink 6.5, config.backingType 7.0)', () => {
    expect(pathsFor(DVPG_PROPS, '6.0')).toEqual(['config.key', 'config.distributedVirtualSwitch']);
    expect(pathsFor(DVPG_PROPS, '6.7')).toEqual(['config.key', 'config.distributedVirtualSwitch', 'config.uplink']);
  });
});
