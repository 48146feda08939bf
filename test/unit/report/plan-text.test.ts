// The plan's two extra answers in every format: the --vms names no vCenter has (with a near-miss suggestion,
// matched case-insensitively) and the target cluster's capacity.
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../../src/app/plan.js';
import { applyScope } from '../../../src/inventory/scope.js';
import { applyPolicy } from '../../../src/policy/index.js';
import { capacityLines } from '../../../src/report/plan-text.js';
import { notFoundNames } from '../../../src/scan/not-found.js';
import { makeEvaluatedScan, renderText } from './fixtures.js';

function planResult() {
  const scan = makeEvaluatedScan();
  scan.targets = scan.targets.slice(0, 1);
  const inv = scan.targets[0]!.inventory!;
  const { inventory, notFound, suggestions } = applyScope(inv, { vmNames: ['WEB-01', 'db-1', 'ghost-vm'] });
  scan.targets[0]!.inventory = { ...inventory, scopeNotFound: notFound, scopeSuggestions: suggestions };
  scan.notFound = notFoundNames(scan.targets, ['WEB-01', 'db-1', 'ghost-vm']);
  scan.evaluation.placement = [
    { clusterMoid: 'domain-c7', clusterName: 'Prod-A', server: 'vc1.example.com', vms: 2, fitTogether: 1, placedVmMoids: ['vm-101'] },
  ];
  return applyPolicy(scan, {}, '2026-11-28');
}

describe('VM list names', () => {
  it('match case-insensitively; a near miss gets the closest VM name, a far one none', () => {
    const scan = makeEvaluatedScan();
    const { inventory, notFound, suggestions } = applyScope(scan.targets[0]!.inventory!, { vmNames: ['WEB-01', 'db-1', 'ghost-vm'] });
    expect(inventory.vms.filter((v) => inventory.scopeVmMoids!.includes(v.moid)).map((v) => v.name)).toEqual(['web-01']);
    expect(notFound).toEqual(['db-1', 'ghost-vm']);
    expect(suggestions).toEqual({ 'db-1': 'db-01' });
  });

  it('are missing only when no vCenter read has them', () => {
    const scan = makeEvaluatedScan();
    const a = scan.targets[0]!;
    const other = { ...a, server: 'vc3.example.com', inventory: { ...a.inventory!, scopeNotFound: ['ghost-vm'] } };
    const mine = { ...a, inventory: { ...a.inventory!, scopeNotFound: ['other-01', 'ghost-vm'] } };
    expect(notFoundNames([mine, other, scan.targets[1]!], ['other-01', 'ghost-vm'])).toEqual([{ name: 'ghost-vm' }]);
  });
});

describe('suggestion cap (issue 22 §5)', () => {
  it('a what-if with many names not found suggests for at most 50 of them', () => {
    const scan = makeEvaluatedScan();
    const inv = scan.targets[0]!.inventory!;
    // A what-if inventory: the whole vCenter, no VM filter (scopeVmMoids unset), every name a near miss.
    const names = Array.from({ length: 100 }, (_, i) => `web-0${i}`); // each within 2 edits of web-01
    scan.targets[0]!.inventory = { ...inv, scopeVmMoids: undefined, scopeNotFound: names };
    const found = notFoundNames(scan.targets.slice(0, 1), names);
    expect(found).toHaveLength(100);
    expect(found.filter((n) => n.suggestion !== undefined)).toHaveLength(50);
  });
});

describe('plan answers in every format', () => {
  it('plan text: NOT FOUND with the suggestion, and the capacity of the target cluster', () => {
    const text = renderPlan(planResult(), { color: false });
    expect(text).toMatch(/NOT FOUND\s+db-1 {2}\(listed in --vms, in no scanned vCenter; did you mean 'db-01'\?\)/);
    expect(text).toMatch(/NOT FOUND\s+ghost-vm {2}\(listed in --vms, in no scanned vCenter\)/);
    // What the capacity counts, all of it: the ready VMs that fit, the ones blocked or unknown for other causes
    // (by name), the names not found.
    expect(text).toContain('Capacity of cluster Prod-A: 1 of the 2 ready VMs fit together under the per-host FT limits (at least)');
    expect(text).toMatch(/; 2 blocked by other causes \(<img src=x onerror=alert\(1\)>, =cmd\|' \/C calc'!A0\); 1 unknown \(report, "q1"/);
    expect(text).toMatch(/; 2 not found\n/);
    expect(text).toContain('headroom: 3 more FT VMs (6 vCPUs)');
    expect(text).toContain('the largest new FT VM can have 6 vCPUs');
    expect(text).toContain('not found 2');
  });

  it('falls back to the target cluster headroom when nothing was placed', () => {
    const r = planResult();
    delete r.evaluation.placement;
    expect(capacityLines(r)).toEqual([
      expect.stringMatching(/^Capacity of cluster Prod-A: no chosen VM could be placed; 2 blocked by other causes /),
      expect.stringContaining('  headroom: 3 more FT VMs'),
    ]);
  });

  it('table, Markdown, CSV, HTML and JSON name every missing VM', () => {
    const r = planResult();
    for (const format of ['table', 'markdown', 'csv', 'html', 'json'] as const) {
      const out = renderText(format, r);
      expect(out, format).toContain('ghost-vm');
      expect(out, format).toContain('db-1');
      if (format === 'html') expect(out).toContain('did you mean &#39;db-01&#39;?');
      else if (format !== 'json') expect(out, format).toContain("did you mean 'db-01'?");
    }
    const csvRow = renderText('csv', r)
      .split('\r\n')
      .find((l) => l.includes('ghost-vm'))!;
    expect(csvRow).toContain('not found');
    expect(renderText('html', r)).toContain('data-not-found="ghost-vm"');
    expect(JSON.parse(renderText('json', r)).notFound).toEqual([{ name: 'db-1', suggestion: 'db-01' }, { name: 'ghost-vm' }]);
  });

  it('keeps control characters in a listed name inert in the plan text', () => {
    const r = planResult();
    r.notFound = [{ name: 'ghost-\u001b[2J\u0007vm' }];
    const text = renderPlan(r, { color: false });
    expect(text).toContain('NOT FOUND ghost-\\x1b[2J\\x07vm');
    expect(text).not.toContain('\u001b[2J');
  });
});
