// What a per-kind construction function (objects/*.ts) needs from the EstateBuilder: the moid counter, the
// object table, name-or-ref resolution and what was built so far. The builder hands one out (buildContext()),
// so its own state stays private.
import type {
  ClusterRef,
  DatacenterRef,
  DatastoreRef,
  DrsOptions,
  HaOptions,
  HostRef,
  NetworkRef,
  Ref,
  VmOptions,
  VmRef,
} from '../builder-types.js';
import type { MockObject, MoRefValue } from '../estate.js';
import type { Prng } from '../prng.js';

export type Obj = Record<string, unknown>;
export const d = (type: string, fields: Obj): Obj => ({ _type: type, ...fields });

export function optionValues(o: Record<string, string>): Obj[] {
  return Object.entries(o).map(([key, value]) => d('OptionValue', { key, value }));
}

export interface DvSwitch {
  moid: string;
  uuid: string;
  name: string;
  dc: DatacenterRef;
  portgroups: string[];
}

export interface BuildContext {
  readonly rng: Prng;
  nextId(prefix: string): string; // vpxd-style moid: vm-42, snapshot-43
  add(type: MockObject['type'], moid: string, parent: MoRefValue | undefined, props: Obj): MockObject;
  ref<T extends Ref>(list: T[], x: T | string | undefined, what: string): T | undefined; // by name or moid
  mac(): string;
  dc(x: DatacenterRef | string | undefined): DatacenterRef; // the named one, else the first (made if none)
  mount(h: HostRef, ds: DatastoreRef): void;
  attachNetwork(h: HostRef, n: NetworkRef): void;
  vm(o: VmOptions): VmRef; // the builder's own vm(), for an FT secondary
  readonly byMoid: ReadonlyMap<string, MockObject>;
  readonly clusters: ClusterRef[];
  readonly hosts: HostRef[];
  readonly datastores: DatastoreRef[];
  readonly networks: NetworkRef[];
  readonly vms: VmRef[];
  readonly dvSwitches: Map<string, DvSwitch>; // by switch name
  readonly autoMultiHost: Set<string>; // datastores whose multipleHostAccess follows their mounts
  readonly clusterOverrides: { cluster: ClusterRef; ha?: HaOptions; drs?: DrsOptions }[]; // applied at build()
}
