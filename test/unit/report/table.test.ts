import { describe, expect, it } from 'vitest';
import { render, visible } from '../../../src/report/table.js';
import { makeScanResult, XSS_NAME } from './fixtures.js';

const ESC = '\u001b';

describe('table report', () => {
  // The full listing (--detail); the default view is tested in causes.test.ts.
  const plain = render(makeScanResult(), { detail: true });

  it('is plain text without colour unless asked, and coloured when asked', () => {
    expect(plain).not.toContain(ESC);
    const coloured = render(makeScanResult(), { color: true, detail: true });
    expect(coloured).toContain(`${ESC}[`);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('says where the edition in the header came from, so an --edition the licence overrides is not a mystery', () => {
    expect(plain.split('\n')[0]).toContain('edition Enterprise Plus (from the licence)');
    const r = makeScanResult();
    r.evaluation.editionSource = 'flag';
    expect(render(r, { detail: true }).split('\n')[0]).toContain('edition Enterprise Plus (from --edition)');
  });

  it('marks VMs that already run FT in the FT column', () => {
    const r = makeScanResult();
    const vm = r.evaluation.vms.find((v) => v.generation === 'smp' && v.verdict !== 'excluded')!;
    const rowOf = (text: string) => text.split('\n').find((l) => l.includes(` ${vm.name} `))!;
    expect(rowOf(render(r, { detail: true }))).not.toMatch(/SMP-FT on/);
    const inv = r.targets.find((t) => t.inventory)!.inventory!;
    inv.vms.find((v) => v.moid === vm.moid)!.ft.state = 'running';
    expect(rowOf(render(r, { detail: true }))).toMatch(/│ SMP-FT on +│/);
  });

  it("lists vCenter's own FT check (--ask-vcenter) where it has something to say", () => {
    expect(plain).toContain("vCenter's own FT check (--ask-vcenter): 0 of 1 VMs without remarks");
    expect(plain).toMatch(/legacy-01 \(vm-201\): reports VmFaultToleranceTooManyVcpus/);
    const r = makeScanResult();
    r.evaluation.vms.find((v) => v.moid === 'vm-202')!.vcenterOpinion = {
      status: 'notEvaluated',
      reason: 'no privilege',
      faults: [],
      disagreements: [],
    };
    expect(render(r, { detail: true })).toMatch(/legacy-02 \(vm-202\): not evaluated \(no privilege\)/);
  });

  it('fits 120 columns', () => {
    for (const line of plain.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
    for (const width of [80, 100, 160]) {
      const lines = render(makeScanResult(), { width, detail: true }).split('\n');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
      expect(lines.some((l) => l.startsWith('┌') && [...l].length === width)).toBe(true);
    }
  });

  it('has a line per target, a block per cluster, a row per VM and findings with remediation', () => {
    expect(plain).toContain('vCenter vc1.example.com · VMware vCenter Server 7.0.3 build-21477706 · complete');
    expect(plain).toContain('vCenter vc2.example.com · FAILED: certificate not trusted: pass --ca-file FILE, or --insecure');
    expect(plain).toMatch(/^INCOMPLETE SCAN/m);
    expect(plain).toMatch(
      /^Cluster Prod-A \(vc1\.example\.com\): 6 VMs — 2 blocked, 0 disputed, 1 unknown, 0 degraded,\s+1 ready with warnings,\s+1 ready,\s+0\s+protected,\s+1 excluded$/m,
    );
    expect(plain).toContain('  FT headroom: 3 more FT VMs (6 vCPUs); 2 FT-capable hosts');
    const rows = plain.split('\n').filter((l) => /^│ (blocked|unknown|warnings|ready|excluded) /.test(l));
    expect(rows).toHaveLength(9);
    expect(plain).toMatch(/│ excluded │ template-rhel9 +│ Legacy-B +│ - +│ template/);
    expect(plain).toContain('    BLOCKER vm-vcpu-count: 2 vCPUs; legacy FT allows 1');
    expect(plain).toContain('            evidence: config.hardware.numCPU on legacy-01 = 2 (expected <= 1)');
    expect(plain).toContain('            fix: Reduce the VM to 1 vCPU (power off), or upgrade hosts to 6.x for SMP-FT. [VM power-off]');
    expect(plain).toContain(XSS_NAME.slice(0, 20));
  });

  it('prints the ordered fix list per VM with its disruption in a what-if (pre-migration) scan', () => {
    expect(plain).toContain('Fix plan for Prod-A');
    // Least disruptive first within a severity (the policy stage's order); a host fix names its host.
    expect(plain).toContain(
      '  blocked legacy-01 (vm-201)\n' +
        '    1. [no downtime] host-ft-logging-nic: esx-b1.example.com: Enable FT logging on a vmknic of esx-b1.example.com.\n' +
        '    2. [VM power-off] vm-vcpu-count: Reduce the VM to 1 vCPU',
    );
    // A warning's fix: FT can be turned on without it.
    expect(plain).toContain('    3. [cluster change] (optional) cluster-ha-admission-control: Legacy-B: Enable HA admission control');
    const r = makeScanResult();
    delete r.targetCluster;
    expect(render(r, { detail: true })).not.toContain('Fix plan');
  });

  it('shows control characters in names instead of sending them to the terminal', () => {
    const r = makeScanResult();
    r.evaluation.vms[0]!.name = `evil${ESC}]0;pwned\u0007name`;
    r.evaluation.findings[0]!.name = r.evaluation.vms[0]!.name;
    const out = render(r, { detail: true });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
    expect(out).toContain('evil\\x1b]0;pwned\\x07name');
    expect(visible('a\nb\tc\u009bd')).toBe('a\\nb\\tc\\x9bd');
  });
});
