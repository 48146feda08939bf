// Scheduled-scan and pre-migration workflows end to end: baseline, waivers (and their expiry), plan / what-if,
// offline re-rendering, the rule catalogue, privileges, and the bin launcher as a real process.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import { readScanJson } from '../../../src/result/read.js';
import type { ScanResult } from '../../../src/result/types.js';
import { LIMITED_USER, PASSWORD, run, smallEstate, tempDir, USER } from './harness.js';

let server: MockServer;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];
const REPO = new URL('../../../', import.meta.url).pathname;

beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

async function scanJson(dir: string, extra: string[] = []): Promise<{ code: number; file: string; result: ScanResult }> {
  const file = join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  const r = await run(['scan', ...conn(), '--output', `json=${file}`, ...extra], { env });
  return { code: r.code, file, result: readScanJson(readFileSync(file, 'utf8')) };
}

describe('baseline', () => {
  it('marks findings new and unchanged, and lists those gone as resolved', async () => {
    const dir = tempDir();
    const first = await scanJson(dir);
    // The previous scan knew a finding that is gone now and did not yet know db-01's.
    const prev = structuredClone(first.result);
    const gone = { ...prev.evaluation.findings[0]!, id: 'f'.repeat(20), moid: 'vm-9999', name: 'retired-01', vmMoid: 'vm-9999' };
    const dropped = new Set(prev.evaluation.findings.filter((f) => f.name === 'db-01').map((f) => f.id));
    prev.evaluation.findings = [...prev.evaluation.findings.filter((f) => !dropped.has(f.id)), gone];
    for (const a of [...prev.evaluation.vms, ...prev.evaluation.clusters, ...prev.evaluation.hosts, ...prev.evaluation.datastores]) {
      a.findingIds = a.findingIds.filter((id) => !dropped.has(id));
    }
    for (const v of prev.evaluation.vms) v.fixIds = v.fixIds.filter((id) => !dropped.has(id));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify(prev));

    const second = await scanJson(dir, ['--baseline', baseline]);
    const statuses = (name: string) => second.result.evaluation.findings.filter((f) => f.name === name).map((f) => f.status);
    expect(statuses('db-01').length).toBeGreaterThan(0);
    expect(new Set(statuses('db-01'))).toEqual(new Set(['new']));
    expect(statuses('web-01').every((s) => s === 'unchanged')).toBe(true);
    expect(second.result.baseline?.resolved.map((f) => f.name)).toEqual(['retired-01']);
  });

  it('a scheduled scan whose baseline is its own JSON output runs on the first night, when that file does not exist yet', async () => {
    const dir = tempDir();
    const file = join(dir, 'scan.json');
    const first = await run(['scan', ...conn(), '--output', `json=${file}`, '--baseline', file, '--quiet'], { env });
    expect(first.code).toBe(1);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stderr).toMatch(/warning: --baseline .*scan\.json does not exist yet \(first run\?\)/);
    expect(readScanJson(readFileSync(file, 'utf8')).baseline).toBeUndefined();
    // The second night reads the first night's report as its baseline.
    const second = await run(['scan', ...conn(), '--output', `json=${file}`, '--baseline', file, '--quiet'], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toBe('');
    const r = readScanJson(readFileSync(file, 'utf8'));
    expect(r.evaluation.findings.every((f) => f.status === 'unchanged')).toBe(true);
    // A missing baseline that is not this run's own output stays a usage error (a typo must not go unnoticed).
    const typo = await run(['scan', ...conn(), '--output', `json=${file}`, '--baseline', join(dir, 'scna.json')], { env });
    expect(typo.code).toBe(2);
  });

  it('an unreadable or foreign baseline file is a usage error before connecting', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}');
    const r = await run(['scan', ...conn(), '--baseline', join(dir, 'x.json')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a nightly job', () => {
  it('--fail-on new-blocker exits 0 on an unchanged estate and 1 when a blocker is new since the baseline', async () => {
    const dir = tempDir();
    const base = await scanJson(dir, ['--quiet']);
    expect(base.code).toBe(1); // db-01's snapshots block it: red under the default --fail-on blocker
    const same = await run(
      ['scan', ...conn(), '--baseline', base.file, '--fail-on', 'new-blocker', '--output', `json=${join(dir, 'same.json')}`],
      { env },
    );
    expect(same.code).toBe(0);
    expect(same.stderr).toBe('');
    // The baseline did not know db-01's blockers: they are new now.
    const prev = structuredClone(base.result);
    const dropped = new Set(prev.evaluation.findings.filter((f) => f.name === 'db-01' && f.severity === 'blocker').map((f) => f.id));
    prev.evaluation.findings = prev.evaluation.findings.filter((f) => !dropped.has(f.id));
    const e = prev.evaluation;
    for (const a of [...e.vms, ...e.clusters, ...e.hosts, ...e.datastores]) a.findingIds = a.findingIds.filter((id) => !dropped.has(id));
    for (const v of e.vms) v.fixIds = v.fixIds.filter((id) => !dropped.has(id));
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify(prev));
    const fresh = await run(
      ['scan', ...conn(), '--baseline', old, '--fail-on', 'new-blocker', '--output', `json=${join(dir, 'fresh.json')}`],
      { env },
    );
    expect(fresh.code, fresh.stderr).toBe(1);
    // every report went to a file: the summary on stderr is what cron mails
    const lines = fresh.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^ftscan: exit 1: VMs 1 blocked, (\d+ [a-z ]+, )*\d+ ready; \d+ blocker and \d+ warning findings \(--fail-on new-blocker\)$/,
    );
    expect(lines[1]).toMatch(/^ftscan: \d+ new since the baseline, 0 resolved; new and failing: \d+$/);
    expect(lines.some((l) => /^ftscan: {3}new blocker vm-snapshots on db-01: /.test(l))).toBe(true);
    const quiet = await run(
      ['scan', ...conn(), '--baseline', old, '--fail-on', 'new-blocker', '--output', `json=${join(dir, 'q.json')}`, '--quiet'],
      { env },
    );
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('');
    // a report on stdout says it all: no summary
    const table = await run(['scan', ...conn(), '--baseline', old, '--fail-on', 'new-blocker'], { env });
    expect(table.code).toBe(1);
    expect(table.stderr).toBe('');
    expect(table.stdout).toContain('New blockers since the baseline');
  });

  it('--fail-on new-blocker without --baseline is a usage error', async () => {
    const r = await run(['scan', ...conn(), '--fail-on', 'new-blocker'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ftscan: --fail-on new-blocker compares with a previous report: add --baseline FILE/);
  });
});

describe('waivers', () => {
  it('an active waiver hides the blockers from --fail-on; once expired it stops hiding them and is reported', async () => {
    const dir = tempDir();
    const { result, code } = await scanJson(dir, ['--vm', 'db-01']);
    expect(code).toBe(1);
    const blockers = result.evaluation.findings.filter((f) => f.severity === 'blocker');
    expect(blockers.length).toBeGreaterThan(0);
    const waiverFile = (expires: string) => {
      const file = join(dir, `waivers-${expires}.yaml`);
      const entries = [...new Map(blockers.map((f) => [`${f.ruleId} ${f.name}`, f])).values()].map(
        (f) =>
          `- rule: ${f.ruleId}\n  object: ${JSON.stringify(f.name)}\n  reason: accepted until the migration (CHG-42)\n  expires: ${expires}\n`,
      );
      writeFileSync(file, entries.join(''));
      return file;
    };
    const now = new Date('2026-06-01T12:00:00Z');
    const active = await run(['scan', ...conn(), '--vm', 'db-01', '--waivers', waiverFile('2026-12-31'), '--output', 'json=-'], {
      env,
      now,
    });
    expect(active.code).toBe(0);
    const waived = readScanJson(active.stdout);
    expect(waived.evaluation.findings.filter((f) => f.severity === 'blocker').every((f) => f.waived?.reason.includes('CHG-42'))).toBe(true);
    expect(waived.waivers?.applied).toBeGreaterThan(0);

    const expired = await run(['scan', ...conn(), '--vm', 'db-01', '--waivers', waiverFile('2026-05-31'), '--output', 'json=-'], {
      env,
      now,
    });
    expect(expired.code).toBe(1);
    const out = readScanJson(expired.stdout);
    expect(out.evaluation.findings.some((f) => f.waived)).toBe(false);
    expect(out.waivers?.expired.length).toBeGreaterThan(0);
    expect(out.waivers?.expired[0]!.expires).toBe('2026-05-31');
    // and stderr says which waiver ran out, so the red nightly run explains itself
    expect(expired.stderr).toMatch(
      /^ftscan: warning: waiver for [a-z-]+ on db-01 expired 2026-05-31: its \d+ finding\(s\) count again; renew it/m,
    );
  });
});

describe('pre-migration', () => {
  it('plan prints per VM ready or not in the target cluster with the ordered, marked fix list', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'migrate.txt'), '# wave 1\nweb-01\ndb-01\nghost-99\n');
    const r = await run(['plan', ...conn(), '--vms', join(dir, 'migrate.txt'), '--target-cluster', 'Prod-B'], { env });
    expect(r.stdout).toContain('as if placed in cluster Prod-B');
    expect(r.stdout).toMatch(/BLOCKED\s+db-01/);
    expect(r.stdout).toMatch(/BLOCKED\s+web-01/); // Prod-B's hosts have no FT logging vmknic
    expect(r.stdout).toMatch(/NOT FOUND\s+ghost-99/);
    expect(r.stdout).not.toContain('app-01');
    // Each step's disruption in the words every report uses (DISRUPTION_LABEL), and the window answer first.
    expect(r.stdout).toMatch(
      / {12}(no )?maintenance window needed.*\n {12}1\. \[(no downtime|VM power-off|host reboot|BIOS change|host maintenance|cluster change)\] /,
    );
    // Each fix is followed by the finding it fixes, so "fix the listed problems" has its list.
    expect(r.stdout).toMatch(/ {12}\d\. \[[a-zA-Z -]+\] .*\(vm-snapshots\)\n {15}why: 2 snapshots/);
    expect(r.stdout).toMatch(/\(vm-secondary-host\)\n {15}why: .*esx-b/);
    expect(r.code).toBe(1);
  });

  it('scan --target-cluster records the what-if in the report, and the same VMs in place are fine', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'list.txt'), 'web-01\n');
    const whatIf = await scanJson(dir, ['--vms', join(dir, 'list.txt'), '--target-cluster', 'Prod-B']);
    const unknown = await run(['scan', ...conn(), '--vms', join(dir, 'list.txt'), '--target-cluster', 'Prod-Z'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--target-cluster Prod-Z: no such cluster/);
    writeFileSync(join(dir, 'typo.txt'), 'web-01\nweb-1\n');
    const typo = await run(['scan', ...conn(), '--vms', join(dir, 'typo.txt'), '--output', 'json=-'], { env });
    expect(typo.stderr).toContain('warning: 1 VM(s) listed in --vms not found: web-1');
    expect(whatIf.result.targetCluster).toBe('Prod-B');
    expect(whatIf.result.evaluation.vms.map((v) => [v.name, v.verdict])).toEqual([['web-01', 'blocked']]);
    const inPlace = await scanJson(dir, ['--vms', join(dir, 'list.txt')]);
    expect(inPlace.result.evaluation.vms.map((v) => v.name)).toEqual(['web-01']);
    expect(inPlace.result.evaluation.vms[0]!.verdict).not.toBe('blocked');
  });
});

describe('scope', () => {
  it('filters by cluster, host glob, VM glob and vSphere tag', async () => {
    const dir = tempDir();
    const names = async (...flags: string[]) => (await scanJson(dir, flags)).result.evaluation.vms.map((v) => v.name).sort();
    expect(await names('--cluster', 'Prod-A')).toEqual(['app-01', 'db-01', 'web-01']);
    expect(await names('--datacenter', 'DC1', '--host', 'esx-a[12]')).toEqual(['db-01', 'web-01']);
    expect(await names('--vm', '*-01', '--vm', 'nothing')).toEqual(['app-01', 'db-01', 'web-01']);
    expect(await names('--tag', 'FT/Candidate')).toEqual(['web-01']);
  });
});

describe('--ask-vcenter', () => {
  it("adds vCenter's own FT compatibility answer beside ftscan's findings", async () => {
    const dir = tempDir();
    const asked = await scanJson(dir, ['--vm', 'db-01', '--ask-vcenter']);
    const db = asked.result.evaluation.vms[0]!;
    expect(db.vcenterOpinion?.status).toBe('evaluated');
    expect(db.vcenterOpinion?.faults.join(' ')).toMatch(/hasSnapshots/);
    expect(asked.result.targets[0]!.inventory!.ftQuery).toBeDefined();
    const plain = await scanJson(dir, ['--vm', 'db-01']);
    expect(plain.result.targets[0]!.inventory!.ftQuery).toBeUndefined();
  });
});

describe('--ask-vcenter without the query privilege', () => {
  it('says once that vCenter was not asked, and why, instead of staying silent', async () => {
    const RO = 'readonly@vsphere.local';
    const b = smallEstate().user(RO, PASSWORD, { '*': ['System.Anonymous', 'System.View', 'System.Read'] });
    const ro = await startMockServer(createMockVcenter(b.build()), { tls: true });
    try {
      const args = ['scan', '--server', ro.url, '--user', RO, '--ca-file', ro.caFile, '--output', 'json=-'];
      const r = await run([...args, '--ask-vcenter'], { env });
      expect(r.code).toBe(1);
      const vms = readScanJson(r.stdout).evaluation.vms;
      expect(vms.every((v) => v.vcenterOpinion?.status === 'notEvaluated')).toBe(true);
      expect(r.stderr.trim().split('\n')).toEqual([
        `ftscan: warning: --ask-vcenter: vCenter's own FT check did not run for ${vms.length} of ${vms.length} VMs ` +
          '(no privilege VirtualMachine.Config.QueryFTCompatibility on this VM): add the privilege to the ftscan role, see `ftscan privileges`',
      ]);
      expect((await run(args, { env })).stderr).toBe('');
    } finally {
      await ro.close();
    }
  });
});

describe('report, rules, explain, privileges', () => {
  it('re-renders a stored scan offline in every format, with the same exit semantics', async () => {
    const dir = tempDir();
    const { file } = await scanJson(dir);
    const r = await run(['report', file, '--output', `html=${join(dir, 'again.html')}`, '--output', 'markdown=-']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('db-01');
    expect(readFileSync(join(dir, 'again.html'), 'utf8')).toContain('db-01');
    const none = await run(['report', file, '--fail-on', 'none', '--output', 'csv=-']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('db-01');
    const missing = await run(['report', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
  });

  it('lists the catalogue and explains a rule', async () => {
    const rules = await run(['rules', '--json']);
    expect(rules.code).toBe(0);
    const catalogue = JSON.parse(rules.stdout) as { id: string }[];
    expect(catalogue.length).toBeGreaterThan(10);
    const table = await run(['rules']);
    expect(table.stdout).toContain(catalogue[0]!.id);
    const explain = await run(['explain', catalogue[0]!.id]);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain(catalogue[0]!.id);
  });

  it('privileges prints the role, and checks the connected user', async () => {
    const offline = await run(['privileges']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('System.Read');
    expect(offline.stdout).toContain('VirtualMachine.Config.QueryFTCompatibility');
    const online = await run(['privileges', ...conn()], { env });
    expect(online.code).toBe(0);
    expect(online.stdout).toMatch(new RegExp(`${USER} on `));
    expect(online.stdout).toMatch(/ok\s+System\.Read/);
    const limited = await run(['privileges', '--server', server.url, '--user', LIMITED_USER, '--ca-file', server.caFile], { env });
    expect(limited.code).toBe(1);
    expect(limited.stdout).toMatch(/MISSING\s+System\.Read/);
  });

  it('a user without System.Read gets a report marked incomplete (exit 4), not a clean bill of health', async () => {
    const dir = tempDir();
    const file = join(dir, 'scan.json');
    const r = await run(['scan', '--server', server.url, '--user', LIMITED_USER, '--ca-file', server.caFile, '--output', `json=${file}`], {
      env,
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/NoPermission.*see `ftscan privileges`/);
    const result = readScanJson(readFileSync(file, 'utf8'));
    expect(result.complete).toBe(false);
    expect(result.evaluation.vms.some((v) => v.verdict === 'ready')).toBe(false);
  });
});

describe('bin/ftscan.js as a real process', () => {
  it('scans the mock vCenter and exits with the documented code', async () => {
    const exec = promisify(execFile);
    const version = await exec(process.execPath, [join(REPO, 'bin/ftscan.js'), '--version'], { cwd: REPO });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
    const scan = await exec(process.execPath, [join(REPO, 'bin/ftscan.js'), 'scan', ...conn(), '--output', 'json=-'], {
      cwd: REPO,
      env: { ...process.env, FTSCAN_PASSWORD: PASSWORD },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((scan as { code?: number }).code).toBe(1);
    expect(readScanJson(scan.stdout).evaluation.vms).toHaveLength(3);
    expect(scan.stderr).toBe('');
  }, 60_000);
});
