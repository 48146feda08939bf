// Merging reports (`ftscan report a.json b.json`): a report dated in the future is a warning and does not win on
// its date alone (issue 22 §6).
import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../../src/result/merge.js';
import type { ScanResult } from '../../../src/result/types.js';
import { makeScanResult } from '../report/fixtures.js';

const NOW = Date.parse('2026-12-07T22:00:00Z');

function copy(date: string, tag: string): ScanResult {
  const r = makeScanResult();
  r.finishedAt = date;
  r.targets = r.targets.filter((t) => t.inventory);
  r.targets[0]!.inventory!.collectedAt = date;
  r.evaluation.vms[0]!.name = tag;
  return r;
}

describe('mergeResults', () => {
  it('[hostile] a report dated 2096 (clock skew) is a warning and loses to a past-dated copy of the same vCenter, in either order', () => {
    for (const order of [0, 1]) {
      const lines: string[] = [];
      const inputs = [
        { file: 'skewed.json', result: copy('2096-01-01T00:00:00.000Z', 'from-2096') },
        { file: 'tonight.json', result: copy('2026-12-07T21:00:00.000Z', 'from-tonight') },
      ];
      if (order) inputs.reverse();
      const merged = mergeResults(inputs, (l) => lines.push(l), NOW);
      expect(merged.evaluation.vms.map((v) => v.name)).toContain('from-tonight');
      expect(merged.evaluation.vms.map((v) => v.name)).not.toContain('from-2096');
      expect(lines.filter((l) => l.startsWith('skewed.json is dated 2096-01-01T00:00:00.000Z, in the future'))).toHaveLength(1);
      expect(lines.some((l) => l.includes('using tonight.json, the newer (the other is dated in the future)'))).toBe(true);
      for (const l of lines) expect(l).not.toContain('\n');
    }
  });

  it('between two past copies the later still wins, without a future warning', () => {
    const lines: string[] = [];
    const merged = mergeResults(
      [
        { file: 'monday.json', result: copy('2026-12-01T00:00:00.000Z', 'monday') },
        { file: 'tuesday.json', result: copy('2026-12-02T00:00:00.000Z', 'tuesday') },
      ],
      (l) => lines.push(l),
      NOW,
    );
    expect(merged.evaluation.vms.map((v) => v.name)).toContain('tuesday');
    expect(lines.some((l) => l.includes('in the future'))).toBe(false);
  });
});
