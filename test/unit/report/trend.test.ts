// Issue 20 §4: the trend of an --output-dir history, as `ftscan history` prints it and the HTML report draws it.
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/report/html.js';
import { renderTrendText, type TrendPoint, trendSvg } from '../../../src/report/trend.js';
import { makeScanResult } from './fixtures.js';

const points: TrendPoint[] = [
  { run: '2026-12-06T0200Z', finishedAt: '2026-12-06T02:03:10.120Z', vms: { blocked: 5, ready: 30, warnings: 2 }, complete: true },
  {
    run: '2026-12-07T0200Z',
    finishedAt: '2026-12-07T02:03:02.000Z',
    vms: { blocked: 3, ready: 33 },
    new: 1,
    resolved: 4,
    complete: false,
  },
];

describe('trend', () => {
  it('text: one line per run with the verdict labels of the one vocabulary, "-" where a run had no baseline', () => {
    const lines = renderTrendText(points, [{ run: '2026-12-05T0200Z', reason: 'not JSON' }])
      .trimEnd()
      .split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['run', 'finished', 'blocked', 'ready', 'ready with warnings', 'new', 'resolved']);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['2026-12-06T0200Z', '2026-12-06T02:03:10Z', '5', '30', '2', '-', '-']);
    expect(lines[2]!.split(/\s{2,}/)).toEqual(['2026-12-07T0200Z (incomplete)', '2026-12-07T02:03:02Z', '3', '33', '0', '1', '4']);
    expect(lines[3]).toBe('2026-12-05T0200Z: not counted: not JSON');
  });

  it('svg: a line per verdict, each point titled in words, run names escaped, no script', () => {
    const svg = trendSvg([...points, { ...points[1]!, run: '<x>&' }]);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain('<title>2026-12-06T0200Z: 5 blocked</title>');
    expect(svg).toContain('ready with warnings: 0');
    expect(svg).not.toContain('<x>');
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it('the HTML report draws the trend only when given one (the renderer reads no folder)', () => {
    expect(render(makeScanResult())).not.toContain('class="trend"');
    const html = render(makeScanResult(), { trend: points });
    expect(html).toContain('data-trend-runs="2"');
    expect(html).toContain('<svg class="trend"');
  });
});
