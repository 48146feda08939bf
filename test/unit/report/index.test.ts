import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS, isFormat, readScanJson, recomputeVerdicts, renderReport, verdictFromFindings } from '../../../src/report/index.js';
import { makeFindings, makeScanResult } from './fixtures.js';

describe('renderReport', () => {
  it('renders every format, and re-renders the same output from the JSON report (offline `ftscan report`)', () => {
    const r = makeScanResult();
    const back = readScanJson(renderReport('json', r));
    for (const format of FORMATS) {
      const out = renderReport(format, r, { failOn: 'warning' });
      expect(out.length, format).toBeGreaterThan(500);
      expect(renderReport(format, back, { failOn: 'warning' }), format).toBe(out);
    }
    expect(XMLValidator.validate(renderReport('junit', r))).toBe(true);
    expect(renderReport('html', r)).toMatch(/^<!DOCTYPE html>/);
    expect(renderReport('csv', r).charCodeAt(0)).toBe(0xfeff);
    expect(renderReport('markdown', r)).toMatch(/^# FT readiness report/);
    expect(renderReport('table', r)).toMatch(/^ftscan 0\.1\.0/);
    expect(isFormat('html')).toBe(true);
    expect(isFormat('pdf')).toBe(false);
  });
});

describe('verdicts', () => {
  it('orders blocker > unknown > warning > ready, and info never counts', () => {
    const f = makeFindings();
    expect(verdictFromFindings([])).toBe('ready');
    expect(verdictFromFindings([f.memReservation])).toBe('ready');
    expect(verdictFromFindings([f.thinDisk, f.memReservation])).toBe('warnings');
    expect(verdictFromFindings([f.thinDisk, f.unreadable])).toBe('unknown');
    expect(verdictFromFindings([f.unreadable, f.usb, f.thinDisk])).toBe('blocked');
    expect(verdictFromFindings([{ ...f.usb, waived: { reason: 'ok' } }, f.thinDisk])).toBe('warnings');
  });

  it('agrees with the engine: vCenter\'s own findings (--ask-vcenter) never change a verdict', () => {
    const f = makeFindings();
    expect(verdictFromFindings([{ ...f.usb, source: 'vcenter' }, f.thinDisk])).toBe('warnings');
  });

  it('leaves a consistent result unchanged (the fixture agrees with the verdict rule)', () => {
    const r = makeScanResult();
    expect(recomputeVerdicts(structuredClone(r))).toEqual(r);
  });
});
