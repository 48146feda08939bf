// runScan against two mock vCenters over https: concurrent targets merged into one ScanResult, findings
// tagged with their vCenter, SOAP calls counted, a failed target reported with its one-line error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, estate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { mapLimit, withTimeout, TimeoutError } from '../../../src/scan/pool.js';
import { applyPolicy } from '../../../src/policy/index.js';
import { runScan, type ScanProgress, type ScanTarget } from '../../../src/scan/run.js';

const USER = 'scan@vsphere.local';
const PASSWORD = 'run-test-Pw1';
let one: MockServer;
let two: MockServer;

// Each mock vCenter its own seed, hence its own about.instanceUuid (as two real vCenters have).
function vcenter(prefix: string, vms: number) {
  const b = estate({ vcenterVersion: '8.0.2', seed: prefix.charCodeAt(0) }).user(USER, PASSWORD);
  const dc = b.datacenter(`${prefix}-DC`);
  const ds = b.datastore({ name: `${prefix}-ds`, datacenter: dc, type: 'VMFS' });
  const net = b.network({ name: `${prefix}-net`, datacenter: dc });
  const c = b.cluster({ name: `${prefix}-cluster`, datacenter: dc });
  const hosts = [1, 2, 3].map((i) => b.host({ name: `${prefix}-esx${i}`, cluster: c, datastores: [ds], networks: [net] }));
  for (let i = 0; i < vms; i++) b.vm({ name: `${prefix}-vm${i}`, host: hosts[i % 3]!, snapshots: i === 0 ? 1 : 0 });
  return createMockVcenter(b.build());
}

const target = (s: MockServer, password = PASSWORD): ScanTarget => ({ server: s.url, user: USER, password, tls: { caFile: s.caFile } });

beforeAll(async () => {
  [one, two] = await Promise.all([startMockServer(vcenter('a', 4), { tls: true }), startMockServer(vcenter('b', 2), { tls: true })]);
});
afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

describe('runScan', () => {
  it('merges several vCenters into one result; every VM and finding names its vCenter', async () => {
    const progress: ScanProgress[] = [];
    const result = await runScan({
      version: '0.0.0-test',
      targets: [target(one), target(two)],
      scope: {},
      profile: 'auto',
      onProgress: (p) => progress.push(p),
    });
    const judged = applyPolicy(result, {}, '2026-12-04');
    expect(judged.complete).toBe(true);
    expect(result.targets.map((t) => [t.server, t.status])).toEqual([
      [one.url, 'complete'],
      [two.url, 'complete'],
    ]);
    expect(result.evaluation.vms).toHaveLength(6);
    for (const vm of result.evaluation.vms) expect(vm.server).toBe(vm.name.startsWith('a-') ? one.url : two.url);
    for (const f of result.evaluation.findings) expect([one.url, two.url]).toContain(f.server);
    // every finding a VM references is stored once, in the flat list, with ids unique across both vCenters
    const ids = new Set(result.evaluation.findings.map((f) => f.id));
    expect(ids.size).toBe(result.evaluation.findings.length);
    for (const vm of result.evaluation.vms) for (const id of vm.findingIds) expect(ids.has(id)).toBe(true);
    const total = Object.values(judged.summary.vms).reduce((a, b) => a + b, 0);
    expect(total).toBe(6);
    expect(judged.summary.findings.blocker).toBe(result.evaluation.findings.filter((f) => f.severity === 'blocker').length);
    const perTarget = result.targets.map((t) => t.inventory!.stats.soapCalls);
    expect(judged.summary.soapCalls).toBeGreaterThanOrEqual(perTarget[0]! + perTarget[1]!);
    expect(
      progress
        .filter((p) => p.phase === 'done')
        .map((p) => p.server)
        .sort(),
    ).toEqual([one.url, two.url].sort());
  });

  it('finding ids are the same whichever URL reached the vCenter (127.0.0.1 or localhost), and differ between vCenters', async () => {
    const ids = async (server: string, s: MockServer) =>
      (await runScan({ version: '0', targets: [{ ...target(s), server }], scope: {}, profile: 'auto' })).evaluation.findings
        .map((f) => f.id)
        .sort();
    const byIp = await ids(one.url, one);
    const byName = await ids(one.url.replace('127.0.0.1', 'localhost') + '/sdk', one);
    expect(byIp.length).toBeGreaterThan(0);
    expect(byName).toEqual(byIp);
    const other = await ids(two.url, two);
    expect(other.some((id) => byIp.includes(id))).toBe(false);
  });

  it("a VM scope does not change a cluster's FT headroom: FT VMs outside the scope still hold slots", async () => {
    const b = estate({ vcenterVersion: '8.0.2' }).user(USER, PASSWORD);
    const dc = b.datacenter('H-DC');
    const ds = b.datastore({ name: 'h-ds', datacenter: dc, type: 'VMFS' });
    const net = b.network({ name: 'h-net', datacenter: dc });
    const c = b.cluster({ name: 'h-cluster', datacenter: dc });
    const hosts = [1, 2, 3].map((i) => b.host({ name: `h-esx${i}`, cluster: c, datastores: [ds], networks: [net] }));
    b.vm({ name: 'protected-1', host: hosts[0]!, numCpu: 2, ftState: 'running', ftSecondaryHost: hosts[1]! });
    b.vm({ name: 'candidate-1', host: hosts[2]! });
    const server = await startMockServer(createMockVcenter(b.build()), { tls: true });
    try {
      const scan = (vms?: string[]) => runScan({ version: '0', targets: [target(server)], scope: vms ? { vms } : {}, profile: 'auto' });
      const [full, scoped] = [await scan(), await scan(['candidate-1'])];
      expect(scoped.evaluation.vms.map((v) => v.name)).toEqual(['candidate-1']);
      const headroom = (r: typeof full) => r.evaluation.clusters.find((x) => x.name === 'h-cluster')!.headroom;
      expect(headroom(full).currentFtVms).toBe(2); // the primary and its secondary
      expect(headroom(scoped)).toEqual(headroom(full));
    } finally {
      await server.close();
    }
  });

  it('a target that cannot log in is failed with a one-line error; the others are still reported', async () => {
    const result = await runScan({
      version: '0.0.0-test',
      targets: [target(one), target(two, 'not-the-password')],
      scope: {},
      profile: 'smp',
      concurrency: 1,
    });
    expect(applyPolicy(result, {}, '2026-12-04').complete).toBe(false);
    expect(result.rules?.map((r) => r.id)).toContain('vm-snapshots');
    expect(result.rules?.every((r) => r.generations.includes('smp'))).toBe(true);
    // The scan words a failed target itself (scan/describe-failure.ts): no caller injects the wording.
    expect(result.targets[1]).toEqual({
      server: two.url,
      status: 'failed',
      error: {
        kind: 'auth',
        message: expect.stringMatching(/^login failed for user .* check the user name and password \(InvalidLogin\)$/),
      },
    });
    expect(result.evaluation.vms.every((v) => v.server === one.url)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('not-the-password');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });
});

describe('pool', () => {
  it('never runs more than the limit at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(3);
  });

  it('gives up on work that does not settle', async () => {
    await expect(withTimeout(new Promise(() => {}), 10, () => new TimeoutError(0.01))).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(Promise.resolve(5), 1000, () => new TimeoutError(1))).resolves.toBe(5);
  });
});
