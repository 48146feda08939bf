// The rules engine on seeded vcsim scenarios (issue 4 "Done means"): ESXi 5.5 under vCenter 5.5
// (legacy FT) and ESXi 7.0 under vCenter 7.0 (SMP-FT), each a sound HA cluster of identical,
// FT-configured hosts with one clean VM and VMs carrying exactly one blocker or warning each.
// Expected verdicts and rule ids come from the scenario (test/vcsim/scenarios.go), per VM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInventory } from '../../src/inventory/collect.js';
import type { Inventory } from '../../src/inventory/model.js';
import { evaluate } from '../../src/rules/engine.js';
import type { Edition } from '../../src/rules/types.js';
import { judgeEvaluation, type Judged } from '../unit/rules/fixtures.js';
import { connect } from '../../src/vsphere/client.js';
import { startVcsim, type Scenario, type Vcsim } from '../vcsim/harness.js';

describe.each<[Scenario, string]>([
  ['legacy55', 'legacy'],
  ['smp70', 'smp'],
])('rules on the %s vcsim', (scenario, generation) => {
  let sim: Vcsim;
  let inv: Inventory;
  let evaluation: Judged;

  beforeAll(async () => {
    sim = await startVcsim({ scenario });
    const client = await connect({ server: sim.url, user: sim.user, password: sim.password, tls: { caFile: sim.caFile } });
    try {
      inv = await collectInventory(client, {});
    } finally {
      await client.logout();
    }
    const edition = sim.expected.edition ? (sim.expected.edition as Edition) : undefined;
    evaluation = judgeEvaluation(evaluate(inv, { profile: 'auto', ...(edition ? { edition } : {}) }));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('reads the scenario completely and picks its FT generation for every VM', () => {
    expect(sim.expected.profile).toBe(generation);
    expect(inv.complete).toBe(true);
    expect(inv.problems).toEqual([]);
    expect(evaluation.vms).toHaveLength(sim.expected.counts.vms);
    for (const vm of evaluation.vms) expect({ vm: vm.name, generation: vm.generation }).toEqual({ vm: vm.name, generation });
  });

  it('finds nothing wrong with the cluster, its hosts and the shared datastore', () => {
    expect(evaluation.clusters.flatMap((c) => c.findings.map((f) => `${c.name}: ${f.ruleId}`))).toEqual([]);
    expect(evaluation.hosts.flatMap((h) => h.findings.map((f) => `${h.name}: ${f.ruleId}`))).toEqual([]);
    expect(evaluation.datastores.flatMap((d) => d.findings.map((f) => `${d.name}: ${f.ruleId}`))).toEqual([]);
  });

  it('gives each VM exactly the expected verdict and findings', () => {
    for (const ev of sim.expected.vms!) {
      const vm = evaluation.vms.find((v) => v.moid === ev.moid);
      expect(vm, ev.name).toBeDefined();
      const ruleIds = [...new Set(vm!.findings.map((f) => f.ruleId))].sort();
      expect({ vm: ev.name, verdict: vm!.verdict, findings: ruleIds }).toEqual({
        vm: ev.name,
        verdict: ev.verdict,
        findings: ev.findings ?? [],
      });
    }
  });

  it('has one clean VM, and it is ready with no finding at all', () => {
    const clean = sim.expected.vms!.filter((v) => v.verdict === 'ready');
    expect(clean).toHaveLength(1);
    const vm = evaluation.vms.find((v) => v.moid === clean[0]!.moid)!;
    expect(vm.verdict).toBe('ready');
    expect(vm.findings).toEqual([]);
    expect(vm.secondaryCandidates.length).toBeGreaterThanOrEqual(1);
  });

  it('backs each finding with evidence on the VM it is about', () => {
    for (const vm of evaluation.vms) {
      for (const f of vm.findings) {
        expect(f.moid).toBe(vm.moid);
        expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.remediation).toBeTruthy();
      }
    }
  });
});
