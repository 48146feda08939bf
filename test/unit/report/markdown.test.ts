import { describe, expect, it } from 'vitest';
import { md, render } from '../../../src/report/markdown.js';
import { makeScanResult } from './fixtures.js';

const text = render(makeScanResult(), { detail: true }); // the full listing; the default adds causes only

// Cells of a GFM table row: split on pipes not preceded by a backslash.
const cells = (line: string) => line.replace(/^\| | \|$/g, '').split(/(?<!\\)\|/);

describe('markdown report', () => {
  it('escapes pipes so hostile names cannot add table columns', () => {
    for (const [title, n] of [
      ['## Virtual machines', 5],
      ['## Fixes per VM', 6],
    ] as const) {
      const table = text.slice(text.indexOf(title)).split('\n\n')[1]!;
      const rows = table.split('\n').filter((l) => l.startsWith('| '));
      expect(rows.length).toBeGreaterThan(2);
      const width = cells(rows[0]!).length;
      expect(width).toBe(n);
      for (const r of rows) expect(cells(r)).toHaveLength(width);
    }
    expect(text).toContain("| =cmd\\|' /C calc'!A0 `vm-104` |");
  });

  it("shows vCenter's own FT check (--ask-vcenter) under the VM it concerns", () => {
    const section = text.slice(text.indexOf('### legacy-01'), text.indexOf('### legacy-02'));
    expect(section).toContain("vCenter's own FT check: reports VmFaultToleranceTooManyVcpus");
    expect(text.slice(text.indexOf('### legacy-02'))).not.toContain("vCenter's own FT check");
  });

  it('says where the edition in the header came from', () => {
    expect(text).toContain('edition Enterprise Plus (from the licence)');
  });

  it('keeps a name with a newline on its table row', () => {
    const row = text.split('\n').find((l) => l.includes('`vm-105`'))!;
    expect(row).toMatch(/^\| \*\*unknown\*\* \| report, "q1" next\\\|line `vm-105` \|/);
  });

  it('escapes HTML and markdown metacharacters in names', () => {
    expect(text).not.toMatch(/(?<!\\)<(?!br>)/); // every < is escaped (the only tag is our own <br>)
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md('a*b_c`d[e](f)#g~h&i@j<k>|l\\m')).toBe('a\\*b\\_c\\`d\\[e\\](f)\\#g\\~h\\&i\\@j\\<k\\>\\|l\\\\m');
  });

  it('has a summary table, per-VM verdicts, findings with fixes and the incomplete warning', () => {
    // One column per verdict, worst first: blocked, disputed, unknown, degraded, warnings, ready, protected, excluded.
    expect(text).toContain('| **All VMs** | 4 | 0 | 1 | 0 | 1 | 1 | 0 | 2 |');
    expect(text).toContain('> **INCOMPLETE SCAN: not every object could be read — vc2.example.com (failed)');
    expect(text).toContain('### legacy-01 `vm-201` — blocked');
    expect(text).toContain('  - evidence: `config.hardware.numCPU` = `2` (expected \\<= 1)');
    expect(text).toContain('  - fix: Reduce the VM to 1 vCPU (power off), or upgrade hosts to 6.x for SMP-FT. \\[VM power-off\\]');
    // Fix order is the policy stage's: least disruptive first within a severity; a host fix names its host.
    expect(text).toMatch(
      /\| \*\*blocked\*\* \| legacy-01 `vm-201` .*1\. `host-ft-logging-nic` esx-b1\.example\.com: Enable FT logging.*<br>2\. `vm-vcpu-count` Reduce the VM/,
    );
    expect(text).toContain('- **Prod-A (vc1.example.com)**: 3 more FT VMs (6 vCPUs)');
  });
});
