import { describe, expect, it } from 'vitest';
import { applyPolicy, factsOf } from '../../../src/policy/index.js';
import { decideVerdicts, summarize } from '../../../src/policy/verdicts.js';
import type { MergedEvaluation } from '../../../src/result/types.js';
import { VERDICTS, type Finding, type Verdict } from '../../../src/rules/types.js';
import { makeEvaluatedScan, makeFindings, makeScanResult } from '../report/fixtures.js';

// The verdict the policy stage gives one VM that references exactly these findings.
function verdictFor(findings: Finding[]): Verdict {
  const ev: MergedEvaluation = {
    ...makeEvaluatedScan().evaluation,
    findings,
    vms: [
      { moid: 'vm-1', name: 'x', generation: 'smp', generationReason: '', findingIds: findings.map((f) => f.id), secondaryCandidates: [] },
    ],
  };
  return decideVerdicts(ev).vms[0]!.verdict;
}

const counts = (c: Partial<Record<Verdict, number>>) => ({ ...Object.fromEntries(VERDICTS.map((v) => [v, 0])), ...c });

describe('verdicts (policy stage)', () => {
  it('orders blocker > unknown > warning > ready, and info never counts', () => {
    const f = makeFindings();
    expect(verdictFor([])).toBe('ready');
    expect(verdictFor([f.memReservation])).toBe('ready');
    expect(verdictFor([f.thinDisk, f.memReservation])).toBe('warnings');
    expect(verdictFor([f.thinDisk, f.unreadable])).toBe('unknown');
    expect(verdictFor([f.unreadable, f.usb, f.thinDisk])).toBe('blocked');
    expect(verdictFor([{ ...f.usb, waived: { reason: 'ok' } }, f.thinDisk])).toBe('warnings');
  });

  it("agrees with the engine: vCenter's own findings (--ask-vcenter) never clear a verdict, and one ftscan does not share disputes it", () => {
    const f = makeFindings();
    const vc = (x: Finding): Finding => ({ ...x, id: `vc-${x.id}`, source: 'vcenter' });
    expect(verdictFor([vc(f.usb), f.thinDisk])).toBe('disputed'); // vCenter refuses for a reason ftscan did not find
    expect(verdictFor([vc(f.usb), f.usb, f.thinDisk])).toBe('blocked'); // both agree
    expect(verdictFor([vc(f.thinDisk), f.thinDisk])).toBe('warnings'); // agreeing: no effect
    expect(verdictFor([vc(f.memReservation)])).toBe('ready'); // info never counts
    expect(verdictFor([{ ...vc(f.usb), waived: { reason: 'ok' } }, f.thinDisk])).toBe('warnings'); // waived
  });

  it('decides every verdict, fix list and count of the fixture once', () => {
    const r = makeScanResult();
    const f = makeFindings();
    expect(Object.fromEntries(r.evaluation.vms.map((v) => [v.moid, v.verdict]))).toEqual({
      'vm-101': 'ready',
      'vm-102': 'warnings',
      'vm-103': 'blocked',
      'vm-104': 'blocked',
      'vm-105': 'unknown',
      'vm-201': 'blocked',
      'vm-202': 'blocked',
      'vm-301': 'excluded',
      'vm-302': 'excluded',
    });
    // Blockers before warnings, least disruptive first; info and unknown findings have no fix; excluded VMs none.
    const fixes = Object.fromEntries(r.evaluation.vms.map((v) => [v.moid, v.fixIds]));
    expect(fixes['vm-201']).toEqual([f.noFtNic.id, f.vcpus.id, f.admission.id]);
    expect(fixes['vm-103']).toEqual([f.snapshots.id, f.cdrom.id]);
    expect(fixes['vm-102']).toEqual([f.thinDisk.id, f.slowFtNic.id]);
    expect(fixes['vm-101']).toEqual([]);
    expect(fixes['vm-105']).toEqual([]);
    expect(fixes['vm-301']).toEqual([]);
    expect(r.evaluation.clusters.map((c) => c.counts)).toEqual([
      counts({ ready: 1, warnings: 1, blocked: 2, unknown: 1, excluded: 1 }),
      counts({ blocked: 2, excluded: 1 }),
    ]);
    expect(r.summary).toEqual({
      vms: counts({ ready: 1, warnings: 1, blocked: 4, unknown: 1, excluded: 2 }),
      findings: { blocker: 5, warning: 3, info: 2, unknown: 1 },
      soapCalls: 14,
    });
    expect(summarize(r.evaluation, 14)).toEqual(r.summary);
  });

  it("judging a result's facts again leaves it unchanged", () => {
    const r = makeScanResult();
    expect(applyPolicy(factsOf(structuredClone(r)), {}, '2026-11-28')).toEqual(r);
  });

  it('a stale verdict in the facts cannot survive: verdicts come from the findings', () => {
    const r = makeScanResult();
    r.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict = 'ready';
    r.evaluation.clusters[0]!.counts.ready = 99;
    const again = applyPolicy(factsOf(r), {}, '2026-11-28');
    expect(again.evaluation.vms.find((v) => v.moid === 'vm-104')!.verdict).toBe('blocked');
    expect(again).toEqual(makeScanResult());
  });
});
