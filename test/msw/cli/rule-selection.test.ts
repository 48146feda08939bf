// Choosing what to check and what to show (issue 20 §3), over the real CLI against the mock vCenter:
// --skip-rule / --only-rule (flags, comma lists, config keys, unknown ids) and --severity for the human formats.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, estate, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { readScanJson, schemaValidator } from '../../../src/result/read.js';
import type { ScanResult } from '../../../src/result/types.js';
import { PASSWORD, run, tempDir, USER } from './harness.js';

let mock: MockVcenter;
let server: MockServer;
let unreadableMoid: string;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

// An FT-ready cluster with a ready control (web-01), one VM with snapshots (db-01, a blocker) and one whose
// snapshot list cannot be read (ro-01: unknown, exit 4, unless the two rules that need it, vm-snapshots and
// vm-linked-clone, are skipped).
beforeAll(async () => {
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD, { '*': REQUIRED_PRIVILEGES.map((p) => p.privilege) });
  const dc = b.datacenter('DC1');
  const shared = b.datastore({ name: 'shared-01', datacenter: dc, type: 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const a = b.cluster({ name: 'Prod-A', datacenter: dc });
  const hosts = ['esx-a1', 'esx-a2', 'esx-a3'].map((name) => b.host({ name, cluster: a, datastores: [shared], networks: [net] }));
  const disk = [{ capacityGB: 40, kind: 'eager' as const, datastore: shared }];
  const vm = (name: string, i: number, extra: object = {}) =>
    b.vm({ name, host: hosts[i]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false, ...extra });
  vm('web-01', 0);
  const db = vm('db-01', 1, { snapshots: 2 });
  b.ftCompat(db, ['hasSnapshots']); // vCenter's own answer, read only with --ask-vcenter
  const ro = vm('ro-01', 2);
  unreadableMoid = ro.moid;
  mock = createMockVcenter(b.build());
  mock.control.noPermission(unreadableMoid, 'snapshot');
  server = await startMockServer(mock, { tls: true });
});
afterAll(async () => {
  await server?.close();
});

const SKIPPED = ['vm-linked-clone', 'vm-snapshots']; // in catalogue order
const vmsOf = (r: ScanResult) => Object.fromEntries(r.evaluation.vms.map((v) => [v.name, v]));

describe('--skip-rule / --only-rule', () => {
  it('control: without a skip db-01 is blocked and ro-01 unknown (exit 4)', async () => {
    const dir = tempDir();
    const r = await run(['scan', ...conn(), '--output', `json=${join(dir, 's.json')}`], { env });
    expect(r.code).toBe(4);
    const vms = vmsOf(readScanJson(readFileSync(join(dir, 's.json'), 'utf8')));
    expect([vms['web-01']!.verdict, vms['db-01']!.verdict, vms['ro-01']!.verdict]).toEqual(['ready', 'blocked', 'unknown']);
  });

  it('a skipped rule is not evaluated, listed in every header, named in the verdict; not unknown, not exit 4', async () => {
    const dir = tempDir();
    const out = (f: string) => join(dir, f);
    const r = await run(
      [
        'scan',
        ...conn(),
        '--skip-rule',
        'vm-snapshots',
        '--skip-rule',
        'vm-linked-clone',
        '--detail',
        '--output',
        `json=${out('s.json')}`,
        '--output',
        `table=${out('s.txt')}`,
        '--output',
        `markdown=${out('s.md')}`,
        '--output',
        `html=${out('s.html')}`,
      ],
      { env },
    );
    // the unreadable snapshot list is still reported, but no evaluated rule needs it: not unknown, not exit 4
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${unreadableMoid} snapshot`);
    const text = readFileSync(out('s.json'), 'utf8');
    expect(schemaValidator()(JSON.parse(text))).toBe(true);
    const json = readScanJson(text);
    expect(json.skippedRules).toEqual(SKIPPED);
    const vms = vmsOf(json);
    expect(Object.values(vms).map((v) => v.verdict)).toEqual(['ready', 'ready', 'ready']);
    expect(vms['db-01']!.unchecked).toEqual(SKIPPED);
    expect(json.evaluation.findings.filter((f) => f.ruleId === 'vm-snapshots')).toEqual([]);
    expect(json.rules!.map((x) => x.id)).not.toContain('vm-snapshots'); // JUnit lists no passing case for it
    const table = readFileSync(out('s.txt'), 'utf8');
    const names = SKIPPED.join(', ');
    expect(table).toContain(`Not checked (--skip-rule / --only-rule): ${names}`);
    expect(table).toContain(`unchecked: ${names}`);
    expect(readFileSync(out('s.md'), 'utf8')).toContain(`**ready**, unchecked: ${names}`);
    const html = readFileSync(out('s.html'), 'utf8');
    expect(html).toContain(`<dt>Not checked</dt><dd data-skipped-rules>${names}</dd>`);
    expect(html).toContain(`<span class="unchecked">unchecked: ${names}</span>`);
  });

  it('--only-rule: only those rules run; the rest are listed as skipped; comma lists and repeats add up', async () => {
    const dir = tempDir();
    const r = await run(
      [
        'scan',
        ...conn(),
        '--only-rule',
        'vm-snapshots,vm-device-hot-add',
        '--only-rule',
        'host-ft-logging-nic',
        '--output',
        `json=${join(dir, 's.json')}`,
      ],
      { env },
    );
    expect(r.code).toBe(4); // ro-01's snapshot list still decides vm-snapshots
    const json = readScanJson(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(json.skippedRules).not.toContain('vm-snapshots');
    expect(json.skippedRules).toContain('vm-hw-version');
    expect(json.rules!.map((x) => x.id).sort()).toEqual(['host-ft-logging-nic', 'vm-device-hot-add', 'vm-snapshots']);
    expect(new Set(json.evaluation.findings.map((f) => f.ruleId))).toEqual(new Set(['vm-snapshots']));
    expect(vmsOf(json)['web-01']!.unchecked).toContain('vm-hw-version');
  });

  it('against a baseline, the findings of a skipped rule are not resolved (unverified: not checked this time)', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.json');
    expect((await run(['scan', ...conn(), '--output', `json=${base}`], { env })).code).toBe(4);
    const now = join(dir, 'now.json');
    const r = await run(['scan', ...conn(), '--skip-rule', SKIPPED.join(','), '--baseline', base, '--output', `json=${now}`], { env });
    expect(r.code).toBe(0);
    const json = readScanJson(readFileSync(now, 'utf8'));
    expect(json.baseline!.resolved.map((f) => f.ruleId)).not.toContain('vm-snapshots');
    expect(json.baseline!.unverified!.map((f) => f.ruleId)).toContain('vm-snapshots');
  });

  it("--ask-vcenter: vCenter's answer on a skipped rule neither blocks nor disputes the VM", async () => {
    const dir = tempDir();
    const ask = join(dir, 'ask.json');
    expect((await run(['scan', ...conn(), '--ask-vcenter', '--output', `json=${ask}`], { env })).code).toBe(4);
    expect(vmsOf(readScanJson(readFileSync(ask, 'utf8')))['db-01']!.verdict).toBe('blocked');
    const r = await run(['scan', ...conn(), '--ask-vcenter', '--skip-rule', SKIPPED.join(','), '--output', `json=${ask}`], { env });
    expect(r.code).toBe(0);
    const json = readScanJson(readFileSync(ask, 'utf8'));
    const db = vmsOf(json)['db-01']!;
    expect(db.verdict).toBe('ready');
    expect(db.vcenterOpinion!.faults.join()).toContain('hasSnapshots'); // still shown as vCenter's answer
    expect(db.vcenterOpinion!.disagreements).toEqual([]);
    expect(json.evaluation.findings.filter((f) => f.ruleId === 'vm-snapshots')).toEqual([]);
  });

  it('config keys skip-rule / only-rule; an unknown id there names the line', async () => {
    const dir = tempDir();
    const config = join(dir, 'ftscan.yaml');
    writeFileSync(config, 'skip-rule: [vm-snapshots, vm-linked-clone]\n');
    const ok = await run(['scan', ...conn(), '--config', config], { env });
    expect(ok.code).toBe(0);
    writeFileSync(config, 'only-rule:\n  - vm-snapshot\n');
    const bad = await run(['scan', ...conn(), '--config', config], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ftscan\.yaml:2: .*unknown rule "vm-snapshot"; did you mean "vm-snapshots"\?/);
  });

  it('an unknown rule id is a one-line usage error with a suggestion, before anything connects', async () => {
    const before = mock.control.methods().length;
    const r = await run(['scan', ...conn(), '--skip-rule', 'vm-snapshot'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'ftscan: --skip-rule names unknown rule "vm-snapshot"; did you mean "vm-snapshots"? (list them with: ftscan rules)',
    ]);
    expect(mock.control.methods().length).toBe(before);
  });
});

describe('--severity', () => {
  it('table, markdown and html show only the chosen severities; JSON, CSV, verdicts and the exit code are unchanged', async () => {
    const dir = tempDir();
    const out = (f: string) => join(dir, f);
    const outputs = ['json=s.json', 'csv-findings=f.csv', 'table=s.txt', 'markdown=s.md', 'html=s.html'].flatMap((o) => {
      const [fmt, file] = o.split('=');
      return ['--output', `${fmt}=${out(file!)}`];
    });
    const r = await run(['scan', ...conn(), '--skip-rule', SKIPPED.join(','), '--detail', ...outputs], { env });
    expect(r.code).toBe(0);
    const full = { json: readFileSync(out('s.json'), 'utf8'), csv: readFileSync(out('f.csv'), 'utf8') };
    const warn = await run(['scan', ...conn(), '--detail', '--severity', 'warning', ...outputs], { env });
    expect(warn.code).toBe(4); // ro-01 unknown: the exit code follows every finding
    const json = readScanJson(readFileSync(out('s.json'), 'utf8'));
    expect(json.evaluation.findings.some((f) => f.severity === 'blocker' && f.ruleId === 'vm-snapshots')).toBe(true);
    expect(readFileSync(out('f.csv'), 'utf8')).toContain('vm-snapshots');
    expect(full.csv).not.toContain('vm-snapshots');
    const table = readFileSync(out('s.txt'), 'utf8');
    expect(table).toContain('Showing only warning findings (--severity)');
    expect(table).toContain('blocked'); // db-01's verdict is still shown
    expect(table).not.toContain('snapshots; FT needs none');
    const md = readFileSync(out('s.md'), 'utf8');
    expect(md).toContain('Showing only warning findings (--severity)');
    expect(md).not.toContain('snapshots; FT needs none');
    const html = readFileSync(out('s.html'), 'utf8');
    expect(html).toContain('data-shown-severities');
    expect(html).not.toContain('snapshots; FT needs none');
    // the same scan without --severity shows the blocker
    const all = await run(['scan', ...conn(), '--detail', '--output', `table=${out('all.txt')}`], { env });
    expect(all.code).toBe(4);
    expect(readFileSync(out('all.txt'), 'utf8')).toContain('snapshots; FT needs none');
  });

  it('a severity that does not exist is exit 2', async () => {
    const r = await run(['scan', ...conn(), '--severity', 'blocker,critical'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ftscan: --severity must be a list of blocker, unknown, warning, info \(got 'critical'\)/);
  });
});
