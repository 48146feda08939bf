// evaluate(): verdicts, pairing, exclusions, unknowns, headroom, what-if, generation choice, vCenter's
// opinion and the fix order.
import { describe, expect, it } from 'vitest';
import { UnknownClusterError } from '../../../src/rules/engine.js';
import {
  addCluster,
  addVm,
  assessment,
  cleanInventory,
  cluster0,
  ds0,
  host,
  legacyInventory,
  removeFtLogging,
  ruleFindings,
  run,
  setHostVersion,
  setHosts,
  vm0,
} from './fixtures.js';

describe('verdicts', () => {
  it('a clean VM on a sound SMP-FT cluster is ready, with both other hosts as secondary candidates', () => {
    const a = assessment(run(cleanInventory()));
    expect(a.verdict).toBe('ready');
    expect(a.generation).toBe('smp');
    expect(a.findings).toEqual([]);
    expect(a.secondaryCandidates).toEqual(['host-2', 'host-3']);
    expect(a.fixes).toEqual([]);
    expect(a.edition).toBe('enterprisePlus');
    expect(a.editionSource).toBe('license');
  });

  it('a clean VM on a sound legacy 5.5 cluster is ready', () => {
    const a = assessment(run(legacyInventory()));
    expect(a.verdict).toBe('ready');
    expect(a.generation).toBe('legacy');
    expect(a.findings).toEqual([]);
  });

  it('warnings only -> "warnings"; info does not demote "ready"', () => {
    const inv = cleanInventory();
    host(inv, 1).powerPolicy = { key: 2, shortName: 'dynamic' }; // info
    expect(assessment(run(inv)).verdict).toBe('ready');
    vm0(inv).cpuHotAdd = true; // warning
    expect(assessment(run(inv)).verdict).toBe('warnings');
  });

  it('host and cluster findings count in the VM verdict', () => {
    const inv = cleanInventory();
    cluster0(inv).ha.enabled = false;
    const a = assessment(run(inv));
    expect(a.verdict).toBe('blocked');
    expect(a.findings.map((f) => f.ruleId)).toContain('cluster-ha-enabled');
  });

  it('the only other FT-capable host lacking an FT logging vmknic blocks the VM and says so', () => {
    const inv = cleanInventory();
    inv.clusters[0]!.hostMoids = ['host-1', 'host-2'];
    inv.hosts.pop();
    removeFtLogging(host(inv, 2));
    const a = assessment(run(inv));
    expect(a.verdict).toBe('blocked');
    expect(a.secondaryCandidates).toEqual([]);
    const [f] = ruleFindings(run(inv), 'vm-secondary-host');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toBe(
      'the only other FT-capable host in cluster Prod, esx-02.lab, cannot hold the secondary: no VMkernel NIC is enabled for FT logging (host-ft-logging-nic)',
    );
    expect(f!.vmMoid).toBe('vm-100');
    expect(f!.evidence[0]).toMatchObject({
      objectType: 'HostSystem',
      moid: 'host-2',
      path: 'config.virtualNicManagerInfo.netConfig[nicType=faultToleranceLogging].selectedVnic',
    });
  });

  it('"only other FT-capable host" also when a third host is not FT-capable at all', () => {
    const inv = cleanInventory();
    removeFtLogging(host(inv, 2));
    host(inv, 3).capability = { smpFtSupported: false, smpFtCompatibilityIssues: ['cpuHwmmuUnsupported'] };
    const [f] = ruleFindings(run(inv), 'vm-secondary-host');
    expect(f!.message).toMatch(
      /^the only other FT-capable host in cluster Prod, esx-02\.lab, cannot hold the secondary: no VMkernel NIC is enabled for FT logging/,
    );
  });

  it('a cluster of one host cannot hold a secondary', () => {
    const inv = cleanInventory();
    inv.clusters[0]!.hostMoids = ['host-1'];
    inv.hosts.splice(1);
    const [f] = ruleFindings(run(inv), 'vm-secondary-host');
    expect(f!.message).toBe('cluster Prod has no host other than esx-01.lab for the secondary');
  });

  it('a secondary host must mount the VM datastores', () => {
    const inv = cleanInventory();
    for (const i of [2, 3]) host(inv, i).datastoreMoids = [];
    const [f] = ruleFindings(run(inv), 'vm-secondary-host');
    expect(f!.message).toMatch(/esx-02\.lab, esx-03\.lab \(each\): does not mount shared-ds/);
  });

  it('SMP-FT: a different CPU generation without EVC is no candidate; with EVC it is', () => {
    const inv = cleanInventory();
    for (const i of [2, 3]) host(inv, i).cpu.packages.forEach((p) => (p.description = 'Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz'));
    expect(ruleFindings(run(inv), 'vm-secondary-host')[0]!.message).toMatch(/no EVC mode/);
    cluster0(inv).evcModeKey = 'intel-ivybridge';
    expect(assessment(run(inv)).secondaryCandidates).toEqual(['host-2', 'host-3']);
  });

  it('Intel and AMD hosts never pair', () => {
    const inv = legacyInventory();
    for (const i of [2, 3]) {
      host(inv, i).cpu.vendor = 'amd';
      host(inv, i).cpu.packages.forEach((p) => ((p.vendor = 'amd'), (p.description = 'Quad-Core AMD Opteron(tm) Processor 2356')));
    }
    expect(ruleFindings(run(inv), 'vm-secondary-host')[0]!.message).toMatch(/CPU vendor amd differs from the primary's intel/);
  });
});

describe('exclusions', () => {
  it('templates, FT secondaries and vCLS / agent VMs are excluded with the reason', () => {
    const inv = cleanInventory();
    addVm(inv, 'vm-tpl', { template: true });
    addVm(inv, 'vm-sec', { ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] } });
    addVm(inv, 'vm-vcls', { name: 'vCLS-1', agentVm: true, managedBy: { extensionKey: 'com.vmware.vim.eam', type: 'cluster-agent' } });
    addVm(inv, 'vm-agent', { agentVm: true });
    const ev = run(inv);
    const ex = (m: string) => assessment(ev, m);
    expect(ex('vm-tpl')).toMatchObject({ verdict: 'excluded', excludedReason: 'template', generation: null, findings: [] });
    expect(ex('vm-sec').excludedReason).toMatch(/^FT secondary \(config\.ftInfo\.role = 2\)/);
    expect(ex('vm-vcls').excludedReason).toBe('agent VM managed by com.vmware.vim.eam');
    expect(ex('vm-agent').excludedReason).toBe('vCLS / agent VM');
    expect(ev.clusters[0]!.counts).toMatchObject({ ready: 1, excluded: 4 });
  });

  it('an FT primary (role 1) is assessed, not excluded', () => {
    const inv = cleanInventory();
    vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] };
    expect(assessment(run(inv)).verdict).toBe('protected'); // FT on: not a candidate, its own verdict
  });
});

describe('unknown when data is unreadable', () => {
  it('an unreadable property a rule needs makes that rule unknown and the VM unknown', () => {
    const inv = cleanInventory();
    vm0(inv).unreadable.push({ path: 'snapshot', fault: 'NoPermission' });
    const a = assessment(run(inv));
    expect(a.verdict).toBe('unknown');
    const f = a.findings.find((x) => x.ruleId === 'vm-snapshots')!;
    expect(f.severity).toBe('unknown');
    expect(f.message).toBe('cannot evaluate: snapshot is unreadable (NoPermission)');
    expect(f.remediation).toMatch(/^Give the scanning account read access to snapshot/);
  });

  it('a property the server could not return (not a permission problem) says so', () => {
    const inv = cleanInventory();
    vm0(inv).unreadable.push({ path: 'config.firmware', fault: 'InvalidProperty' });
    const f = assessment(run(inv)).findings.find((x) => x.ruleId === 'vm-efi-firmware')!;
    expect(f).toMatchObject({
      severity: 'unknown',
      remediation: "vCenter could not return config.firmware (InvalidProperty); check the object's state and scan again.",
    });
  });

  it('a parent path unreadable ("config") covers every config.* rule', () => {
    const inv = cleanInventory();
    vm0(inv).unreadable.push({ path: 'config', fault: 'NoPermission' });
    const ids = assessment(run(inv))
      .findings.filter((f) => f.severity === 'unknown')
      .map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['vm-vcpu-count', 'vm-memory-size', 'vm-hw-version', 'vm-usb-devices']));
    expect(ids).not.toContain('vm-snapshots');
  });

  it('a rule that throws on an odd value yields unknown on that object instead of failing the scan', () => {
    const inv = cleanInventory();
    (vm0(inv) as { disks: unknown }).disks = null;
    const a = assessment(run(inv));
    expect(a.verdict).toBe('unknown');
    expect(a.findings.find((f) => f.ruleId === 'vm-large-disks')).toMatchObject({
      severity: 'unknown',
      message: expect.stringMatching(/^rule failed on this object: /),
    });
  });

  it('a blocker wins over unknown', () => {
    const inv = cleanInventory();
    vm0(inv).unreadable.push({ path: 'snapshot', fault: 'NoPermission' });
    vm0(inv).numCpu = 16;
    expect(assessment(run(inv)).verdict).toBe('blocked');
  });

  it('an unreadable host property on the primary host makes the VM unknown', () => {
    const inv = cleanInventory();
    host(inv, 1).unreadable.push({ path: 'config.virtualNicManagerInfo.netConfig', fault: 'NoPermission' });
    const a = assessment(run(inv));
    expect(a.verdict).toBe('unknown');
    expect(a.findings.find((f) => f.ruleId === 'host-ft-logging-nic')!.severity).toBe('unknown');
  });

  it('an unreadable property on the only candidate secondary host makes pairing unknown', () => {
    const inv = cleanInventory();
    inv.clusters[0]!.hostMoids = ['host-1', 'host-2'];
    inv.hosts.pop();
    host(inv, 2).unreadable.push({ path: 'config.virtualNicManagerInfo.netConfig', fault: 'NoPermission' });
    const [f] = ruleFindings(run(inv), 'vm-secondary-host');
    expect(f!.severity).toBe('unknown');
    expect(f!.message).toMatch(/^cannot tell whether esx-02\.lab can hold the secondary/);
  });
});

describe('headroom', () => {
  function withFtPair() {
    const inv = cleanInventory();
    vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] };
    addVm(inv, 'vm-100-sec', { hostMoid: 'host-2', ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] } });
    addVm(inv, 'vm-off', {
      hostMoid: 'host-3',
      powerState: 'poweredOff',
      ft: { state: 'enabled', role: 1, type: 'checkpointing', instanceUuids: [] },
    });
    return inv;
  }

  it('counts primaries and secondaries placed, and how many more pairs fit', () => {
    const h = run(withFtPair()).clusters[0]!.headroom;
    // free VM slots 3/3/4 -> 5 more pairs; free vCPUs 6/6/8 -> 10 more FT vCPUs, but one more FT VM can have
    // at most 6 (each half needs its vCPUs on one host: the second-best host has 6 free)
    expect(h).toEqual({
      maxFtVmsPerHost: 4,
      maxFtVcpusPerHost: 8,
      ftCapableHosts: 3,
      currentFtVms: 2,
      currentFtVcpus: 4,
      additionalFtVms: 5,
      additionalFtVcpus: 10,
      largestNewFtVmVcpus: 6,
      generation: 'smp',
      note: 'the per-host limits decide: no pair of hosts has room for an FT VM over 6 vCPUs',
    });
  });

  it('0 disables a limit: unlimited (null) with a note', () => {
    const inv = withFtPair();
    cluster0(inv).ha.maxFtVmsPerHost = 0;
    const h = run(inv).clusters[0]!.headroom;
    expect(h.additionalFtVms).toBeNull();
    expect(h.additionalFtVcpus).toBe(10);
    expect(h.note).toMatch(/das\.maxftvmsperhost = 0: no per-host FT VM limit/);
  });

  it('a pair needs two hosts: slots on a single host do not count', () => {
    const inv = cleanInventory();
    for (const i of [2, 3]) removeFtLogging(host(inv, i));
    const h = run(inv).clusters[0]!.headroom;
    expect(h).toMatchObject({ ftCapableHosts: 1, additionalFtVms: 0, additionalFtVcpus: 0 });
  });

  it('full hosts leave no room', () => {
    const inv = cleanInventory();
    cluster0(inv).ha.maxFtVcpusPerHost = 4;
    vm0(inv).ft = { state: 'running', role: 1, type: 'checkpointing', instanceUuids: [] };
    vm0(inv).numCpu = 4;
    addVm(inv, 'sec', { hostMoid: 'host-2', numCpu: 4, ft: { state: 'running', role: 2, type: 'checkpointing', instanceUuids: [] } });
    expect(run(inv).clusters[0]!.headroom.additionalFtVcpus).toBe(0); // only host-3 has room
  });
});

describe('pre-migration what-if', () => {
  it('places the VM in the target cluster and reports what would block it there', () => {
    const inv = cleanInventory();
    addCluster(inv);
    // dr-ds is not on every DR host: no datastore to Storage vMotion to, so the datastore rules decide.
    inv.hosts.find((h) => h.name === 'dr-02.lab')!.datastoreMoids = [];
    const ev = run(inv, { targetCluster: 'DR' });
    const a = assessment(ev);
    expect(a).toMatchObject({ clusterName: 'DR', hostName: 'dr-01.lab', verdict: 'blocked' });
    expect(a.generationReason).toMatch(/^what-if: placed in cluster DR on dr-01\.lab; /);
    expect(ruleFindings(ev, 'vm-datastore-access')[0]!.message).toBe('target host dr-01.lab does not mount shared-ds');
    expect(ruleFindings(ev, 'cluster-ft-host-count')[0]!.severity).toBe('warning'); // DR has 2 hosts
  });

  it("the target cluster's HA settings and hosts apply, not the source's", () => {
    const inv = cleanInventory();
    const dr = addCluster(inv, 3);
    for (const h of inv.hosts.filter((x) => x.clusterMoid === dr.moid)) h.datastoreMoids.push('datastore-1');
    dr.ha.enabled = false;
    const a = assessment(run(inv, { targetCluster: dr.moid }));
    expect(a.findings.map((f) => f.ruleId).sort()).toEqual(['cluster-ha-enabled']);
    expect(a.secondaryCandidates).toEqual(['host-5', 'host-6']);
    dr.ha.enabled = true;
    expect(assessment(run(inv, { targetCluster: 'DR' })).verdict).toBe('ready');
  });

  it('limits what-if to the chosen VMs', () => {
    const inv = cleanInventory();
    addCluster(inv);
    addVm(inv, 'vm-200');
    const ev = run(inv, { targetCluster: 'DR', vmMoids: new Set(['vm-200']) });
    expect(ev.vms.map((v) => v.moid)).toEqual(['vm-200']);
  });

  it('an unknown target cluster is a one-line error naming it', () => {
    expect(() => run(cleanInventory(), { targetCluster: 'Nope' })).toThrow(UnknownClusterError);
    expect(() => run(cleanInventory(), { targetCluster: 'Nope' })).toThrow('target cluster "Nope" not found');
  });
});

describe('--profile auto', () => {
  it('ESXi 5.5 hosts: legacy', () => {
    const a = assessment(run(legacyInventory()));
    expect(a.generation).toBe('legacy');
    expect(a.generationReason).toBe('host esx-01.lab runs ESXi 5.5.0 (legacy FT only)');
  });

  it('ESXi 6.0 hosts: SMP-FT, noting legacy is possible for a 1-vCPU VM', () => {
    const inv = setHostVersion(cleanInventory(), '6.0.0');
    vm0(inv).numCpu = 1;
    const a = assessment(run(inv));
    expect(a.generation).toBe('smp');
    expect(a.generationReason).toMatch(/ESXi 6\.0\.0 \(SMP-FT by default\); legacy FT is also possible for this 1-vCPU VM/);
  });

  it('ESXi 6.7 hosts: SMP-FT only', () => {
    const a = assessment(run(setHostVersion(cleanInventory(), '6.7.0')));
    expect(a.generation).toBe('smp');
    expect(a.generationReason).toMatch(/6\.7\.0 \(SMP-FT only\)/);
  });

  it('ESXi 5.5 hosts under a 6.5 vCenter: legacy, and vCenter cannot turn it on', () => {
    const inv = legacyInventory();
    inv.vcenter.version = '6.7.0';
    const a = assessment(run(inv));
    expect(a.generationReason).toMatch(/vCenter 6\.7\.0 cannot turn legacy FT on/);
    expect(a.verdict).toBe('blocked');
    expect(a.findings.map((f) => f.ruleId)).toContain('vcenter-ft-generation');
  });

  it('an already-protected VM keeps the generation it runs', () => {
    const inv = setHostVersion(cleanInventory(), '6.0.0');
    vm0(inv).numCpu = 1;
    vm0(inv).ft = { state: 'running', role: 1, type: 'recordReplay', instanceUuids: [] };
    expect(assessment(run(inv)).generation).toBe('legacy');
  });

  it('--profile forces the generation', () => {
    expect(assessment(run(legacyInventory(), { profile: 'smp' })).generationReason).toBe('--profile smp');
    expect(assessment(run(legacyInventory(), { profile: 'smp' })).findings.map((f) => f.ruleId)).toContain('host-version-generation');
  });
});

describe("vCenter's opinion", () => {
  const issue = (reason: string, message = '') => ({ fault: 'VmFaultToleranceConfigIssue', reason, message });

  it('a fault that agrees with an ftscan finding corroborates it: no second finding, the same counts (issue 17 §6)', () => {
    const inv = cleanInventory();
    vm0(inv).snapshotCount = 2;
    const without = run(inv);
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('hasSnapshots', 'The virtual machine has one or more snapshots')] } };
    const ev = run(inv);
    const a = assessment(ev);
    expect(a.findings.filter((f) => f.source === 'vcenter')).toEqual([]);
    expect(a.findings.find((f) => f.ruleId === 'vm-snapshots')!.corroboration).toEqual([
      { source: 'vcenter', reason: 'hasSnapshots', message: 'The virtual machine has one or more snapshots' },
    ]);
    expect(ev.findings.filter((f) => f.severity === 'blocker')).toHaveLength(
      without.findings.filter((f) => f.severity === 'blocker').length,
    );
    expect(a.verdict).toBe('blocked');
    expect(a.vcenterOpinion).toEqual({ status: 'evaluated', faults: ['hasSnapshots -> vm-snapshots'], disagreements: [] });
  });

  it('flags vCenter reporting what we did not find (covered requirement)', () => {
    const inv = cleanInventory();
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('hasSnapshots')] } };
    const a = assessment(run(inv));
    expect(a.vcenterOpinion!.disagreements).toEqual(['vCenter reports hasSnapshots (vm-snapshots); ftscan found no such issue']);
    expect(a.verdict).toBe('disputed'); // vCenter refuses for a reason ftscan did not find: never ready
  });

  it('flags our VM-level blocker that vCenter did not report', () => {
    const inv = cleanInventory();
    vm0(inv).numCpu = 12;
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [] } };
    expect(assessment(run(inv)).vcenterOpinion!.disagreements).toEqual([
      "ftscan: vm-vcpu-count blocks (12 vCPUs; SMP-FT allows 8 (Enterprise Plus on host esx-01.lab capability.maxVcpusPerFtVm; edition from licence esx.enterprisePlus.cpuPackage)); vCenter's query did not report it",
    ]);
  });

  it('no disagreement for what the query does not cover (host NICs, CPUs, licences)', () => {
    const inv = cleanInventory();
    removeFtLogging(host(inv, 1));
    host(inv, 1).licenseEdition = 'esx.essentials.cpuPackage';
    inv.ftQuery = { 'vm-100': { status: 'evaluated', faults: [issue('missingFTLoggingNic')] } };
    const a = assessment(run(inv));
    expect(a.vcenterOpinion!.disagreements).toEqual([]);
    expect(a.findings.find((f) => f.source === 'vcenter')).toBeUndefined();
    expect(a.findings.find((f) => f.ruleId === 'host-ft-logging-nic')!.corroboration).toMatchObject([{ reason: 'missingFTLoggingNic' }]);
  });

  it('unmapped faults are kept under vcenter-query; a query not run says why', () => {
    const inv = cleanInventory();
    addVm(inv, 'vm-200');
    inv.ftQuery = {
      'vm-100': { status: 'evaluated', faults: [{ fault: 'SomethingNew', message: 'new fault' }] },
      'vm-200': { status: 'notEvaluated', reason: 'no privilege VirtualMachine.Config.QueryFTCompatibility', faults: [] },
    };
    const ev = run(inv);
    expect(assessment(ev).findings.find((f) => f.source === 'vcenter')).toMatchObject({
      ruleId: 'vcenter-query',
      severity: 'warning',
      message: 'vCenter: new fault',
    });
    expect(assessment(ev, 'vm-200').vcenterOpinion).toEqual({
      status: 'notEvaluated',
      reason: 'no privilege VirtualMachine.Config.QueryFTCompatibility',
      faults: [],
      disagreements: [],
    });
  });
});

describe('fix list', () => {
  it('blockers first, then by disruption: config changes, VM power-off, host/BIOS; warnings after', () => {
    const inv = cleanInventory();
    vm0(inv).cpuHotAdd = true; // warning, vmPowerOff (optional: vCenter turns hot-plug off itself)
    vm0(inv).numCpu = 12; // blocker, vmPowerOff
    vm0(inv).snapshotCount = 1; // blocker, none
    cluster0(inv).ha.enabled = false; // blocker, clusterConfig
    host(inv, 1).capability.smpFtCompatibilityIssues = ['cpuHvDisabled']; // blocker, bios
    const fixes = assessment(run(inv)).fixes;
    expect(fixes.map((f) => [f.ruleId, f.disruption])).toEqual([
      ['vm-snapshots', 'none'],
      ['cluster-ha-enabled', 'clusterConfig'],
      ['vm-vcpu-count', 'vmPowerOff'],
      ['host-hv-enabled', 'bios'],
      ['vm-device-hot-add', 'vmPowerOff'],
      ['cluster-ft-host-count', 'hostMaintenance'], // host 1 no longer counts as FT-capable
    ]);
    expect(fixes[3]!.remediation).toMatch(/^esx-01\.lab: Enable Intel VT/);
  });
});

describe('evaluation', () => {
  it('lists every finding once, hosts and used datastores, and the edition source', () => {
    const inv = cleanInventory();
    addVm(inv, 'vm-200');
    ds0(inv).accessible = false; // a datastore finding under SMP-FT too (a local one is vm-files-shared's business)
    const ev = run(inv);
    const dsF = ev.findings.filter((f) => f.ruleId === 'datastore-shared');
    expect(dsF).toHaveLength(1);
    expect(ev.datastores).toEqual([{ moid: 'datastore-1', name: 'shared-ds', findingIds: [dsF[0]!.id], findings: dsF }]);
    // Stored once: both VMs reference the one datastore finding by id.
    expect(ev.vms.filter((v) => v.findingIds.includes(dsF[0]!.id)).map((v) => v.moid)).toEqual(['vm-100', 'vm-200']);
    expect(new Set(ev.findings.map((f) => f.id)).size).toBe(ev.findings.length);
    expect(ev.hosts.map((h) => h.name)).toEqual(['esx-01.lab', 'esx-02.lab', 'esx-03.lab']);
    expect(ev).toMatchObject({ profile: 'auto', edition: 'enterprisePlus', editionSource: 'license' });
  });

  it('edition falls back to --edition, then unknown (no edition assumed)', () => {
    const inv = setHosts(cleanInventory(), (h) => void delete h.licenseEdition);
    expect(run(inv, { edition: 'standard' })).toMatchObject({ edition: 'standard', editionSource: 'flag' });
    const ev = run(inv);
    expect(ev.editionSource).toBe('unknown');
    expect(ev.edition).toBeUndefined();
  });

  it('is JSON-serializable (embedded in the scan result)', () => {
    const ev = run(cleanInventory());
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });
});

describe('finding ids', () => {
  const hostCdrom = (inv: ReturnType<typeof cleanInventory>) => {
    const cd = vm0(inv).removable[0]!;
    Object.assign(cd, { backing: 'hostDevice', backingType: 'VirtualCdromAtapiBackingInfo' });
    vm0(inv).removable.push({ ...cd, key: 3001, label: 'CD/DVD drive 2' });
    return inv;
  };

  it('are the same whatever URL reached the vCenter: they hold its instanceUuid, not the server name', () => {
    const a = cleanInventory();
    const b = cleanInventory();
    cluster0(a).ha.enabled = false;
    cluster0(b).ha.enabled = false;
    a.vcenter.server = 'https://vc.example.com/sdk';
    b.vcenter.server = 'https://10.0.0.5';
    const ids = (inv: ReturnType<typeof cleanInventory>) =>
      run(inv)
        .findings.map((f) => f.id)
        .sort();
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(b)).toEqual(ids(a));
    b.vcenter.instanceUuid = 'another-vcenter-uuid';
    expect(ids(b).some((id) => ids(a).includes(id))).toBe(false);
  });

  it('two findings of one rule on one object (two host-backed CD-ROMs) get different ids', () => {
    const fs = ruleFindings(run(hostCdrom(cleanInventory())), 'vm-removable-devices');
    expect(fs).toHaveLength(2);
    expect(fs[0]!.id).not.toBe(fs[1]!.id);
    expect(fs.map((f) => f.id)).toEqual(ruleFindings(run(hostCdrom(cleanInventory())), 'vm-removable-devices').map((f) => f.id));
  });

  it('do not change with the message or the observed value', () => {
    const a = cleanInventory();
    vm0(a).numCpu = 16;
    const b = cleanInventory();
    vm0(b).numCpu = 12;
    const [fa] = ruleFindings(run(a), 'vm-vcpu-count');
    const [fb] = ruleFindings(run(b), 'vm-vcpu-count');
    expect(fa!.message).not.toBe(fb!.message);
    expect(fa!.id).toBe(fb!.id);
  });
});

describe('secondary pairing message', () => {
  it("names hosts rejected for the same reasons once, at most five of them, with one host's evidence", () => {
    const inv = cleanInventory();
    const c = addCluster(inv, 8);
    for (const h of inv.hosts.filter((x) => x.clusterMoid === c.moid).slice(1)) h.inMaintenanceMode = true;
    addVm(inv, 'vm-dr', { hostMoid: 'host-4', clusterMoid: c.moid, datastoreMoids: ['datastore-2'] });
    for (const d of inv.vms.at(-1)!.disks) d.datastoreMoid = 'datastore-2';
    const [f] = ruleFindings(run(inv), 'vm-secondary-host', 'vm-dr');
    expect(f!.message).toBe(
      'no other host in cluster DR can hold the secondary: dr-02.lab, dr-03.lab, dr-04.lab, dr-05.lab, dr-06.lab and 2 more (each): is in maintenance mode',
    );
    expect(new Set(f!.evidence.map((e) => e.moid))).toEqual(new Set(['host-5']));
  });
});
