// Peak memory of the file reports on a synthetic estate (default 45,000 VMs, a third blocked, a fifth with a
// warning): `npx tsx bench/report-rss.ts [VMS] [xlsx|prom|json|html|junit|csv|report|report-table]`. Prints the RSS once the judged result is
// built (what a scan holds anyway), the peak RSS while writing, the time and the file size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPolicy } from '../src/policy/index.js';
import { isFormat, renderProm, renderReport, writeReportAtomic } from '../src/report/index.js';
import { writeXlsx } from '../src/report/xlsx.js';
import { findingId, vcenterKey } from '../src/rules/finding-id.js';
import type { Finding, VmAssessment } from '../src/rules/types.js';
import type { ScanResult } from '../src/result/types.js';
import { makeEvaluatedScan, SERVER } from '../test/unit/report/fixtures.js';

export function syntheticResult(nVms: number): ScanResult {
  const scan = makeEvaluatedScan();
  const inv = scan.targets[0]!.inventory!;
  const key = vcenterKey(inv.vcenter.instanceUuid, SERVER);
  const template = inv.vms[0]!;
  const hosts = ['host-11', 'host-12'];
  inv.vms = [];
  const vms: (VmAssessment & { server: string })[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < nVms; i++) {
    const moid = `vm-${100000 + i}`;
    const name = `vm-scale-${String(i).padStart(5, '0')}`;
    const hostMoid = hosts[i % 2]!;
    inv.vms.push({ ...template, moid, name, hostMoid, numCpu: [1, 2, 4][i % 3]!, memoryMB: [2048, 4096, 8192][i % 3]! });
    const ids: string[] = [];
    const add = (f: Omit<Finding, 'id'>) => {
      const full = { id: findingId(f, key), ...f };
      findings.push(full);
      ids.push(full.id);
    };
    if (i % 3 === 0) {
      add({
        ruleId: 'vm-snapshots',
        severity: 'blocker',
        scope: 'vm',
        objectType: 'VirtualMachine',
        moid,
        name,
        server: SERVER,
        generation: 'smp',
        message: '1 snapshot present; FT needs none',
        source: 'ftscan',
        disruption: 'none',
        evidence: [{ objectType: 'VirtualMachine', moid, name, path: 'snapshot.rootSnapshotList', observed: 1, expected: '0' }],
        remediation: 'Delete or consolidate all snapshots.',
      });
    }
    if (i % 5 === 0) {
      add({
        ruleId: 'vm-disk-thin',
        severity: 'warning',
        scope: 'vm',
        objectType: 'VirtualMachine',
        moid,
        name,
        server: SERVER,
        generation: 'smp',
        message: 'Hard disk 1 is thin provisioned; FT will inflate it to 40 GiB',
        source: 'ftscan',
        disruption: 'none',
        remediation: 'Inflate the disk or make sure the datastore has 40 GiB free.',
        evidence: [
          {
            objectType: 'VirtualMachine',
            moid,
            name,
            path: 'config.hardware.device[key=2000].backing.thinProvisioned',
            observed: true,
            expected: 'false',
          },
        ],
      });
    }
    vms.push({
      moid,
      name,
      server: SERVER,
      clusterMoid: 'domain-c7',
      clusterName: 'Prod-A',
      hostMoid,
      hostName: hostMoid === 'host-11' ? 'esx-a1.example.com' : 'esx-a2.example.com',
      generation: 'smp',
      generationReason: 'hosts run ESXi 7.0.3 (SMP-FT)',
      findingIds: ids,
      secondaryCandidates: [hosts[(i + 1) % 2]!],
    });
  }
  scan.evaluation.vms = vms;
  scan.evaluation.findings = findings;
  scan.evaluation.hosts = scan.evaluation.hosts.map((h) => ({ ...h, findingIds: [] }));
  scan.evaluation.clusters = scan.evaluation.clusters.map((c) => ({ ...c, findingIds: [] }));
  scan.evaluation.datastores = [];
  scan.targets = [scan.targets[0]!];
  return applyPolicy(scan, {}, '2026-11-28');
}

// The shape of the 45,000-VM vcsim scan of issue 24 (10 clusters x 10 hosts, about 3 findings per VM, 200+
// causes): every VM has a VM-rule finding (20 rules, a blocker on two VMs in three), a thin-disk warning and a
// pairing finding on its host (stored once per VM, as pairing findings are), every cluster one cluster finding
// shared by its VMs. No vCenter needed: the sizes of the file reports at scale are measured on this.
export function vcsimShapedResult(nVms: number): ScanResult {
  const scan = makeEvaluatedScan();
  const inv = scan.targets[0]!.inventory!;
  const key = vcenterKey(inv.vcenter.instanceUuid, SERVER);
  const template = inv.vms[0]!;
  const base = scan.evaluation.clusters[0]!;
  inv.vms = [];
  const vms: (VmAssessment & { server: string })[] = [];
  const findings: Finding[] = [];
  const finding = (f: Omit<Finding, 'id'>): Finding => {
    const full = { id: findingId(f, key), ...f };
    findings.push(full);
    return full;
  };
  const clusters = Array.from({ length: 10 }, (_, c) => ({ moid: `domain-c${100 + c}`, name: `Cluster-${String(c).padStart(2, '0')}` }));
  const hostOf = (h: number) => ({ moid: `host-${1000 + h}`, name: `esx-${String(h).padStart(3, '0')}.sim.example.com` });
  const clusterFindings = clusters.map((c) =>
    finding({
      ruleId: 'cluster-ha-admission',
      severity: 'warning',
      scope: 'cluster',
      objectType: 'ClusterComputeResource',
      moid: c.moid,
      name: c.name,
      server: SERVER,
      generation: 'smp',
      message: 'HA admission control reserves no capacity for FT secondaries',
      source: 'ftscan',
      disruption: 'clusterConfig',
      evidence: [
        {
          objectType: 'ClusterComputeResource',
          moid: c.moid,
          name: c.name,
          path: 'configurationEx.dasConfig.admissionControlEnabled',
          observed: false,
          expected: 'true',
        },
      ],
      remediation: 'Turn on HA admission control with a policy that reserves capacity for FT secondaries.',
    }),
  );
  const vmRules = Array.from({ length: 20 }, (_, k) => `vm-rule-${String(k).padStart(2, '0')}`);
  for (let i = 0; i < nVms; i++) {
    const moid = `vm-${100000 + i}`;
    const name = `vm-scale-${String(i).padStart(5, '0')}`;
    const h = i % 100;
    const c = Math.floor(h / 10);
    const host = hostOf(h);
    inv.vms.push({ ...template, moid, name, hostMoid: host.moid, numCpu: [1, 2, 4][i % 3]!, memoryMB: [2048, 4096, 8192][i % 3]! });
    const vmEv = (path: string, observed: unknown, expected: string) => [
      { objectType: 'VirtualMachine' as const, moid, name, path, observed, expected },
    ];
    const own = [
      finding({
        ruleId: vmRules[i % 20]!,
        severity: i % 3 === 2 ? 'warning' : 'blocker',
        scope: 'vm',
        objectType: 'VirtualMachine',
        moid,
        name,
        server: SERVER,
        generation: 'smp',
        message: `Device ${i % 7} on ${name} is not supported with FT`,
        source: 'ftscan',
        disruption: i % 2 ? 'vmPowerOff' : 'none',
        evidence: vmEv(
          `config.hardware.device[key=${4000 + (i % 7)}].backing`,
          { deviceName: `/dev/sr${i % 7}`, useAutoDetect: false },
          'no passthrough',
        ),
        remediation: 'Remove the device or change its backing to one FT supports, then re-run the scan.',
      }),
      finding({
        ruleId: 'vm-disk-thin',
        severity: 'warning',
        scope: 'vm',
        objectType: 'VirtualMachine',
        moid,
        name,
        server: SERVER,
        generation: 'smp',
        message: 'Hard disk 1 is thin provisioned; FT will inflate it to 40 GiB',
        source: 'ftscan',
        disruption: 'none',
        evidence: vmEv('config.hardware.device[key=2000].backing.thinProvisioned', true, 'false'),
        remediation: 'Inflate the disk or make sure the datastore has 40 GiB free.',
      }),
      finding({
        ruleId: i % 2 ? 'host-ft-logging-nic' : 'host-vmotion-nic',
        severity: 'blocker',
        scope: 'host',
        objectType: 'HostSystem',
        moid: host.moid,
        name: host.name,
        vmMoid: moid,
        server: SERVER,
        generation: 'smp',
        message: `${host.name} has no vmknic enabled for ${i % 2 ? 'FT logging' : 'vMotion'}`,
        source: 'ftscan',
        disruption: 'hostMaintenance',
        evidence: [
          {
            objectType: 'HostSystem',
            moid: host.moid,
            name: host.name,
            path: 'config.virtualNicManagerInfo.netConfig',
            observed: [],
            expected: 'a selected vmknic',
          },
        ],
        remediation: `Enable ${i % 2 ? 'Fault Tolerance logging' : 'vMotion'} on a vmknic of ${host.name} (10 Gbit/s or faster).`,
      }),
    ];
    vms.push({
      moid,
      name,
      server: SERVER,
      clusterMoid: clusters[c]!.moid,
      clusterName: clusters[c]!.name,
      hostMoid: host.moid,
      hostName: host.name,
      generation: 'smp',
      generationReason: 'hosts run ESXi 8.0.2 (SMP-FT)',
      findingIds: [...own, clusterFindings[c]!].map((f) => f.id),
      secondaryCandidates: [hostOf(c * 10 + ((h + 1) % 10)).moid],
    });
  }
  scan.evaluation.vms = vms;
  scan.evaluation.findings = findings;
  scan.evaluation.hosts = Array.from({ length: 100 }, (_, h) => ({ ...hostOf(h), findingIds: [] }));
  scan.evaluation.clusters = clusters.map((c, k) => ({ ...base, ...c, findingIds: [clusterFindings[k]!.id] }));
  scan.evaluation.datastores = [];
  scan.targets = [scan.targets[0]!];
  scan.targetCluster = undefined;
  return applyPolicy(scan, {}, '2026-11-28');
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 45000);
  const format = process.argv[3] ?? 'xlsx';
  if (format === 'report') return reportCli(n);
  if (format === 'report-table') return reportTableCli(n);
  const result = format === 'xlsx' || format === 'prom' ? syntheticResult(n) : vcsimShapedResult(n);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const file = join(mkdtempSync(join(tmpdir(), 'ftscan-rss-')), `report.${format}`);
  const t0 = performance.now();
  if (format === 'xlsx') await writeXlsx(result, file);
  else if (format === 'prom') await writeReportAtomic(file, renderProm(result));
  else if (isFormat(format)) await writeReportAtomic(file, renderReport(format, result));
  else throw new Error(`unknown format ${format}`);
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(
    `${format} ${n} VMs (${result.evaluation.findings.length} findings): result built ${mb(before)} MB RSS, ` +
      `peak while writing ${mb(peak)} MB (+${mb(peak - before)} MB), ${Math.round(ms)} ms, ${mb(statSync(file).size * 1)} MB file ` +
      `(${statSync(file).size} bytes)`,
  );
}

// `ftscan report` as a user runs it (the built CLI when present, else tsx) on the vcsim-shaped JSON: HTML, xlsx,
// CSV and JUnit in one run; wall time and the child's peak RSS (getrusage of the waited-for child).
async function reportCli(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ftscan-report-'));
  const json = join(dir, 'scan.json');
  await writeReportAtomic(json, renderReport('json', vcsimShapedResult(n)));
  const outs = ['html', 'xlsx', 'csv', 'junit'].flatMap((f) => ['--output', `${f}=${join(dir, `report.${f === 'junit' ? 'xml' : f}`)}`]);
  // GNU time reports the child's own peak RSS (%M, KB) and wall time.
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', process.execPath, 'bin/ftscan.js', 'report', json, ...outs, '--fail-on', 'none'],
    {
      encoding: 'utf8',
    },
  );
  const [secs, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
  const size = (f: string) => `${f} ${(statSync(join(dir, `report.${f}`)).size / 2 ** 20).toFixed(1)} MB`;
  console.log(
    `ftscan report ${n} VMs -> html+xlsx+csv+junit: exit ${r.status}, ${secs} s wall (${(Number(user) + Number(sys)).toFixed(1)} s CPU), peak RSS ${Math.round(Number(kb) / 1024)} MB; ` +
      `${['html', 'xlsx', 'csv', 'xml'].map(size).join(', ')}; JSON ${(statSync(json).size / 2 ** 20).toFixed(1)} MB`,
  );
}

// `ftscan report scan.json` to the table on stdout (issue 21: <= 5 s at 45,000 VMs): three runs, CPU seconds
// beside the wall time (on a shared machine the CPU seconds are the figure to compare).
async function reportTableCli(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ftscan-report-'));
  const json = join(dir, 'scan.json');
  await writeReportAtomic(json, renderReport('json', vcsimShapedResult(n)));
  for (let run = 1; run <= 3; run++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, 'bin/ftscan.js', 'report', json, '--fail-on', 'none'], {
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
    const [secs, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
    console.log(
      `ftscan report ${n} VMs -> table (stdout): exit ${r.status}, ${secs} s wall (${(Number(user) + Number(sys)).toFixed(1)} s CPU), ` +
        `peak RSS ${Math.round(Number(kb) / 1024)} MB; JSON ${(statSync(json).size / 2 ** 20).toFixed(1)} MB`,
    );
  }
}

if (process.argv[1]?.endsWith('report-rss.ts')) await main();
