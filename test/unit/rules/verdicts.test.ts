// Verdicts beyond readiness (issue 10 §2, §5): a VM with FT configured is protected or degraded, never a
// candidate; vCenter refusing for a reason no ftscan finding matches makes a candidate disputed.
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../../src/rules/types.js';
import { assessment, cleanInventory, legacyInventory, ruleFindings, run, vm0 } from './fixtures.js';

const ft = (state: string, type = 'checkpointing') => ({ state, role: 1, type, instanceUuids: ['a', 'b'] });

describe('already-protected VMs', () => {
  it.each([
    ['running', 'poweredOn', 'protected'],
    ['starting', 'poweredOn', 'degraded'], // "Not Protected – Starting" (issue 16 §3)
    ['enabled', 'poweredOff', 'degraded'], // "Not Protected – VM not Running" (issue 16 §3)
    ['enabled', 'poweredOn', 'degraded'],
    ['needSecondary', 'poweredOn', 'degraded'],
    ['disabled', 'poweredOn', 'degraded'],
  ])('FT state %s on a %s VM -> %s', (state, power, verdict) => {
    const inv = cleanInventory();
    vm0(inv).ft = ft(state);
    vm0(inv).powerState = power;
    expect(assessment(run(inv)).verdict).toBe(verdict);
  });

  it('a protected VM with readiness blockers stays protected; a degraded one says what is wrong', () => {
    const inv = cleanInventory();
    vm0(inv).ft = ft('running');
    vm0(inv).snapshotCount = 2; // would block a candidate
    expect(assessment(run(inv)).verdict).toBe('protected');
    vm0(inv).ft = ft('needSecondary');
    const a = assessment(run(inv));
    expect(a.verdict).toBe('degraded');
    expect(a.protection).toEqual({
      verdict: 'degraded',
      state: 'needSecondary',
      reason: expect.stringMatching(/secondary is not running/),
    });
    expect(ruleFindings(run(inv), 'vm-ft-health').map((f) => f.message)).toEqual([a.protection!.reason]);
  });

  it('notConfigured (and a value that is no VirtualMachineFaultToleranceState) is a candidate', () => {
    const inv = cleanInventory();
    expect(assessment(run(inv)).verdict).toBe('ready');
    vm0(inv).ft = ft('notProtected');
    expect(assessment(run(inv)).verdict).toBe('ready');
  });

  it('legacy FT VM under a 6.5 vCenter: vcenter-ft-generation is an info note on that VM, not a blocker', () => {
    const inv = legacyInventory();
    inv.vcenter.version = '6.5.0';
    expect(ruleFindings(run(inv), 'vcenter-ft-generation').map((f) => f.severity)).toEqual(['blocker']); // a candidate
    vm0(inv).ft = ft('running', 'recordReplay');
    const notes = ruleFindings(run(inv), 'vcenter-ft-generation');
    expect(notes).toEqual([
      expect.objectContaining({
        severity: 'info',
        vmMoid: 'vm-100',
        message: expect.stringMatching(/already runs legacy FT: vCenter 6\.0 was the last release that fully manages legacy FT/),
      }),
    ]);
    expect(assessment(run(inv)).verdict).toBe('protected');
  });

  it('protected, degraded and disputed are in the verdict list every report iterates', () => {
    expect(VERDICTS).toEqual(expect.arrayContaining(['protected', 'degraded', 'disputed']));
  });
});

describe("vCenter's own answer (--ask-vcenter)", () => {
  const issue = (reason: string) => ({ fault: 'VmFaultToleranceConfigIssue', reason, message: `vCenter says ${reason}` });

  it("a reason no ftscan rule covers makes a ready VM disputed, with vCenter's reason", () => {
    const inv = cleanInventory();
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('verifySSLCertificateFlagNotSet')] } };
    const a = assessment(run(inv));
    expect(a.verdict).toBe('disputed');
    expect(a.findings.filter((f) => f.source === 'vcenter')).toEqual([
      expect.objectContaining({ ruleId: 'vcenter-query', message: 'vCenter: vCenter says verifySSLCertificateFlagNotSet' }),
    ]);
  });

  it("a reason ftscan also found keeps ftscan's verdict; an ftscan blocker wins over a dispute", () => {
    const inv = cleanInventory();
    vm0(inv).snapshotCount = 1;
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('hasSnapshots')] } };
    expect(assessment(run(inv)).verdict).toBe('blocked');
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('someFutureReason')] } };
    expect(assessment(run(inv)).verdict).toBe('blocked');
  });

  it('an empty answer or a query that was not run changes nothing', () => {
    const inv = cleanInventory();
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [] } };
    expect(assessment(run(inv)).verdict).toBe('ready');
    inv.ftQuery = { 'vm-100': { status: 'notEvaluated', reason: 'no privilege', faults: [] } };
    expect(assessment(run(inv)).verdict).toBe('ready');
  });
});
