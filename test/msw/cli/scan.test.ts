// The whole CLI in-process against the mock vCenter over real https on 127.0.0.1: every report format from a
// real scan, every exit code, one-line errors without stack traces, and no password anywhere.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer, type MockVcenter } from '../../../mocks/index.js';
import { readScanJson, schemaValidator } from '../../../src/result/read.js';
import { PASSWORD, run, smallEstate, tempDir, USER, type Run } from './harness.js';

let mock: MockVcenter;
let server: MockServer;
const env = { FTSCAN_PASSWORD: PASSWORD };
const conn = (): string[] => ['--server', server.url, '--user', USER, '--ca-file', server.caFile];

function noStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stderr).not.toContain(PASSWORD);
  expect(r.stdout).not.toContain(PASSWORD);
}

function errorLines(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l.startsWith('ftscan: ') && !l.startsWith('ftscan: warning'));
}

beforeAll(async () => {
  mock = createMockVcenter(smallEstate().build());
  server = await startMockServer(mock, { tls: true });
});
afterAll(async () => {
  await server?.close();
});

describe('ftscan scan', () => {
  it('writes every format from one real scan; the JSON validates against the schema; no password anywhere', async () => {
    const dir = tempDir();
    const formats = { json: 'scan.json', csv: 'scan.csv', junit: 'scan.xml', html: 'scan.html', markdown: 'scan.md', table: 'scan.txt' };
    const r = await run(['scan', ...conn(), ...Object.entries(formats).flatMap(([f, file]) => ['--output', `${f}=${join(dir, file)}`])], {
      env,
    });
    noStack(r);
    expect(r.code).toBe(1); // db-01's snapshots are a blocker
    expect(r.stdout).toBe(''); // everything went to files
    const text = readFileSync(join(dir, 'scan.json'), 'utf8');
    expect(schemaValidator()(JSON.parse(text))).toBe(true);
    const json = readScanJson(text); // schema 3.0 writes each fact once: the model is what reading gives back
    expect(json.complete).toBe(true);
    expect(json.targets).toHaveLength(1);
    expect(json.targets[0]!.status).toBe('complete');
    expect(json.summary.soapCalls).toBeGreaterThan(3);
    expect(json.evaluation.vms.map((v) => v.name).sort()).toEqual(['app-01', 'db-01', 'web-01']);
    const db = json.evaluation.vms.find((v) => v.name === 'db-01')!;
    expect(db.verdict).toBe('blocked');
    const byId = new Map(json.evaluation.findings.map((f) => [f.id, f]));
    expect(db.findingIds.map((id) => byId.get(id)!).some((f) => f.severity === 'blocker' && f.server === server.url)).toBe(true);
    // the other formats carry the same VMs
    for (const file of Object.values(formats).filter((f) => f !== 'scan.json' && f !== 'scan.txt')) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const vm of ['web-01', 'db-01', 'app-01']) expect(text, file).toContain(vm);
    }
    // the table names the VMs that are not ready (every VM with --detail)
    expect(readFileSync(join(dir, 'scan.txt'), 'utf8')).toMatch(/blocked in .*\n {4}db-01 1/);
    expect(readFileSync(join(dir, 'scan.xml'), 'utf8')).toMatch(/<testsuites?[\s>]/);
    expect(readFileSync(join(dir, 'scan.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8'), file).not.toContain(PASSWORD);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // atomic writes leave no temp files
  });

  it('writes structured logs to --log-file at --log-level, with no secret in them', async () => {
    const dir = tempDir();
    const log = join(dir, 'ftscan.log');
    const r = await run(
      ['scan', ...conn(), '--log-level', 'trace', '--log-file', log, '--output', `json=${join(dir, 'scan.json')}`, '--quiet'],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(''); // logs went to the file (and --quiet drops the failure summary)
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty('level');
    expect(readFileSync(log, 'utf8')).not.toContain(PASSWORD);
  });

  it('prints a plain table on stdout when no --output is given (not a TTY: no colour)', async () => {
    const r = await run(['scan', ...conn()], { env });
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('db-01');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe(''); // silent under cron: no progress, no chatter
  });

  it('colours the table on a terminal, unless NO_COLOR is set', async () => {
    const tty = await run(['scan', ...conn(), '--vm', 'db-01'], { env, tty: true });
    expect(tty.stdout).toMatch(/\x1b\[\d+m/);
    expect(tty.stdout).toContain('db-01');
    const noColor = await run(['scan', ...conn(), '--vm', 'db-01'], { env: { ...env, NO_COLOR: '1' }, tty: true });
    expect(noColor.stdout).not.toMatch(/\x1b\[\d+m/);
    expect(noColor.stdout).toContain('db-01');
    // FORCE_COLOR (issue 17 §7): colour on a pipe too; FORCE_COLOR=0 turns it off on a terminal; NO_COLOR wins
    const forced = await run(['scan', ...conn(), '--vm', 'db-01'], { env: { ...env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[\d+m/);
    const off = await run(['scan', ...conn(), '--vm', 'db-01'], { env: { ...env, FORCE_COLOR: '0' }, tty: true });
    expect(off.stdout).not.toMatch(/\x1b\[\d+m/);
    const both = await run(['scan', ...conn(), '--vm', 'db-01'], { env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout).not.toMatch(/\x1b\[\d+m/);
  });

  it('scans several vCenters from a config file with per-server credentials, warning about a readable password', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'ftscan.yaml');
    writeFileSync(
      cfg,
      [
        'server:',
        `  - server: ${server.url}`,
        `    user: ${USER}`,
        `    password: ${PASSWORD}`,
        `    ca-file: ${server.caFile}`,
        `  - server: https://127.0.0.1:1`,
        `    user: ${USER}`,
        `    password: ${PASSWORD}`,
        'concurrency: 2',
        'output: [json=scan.json]',
      ].join('\n'),
      { mode: 0o644 },
    );
    const r = await run(['scan', '--config', cfg], {});
    noStack(r);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/warning: .*ftscan\.yaml holds a password and is readable by group\/others: chmod 600/);
    const result = readScanJson(readFileSync(join(dir, 'scan.json'), 'utf8'));
    expect(result.targets.map((t) => t.status)).toEqual(['complete', 'failed']);
  });

  it('exit 0 when nothing reaches --fail-on; --fail-on none never fails on findings', async () => {
    const clean = await run(['scan', ...conn(), '--vm', 'web-01', '--output', 'json=-'], { env });
    noStack(clean);
    const result = readScanJson(clean.stdout);
    expect(result.evaluation.vms.map((v) => v.name)).toEqual(['web-01']);
    expect(result.summary.findings.blocker).toBe(0);
    expect(clean.code).toBe(0);
    const none = await run(['scan', ...conn(), '--fail-on', 'none', '--output', 'json=-'], { env });
    expect(none.code).toBe(0);
    expect(readScanJson(none.stdout).summary.findings.blocker).toBeGreaterThan(0);
  });

  it('--fail-on warning fails on warnings that blocker ignores', async () => {
    const blockerOnly = await run(['scan', ...conn(), '--vm', 'app-01', '--output', 'json=-'], { env });
    const result = readScanJson(blockerOnly.stdout);
    expect(result.summary.findings.blocker).toBe(0);
    expect(result.summary.findings.warning).toBeGreaterThan(0);
    expect(blockerOnly.code).toBe(0);
    const warning = await run(['scan', ...conn(), '--vm', 'app-01', '--fail-on', 'warning', '--output', 'json=-'], { env });
    expect(warning.code).toBe(1);
  });

  it('prompts for the password on a terminal without echoing it', async () => {
    const r = await run(['scan', ...conn(), '--fail-on', 'none', '--output', 'json=-'], { tty: true, typed: `${PASSWORD}\r` });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Password for ${USER} on ${server.url}: `);
    noStack(r);
    expect(readScanJson(r.stdout).targets[0]!.status).toBe('complete');
  });

  it('reads the password from --password-file and refuses --password on argv', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pw'), `${PASSWORD}\n`, { mode: 0o600 });
    const r = await run(['scan', ...conn(), '--password-file', join(dir, 'pw'), '--fail-on', 'none'], {});
    noStack(r);
    expect(r.code).toBe(0);
    const argv = await run(['scan', ...conn(), '--password', PASSWORD], {});
    expect(argv.code).toBe(2);
    expect(errorLines(argv)).toHaveLength(1);
    expect(argv.stderr).toContain('FTSCAN_PASSWORD');
    noStack(argv);
    const none = await run(['scan', ...conn()], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no password for .*: set FTSCAN_PASSWORD, or use --password-file FILE/);
  });
});

describe('a scope that matches nothing is reported, not a silent empty report', () => {
  it('warns about a cluster or datacenter name the vCenter does not have, and about an empty scope', async () => {
    // A near miss is suggested (as for VM names); the exit code stays 0, as for a --vms name not found.
    const typo = await run(['scan', ...conn(), '--cluster', 'Prod-Q', '--output', 'json=-'], { env });
    noStack(typo);
    expect(typo.code).toBe(0);
    expect(readScanJson(typo.stdout).evaluation.vms).toHaveLength(0);
    expect(typo.stderr).toContain(`ftscan: warning: no cluster "Prod-Q" in the scanned vCenter: did you mean 'Prod-A'?`);
    expect(typo.stderr).toContain('ftscan: warning: no VM matched the scope (--cluster Prod-Q): the report is empty');
    // Cluster names match as VM names do: case-insensitively.
    const lower = await run(['scan', ...conn(), '--cluster', 'prod-a', '--output', 'json=-'], { env });
    expect(lower.stderr).toBe('');
    expect(readScanJson(lower.stdout).evaluation.vms.length).toBeGreaterThan(0);

    const glob = await run(['scan', ...conn(), '--vm', 'sql-*', '--output', 'json=-'], { env });
    expect(glob.stderr.trim()).toBe(
      'ftscan: warning: no VM matched the scope (--vm sql-*): the report is empty; check the names (--vm and --host take globs, --tag Category/Tag)',
    );

    // One existing and one unknown name: the scope still matches VMs; only the unknown name is reported.
    const mixed = await run(['scan', ...conn(), '--cluster', 'Prod-A', '--cluster', 'Nope', '--datacenter', 'DC1', '--output', 'json=-'], {
      env,
    });
    expect(mixed.stderr.trim()).toBe(
      'ftscan: warning: no cluster "Nope" in the scanned vCenter: check --cluster (names match case-insensitively; globs as for --vm)',
    );

    const ok = await run(['scan', ...conn(), '--cluster', 'Prod-A', '--output', 'json=-'], { env });
    expect(ok.stderr).toBe('');
  });
});

describe('the same vCenter listed twice', () => {
  it('is named in a warning (same instanceUuid), since its VMs would be counted twice', async () => {
    const alias = server.url.replace('127.0.0.1', 'localhost');
    const r = await run(
      ['scan', '--server', server.url, '--server', alias, '--user', USER, '--ca-file', server.caFile, '--output', 'json=-'],
      { env },
    );
    noStack(r);
    const result = readScanJson(r.stdout);
    expect(result.targets).toHaveLength(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^ftscan: warning: ${server.url} and ${alias} are the same vCenter \\(instanceUuid [0-9a-f-]+\\): its VMs are counted 2 times; list it once\n$`,
      ),
    );
    const once = await run(['scan', ...conn(), '--output', 'json=-'], { env });
    expect(once.stderr).toBe('');
  });
});

describe('exit code 3: nothing could be scanned, one line naming cause and fix', () => {
  it('wrong password', async () => {
    const r = await run(['scan', ...conn()], { env: { FTSCAN_PASSWORD: 'wrong-password' } });
    expect(r.code).toBe(3);
    expect(errorLines(r)).toEqual([`ftscan: login failed for user ${USER} on 127.0.0.1: check the user name and password (InvalidLogin)`]);
    expect(r.stderr).not.toContain('wrong-password');
    noStack(r);
  });

  it('every one of several vCenters unreachable or refusing the login: 3, one line each', async () => {
    const r = await run(['scan', '--server', 'https://127.0.0.1:1', '--server', server.url, '--user', USER, '--ca-file', server.caFile], {
      env: { FTSCAN_PASSWORD: 'wrong-password' },
    });
    expect(r.code).toBe(3);
    expect(errorLines(r)).toHaveLength(2);
    expect(r.stderr).toMatch(/cannot reach 127\.0\.0\.1:1/);
    expect(r.stderr).toMatch(/login failed/);
    noStack(r);
  });

  it('unreachable host', async () => {
    const r = await run(['scan', '--server', 'https://127.0.0.1:1', '--user', USER], { env });
    expect(r.code).toBe(3);
    expect(errorLines(r)).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\): check --server and the network/);
    noStack(r);
  });

  it('untrusted certificate names --ca-file and --insecure; --insecure connects with a warning', async () => {
    const dir = tempDir();
    const r = await run(['scan', '--server', server.url, '--user', USER, '--output', `json=${join(dir, 'scan.json')}`], { env });
    expect(r.code).toBe(3);
    expect(errorLines(r)).toHaveLength(1);
    expect(r.stderr).toMatch(/not trusted by ftscan.*: pass --ca-file FILE, or --insecure/);
    expect(existsSync(join(dir, 'scan.json'))).toBe(false); // no report replaces a good one
    noStack(r);
    const insecure = await run(['scan', '--server', server.url, '--user', USER, '--insecure', '--fail-on', 'none'], { env });
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toMatch(/warning: --insecure/);
  });
});

describe('exit code 2: usage and configuration errors', () => {
  it('bad config file: unknown key, bad YAML', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), `server: ${'https://vc.example.com'}\nusr: x\n`);
    const r = await run(['scan', '--config', join(dir, 'a.yaml')], { env });
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([`ftscan: ${join(dir, 'a.yaml')}:2: unknown key 'usr' (did you mean 'user'?)`]);
    writeFileSync(join(dir, 'b.yaml'), 'server: [a,\n');
    const y = await run(['scan', '--config', 'b.yaml'], { env, cwd: dir });
    expect(y.code).toBe(2);
    expect(errorLines(y)).toHaveLength(1);
    expect(y.stderr).toMatch(/b\.yaml:\d+: invalid YAML/);
    noStack(y);
  });

  it('an http:// --server is a usage error naming the https URL to use', async () => {
    const r = await run(['scan', '--server', 'http://vc.example.com', '--user', USER], { env });
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([
      'ftscan: --server must be a host name or an https:// URL (vCenter serves its API over https only): use https://vc.example.com',
    ]);
  });

  it('an unreadable --ca-file is a usage error found before connecting', async () => {
    const before = mock.control.calls.length;
    const missing = join(tempDir(), 'no-such-ca.pem');
    const r = await run(['scan', '--server', server.url, '--user', USER, '--ca-file', missing], { env });
    expect(r.code).toBe(2);
    expect(errorLines(r)).toEqual([
      `ftscan: cannot read --ca-file ${missing} (ENOENT): give the PEM file of the CA that signed the vCenter certificate`,
    ]);
    noStack(r);
    expect(mock.control.calls.length).toBe(before);
  });

  it('a --server (flag or config) with user:password@ in it is refused before connecting, without echoing it', async () => {
    const host = server.url.replace(/^https:\/\//, '');
    const before = mock.control.calls.length;
    const flag = await run(['scan', '--server', `https://admin:${PASSWORD}@${host}`, '--user', USER, '--ca-file', server.caFile], { env });
    expect(flag.code).toBe(2);
    expect(errorLines(flag)).toEqual([
      'ftscan: --server must not hold a user name or password (user@host): give the host only, the user with --user and the password with FTSCAN_PASSWORD or --password-file',
    ]);
    noStack(flag);
    expect(mock.control.calls.length).toBe(before); // refused before connecting
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), `server:\n  - server: https://admin:${PASSWORD}@${host}\nuser: ${USER}\n`);
    const cfg = await run(['scan', '--config', join(dir, 'c.yaml')], { env });
    expect(cfg.code).toBe(2);
    expect(errorLines(cfg)).toHaveLength(1);
    expect(cfg.stderr).toContain("c.yaml:2: 'server' must not hold a user name or password");
    noStack(cfg);
  });

  it('a config file drives the whole scan, flags override it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pw'), PASSWORD, { mode: 0o600 });
    writeFileSync(
      join(dir, 'ftscan.yaml'),
      [
        `server:`,
        `  - server: ${server.url}`,
        `    user: ${USER}`,
        `    password-file: pw`,
        `    ca-file: ${server.caFile}`,
        'output: [json=out.json]',
        'vm: [db-01]',
      ].join('\n'),
      { mode: 0o600 },
    );
    const r = await run(['scan', '--config', join(dir, 'ftscan.yaml')], {});
    noStack(r);
    expect(r.code).toBe(1);
    const result = readScanJson(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(result.evaluation.vms.map((v) => v.name)).toEqual(['db-01']);
    const flag = await run(['scan', '--config', join(dir, 'ftscan.yaml'), '--vm', 'web-01', '--output', 'json=-'], {});
    expect(readScanJson(flag.stdout).evaluation.vms.map((v) => v.name)).toEqual(['web-01']);
  });

  it('unknown flag, unknown rule id, unreadable waivers file, bad --output', async () => {
    const flag = await run(['scan', '--servre', 'x'], { env });
    expect(flag.code).toBe(2);
    expect(errorLines(flag)).toHaveLength(1);
    const rule = await run(['explain', 'vm-snapshot'], {});
    expect(rule.code).toBe(2);
    expect(errorLines(rule)).toHaveLength(1);
    expect(rule.stderr).toMatch(/unknown rule id 'vm-snapshot' \(did you mean '[a-z-]+'\?\): see `ftscan rules`/);
    const before = mock.control.calls.length;
    const waivers = await run(['scan', ...conn(), '--waivers', '/nonexistent/waivers.yaml'], { env });
    expect(waivers.code).toBe(2);
    expect(errorLines(waivers)).toHaveLength(1);
    expect(mock.control.calls.length).toBe(before); // side files are checked before connecting
    const out = await run(['scan', ...conn(), '--output', 'pdf=x.pdf'], { env });
    expect(out.code).toBe(2);
    for (const r of [flag, rule, waivers, out]) noStack(r);
  });

  it('two reports to one file are refused before connecting; the same report named twice is written once', async () => {
    const dir = tempDir();
    const before = mock.control.calls.length;
    const file = join(dir, 'report.out');
    const clash = await run(['scan', ...conn(), '--output', `csv=${file}`, '--output', `junit=${file}`], { env });
    expect(clash.code).toBe(2);
    expect(errorLines(clash)).toEqual([`ftscan: --output: csv and junit reports both go to ${file}: give each its own file`]);
    // the config's output list and the command line's add up: a clash between them is refused too
    const cfg = join(dir, 'ftscan.yaml');
    writeFileSync(cfg, `output:\n  - json=${join(dir, 'scan.json')}\n`);
    const mixed = await run(['scan', ...conn(), '--config', cfg, '--output', `html=${join(dir, 'scan.json')}`], { env });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('json and html reports both go to');
    expect(mock.control.calls.length).toBe(before);
    const twice = await run(
      [
        'scan',
        ...conn(),
        '--config',
        cfg,
        '--output',
        `json=${join(dir, 'scan.json')}`,
        '--output',
        `csv-findings=${join(dir, 'f.csv')}`,
        '--quiet',
      ],
      { env },
    );
    expect(twice.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['f.csv', 'ftscan.yaml', 'scan.json']);
  });
});

describe('exit code 4: incomplete scans still write the report', () => {
  it('NoPermission on some objects marks the report incomplete', async () => {
    const dir = tempDir();
    const vm = mock.estate.objects.find((o) => o.type === 'VirtualMachine' && o.props.name === 'app-01')!;
    mock.control.noPermission(vm.moid, undefined, 'System.Read');
    try {
      const r = await run(['scan', ...conn(), '--output', `json=${join(dir, 'scan.json')}`, '--output', `html=${join(dir, 'scan.html')}`], {
        env,
      });
      noStack(r);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/NoPermission/);
      const result = readScanJson(readFileSync(join(dir, 'scan.json'), 'utf8'));
      expect(result.complete).toBe(false);
      expect(result.targets[0]!.status).toBe('incomplete');
      expect(result.targets[0]!.inventory!.problems.some((p) => p.moid === vm.moid && p.fault === 'NoPermission')).toBe(true);
      expect(existsSync(join(dir, 'scan.html'))).toBe(true);
    } finally {
      mock.control.reset();
    }
  });

  it('one of two vCenters down: the other is reported, the failure is named', async () => {
    const dir = tempDir();
    const r = await run(['scan', ...conn(), '--server', 'https://127.0.0.1:1', '--output', `json=${join(dir, 'scan.json')}`], { env });
    noStack(r);
    expect(r.code).toBe(4);
    expect(errorLines(r).some((l) => l.includes('cannot reach 127.0.0.1:1'))).toBe(true);
    const result = readScanJson(readFileSync(join(dir, 'scan.json'), 'utf8'));
    expect(result.targets.map((t) => t.status)).toEqual(['complete', 'failed']);
    expect(result.targets[1]!.error!.kind).toBe('unreachable');
    expect(result.evaluation.vms).toHaveLength(3);
  });

  // One rule (issue 11): a vCenter that yielded no inventory is "nothing scanned" whatever the cause: exit 3 and
  // no report, so last night's report (and the next run's baseline) survives.
  it('a malformed response mid-scan of the only vCenter: one-line error, exit 3, no report replaces the last one', async () => {
    mock.control.truncateNext('RetrievePropertiesEx');
    try {
      const r = await run(['scan', ...conn(), '--output', 'json=-'], { env });
      noStack(r);
      expect(r.code).toBe(3);
      expect(errorLines(r)[0]).toMatch(/malformed response/);
      expect(r.stdout).toBe('');
    } finally {
      mock.control.reset();
    }
  });

  it('a target slower than --target-timeout is given up', async () => {
    mock.control.latencyMs = 1500;
    try {
      const r = await run(['scan', ...conn(), '--target-timeout', '1s', '--output', 'json=-'], { env });
      expect(r.code).toBe(3); // the only vCenter yielded nothing: nothing scanned, no report
      expect(r.stderr).toMatch(/--target-timeout/);
      expect(r.stdout).toBe('');
      noStack(r);
    } finally {
      mock.control.reset();
    }
  });
});
