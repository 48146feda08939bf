// The JSON report's bytes are held, not only what reading them gives back: the fixtures were written by the
// encoder before it wrote straight through (one pass per VM record, codecs per list, buffered chunks), and a
// faster encoder must write the same bytes — key order, nulls for derived fields a record lacks, shared evidence
// and generation reasons in the order first met.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { vcsimShapedResult } from '../../../bench/report-rss.js';
import { chunks, render } from '../../../src/report/json.js';
import { edgeResult } from '../result/edge.js';

const fixture = (name: string) => gunzipSync(readFileSync(new URL(`../result/fixtures/${name}`, import.meta.url))).toString('utf8');

describe('the JSON report, byte for byte', () => {
  it('the edge cases of schema 4.0 (derived fields, a host the inventory lacks, renamed objects)', () => {
    expect(render(edgeResult())).toBe(fixture('edge-4.0.json.gz'));
  });

  it('a vcsim-shaped estate of 300 VMs (shared evidence, secondary-host groups, generation reasons)', () => {
    const parts = [...chunks(vcsimShapedResult(300))];
    expect(parts.join('')).toBe(fixture('vcsim-300-4.0.json.gz'));
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(8192); // given out in small pieces
  });
});
