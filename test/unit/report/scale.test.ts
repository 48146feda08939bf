// Issue 24 §1-§2: the file reports of a 45,000-VM estate (the vcsim-shaped result of bench/report-rss.ts, no
// vCenter) stay within what a browser and a CI server load. Sizes only: nothing here is timed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { vcsimShapedResult } from '../../../bench/report-rss.js';
import type { ScanResult } from '../../../src/result/types.js';
import { renderText } from './fixtures.js';

const VMS = 45_000;
const MB = 2 ** 20;
let result: ScanResult;

beforeAll(() => {
  result = vcsimShapedResult(VMS);
}, 300_000);

describe(`reports at ${VMS} VMs`, () => {
  it('HTML: at most 25 MB; every VM one compact row, full cards for a stated part, no script', () => {
    const html = renderText('html', result);
    expect(Buffer.byteLength(html) / MB).toBeLessThanOrEqual(25); // was 188 MB on this estate (496 MB on vcsim's)
    const rows = html.slice(html.indexOf('<table class="vm-table">'), html.indexOf('</table>', html.indexOf('<table class="vm-table">')));
    expect(rows.match(/<tr data-verdict=/g)?.length).toBe(VMS);
    expect(rows.includes('<tr data-verdict="blocked"><td><a href="#vm-1">vm-scale-00000</a><td>Cluster-00<td>')).toBe(true);
    const cards = html.match(/<details class="vm" /g)?.length ?? 0;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThanOrEqual(1000);
    const note =
      /data-cards="(\d+)" data-vms="(\d+)">Details \(findings, evidence, fixes\) below for \d+ of \d+ VMs: the first (\d+) of each cluster/.exec(
        html,
      );
    expect(note).not.toBeNull();
    expect([Number(note![1]), Number(note![2])]).toEqual([cards, VMS]);
    // (booleans: a failing match must not print a 13 MB page)
    expect(html.includes("Every VM's details are in the JSON report")).toBe(true);
    expect(/<script/i.test(html)).toBe(false);
  }, 300_000);

  it('JUnit: at most 40 MB, one testcase per VM, the causes one line each without evidence, in the shape CI servers load', () => {
    const xml = renderText('junit', result);
    expect(Buffer.byteLength(xml) / MB).toBeLessThanOrEqual(40); // was 67 MB on this estate (171 MB on vcsim's)
    expect(XMLValidator.validate(xml)).toBe(true);
    // What Jenkins' JUnit plugin and GitLab's parser read: <testsuites> of <testsuite name tests failures errors
    // skipped time>, each <testcase classname name time> with at most one <failure|error|skipped message type>.
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => ['testsuite', 'testcase', 'property'].includes(n),
    }).parse(xml);
    const suites = doc.testsuites.testsuite as any[];
    let total = 0;
    let vmCases = 0;
    for (const s of suites) {
      for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time']) expect(s[a], a).toBeDefined();
      const cases = s.testcase as any[];
      expect(Number(s.tests)).toBe(cases.length);
      expect(Number(s.failures)).toBe(cases.filter((c) => c.failure).length);
      total += cases.length;
      for (const c of cases) {
        expect(typeof c.classname === 'string' && typeof c.name === 'string' && c.time !== undefined).toBe(true);
        expect(['failure', 'error', 'skipped'].filter((k) => c[k] !== undefined).length).toBeLessThanOrEqual(1);
        if (/^vm-scale-/.test(c.name)) {
          vmCases++;
          const body = String(c.failure?.['#text'] ?? c['system-out'] ?? '');
          expect(body).not.toContain('evidence');
          for (const line of body.split('\n')) expect(line).toMatch(/^(blocker|warning|unknown|info) [\w@.-]+: /);
        }
      }
    }
    expect(Number(doc.testsuites.tests)).toBe(total);
    expect(vmCases).toBe(VMS);
  }, 300_000);
});
