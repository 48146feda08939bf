// Issue 16 §2: capacity when FT is turned on, over the wire (the real CLI against the https mock vCenter).
// FT reserves the VM's full memory on both hosts (summary.hardware.memorySize less the reservations of the
// host's VMs), the cluster's root resource pool and HA admission control must accept it, SMP-FT needs a
// datastore on the secondary's host with room for the disk copy, and secondaries still to restart keep their
// room. Each estate has one thing wrong in cluster "Bad", beside a sound cluster "Ctrl" whose VM stays ready.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { readScanJson } from '../../../src/result/read.js';
import {
  type ClusterOptions,
  createMockVcenter,
  estate,
  type EstateBuilder,
  type HostOptions,
  type MockVcenter,
  startMockServer,
} from '../../../mocks/index.js';
import { PASSWORD, run, tempDir, USER } from './harness.js';

interface Variant {
  cluster?: Partial<ClusterOptions>;
  host?: (i: number) => Partial<HostOptions>;
  freeGB?: number; // the Bad cluster's datastore
  more?: (b: EstateBuilder, hosts: ReturnType<EstateBuilder['host']>[]) => void;
  control?: (mock: MockVcenter, ids: { pool: string; hosts: string[] }) => void;
}

async function scan(v: Variant): Promise<{ verdict: (name: string) => string; message: (name: string, rule: string) => string }> {
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD, { '*': REQUIRED_PRIVILEGES.map((p) => p.privilege) });
  const dc = b.datacenter('DC1');
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const ids = { pool: '', hosts: [] as string[] };
  for (const name of ['Ctrl', 'Bad']) {
    const bad = name === 'Bad';
    const ds = b.datastore({ name: `${name}-ds`, datacenter: dc, type: 'VMFS', capacityGB: 4000, freeGB: bad ? (v.freeGB ?? 2000) : 2000 });
    const c = b.cluster({ name, datacenter: dc, ...(bad ? v.cluster : {}) });
    const hosts = [1, 2, 3].map((i) =>
      b.host({
        name: `${name.toLowerCase()}-esx-${i}`,
        cluster: c,
        datastores: [ds],
        networks: [net],
        memoryGB: 256,
        ...(bad ? v.host?.(i) : {}),
      }),
    );
    b.vm({
      name: `${name.toLowerCase()}-01`,
      host: hosts[0]!,
      numCpu: 2,
      memoryMB: 16384,
      hwVersion: 'vmx-19',
      disks: [{ capacityGB: 100, kind: 'eager', datastore: ds }],
      cdrom: false,
    });
    if (bad) {
      v.more?.(b, hosts);
      ids.pool = c.resourcePool;
      ids.hosts = hosts.map((h) => h.moid);
    }
  }
  const mock = createMockVcenter(b.build());
  v.control?.(mock, ids);
  const server = await startMockServer(mock, { tls: true });
  try {
    const file = join(tempDir(), 'scan.json');
    const r = await run(
      ['scan', '--server', server.url, '--user', USER, '--ca-file', server.caFile, '--output', `json=${file}`, '--fail-on', 'none'],
      {
        env: { FTSCAN_PASSWORD: PASSWORD },
      },
    );
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const json = readScanJson(readFileSync(file, 'utf8'));
    const vm = (name: string) => json.evaluation.vms.find((x) => x.name === name)!;
    const byId = new Map(json.evaluation.findings.map((f) => [f.id, f]));
    return {
      verdict: (name) => vm(name).verdict,
      message: (name, rule) =>
        vm(name)
          .findingIds.map((id) => byId.get(id)!)
          .filter((f) => f.ruleId === rule)
          .map((f) => `${f.severity}: ${f.message}`)
          .join('\n'),
    };
  } finally {
    await server.close();
  }
}

describe('capacity when FT is turned on (issue 16 §2)', () => {
  it('the sound estate: both VMs ready, no capacity finding', async () => {
    const r = await scan({});
    expect(r.verdict('ctrl-01')).toBe('ready');
    expect(r.verdict('bad-01')).toBe('ready');
    expect(r.message('bad-01', 'vm-ft-capacity') + r.message('bad-01', 'vm-ft-cluster-memory')).toBe('');
  });

  const cases: { name: string; v: Variant; verdict: string; rule: string; message: RegExp }[] = [
    {
      name: "no secondary candidate has memory for the secondary's full reservation",
      v: { host: (i) => (i > 1 ? { memoryGB: 12 } : {}) },
      verdict: 'blocked',
      rule: 'vm-ft-capacity',
      message:
        /^blocker: .*the secondary has no room\).*bad-esx-2 has 12 GB of its 12 GB memory unreserved .*the secondary needs 16 GB reserved/,
    },
    {
      name: "the primary's host is reserved by other VMs",
      v: {
        more: (b, hosts) =>
          void b.vm({ name: 'hog-01', host: hosts[0]!, memoryMB: 250 * 1024, memoryReservationMB: 250 * 1024, cdrom: false }),
      },
      verdict: 'blocked',
      rule: 'vm-ft-capacity',
      message:
        /^blocker: .*primary host bad-esx-1 has 6 GB of its 256 GB memory unreserved \(250 GB reserved by its VMs\); the primary needs 16 GB reserved/,
    },
    {
      name: "the root resource pool's unreserved memory is short",
      v: { cluster: { unreservedForVmMB: 20000 } },
      verdict: 'blocked',
      rule: 'vm-ft-cluster-memory',
      message: /^blocker: cluster Bad cannot reserve .*root resource pool has 20000 MB unreserved for VMs; FT needs 32768 MB more/,
    },
    {
      name: 'HA admission control (percentage) keeps nearly all memory for failover',
      v: { cluster: { ha: { admissionControlPolicy: { type: 'resources', memoryPercent: 99 } } } },
      verdict: 'blocked',
      rule: 'vm-ft-cluster-memory',
      message: /^blocker: .*HA admission control keeps 99% of the cluster's 786432 MB host memory for failover/,
    },
    {
      name: 'HA admission control (slot policy): no slot left after the tolerated failures',
      v: { cluster: { ha: { admissionControlPolicy: { type: 'slots', failoverLevel: 2, slotMemoryMB: 200 * 1024 } } } },
      verdict: 'blocked',
      rule: 'vm-ft-cluster-memory',
      message: /slot policy, 2 host failures tolerated\) leaves 1 memory slots/,
    },
    {
      name: 'dedicated failover hosts take no secondary',
      v: { cluster: { ha: { admissionControlPolicy: { type: 'hosts', failoverHosts: ['bad-esx-2', 'bad-esx-3'] } } } },
      verdict: 'blocked',
      rule: 'vm-ft-capacity',
      message: /bad-esx-2 is a dedicated HA failover host/,
    },
    {
      name: 'SMP-FT: no datastore on the secondary has room for the disk copy',
      v: { freeGB: 60 },
      verdict: 'blocked',
      rule: 'vm-ft-capacity',
      message: /mounts no datastore with 100 GB free for the SMP-FT disk copy/,
    },
    {
      name: "a needSecondary VM's missing secondary keeps its slot on a candidate",
      v: {
        cluster: { ha: { options: { 'das.maxftvmsperhost': '1' } } },
        more: (b, hosts) => void b.vm({ name: 'pend-01', host: hosts[2]!, ftState: 'needSecondary', memoryMB: 4096, cdrom: false }),
      },
      verdict: 'blocked',
      rule: 'vm-ft-capacity',
      message: /primary host bad-esx-1 already carries 1 FT VM \(das\.maxftvmsperhost = 1\)/,
    },
    {
      name: "a host's memory size is unreadable",
      v: { control: (m, ids) => void m.control.noPermission(ids.hosts[0]!, 'summary.hardware.memorySize') },
      verdict: 'unknown',
      rule: 'vm-ft-capacity',
      message: /^unknown: .*summary\.hardware\.memorySize of host bad-esx-1 not read/,
    },
    {
      name: "the root resource pool's unreserved memory is unreadable",
      v: { control: (m, ids) => void m.control.noPermission(ids.pool, 'runtime.memory.unreservedForVm') },
      verdict: 'unknown',
      rule: 'vm-ft-cluster-memory',
      message: /^unknown: .*resourcePool\.runtime\.memory\.unreservedForVm\) was not read/,
    },
    {
      name: 'HA admission control on without a policy',
      v: { cluster: { ha: { admissionControlPolicy: false } } },
      verdict: 'unknown',
      rule: 'vm-ft-cluster-memory',
      message: /^unknown: .*configurationEx\.dasConfig\.admissionControlPolicy\) was not read/,
    },
  ];

  it.each(cases)('$name: $verdict beside a ready control', async ({ v, verdict, rule, message }) => {
    const r = await scan(v);
    expect(r.verdict('ctrl-01')).toBe('ready');
    expect(r.verdict('bad-01')).toBe(verdict);
    expect(r.message('bad-01', rule)).toMatch(message);
  });
});
