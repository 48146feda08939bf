// Issue 16 §1 and §2 (first two points) over the wire: estates built through the mocks' public API, read by the
// real collector (licences through QueryAssignedLicenses), judged by the engine. Each case: one thing wrong in an
// otherwise FT-ready estate, beside its ready control.
import { describe, expect, it } from 'vitest';
import { estate, type ClusterOptions, type EstateBuilder, type HostOptions, type HostRef, type VmOptions } from '../../../mocks/index.js';
import { collectInventory } from '../../../src/inventory/collect.js';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { evaluate } from '../../../src/rules/engine.js';
import type { Edition, Finding } from '../../../src/rules/types.js';
import { verdictOf } from '../../../src/rules/verdict.js';
import { useMsw } from '../inventory/setup.js';

const start = useMsw();

const ENT_PLUS = { editionKey: 'esx.enterprisePlus.cpuPackage', name: 'VMware vSphere 8 Enterprise Plus' };
const STANDARD = { editionKey: 'esx.standard.cpuPackage', name: 'VMware vSphere 8 Standard' };
const ESS_PLUS = { editionKey: 'esx.vsphere8EssentialsPlus.cpuCore', name: 'VMware vSphere 8 Essentials Plus', costUnit: 'cpuCore' };

// One FT logging vmknic on a single 1 Gb/s uplink: an SMP-FT warning (speed) and a single point of failure.
const ONE_GB_LOGGING: Pick<HostOptions, 'pnics' | 'vmknics'> = {
  pnics: [
    { device: 'vmnic0', speedMb: 10000 },
    { device: 'vmnic1', speedMb: 10000 },
    { device: 'vmnic2', speedMb: 10000 },
    { device: 'vmnic3', speedMb: 1000 },
  ],
  vmknics: [
    { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
    { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic1', 'vmnic2'] },
    { device: 'vmk2', services: ['faultToleranceLogging'], portgroup: 'FT Logging', uplinks: ['vmnic3'] },
  ],
};

// A three-host 8.0 cluster on shared VMFS; `hosts` overrides per host (by index), `vms` places VMs.
function build(
  hosts: Partial<HostOptions>[] = [{}, {}, {}],
  clusterOpts: Partial<ClusterOptions> = {},
): {
  b: EstateBuilder;
  h: HostRef[];
  vm: (name: string, host: HostRef, numCpu: number, extra?: Partial<VmOptions>) => void;
} {
  const b = estate({ vcenterVersion: '8.0.2', seed: 16 }).user('ftscan@vsphere.local', 'Edition-Pw-16', {
    '*': REQUIRED_PRIVILEGES.map((p) => p.privilege),
  });
  const dc = b.datacenter('DC1');
  const ds = b.datastore({ name: 'shared-01', datacenter: dc, type: 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const cluster = b.cluster({ name: 'Prod', datacenter: dc, ...clusterOpts });
  const h = hosts.map((o, i) => b.host({ name: `esx${i + 1}`, cluster, datastores: [ds], networks: [net], version: '8.0.2', ...o }));
  const vm = (name: string, host: HostRef, numCpu: number, extra: Partial<VmOptions> = {}) =>
    void b.vm({
      name,
      host,
      numCpu,
      memoryMB: 8192,
      hwVersion: 'vmx-19',
      disks: [{ capacityGB: 40, kind: 'eager', datastore: ds }],
      cdrom: false,
      ...extra,
    });
  return { b, h, vm };
}

interface Judged {
  verdict: string;
  findings: Finding[];
  secondaries: string[];
}

async function judge(b: EstateBuilder, edition?: Edition): Promise<Record<string, Judged>> {
  const { client } = await start(b.build());
  const inv = await collectInventory(client, {});
  const ev = evaluate(inv, { profile: 'auto', ...(edition ? { edition } : {}) });
  const byId = new Map(ev.findings.map((f) => [f.id, f]));
  const names = new Map(inv.hosts.map((x) => [x.moid, x.name]));
  return Object.fromEntries(
    ev.vms.map((a) => {
      const findings = a.findingIds.map((id) => byId.get(id)!);
      return [
        a.name,
        { verdict: verdictOf(findings, a.protection), findings, secondaries: a.secondaryCandidates.map((m) => names.get(m)!) },
      ];
    }),
  );
}

const of = (j: Judged, ruleId: string) => j.findings.filter((f) => f.ruleId === ruleId);

describe('§1 no best-case edition', () => {
  it('licence not read, no --edition: above 2 vCPUs is unknown (naming Global.Licenses); 2 vCPUs stay ready', async () => {
    const { b, h, vm } = build(); // no host licence in the estate: QueryAssignedLicenses answers nothing
    vm('wide', h[0]!, 4);
    vm('narrow', h[0]!, 2);
    const r = await judge(b);
    expect(r.narrow!.verdict).toBe('ready');
    expect(r.wide!.verdict).toBe('unknown');
    const [f] = of(r.wide!, 'vm-vcpu-count');
    expect(f).toMatchObject({ severity: 'unknown' });
    expect(f!.message).toMatch(/licence not read.*Global\.Licenses/);
    expect(f!.remediation).toMatch(/Global\.Licenses.*--edition/);
    // --edition states it: Enterprise Plus allows 4 vCPUs, Standard does not.
    expect((await judge(b, 'enterprisePlus')).wide!.verdict).toBe('ready');
    expect((await judge(b, 'standard')).wide!.verdict).toBe('blocked');
  });

  it('licence not read: a host that lists ftNotLicensed blocks even a 2-vCPU VM', async () => {
    const { b, h, vm } = build([{ capability: { smpFtCompatibilityIssues: ['ftNotLicensed'] } }, {}, {}, {}]); // 3 FT-capable hosts beside it
    vm('on-unlicensed', h[0]!, 2);
    vm('control', h[1]!, 2);
    const r = await judge(b);
    expect(r.control!.verdict).toBe('ready');
    expect(r['on-unlicensed']!.verdict).toBe('blocked');
    expect(of(r['on-unlicensed']!, 'host-ft-licensed')[0]!.message).toMatch(/ftNotLicensed/);
  });

  it('where the licence was read, the reason names it (never "assumed: licence not read")', async () => {
    const { b, h, vm } = build([{}, {}, {}, {}]);
    b.license(h[0]!, STANDARD).license(h[1]!, ESS_PLUS).license(h[2]!, STANDARD).license(h[3]!, STANDARD);
    vm('std-3', h[0]!, 3);
    vm('std-2', h[0]!, 2);
    vm('ess-4', h[1]!, 4);
    const r = await judge(b);
    expect(r['std-2']!.verdict).toBe('ready');
    expect(r['std-3']!.verdict).toBe('blocked');
    expect(of(r['std-3']!, 'vm-vcpu-count')[0]!.message).toMatch(/Standard edition; edition from licence esx\.standard\.cpuPackage/);
    expect(r['ess-4']!.verdict).toBe('blocked');
    expect(of(r['ess-4']!, 'host-ft-licensed')[0]!.message).toMatch(/esx\.vsphere8EssentialsPlus\.cpuCore has no Fault Tolerance/);
    for (const f of Object.values(r).flatMap((j) => j.findings)) expect(f.message).not.toMatch(/assumed|not read/);
  });

  it.each([
    ['missingFTLoggingNic', 'host-ft-logging-nic', /FT logging/],
    ['missingVMotionNic', 'host-vmotion-nic', /vMotion/],
  ])("the host's own %s wins over a netConfig that lists the vmknic", async (issue, ruleId, what) => {
    const { b, h, vm } = build([{ capability: { smpFtSupported: false, smpFtCompatibilityIssues: [issue] } }, {}, {}, {}]);
    for (const x of h) b.license(x, ENT_PLUS);
    vm('on-refusing-host', h[0]!, 2);
    vm('control', h[1]!, 2);
    const r = await judge(b);
    expect(r.control!.verdict).toBe('ready');
    expect(r['on-refusing-host']!.verdict).toBe('blocked');
    const [f] = of(r['on-refusing-host']!, ruleId);
    expect(f).toMatchObject({ severity: 'blocker' });
    expect(f!.message).toMatch(new RegExp(`host reports ${issue} although its network config tags vmk\\d`));
    expect(f!.message).toMatch(what);
    // The refusing host is no secondary candidate for the control either.
    expect(r.control!.secondaries).toEqual(['esx3', 'esx4']);
  });
});

describe('§2 judge the pair', () => {
  it("the secondary's licence caps the VM: primary Enterprise Plus, the others Standard -> 4 vCPUs blocked", async () => {
    const { b, h, vm } = build();
    b.license(h[0]!, ENT_PLUS).license(h[1]!, STANDARD).license(h[2]!, STANDARD);
    vm('wide', h[0]!, 4);
    vm('narrow', h[0]!, 2);
    const r = await judge(b);
    expect(r.narrow!.verdict).toBe('ready');
    expect(r.wide!.verdict).toBe('blocked');
    expect(r.wide!.secondaries).toEqual([]);
    expect(of(r.wide!, 'vm-secondary-host')[0]!.message).toMatch(/esx2, esx3 \(each\): allows 2 vCPUs per FT VM \(Standard edition/);
  });

  it('one Enterprise Plus candidate is enough; candidates of unknown licence leave the VM unknown without one', async () => {
    const one = build();
    one.b.license(one.h[0]!, ENT_PLUS).license(one.h[2]!, ENT_PLUS); // esx2: licence not read
    one.vm('wide', one.h[0]!, 4);
    const r1 = await judge(one.b);
    expect(r1.wide!.verdict).toBe('ready');
    expect(r1.wide!.secondaries).toEqual(['esx3']);

    const none = build();
    none.b.license(none.h[0]!, ENT_PLUS); // esx2, esx3: licence not read
    none.vm('wide', none.h[0]!, 4);
    none.vm('narrow', none.h[0]!, 2);
    const r2 = await judge(none.b);
    expect(r2.narrow!.verdict).toBe('ready');
    expect(r2.wide!.verdict).toBe('unknown');
    const [f] = of(r2.wide!, 'vm-secondary-host');
    expect(f).toMatchObject({ severity: 'unknown' });
    expect(f!.message).toMatch(/esx2: edition unknown \(host licence not read/);
  });

  it('the secondary goes to a candidate without FT-logging warnings when one exists', async () => {
    const { b, h, vm } = build([{}, ONE_GB_LOGGING, {}]);
    for (const x of h) b.license(x, ENT_PLUS);
    vm('app', h[0]!, 2);
    const r = await judge(b);
    expect(r.app!.verdict).toBe('ready');
    expect(r.app!.secondaries).toEqual(['esx3']); // not the 1 Gb single-uplink esx2
  });

  it('every candidate with an FT-logging warning: the VM has warnings naming the chosen secondary', async () => {
    const { b, h, vm } = build([{}, ONE_GB_LOGGING, ONE_GB_LOGGING]);
    for (const x of h) b.license(x, ENT_PLUS);
    vm('app', h[0]!, 2);
    const control = build();
    for (const x of control.h) control.b.license(x, ENT_PLUS);
    control.vm('app', control.h[0]!, 2);
    expect((await judge(control.b)).app!.verdict).toBe('ready');
    const r = await judge(b);
    expect(r.app!.verdict).toBe('warnings');
    const [f] = of(r.app!, 'vm-secondary-host');
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toMatch(
      /every secondary candidate has a caveat: the secondary would run on esx[23]: esx[23]: FT logging uplink speed 1000 Mb\/s/,
    );
    expect(f!.evidence.length).toBeGreaterThan(0);
  });

  it('candidates without a caveat but without FT room: the secondary goes to the one with a caveat, with a warning', async () => {
    const ha = { ha: { options: { 'das.maxftvmsperhost': '1' } } };
    const full = build([{}, ONE_GB_LOGGING, {}, {}], ha);
    for (const x of full.h) full.b.license(x, ENT_PLUS);
    full.vm('app', full.h[0]!, 2);
    // A running FT pair fills esx3 and esx4 (one FT VM per host).
    full.vm('ft-pair', full.h[2]!, 2, { ftState: 'running', ftType: 'checkpointing', ftSecondaryHost: full.h[3]! });
    const room = build([{}, ONE_GB_LOGGING, {}, {}], ha);
    for (const x of room.h) room.b.license(x, ENT_PLUS);
    room.vm('app', room.h[0]!, 2);
    const control = (await judge(room.b)).app!;
    expect(control.verdict).toBe('ready');
    expect(control.secondaries).toEqual(['esx3', 'esx4']);
    const r = (await judge(full.b)).app!;
    expect(r.verdict).toBe('warnings');
    expect(r.secondaries).toEqual(['esx2', 'esx3', 'esx4']);
    expect(of(r, 'vm-secondary-host')[0]!.message).toMatch(
      /^the secondary candidates without a caveat have no FT room: the secondary would run on esx2: esx2: FT logging uplink speed 1000/,
    );
  });
});
