// The VirtualMachine field table (src/inventory/fields/vm.ts) is the one place a VM property path is written:
// the fetch spec, the normalizer's reads, the defaults of absent values and the evidence paths rules cite all
// follow it. These checks fail when the normalizer reads a path the table does not list (it would never be
// fetched), when a row is fetched but read by nobody, or when a default drifts from what the model gets.
import { describe, expect, it } from 'vitest';
import { VM_FIELDS } from '../../../src/inventory/fields/vm.js';
import { VM_PATHS } from '../../../src/inventory/model.js';
import { normalizeVm } from '../../../src/inventory/normalize-vm.js';
import { pathsFor, propSetsFor, VM_PROPS } from '../../../src/inventory/property-specs.js';

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
