// Peak memory of the file reports on a synthetic estate (default 45,000 VMs, a third blocked, a fifth with a
// warning): `npx tsx bench/report-rss.ts [VMS] [xlsx|prom|json]`. Prints the RSS once the judged result is
// built (what a scan holds anyway), the peak RSS while writing, the time and the file size.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPolicy } from '../src/policy/index.js';
import { renderProm, renderReport, writeReportAtomic } from '../src/report/index.js';
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

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 45000);
  const format = process.argv[3] ?? 'xlsx';
  const result = syntheticResult(n);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const file = join(mkdtempSync(join(tmpdir(), 'ftscan-rss-')), `report.${format}`);
  const t0 = performance.now();
  if (format === 'xlsx') await writeXlsx(result, file);
  else if (format === 'json') await writeReportAtomic(file, renderReport('json', result));
  else if (format === 'prom') await writeReportAtomic(file, renderProm(result));
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

if (process.argv[1]?.endsWith('report-rss.ts')) await main();
