import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS, isFormat, renderReport } from '../../../src/report/index.js';
import { readScanJson } from '../../../src/result/read.js';
import { makeScanResult, renderText } from './fixtures.js';

describe('renderReport', () => {
  it('renders every format, and re-renders the same output from the JSON report (offline `ftscan report`)', () => {
    const r = makeScanResult();
    const back = readScanJson(renderText('json', r));
    for (const format of FORMATS) {
      const out = renderText(format, r, { failOn: 'warning' });
      expect(out.length, format).toBeGreaterThan(500);
      expect(renderText(format, back, { failOn: 'warning' }), format).toBe(out);
    }
    expect(XMLValidator.validate(renderText('junit', r))).toBe(true);
    expect(renderText('html', r)).toMatch(/^<!DOCTYPE html>/);
    expect(renderText('csv', r).charCodeAt(0)).toBe(0xfeff);
    expect(renderText('markdown', r)).toMatch(/^# FT readiness report/);
    expect(renderText('table', r)).toMatch(/^ftscan 0\.1\.0/);
    expect(isFormat('html')).toBe(true);
    expect(isFormat('pdf')).toBe(false);
  });

  it('streams the JSON report as many chunks, never one string', () => {
    const chunks = [...renderReport('json', makeScanResult())];
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(chunks.join('').length / 4);
  });

  it('is a pure function of the result: rendering does not change it', () => {
    const r = makeScanResult();
    const before = structuredClone(r);
    for (const format of FORMATS) renderText(format, r, { failOn: 'warning' });
    expect(r).toEqual(before);
  });
});
