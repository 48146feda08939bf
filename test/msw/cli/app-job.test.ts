// The application layer without the cli (issue 19): a plain Job in, Events out, and { result, outcome, warnings }
// back. No commander, no Console, no process streams: whatever front end builds the Job gets the same run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockVcenter, startMockServer, type MockServer } from '../../../mocks/index.js';
import { ExitCode, type Events, rejudgeJob, runJob, type ScanJob, type Warning } from '../../../src/app/index.js';
import { scopeNotFoundOf } from '../../../src/inventory/scope.js';
import { PASSWORD, smallEstate, tempDir, USER } from './harness.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(createMockVcenter(smallEstate().build()), { tls: true });
});
afterAll(async () => {
  await server?.close();
});

interface Recorded {
  events: Events;
  warned: Warning[];
  errors: string[];
  reports: string[];
  out: string[];
  asked: string[];
}

function recorder(now = new Date('2026-12-08T02:00:00Z')): Recorded {
  const r: Omit<Recorded, 'events'> = { warned: [], errors: [], reports: [], out: [], asked: [] };
  const events: Events = {
    out: (t) => r.out.push(t),
    report: (_f, chunk) => r.reports.push(chunk),
    warn: (w) => r.warned.push(w),
    error: (l) => r.errors.push(l),
    info: () => {},
    wrote: () => {},
    progress: () => {},
    progressDone: () => {},
    password: async (entry, user) => {
      r.asked.push(`${user}@${entry.server}`);
      return PASSWORD;
    },
    now: () => now,
    logStream: new PassThrough(),
  };
  return { ...r, events };
}

function job(over: Partial<ScanJob> = {}): ScanJob {
  return {
    mode: 'scan',
    servers: [{ server: server.url }],
    user: USER,
    caFile: server.caFile,
    thumbprint: [],
    insecure: false,
    targetTimeoutSec: 60,
    logLevel: 'silent',
    outputs: [],
    failOn: 'blocker',
    detail: false,
    quiet: false,
    cwd: tempDir(),
    env: {},
    stdout: { color: false },
    datacenter: [],
    cluster: [],
    host: [],
    vm: [],
    tag: [],
    profile: 'auto',
    askVcenter: false,
    skipRule: [],
    onlyRule: [],
    targetDatastore: [],
    targetNetwork: [],
    targetHost: [],
    concurrency: 1,
    keep: 10,
    ...over,
  };
}

describe('runJob', () => {
  it('runs a scan from a plain Job: the result, the exit code and the warnings come back as data', async () => {
    const rec = recorder();
    const dir = tempDir();
    const end = await runJob(
      job({ cluster: ['Prod-Z', 'Prod-A'], outputs: [{ format: 'json', file: join(dir, 'scan.json') }] }),
      rec.events,
    );
    expect(rec.asked).toEqual([`${USER}@${server.url}`]); // the password is the front end's question
    expect(end.result?.evaluation.vms.map((v) => v.name).sort()).toEqual(['app-01', 'db-01', 'web-01']);
    expect(end.outcome).toBe(ExitCode.Findings); // db-01's snapshots block it
    expect(existsSync(join(dir, 'scan.json'))).toBe(true);
    // A scope name that matches nothing: a warning with a code, worded from the typed miss (kind, name and the
    // nearest name), the same line the terminal got.
    expect(end.warnings).toEqual([
      { code: 'scope-not-found', message: `no cluster "Prod-Z" in the scanned vCenter: did you mean 'Prod-A'?` },
    ]);
    expect(rec.warned).toEqual(end.warnings);
    const note = end.result!.targets[0]!.inventory!.problems.find((p) => p.fault === 'ScopeNotFound')!;
    expect(scopeNotFoundOf(note)).toEqual({ kind: 'cluster', name: 'Prod-Z', suggestion: 'Prod-A' });
    expect(note.message).toBe(`no cluster "Prod-Z" in this vCenter; did you mean 'Prod-A'?`); // the stored note, unchanged
    // Every report went to a file: the failure summary is the events' error lines.
    expect(rec.errors[0]).toMatch(/^exit 1: VMs .*\(--fail-on blocker\)$/);
    expect(rec.reports).toEqual([]);
  });

  it('a name with a comma is one name: the hint says so, from the same typed miss', async () => {
    const rec = recorder();
    const end = await runJob(job({ cluster: ['Prod-A,Prod-B'], failOn: 'none' }), rec.events);
    expect(end.warnings.map((w) => w.code)).toEqual(['scope-not-found', 'scope-empty']);
    expect(end.warnings[0]!.message).toBe(
      'no cluster "Prod-A,Prod-B" in the scanned vCenter: the name holds a comma and no cluster here has it: give --cluster once per name',
    );
    expect(end.outcome).toBe(ExitCode.Ok);
    expect(rec.reports.join('')).toContain('VMs: 0 blocked'); // the default table, through events.report
  });

  it('ftscan report: rejudgeJob judges a stored result again under --fail-on, with the same contract', async () => {
    const dir = tempDir();
    const file = join(dir, 'scan.json');
    await runJob(job({ outputs: [{ format: 'json', file }], failOn: 'none' }), recorder().events);
    const rec = recorder();
    const end = await rejudgeJob([file], { ...job(), outputs: [{ format: 'junit', file: '-' }], failOn: 'warning' }, rec.events);
    expect(end.outcome).toBe(ExitCode.Findings);
    expect(end.warnings).toEqual([]);
    // JUnit read --fail-on warning through the exit code's predicate: app-01's CPU hot-add warning fails its case.
    expect(rec.reports.join('')).toMatch(/<testcase [^>]*name="app-01"[^>]*>[\s\S]*?<\/properties>\s*<failure [^>]*type="warning"/);
  });
});
