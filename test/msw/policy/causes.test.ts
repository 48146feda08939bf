// "What to fix first" decided by the policy stage, on estates scanned from the mock vCenter: root causes own
// the findings that exist only because of them (issue 17 §5), and the cumulative fix order adds up (issue 24 §3).
import { afterEach, describe, expect, it } from 'vitest';
import { createMockVcenter, estate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { applyPolicy } from '../../../src/policy/index.js';
import { render as renderTable } from '../../../src/report/table.js';
import { render as renderMarkdown } from '../../../src/report/markdown.js';
import { causeLabel, fixSummary } from '../../../src/report/causes.js';
import { summarize } from '../../../src/notify/message.js';
import type { Estate } from '../../../mocks/index.js';
import type { ScanResult } from '../../../src/result/types.js';
import { runScan } from '../../../src/scan/run.js';

const USER = 'causes@vsphere.local';
const PASSWORD = 'causes-test-Pw1';
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function judge(e: Estate): Promise<ScanResult> {
  server = await startMockServer(createMockVcenter(e), { tls: true });
  const scan = await runScan({
    version: '0.0.0-test',
    targets: [{ server: server.url, user: USER, password: PASSWORD, tls: { caFile: server.caFile } }],
    scope: {},
    profile: 'auto',
  });
  return applyPolicy(scan, {}, '2026-12-04');
}

const ENT_PLUS = { editionKey: 'esx.enterprisePlus.cpuCore', name: 'VMware vSphere 8 Enterprise Plus', costUnit: 'cpuCore' };
const ESSENTIALS = { editionKey: 'esx.vsphere8EssentialsPlus.cpuCore', name: 'VMware vSphere 8 Essentials Plus', costUnit: 'cpuCore' };

describe('root causes (policy stage)', () => {
  it('unlicensed hosts are one root cause: no separate cluster-ft-host-count / vm-secondary-host causes; it unblocks what licensing both hosts releases', async () => {
    const b = estate({ vcenterVersion: '8.0.2', seed: 17 }).user(USER, PASSWORD);
    const dc = b.datacenter('DC');
    const ds = b.datastore({ name: 'shared', datacenter: dc, type: 'VMFS' });
    const net = b.network({ name: 'vm-net', datacenter: dc });
    // Control: a ready cluster beside the one whose hosts are unlicensed.
    const ok = b.cluster({ name: 'Ready', datacenter: dc });
    const okHosts = [1, 2, 3].map((i) => b.host({ name: `ok-${i}`, cluster: ok, datastores: [ds], networks: [net] }));
    const lab = b.cluster({ name: 'Lab', datacenter: dc });
    const labHosts = [1, 2].map((i) => b.host({ name: `lab-${i}`, cluster: lab, datastores: [ds], networks: [net] }));
    for (const h of okHosts) b.license(h, ENT_PLUS);
    for (const h of labHosts) b.license(h, ESSENTIALS);
    b.vm({ name: 'ok-vm', host: okHosts[0]! });
    for (let i = 0; i < 4; i++) b.vm({ name: `lab-vm${i}`, host: labHosts[i % 2]!, snapshots: i === 0 ? 1 : 0 });
    const r = await judge(b.build());
    expect(r.evaluation.vms.find((v) => v.name === 'ok-vm')!.verdict).toMatch(/^(ready|warnings)$/);
    const list = r.causes!.list;
    expect(list.map((c) => c.ruleId)).not.toContain('cluster-ft-host-count');
    expect(list.map((c) => c.ruleId)).not.toContain('vm-secondary-host');
    const lic = list.find((c) => c.ruleId === 'host-ft-licensed')!;
    expect(causeLabel(lic)).toBe('host-ft-licensed on 2 hosts of cluster Lab');
    expect(lic.hosts!.sort()).toEqual(['lab-1', 'lab-2']);
    expect([lic.affected, lic.unblocks]).toEqual([4, 3]); // lab-vm0 also has a snapshot
    const derived = lic.derivedFindingIds!.map((id) => r.evaluation.findings.find((f) => f.id === id)!.ruleId);
    expect(new Set(derived)).toEqual(new Set(['cluster-ft-host-count', 'vm-secondary-host']));
    // Licensing first releases 3, the snapshot then the last one.
    expect(list.map((c) => [c.ruleId, c.readyAfter])).toEqual([
      ['host-ft-licensed', 4],
      ['vm-snapshots', 5],
    ]);
  });

  it('no single fix unblocks anything, but three together unblock everything: the cumulative order says so', async () => {
    const b = estate({ vcenterVersion: '8.0.2', seed: 24 }).user(USER, PASSWORD);
    const dc = b.datacenter('DC');
    const ds = b.datastore({ name: 'shared', datacenter: dc, type: 'VMFS' });
    const net = b.network({ name: 'vm-net', datacenter: dc });
    const c = b.cluster({ name: 'Prod', datacenter: dc, ha: false });
    const hosts = [1, 2, 3].map((i) => b.host({ name: `esx-${i}`, cluster: c, datastores: [ds], networks: [net] }));
    for (const h of hosts) b.license(h, ENT_PLUS);
    for (let i = 0; i < 6; i++) b.vm({ name: `vm${i}`, host: hosts[i % 3]!, snapshots: 1, usb: 1 });
    // The ready control, in a cluster of its own.
    const okc = b.cluster({ name: 'Ready', datacenter: dc });
    const ok = [1, 2, 3].map((i) => b.host({ name: `ok-${i}`, cluster: okc, datastores: [ds], networks: [net] }));
    for (const h of ok) b.license(h, ENT_PLUS);
    b.vm({ name: 'ok-vm', host: ok[0]! });
    const r = await judge(b.build());
    const ready0 = r.causes!.readyNow;
    expect(ready0).toBe(1);
    const list = r.causes!.list;
    expect(list.map((x) => x.ruleId).sort()).toEqual(['cluster-ha-enabled', 'vm-snapshots', 'vm-usb-devices']);
    expect(list.map((x) => x.unblocks)).toEqual([0, 0, 0]);
    expect(list.map((x) => x.readyAfter)).toEqual([1, 1, 7]);
    expect(fixSummary(r)).toBe(
      '6 of 7 VMs cannot be FT-protected today; fixing the top 3 causes makes 6 more VMs ready or ready with warnings (7 in all).',
    );
    const table = renderTable(r, { width: 200 });
    expect(table).toContain(fixSummary(r));
    expect(table).toMatch(/^ +3 +0 +6 +7 +/m); // #, unblocks, affects, ready after
    expect(renderMarkdown(r)).toMatch(/\| 3 \| .* \| 0 \| 6 \| 7 \|/);
    const note = summarize(r);
    expect(note.text).toContain('after fixes 1–3: 7 ready or ready with warnings');
    expect(note.fixSummary).toBe(fixSummary(r));
  });
});
