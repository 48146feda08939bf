// Issue 18: `ftscan plan` as a change request. A move into the target cluster is modelled as the admin does it
// (Storage vMotion when the datastores are not mounted there, port group mapping when the networks are not
// there): steps with their disruption, not blockers; the capacity answer says what it counts; Markdown, CSV keep
// the current placement beside the what-if. Issue 17 §4: --cluster names matched as VM names, with suggestions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, demoEstate, estate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { PASSWORD, run, tempDir, USER } from './harness.js';

// Src and Dst share one datastore and one port group; each also has its own. Four VMs in Src: one on the shared
// storage and network (the move needs neither), one on Src's datastore, one on Src's port group, one on both.
function moveEstate() {
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD, { '*': REQUIRED_PRIVILEGES.map((p) => p.privilege) });
  const dc = b.datacenter('DC1');
  const shared = b.datastore({ name: 'shared-01', datacenter: dc, capacityGB: 8000, freeGB: 4000 });
  const srcDs = b.datastore({ name: 'src-01', datacenter: dc, capacityGB: 8000, freeGB: 4000 });
  const dstDs = b.datastore({ name: 'dst-01', datacenter: dc, capacityGB: 8000, freeGB: 6000 });
  b.datastoreCluster('pod-dst', [dstDs]);
  const pgShared = b.network({ name: 'pg-shared', datacenter: dc });
  const pgSrc = b.network({ name: 'pg-src', datacenter: dc });
  const pgDst = b.network({ name: 'pg-dst', datacenter: dc });
  const src = b.cluster({ name: 'Src', datacenter: dc });
  const dst = b.cluster({ name: 'Dst', datacenter: dc });
  const srcHosts = ['esx-s1', 'esx-s2'].map((name) =>
    b.host({ name, cluster: src, datastores: [shared, srcDs], networks: [pgShared, pgSrc] }),
  );
  for (const name of ['esx-d1', 'esx-d2', 'esx-d3'])
    b.host({ name, cluster: dst, datastores: [shared, dstDs], networks: [pgShared, pgDst] });
  const vm = (name: string, ds: typeof shared, pg: typeof pgShared, i: number) =>
    b.vm({
      name,
      host: srcHosts[i % 2]!,
      numCpu: 2,
      memoryMB: 8192,
      hwVersion: 'vmx-19',
      disks: [{ capacityGB: 40, kind: 'eager', datastore: ds }],
      nics: [{ network: pg }],
      cdrom: false,
    });
  vm('mv-neither', shared, pgShared, 0);
  vm('mv-storage', srcDs, pgShared, 1);
  vm('mv-network', shared, pgSrc, 0);
  vm('mv-both', srcDs, pgSrc, 1);
  b.vm({
    name: 'mv-snap',
    host: srcHosts[0]!,
    numCpu: 2,
    hwVersion: 'vmx-19',
    disks: [{ capacityGB: 40, kind: 'eager', datastore: shared }],
    nics: [{ network: pgShared }],
    cdrom: false,
    snapshots: 1,
  });
  return b.build();
}

let server: MockServer;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

beforeAll(async () => {
  server = await startMockServer(createMockVcenter(moveEstate()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

function list(dir: string, names: string[]): string {
  const file = join(dir, 'migrate.txt');
  writeFileSync(file, `${names.join('\n')}\n`);
  return file;
}

describe('plan: a move into another cluster', () => {
  it('a Storage vMotion or a port group mapping is a step with its disruption, not a blocker; VMs in --vms order', async () => {
    const dir = tempDir();
    const vms = list(dir, ['mv-both', 'mv-neither', 'mv-network', 'mv-storage', 'mv-snap', 'mv-ghost']);
    const r = await run(['plan', ...conn(), '--vms', vms, '--target-cluster', 'Dst'], { env });
    const out = r.stdout;
    expect(r.stderr).toBe('');
    // The --vms order, each VM ready once moved.
    const order = [...out.matchAll(/^ {2}(?:NOT FOUND|\S+)\s+(mv-\w+)/gm)].map((m) => m[1]);
    expect(order).toEqual(['mv-both', 'mv-neither', 'mv-network', 'mv-storage', 'mv-snap', 'mv-ghost']);
    for (const name of ['mv-both', 'mv-neither', 'mv-network', 'mv-storage']) expect(out).toMatch(new RegExp(`READY\\s+${name} `));
    expect(out).toMatch(
      /READY\s+mv-neither .*\n {12}no maintenance window needed\n {12}1\. \[no downtime\] vMotion the VM from Src to a host of Dst\n {2}\S/,
    );
    expect(out).toMatch(
      /mv-storage .*\n.*\n.*\n {12}2\. \[no downtime\] Storage vMotion the VM's files from src-01 to a datastore mounted on every FT host of Dst \(candidates: dst-01 6000 GB free, shared-01 4000 GB free\); judged on dst-01\n/,
    );
    expect(out).toMatch(
      /mv-network .*\n.*\n.*\n {12}2\. \[no downtime\] Map port group pg-src, which Dst lacks, to one on every FT host of Dst \(offered: pg-dst, pg-shared\); judged as pg-dst\n/,
    );
    expect(out).toMatch(/mv-both .*\n.*\n.*\n {12}2\. \[no downtime\] Storage vMotion .*\n {12}3\. \[no downtime\] Map port group pg-src/);
    expect(out.slice(out.indexOf(' mv-both '), out.indexOf(' mv-neither '))).not.toMatch(/vm-datastore-access|vm-secondary-host|BLOCKED/);
    // A VM blocked for its own cause is named in the capacity answer, which says what it counts.
    expect(out).toMatch(
      /BLOCKED\s+mv-snap .*\n {12}no maintenance window needed\n {12}1\. .*\n {12}2\. \[no downtime\] Delete or consolidate all snapshots .*\(vm-snapshots\)/,
    );
    expect(out).toContain(
      'Capacity of cluster Dst: 4 of the 4 ready VMs fit together under the per-host FT limits (at least); 1 blocked by other causes (mv-snap); 1 not found',
    );
    expect(r.code).toBe(1); // mv-snap's snapshot blocks
  });

  it('--target-network states the mapping; --target-* without --target-cluster is a usage error', async () => {
    const dir = tempDir();
    const vms = list(dir, ['mv-network']);
    const r = await run(['plan', ...conn(), '--vms', vms, '--target-cluster', 'Dst', '--target-network', 'pg-src=pg-shared'], { env });
    expect(r.stdout).toContain('2. [no downtime] Map port group pg-src to pg-shared (--target-network)');
    const bad = await run(['plan', ...conn(), '--vms', vms, '--target-network', 'pg-src=pg-shared'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--target-network describes a move: it needs --target-cluster NAME');
    const malformed = await run(['plan', ...conn(), '--vms', vms, '--target-cluster', 'Dst', '--target-network', 'pg-src'], { env });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--target-network pg-src: write SRC=DST');
  });

  it('--target-datastore takes a datastore cluster (StoragePod) for its datastores', async () => {
    const dir = tempDir();
    const vms = list(dir, ['mv-neither']);
    const r = await run(['plan', ...conn(), '--vms', vms, '--target-cluster', 'Dst', '--target-datastore', 'pod-dst'], { env });
    expect(r.stdout).toMatch(
      /2\. \[no downtime\] Storage vMotion the VM's files from shared-01 to dst-01 \(6000 GB free; --target-datastore\)/,
    );
    expect(r.stdout).toMatch(/READY\s+mv-neither/);
    const unknown = await run(['plan', ...conn(), '--vms', vms, '--target-cluster', 'Dst', '--target-datastore', 'pod-nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--target-datastore pod-nope: no datastore or datastore cluster of that name in the vCenter');
  });

  it('markdown is the plan for a change ticket; CSV keeps the current placement beside the what-if', async () => {
    const dir = tempDir();
    const vms = list(dir, ['mv-storage', 'mv-neither']);
    const mdFile = join(dir, 'plan.md');
    const csvFile = join(dir, 'plan.csv');
    const r = await run(
      [
        'plan',
        ...conn(),
        '--vms',
        vms,
        '--target-cluster',
        'Dst',
        '--output',
        `markdown=${mdFile}`,
        '--output',
        `csv=${csvFile}`,
        '--output',
        'table=-',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    // The table's fix plan carries the move steps too.
    expect(r.stdout).toMatch(
      /ready mv-storage \(vm-\d+\)\n {4}1\. \[no downtime\] vMotion the VM from Src to a host of Dst\n {4}2\. \[no downtime\] Storage vMotion/,
    );
    const md = readFileSync(mdFile, 'utf8');
    expect(md).toMatch(/^# FT pre-migration plan: 2 VM\(s\) into cluster Dst\n/);
    expect(md).toContain(`- **Scope**: --vms ${vms.replace(/[\\`*_{}[\]<>#|~&@]/g, (c) => `\\${c}`)} (2 VM(s) found)`);
    expect(md).toMatch(/- \*\*vCenter\*\*: .*7\.0\.3.*, complete\n/);
    expect(md).toMatch(/- \*\*Scanned\*\*: \d{4}-\d\d-\d\dT/);
    expect(md).toContain('## Capacity');
    expect(md.indexOf('### 1. mv-storage: READY')).toBeLessThan(md.indexOf('### 2. mv-neither: READY'));
    expect(md).toContain('- Now: cluster Src, host esx-s2, datastores src-01');
    expect(md).toMatch(/- After the move \(what-if\): cluster Dst, host esx-d\d, datastores dst-01/);
    expect(md).toMatch(/\| 2 \| Storage vMotion the VM's files from src-01 to a datastore .* \| no downtime \| move \|/);
    expect(md).not.toContain('FT readiness report');
    const [head, ...rows] = readFileSync(csvFile, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(head).toMatch(
      /,reason,placement,current_cluster,current_host,current_datastores,target_datastores,move_steps,maintenance_window$/,
    );
    const storage = rows.find((l) => l.includes(',mv-storage,'))!;
    expect(storage).toMatch(/^[^,]*,DC1,Dst,esx-d\d,mv-storage,/); // cluster and host: the what-if placement
    expect(storage).toContain('"what-if: cluster, host and target_datastores are the target placement",Src,esx-s2,src-01,dst-01,');
    const neither = rows.find((l) => l.includes(',mv-neither,'))!;
    expect(neither).toContain('"what-if: cluster, host and target_datastores are the target placement",Src,esx-s1,shared-01,shared-01,');
  });
});

describe('--cluster names (issue 17 §4)', () => {
  it('match case-insensitively; a near miss is suggested; a comma is named', async () => {
    const lower = await run(['scan', ...conn(), '--cluster', 'src', '--output', 'csv=-'], { env });
    expect(lower.stdout).toContain('mv-storage');
    expect(lower.stderr).toBe('');
    const typo = await run(['scan', ...conn(), '--cluster', 'Srx', '--output', 'csv=-'], { env });
    expect(typo.stderr).toContain(`ftscan: warning: no cluster "Srx" in the scanned vCenter: did you mean 'Src'?`);
    const comma = await run(['scan', ...conn(), '--cluster', 'Src,Dst', '--output', 'csv=-'], { env });
    expect(comma.stderr).toContain(
      'no cluster "Src,Dst" in the scanned vCenter: the name holds a comma and no cluster here has it: give --cluster once per name',
    );
    expect(comma.code).toBe(0);
  });
});

describe('the demo plan for Prod-Data', () => {
  it('web-fe-03 and file-01 are ready once moved, with their Storage vMotion step', async () => {
    const demo = await startMockServer(createMockVcenter(demoEstate()), { tls: true });
    try {
      const dir = tempDir();
      const vms = list(dir, ['web-fe-03', 'file-01']);
      const r = await run(
        ['plan', '--server', demo.url, '--user', DEMO_USER, '--ca-file', demo.caFile, '--vms', vms, '--target-cluster', 'Prod-Data'],
        { env: { FTSCAN_PASSWORD: DEMO_PASSWORD } },
      );
      for (const name of ['web-fe-03', 'file-01']) {
        expect(r.stdout).toMatch(
          new RegExp(
            `READY\\s+${name} .*from Prod-Compute/.*\\n {12}no maintenance window needed\\n {12}1\\. \\[no downtime\\] vMotion the VM from Prod-Compute to a host of Prod-Data\\n {12}2\\. \\[no downtime\\] Storage vMotion the VM's files from vmfs-prod-01 to a datastore mounted on every FT host of Prod-Data \\(candidates: vsanDatastore`,
          ),
        );
      }
      expect(r.stdout).not.toContain('vm-secondary-host');
      expect(r.stdout).toContain('Capacity of cluster Prod-Data: 2 of the 2 ready VMs fit together');
      expect(r.code).toBe(0);
    } finally {
      await demo.close();
    }
  }, 60_000);
});
