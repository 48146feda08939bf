// Field rows carry their converter and name a model path TypeScript checks: decoded() fills the trivial model
// fields from the rows (copy, convert, default) exactly as the hand-written lines did, and a row whose `model`
// is not a path of the type its table fills does not compile (`npx tsc -p tsconfig.test.json`).
import { describe, expect, it } from 'vitest';
import { decoded, field, type ModelTable, reader, sub, subReader } from '../../../src/inventory/fields/field.js';
import { VM_FIELDS } from '../../../src/inventory/fields/vm.js';
import type { Host, Vm } from '../../../src/inventory/model.js';
import { normalizeVm } from '../../../src/inventory/normalize-vm.js';
import { bool, moids, num, str } from '../../../src/inventory/values.js';

const F = {
  state: field('4.0', 'runtime.faultToleranceState', { model: 'ft.state', as: str, default: 'notConfigured' }),
  host: field('2.0', 'runtime.host', { model: 'hostMoid', as: str }),
  datastores: field('2.0', 'datastore', { model: 'datastoreMoids', as: moids }),
  numCpu: field('2.0', 'config.hardware.numCPU', { model: 'numCpu', as: num, default: 0 }),
};

describe('field rows with a converter (decoded)', () => {
  it('a value that decodes is converted; one that does not, or is absent, becomes the row default', () => {
    const read = reader({ 'runtime.faultToleranceState': 'running', 'config.hardware.numCPU': 'four' });
    expect(decoded(read, F.state, F.numCpu)).toEqual({ state: 'running', numCpu: 0 });
    expect(decoded(reader({}), F.state)).toEqual({ state: 'notConfigured' });
  });

  it('a row without a default fills its field only when the value decodes; a list converter always fills it', () => {
    expect(decoded(reader({ 'runtime.host': 42 }), F.host, F.datastores)).toEqual({ datastoreMoids: [] });
    expect(Object.keys(decoded(reader({ 'runtime.host': 'host-1' }), F.host))).toEqual(['hostMoid']);
  });

  it('fills the fields in the order given (the order the report writes them in), keyed by the last part of the path', () => {
    const read = reader({ 'runtime.host': 'h', 'config.hardware.numCPU': 2 });
    expect(Object.keys(decoded(read, F.numCpu, F.host, F.state))).toEqual(['numCpu', 'hostMoid', 'state']);
    expect(Object.keys(decoded(read, F.state, F.host, F.numCpu))).toEqual(['state', 'hostMoid', 'numCpu']);
  });

  it('sub-fields decode inside their fetched object', () => {
    const ht = sub('available', { model: 'hyperThreading.available', as: bool, default: false });
    expect(decoded(subReader({ available: true }), ht)).toEqual({ available: true });
    expect(decoded(subReader(undefined), ht)).toEqual({ available: false });
  });

  it('the VM normalizer takes its trivial fields from the table: a row default reaches the model unchanged', () => {
    const vm = normalizeVm({ obj: { type: 'VirtualMachine', value: 'vm-1' }, props: { 'config.hardware.numCPU': 4n }, missing: [] });
    expect(vm.numCpu).toBe(4);
    expect(vm.ft.state).toBe(VM_FIELDS.ftState.default);
    expect(vm.firmware).toBe(VM_FIELDS.firmware.default);
  });

  it('a model path that is not a path of the model type does not compile', () => {
    const good = { a: field('2.0', 'a', { model: 'ft.state', as: str }), b: field('2.0', 'b', { model: 'memoryMB' }) };
    expect(good satisfies ModelTable<Vm>).toBe(good);
    // @ts-expect-error 'ft.stat' is not a path of Vm
    expect({ a: field('2.0', 'a', { model: 'ft.stat' }) } satisfies ModelTable<Vm>).toBeDefined();
    // @ts-expect-error a sub-field's path is checked too: 'product.verison'
    expect({ p: field('2.0', 'p', { sub: { v: sub('version', { model: 'product.verison' }) } }) } satisfies ModelTable<Host>).toBeDefined();
  });
});
