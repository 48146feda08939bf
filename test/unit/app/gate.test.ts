// --fail-on is read in one place (src/result/gate.ts): the exit code, JUnit and the failure summary ask the same
// predicate, each naming its difference as a view, so a --fail-on value cannot mean one thing to the exit code
// and another to a CI dashboard.
import { describe, expect, it } from 'vitest';
import { failureSummary } from '../../../src/app/reports.js';
import { failOnExitCode } from '../../../src/policy/exit-code.js';
import { render } from '../../../src/report/junit.js';
import { FAIL_ON, failsGate, needsBaseline } from '../../../src/result/gate.js';
import type { ScanResult } from '../../../src/result/types.js';
import type { Finding } from '../../../src/rules/types.js';
import { makeScanResult } from '../report/fixtures.js';

const finding = (over: Partial<Finding>): Finding =>
  ({ ...makeScanResult().evaluation.findings[0]!, waived: undefined, ...over }) as Finding;

/** The demo fixture with every finding marked against a baseline: warnings new, blockers unchanged. */
function marked(): ScanResult {
  const r = makeScanResult();
  for (const f of r.evaluation.findings) f.status = f.severity === 'warning' ? 'new' : 'unchanged';
  const fresh = r.evaluation.findings.filter((f) => f.status === 'new').length;
  r.baseline = { file: 'last.json', new: fresh, unchanged: r.evaluation.findings.length - fresh, resolved: [] };
  return r;
}

const failedCases = (xml: string, type: string) => [...xml.matchAll(new RegExp(`<failure [^>]*type="${type}"`, 'g'))].length;

describe('the one --fail-on predicate', () => {
  it('reads each value once: threshold, new only, waived never, unknown never', () => {
    const rows = FAIL_ON.map((on) => [
      on,
      failsGate(finding({ severity: 'blocker', status: 'new' }), on),
      failsGate(finding({ severity: 'blocker', status: 'unchanged' }), on),
      failsGate(finding({ severity: 'warning', status: 'new' }), on),
      failsGate(finding({ severity: 'unknown', status: 'new' }), on),
      failsGate(finding({ severity: 'blocker', status: 'new', waived: { reason: 'x', expires: '2099-01-01' } as Finding['waived'] }), on),
      needsBaseline(on),
    ]);
    expect(rows).toEqual([
      ['blocker', true, true, false, false, false, false],
      ['warning', true, true, true, false, false, false],
      ['none', false, false, false, false, false, false],
      ['new-blocker', true, false, false, false, false, true],
      ['new-warning', true, false, true, false, false, true],
    ]);
  });

  it('JUnit takes the whole --fail-on value: new-warning fails warning test cases, new or not (its view)', () => {
    const r = marked();
    const xml = render(r, { failOn: 'new-warning' });
    expect(failedCases(xml, 'warning')).toBeGreaterThan(0);
    expect(failedCases(xml, 'warning')).toBe(failedCases(render(r, { failOn: 'warning' }), 'warning'));
    expect(failedCases(render(r, { failOn: 'new-blocker' }), 'warning')).toBe(0);
    // A blocker fails its test case whatever the threshold; the suite property shows the threshold.
    expect(failedCases(render(r, { failOn: 'none' }), 'blocker')).toBeGreaterThan(0);
    expect(xml).toContain('<property name="failOn" value="warning"/>');
  });

  it('the exit code and the failure summary agree on what is new and failing', () => {
    const r = marked();
    expect(failOnExitCode(r, 'new-blocker')).toBe(0); // every blocker is unchanged (the fixture's 4 for its failed vCenter aside)
    expect(failOnExitCode(r, 'new-warning')).toBe(1);
    const fresh = r.evaluation.findings.filter((f) => failsGate(f, 'new-warning'));
    const lines = failureSummary(r, 'new-warning', 1);
    expect(lines[1]).toContain(`new and failing: ${fresh.length}`);
    // Under --fail-on blocker the summary lists new blockers (none here), not the new warnings.
    expect(failureSummary(r, 'blocker', 1)[1]).not.toContain('new and failing');
  });
});
