// The legacy demo estate (issue 10 §7): a 5.5 vCenter with ESXi 5.5 hosts, scanned over https through the
// real client, shows the legacy FT rules and verdicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, DEMO_PASSWORD, DEMO_USER, legacyDemoEstate, startMockServer, type MockServer } from '../../../mocks/index.js';
import { applyPolicy } from '../../../src/policy/index.js';
import { runScan } from '../../../src/scan/run.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(legacyDemoEstate()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

describe('legacy demo estate', () => {
  it('every candidate is judged under legacy FT, the protected pair is protected, and the legacy rules fire', async () => {
    const raw = await runScan({
      version: '0.0.0-test',
      targets: [{ server: server.url, user: DEMO_USER, password: DEMO_PASSWORD, tls: { caFile: server.caFile } }],
      scope: {},
      profile: 'auto',
    });
    const result = applyPolicy(raw, {}, '2026-12-04');
    expect(result.complete).toBe(true);
    // An FT secondary carries its primary's name: the primary (not excluded) is the one judged.
    const byName = new Map(result.evaluation.vms.filter((v) => v.verdict !== 'excluded').map((v) => [v.name, v]));
    const findings = new Map(result.evaluation.findings.map((f) => [f.id, f]));
    const rules = (name: string) =>
      byName
        .get(name)!
        .findingIds.map((id) => findings.get(id)!)
        .filter((f) => f.source === 'ftscan' && f.severity !== 'info')
        .map((f) => `${f.ruleId}:${f.severity}`);
    for (const v of result.evaluation.vms.filter((x) => x.verdict !== 'excluded')) expect(v.generation, v.name).toBe('legacy');
    expect(byName.get('billing-ft-01')!.verdict).toBe('protected');
    expect(rules('erp-web-01')).toContain('vm-vcpu-count:blocker');
    expect(rules('erp-app-01')).toContain('vm-thin-disks:warning');
    expect(rules('print-01')).toContain('vm-pcnet32-nic:blocker');
    expect(rules('ops-tools-01')).toContain('vm-snapshots:blocker');
    expect(byName.get('erp-db-01')!.verdict).toBe('ready');
    expect(byName.get('erp-app-01')!.verdict).toBe('warnings');
  }, 60_000);
});
