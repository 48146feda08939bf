// Issue 16 §4: cluster headroom applies what the verdicts apply. No room where HA is off; a host whose HA agent
// is in error is not FT-capable even where HA is off; the licence edition caps the largest new FT VM; legacy
// FT headroom is in FT VMs (no das.maxftvcpusperhost before 6.0).
import { describe, expect, it } from 'vitest';
import { headroomText } from '../../../src/report/view.js';
import { readyEstate, useJudge } from './harness.js';

const judge = useJudge();

describe('cluster FT headroom (issue 16 §4)', () => {
  it('a cluster with HA off has no room, whatever its hosts could carry; its HA twin has room', async () => {
    const e = readyEstate();
    const on = e.cluster('Prod');
    const off = e.cluster('NoHA', { ha: false });
    e.vm('control', on.hosts[0]!);
    e.vm('candidate', off.hosts[0]!);
    const j = await judge(e.b);
    expect(j.cluster('Prod').headroom.additionalFtVms).toBeGreaterThan(0);
    const h = j.cluster('NoHA').headroom;
    expect(h).toMatchObject({ additionalFtVms: 0, additionalFtVcpus: 0, largestNewFtVmVcpus: 0 });
    expect(h.note).toMatch(/vSphere HA is off on cluster NoHA/);
    expect(j.vm('candidate').verdict).toBe('blocked'); // the verdict says the same (cluster-ha-enabled)
  });

  it('a host reporting haAgentIssue is not FT-capable even where HA is off', async () => {
    const e = readyEstate();
    const off = e.cluster('NoHA', { ha: false });
    const on = e.cluster('Prod');
    e.vm('control', on.hosts[0]!);
    e.b.host({
      name: 'esx-bad',
      cluster: off.cluster,
      version: '8.0.2',
      datastores: [e.ds],
      networks: [e.net],
      capability: { smpFtCompatibilityIssues: ['haAgentIssue'] },
    });
    const j = await judge(e.b);
    expect(j.cluster('NoHA').headroom.ftCapableHosts).toBe(3); // of 4
    expect(j.cluster('Prod').headroom.ftCapableHosts).toBe(3);
    expect(j.findings('host-ha-agent')).toEqual([expect.objectContaining({ name: 'esx-bad', severity: 'blocker' })]);
  });

  it('the edition caps the largest new FT VM: Standard allows 2 vCPUs where the per-host limits would allow 8', async () => {
    const e = readyEstate();
    const { hosts } = e.cluster('Prod');
    e.vm('control', hosts[0]!);
    const plus = await judge(e.b, { edition: 'enterprisePlus' });
    expect(plus.cluster('Prod').headroom.largestNewFtVmVcpus).toBe(8);
    const std = await judge(e.b, { edition: 'standard' });
    const h = std.cluster('Prod').headroom;
    expect(h.largestNewFtVmVcpus).toBe(2);
    expect(h.note).toMatch(/edition \/ version caps a new FT VM at 2 vCPUs/);
  });

  it('legacy FT headroom speaks of FT VMs only (1 vCPU each; das.maxftvcpusperhost does not exist before 6.0)', async () => {
    const e = readyEstate({ version: '5.5.0' });
    const { hosts } = e.cluster('Legacy');
    e.vm('control', hosts[0]!);
    const j = await judge(e.b);
    const h = j.cluster('Legacy').headroom;
    expect(h.generation).toBe('legacy');
    expect(h.additionalFtVms).toBe(6);
    expect(h.additionalFtVcpus).toBe(6);
    expect(h.largestNewFtVmVcpus).toBe(1);
    const text = headroomText(h);
    expect(text).toMatch(/^6 more FT VMs \(legacy FT, 1 vCPU each\)/);
    expect(text).not.toMatch(/\d+ vCPUs/);
  });
});
