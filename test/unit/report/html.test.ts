import { VERDICT_LABEL, type Verdict } from '../../../src/rules/types.js';
import { describe, expect, it } from 'vitest';
import { esc, render } from '../../../src/report/html.js';
import { CSV_NAME, FORMULA_NAME, makeScanResult, XSS_NAME } from './fixtures.js';

const html = render(makeScanResult());

function counts(doc: string, attr: string): Record<string, number> {
  return Object.fromEntries([...doc.matchAll(new RegExp(`${attr}="([a-z]+)">(\\d+)<`, 'g'))].map((m) => [m[1]!, Number(m[2])]));
}

describe('html report', () => {
  it('shows a hostile VM name as text, never as markup', () => {
    expect(html).not.toContain(XSS_NAME);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
    // The finding text with tags and the evidence with a script tag are escaped too.
    expect(html).toContain('2 snapshots &lt;b&gt;present&lt;/b&gt;');
    expect(html).toContain('&quot;&lt;script&gt;alert(2)&lt;/script&gt;&quot;');
    expect(html).toContain(esc(FORMULA_NAME));
    expect(html).toContain('report, &quot;q1&quot;\nnext|line');
  });

  it('escapes every value in attributes as well', () => {
    const r = makeScanResult();
    r.evaluation.clusters[0]!.moid = '"><script>alert(3)</script>';
    r.evaluation.vms[0]!.moid = `x' onmouseover='alert(4)`;
    const doc = render(r);
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain('data-cluster="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
    expect(doc).toContain('data-moid="x&#39; onmouseover=&#39;alert(4)"');
  });

  it('is self-contained: no scripts, no external assets, a CSP that forbids them', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    // The only "http" in the page is the escaped text of a hostile remediation.
    expect([...html.matchAll(/https?:\/\//g)]).toHaveLength(html.split('http://evil.example/').length - 1);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('shows counts that equal the JSON summary and cluster counts', () => {
    const r = makeScanResult();
    expect(counts(html, 'data-count-verdict')).toEqual(r.summary.vms);
    expect(counts(html, 'data-count-severity')).toEqual(r.summary.findings);
    for (const c of r.evaluation.clusters) {
      const block = html.slice(
        html.indexOf(`data-cluster="${c.moid}"`),
        html.indexOf('</article>', html.indexOf(`data-cluster="${c.moid}"`)),
      );
      expect(counts(block, 'data-cluster-count-verdict')).toEqual(c.counts);
      expect(block).toContain(`data-headroom="additionalFtVms">${c.headroom.additionalFtVms}<`);
    }
    // One VM block per VM, tagged with its verdict (what the CSS filters act on).
    const perVerdict: Record<string, number> = {};
    for (const m of html.matchAll(/<details class="vm" id="vm-\d+" data-verdict="([a-z]+)"/g))
      perVerdict[m[1]!] = (perVerdict[m[1]!] ?? 0) + 1;
    expect(perVerdict).toEqual(Object.fromEntries(Object.entries(r.summary.vms).filter(([, n]) => n > 0)));
  });

  it('gives a cluster card with cluster findings the whole row, so its findings table cannot overflow into the next card', () => {
    const r = makeScanResult();
    const withFindings = r.evaluation.clusters.filter((c) => c.findingIds.length > 0);
    const without = r.evaluation.clusters.filter((c) => c.findingIds.length === 0);
    expect(withFindings.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const c of withFindings) expect(html).toContain(`<article class="cluster wide" data-cluster="${c.moid}"`);
    for (const c of without) expect(html).toContain(`<article class="cluster" data-cluster="${c.moid}"`);
    expect(html).toMatch(/\.cluster\.wide\{grid-column:1\/-1\}/);
    expect(html).toMatch(/\.cluster\{[^}]*min-width:0/);
  });

  it('says where the edition came from in words', () => {
    // one label table for editions (issue 17 §7): the product's name, not the API's enterprisePlus
    expect(html).toContain('<dt>Edition</dt><dd>Enterprise Plus (from the licence)</dd>');
    expect(html).not.toContain('enterprisePlus');
  });

  it('draws a readiness chart per cluster with the counts as text', () => {
    const charts = [...html.matchAll(/<svg class="chart" role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual([
      'Prod-A: 2 blocked, 0 disputed, 1 unknown, 0 degraded, 1 ready with warnings, 1 ready, 0 protected, 1 excluded',
      'Legacy-B: 2 blocked, 0 disputed, 0 unknown, 0 degraded, 0 ready with warnings, 0 ready, 0 protected, 1 excluded',
    ]);
  });

  it('never passes a partial report off as complete', () => {
    expect(html).toContain('role="alert" data-complete="false">INCOMPLETE SCAN');
    expect(html).toContain('<td>certificate not trusted: pass --ca-file FILE, or --insecure</td>');
    const r = makeScanResult();
    r.targets = [r.targets[0]!];
    r.complete = true;
    const ok = render(r);
    expect(ok).not.toContain('INCOMPLETE');
    expect(ok).toContain('data-complete="true">yes');
  });

  it('shows evidence (path, observed, expected), remediation and disruption badges', () => {
    expect(html).toContain(
      '<code>config.hardware.numCPU</code> on VirtualMachine legacy-01 (<code>vm-201</code>): observed <code>2</code>, expected <code>&lt;= 1</code>',
    );
    expect(html).toContain(
      'Reduce the VM to 1 vCPU (power off), or upgrade hosts to 6.x for SMP-FT. <span class="badge d-disruptive" data-disruption="vmPowerOff">VM power-off</span>',
    );
    expect(html).toContain('data-disruption="clusterConfig">cluster change</span>');
    expect(html).toContain('What-if: VMs evaluated as if placed in cluster Prod-A.');
  });

  it('offers verdict filters that work without scripting', () => {
    for (const v of ['all', 'blocked', 'unknown', 'warnings', 'ready', 'excluded']) {
      expect(html).toContain(`<input type="radio" name="vf" id="vf-${v}"`);
      expect(html).toContain(`<label for="vf-${v}">`);
    }
    expect(html).toContain('#vf-blocked:checked~.vm-list .vm:not([data-verdict=blocked])');
    expect(html).toContain('@media print');
  });

  it('lists host and datastore findings that affect no VM', () => {
    const section = html.slice(html.indexOf('<section id="objects">'));
    expect(section).toContain('datastore-shared');
    expect(html).toContain(esc(CSV_NAME));
  });

  it('draws verdicts per cluster beside the top causes, before the per-VM detail, with the counts of each bar', () => {
    const top = html.slice(html.indexOf('<div class="top">'), html.indexOf('<table class="causes">'));
    expect(top).toContain('aria-label="Top causes');
    expect(top).toContain('aria-label="VMs per cluster by verdict"');
    expect(html.indexOf('VMs per cluster by verdict')).toBeLessThan(html.indexOf('<section id="vms">'));
    const r = makeScanResult();
    for (const c of r.evaluation.clusters) {
      const g = top.slice(
        top.indexOf(`data-chart-cluster="${c.moid}"`),
        top.indexOf('</g>', top.indexOf(`data-chart-cluster="${c.moid}"`)),
      );
      const shown = Object.fromEntries([...g.matchAll(/<title>[^<]*: (\d+) ([a-z ]+)<\/title>/g)].map((m) => [m[2]!, Number(m[1])]));
      // Each verdict under the label every report and channel uses (VERDICT_LABEL).
      expect(shown).toEqual(
        Object.fromEntries(
          Object.entries(c.counts)
            .filter(([, n]) => n > 0)
            .map(([v, n]) => [VERDICT_LABEL[v as Verdict], n]),
        ),
      );
    }
    expect(top).not.toMatch(/<script/i);
  });

  it('is readable (issue 17 §7): local times to the second with the UTC offset, SOAP calls in the footer, shapes beside colours', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      const doc = render(makeScanResult());
      expect(doc).toContain('<dt>Scanned</dt><dd>2026-11-28 07:00:00 +01:00 – 2026-11-28 07:00:07 +01:00</dd>');
      expect(doc).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}/); // no milliseconds anywhere
      expect(doc).not.toContain('<dt>SOAP calls</dt>');
      expect(doc).toMatch(/<footer>.*SOAP calls <span data-soap-calls>14<\/span>.*<\/footer>/);
    } finally {
      process.env.TZ = tz;
    }
    // blocked and warnings differ by more than vermilion vs orange: a symbol and the border style
    expect(html).toContain('.v-blocked::before,.s-blocker::before{content:"\\2716\\00a0"}');
    expect(html).toContain('.v-warnings::before,.s-warning::before{content:"\\25B2\\00a0"}');
    expect(html).toContain('.badge.v-warnings,.badge.s-warning{border-style:dashed}');
  });

  it('dates "since the baseline" with the baseline scan\'s start', () => {
    const r = makeScanResult();
    r.baseline = { file: 'monday.json', startedAt: '2026-11-23T06:00:00.000Z', new: 1, unchanged: 2, resolved: [] };
    const tz = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect(render(r)).toContain('<h2>Since the baseline of 2026-11-23 06:00:00 +00:00</h2>');
    } finally {
      process.env.TZ = tz;
    }
  });
});
