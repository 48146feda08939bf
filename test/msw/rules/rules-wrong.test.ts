// Issue 16 §4: rules that were wrong. Each case: one thing wrong in an otherwise FT-ready estate, beside a
// ready control, collected over the mock wire.
import { describe, expect, it } from 'vitest';
import { readyEstate, useJudge } from './harness.js';

const judge = useJudge();

describe('NSX-backed networks (vm-nsx-network)', () => {
  function nsxEstate(version: string, kind: 'opaque' | 'dvpg') {
    const e = readyEstate({ version });
    const nsx =
      kind === 'opaque'
        ? e.b.opaqueNetwork({ name: 'seg-app', datacenter: e.dc, opaqueNetworkType: 'nsx.LogicalSwitch' })
        : e.b.dvPortgroup({ name: 'seg-web', datacenter: e.dc, backingType: 'nsx' });
    const { hosts } = e.cluster('Prod', { networks: [nsx] });
    e.vm('control', hosts[0]!);
    e.vm('on-nsx', hosts[1]!, { nics: [{ network: nsx }] });
    return e;
  }

  it.each([
    ['8.0.2', 'opaque'],
    ['8.0.2', 'dvpg'],
  ] as const)('ESXi %s, %s NSX segment: blocker (the 8.0 requirements state it)', async (version, kind) => {
    const j = await judge(nsxEstate(version, kind).b);
    expect(j.vm('control').verdict).toBe('ready');
    expect(j.vm('on-nsx').verdict).toBe('blocked');
    expect(j.vm('on-nsx').findings.find((f) => f.ruleId === 'vm-nsx-network')?.severity).toBe('blocker');
  });

  it.each([
    ['7.0.3', 'opaque'],
    ['6.7.0', 'dvpg'],
  ] as const)('ESXi %s, %s NSX segment: a warning saying the guides are silent, not a pass', async (version, kind) => {
    const j = await judge(nsxEstate(version, kind).b);
    expect(j.vm('control').verdict).toBe('ready');
    const vm = j.vm('on-nsx');
    expect(vm.verdict).toBe('warnings');
    const f = vm.findings.find((x) => x.ruleId === 'vm-nsx-network');
    expect(f).toMatchObject({ severity: 'warning', message: expect.stringMatching(/guides for ESXi .* are silent/) });
  });
});

describe('legacy FT on vSAN (datastore-type)', () => {
  it('a 5.5 VM on a vSAN datastore is blocked (5.5 Storage guide: Virtual SAN does not support FT); its VMFS twin is ready', async () => {
    const e = readyEstate({ version: '5.5.0' });
    const vsan = e.b.datastore({ name: 'vsanDatastore', datacenter: e.dc, type: 'vsan', capacityGB: 4000, freeGB: 2000 });
    const { hosts } = e.cluster('Legacy', { datastores: [vsan] });
    e.vm('control', hosts[0]!);
    e.vm('on-vsan', hosts[1]!, { disks: [{ capacityGB: 40, kind: 'eager', datastore: vsan }] });
    const j = await judge(e.b);
    expect(j.vm('control').generation).toBe('legacy');
    expect(['ready', 'warnings']).toContain(j.vm('control').verdict);
    expect(j.vm('control').findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    const vm = j.vm('on-vsan');
    expect(vm.verdict).toBe('blocked');
    expect(vm.findings.find((f) => f.ruleId === 'datastore-type')).toMatchObject({
      severity: 'blocker',
      message: expect.stringMatching(/Limitations of Virtual SAN/),
    });
  });
});

describe('remote / client-backed CD-ROM and floppy (vm-removable-devices)', () => {
  it.each([
    ['client CD-ROM, disconnected', { cdrom: { kind: 'client' as const, connected: false } }],
    ['remote passthrough CD-ROM, disconnected', { cdrom: { kind: 'remotePassthrough' as const, connected: false } }],
    ['client floppy, disconnected', { floppy: { kind: 'client' as const, connected: false } }],
    ['remote floppy, connected', { floppy: { kind: 'remote' as const, connected: true } }],
  ])('%s: blocker whatever the connection state', async (_name, device) => {
    const e = readyEstate();
    const { hosts } = e.cluster('Prod');
    e.vm('control', hosts[0]!);
    e.vm('remote-dev', hosts[1]!, device);
    const j = await judge(e.b);
    expect(j.vm('control').verdict).toBe('ready');
    expect(j.vm('remote-dev').verdict).toBe('blocked');
    expect(
      j
        .vm('remote-dev')
        .findings.filter((f) => f.ruleId === 'vm-removable-devices')
        .map((f) => f.severity),
    ).toEqual(['blocker']);
  });
});

describe('legacy FT under a 6.5+ vCenter (vcenter-ft-generation)', () => {
  it('an already-protected legacy VM is told that vCenter 6.0 was the last to fully manage legacy FT; a legacy candidate is blocked', async () => {
    const e = readyEstate({ version: '5.5.0', vcenterVersion: '6.7.0' });
    const { hosts } = e.cluster('Legacy');
    e.vm('candidate', hosts[0]!);
    e.vm('billing-ft', hosts[1]!, { ftState: 'running', ftType: 'recordReplay', ftSecondaryHost: hosts[2]!, memoryReservationMB: 4096 });
    const j = await judge(e.b);
    expect(j.vm('candidate').verdict).toBe('blocked');
    expect(j.vm('candidate').findings.find((f) => f.ruleId === 'vcenter-ft-generation')?.severity).toBe('blocker');
    const vm = j.vm('billing-ft');
    expect(vm.verdict).toBe('protected');
    expect(vm.findings.find((f) => f.ruleId === 'vcenter-ft-generation')).toMatchObject({
      severity: 'info',
      message: expect.stringMatching(/vCenter 6\.0 was the last release that fully manages legacy FT, and vCenter 6\.7\.0 keeps the pair/),
    });
  });
});

describe('VMCI (vm-vmci): read where vim25 shows it', () => {
  it('a VMCI device allowing VM-to-VM communication is a warning; the VMCI device every VM has is not', async () => {
    const e = readyEstate();
    const { hosts } = e.cluster('Prod');
    e.vm('control', hosts[0]!);
    e.vm('vmci-open', hosts[1]!, { vmciUnrestricted: true });
    const j = await judge(e.b);
    expect(j.vm('control').verdict).toBe('ready');
    expect(j.vm('control').findings.filter((f) => f.ruleId === 'vm-vmci')).toEqual([]);
    expect(j.vm('vmci-open').verdict).toBe('warnings');
    expect(j.vm('vmci-open').findings.find((f) => f.ruleId === 'vm-vmci')).toMatchObject({
      severity: 'warning',
      evidence: [expect.objectContaining({ path: expect.stringMatching(/allowUnrestrictedCommunication$/), observed: true })],
    });
  });
});
