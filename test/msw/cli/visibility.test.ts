// Issue 17 §1: a scan that could not see everything says so. The scan runs the privilege check of
// `ftscan privileges` (HasPrivilegeOnEntities) on what it scans: System.View and System.Read on the root folder,
// or on each datacenter / cluster named by --datacenter / --cluster. The demo estate's auditor holds System.Read
// on DC-East only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockVcenter,
  DEMO_PASSWORD,
  DEMO_USER,
  demoEstate,
  startMockServer,
  type MockServer,
  type MockVcenter,
} from '../../../mocks/index.js';
import { readScanJson, schemaValidator } from '../../../src/result/read.js';
import type { ScanResult } from '../../../src/result/types.js';
import { run, tempDir } from './harness.js';

const AUDITOR = 'auditor@vsphere.local';
const AUDITOR_PASSWORD = 'Audit-2024!';

let mock: MockVcenter;
let server: MockServer;

beforeAll(async () => {
  mock = createMockVcenter(demoEstate());
  server = await startMockServer(mock, { tls: true });
});
afterAll(async () => {
  await server?.close();
});

async function scan(user: string, password: string, extra: string[] = []): Promise<{ code: number; stderr: string; result: ScanResult }> {
  const file = join(tempDir(), 'scan.json');
  const r = await run(
    ['scan', '--server', server.url, '--user', user, '--ca-file', server.caFile, '--fail-on', 'none', '--output', `json=${file}`, ...extra],
    { env: { FTSCAN_PASSWORD: password } },
  );
  const text = readFileSync(file, 'utf8');
  expect(schemaValidator()(JSON.parse(text))).toBe(true);
  const result = readScanJson(text, 'scan.json'); // 4.0 leaves out what the inventory gives: reading fills it back
  return { code: r.code, stderr: r.stderr, result };
}

describe('[privileges] the scan checks that the user sees its whole scope', () => {
  it('a user with System.Read on one datacenter only: incomplete, exit 4, the missing privilege, object and fix named', async () => {
    const calls = mock.control.calls.length;
    const { code, stderr, result } = await scan(AUDITOR, AUDITOR_PASSWORD);
    expect(code).toBe(4);
    expect(result.complete).toBe(false);
    const [target] = result.targets;
    expect(target!.status).toBe('incomplete');
    expect(target!.error?.kind).toBe('visibility');
    expect(target!.visibility?.checked).toEqual([{ moid: 'group-d1', type: 'Folder', name: 'the root folder' }]);
    expect(target!.visibility?.missing.map((m) => m.privilege)).toEqual(['System.View', 'System.Read']);
    expect(stderr).toMatch(/cannot see or read the whole scope \(missing System\.View and System\.Read on the root folder \(group-d1\)\)/);
    expect(stderr).toMatch(/System\.View and System\.Read on the root folder .*"Propagate to children"/);
    // The DC-West VMs are absent, and the report does not pretend otherwise.
    expect(target!.inventory!.vms.every((v) => v.datacenter === 'DC-East')).toBe(true);
    // The check costs two calls: the session key (RetrievePropertiesEx) and one HasPrivilegeOnEntities.
    expect(mock.control.calls.slice(calls).filter((c) => c.method === 'HasPrivilegeOnEntities')).toHaveLength(1);
  }, 60_000);

  it('a user with System.View and System.Read on the root folder: complete', async () => {
    const { code, stderr, result } = await scan(DEMO_USER, DEMO_PASSWORD);
    expect(code).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.targets[0]!.status).toBe('complete');
    expect(result.targets[0]!.visibility?.missing).toEqual([]);
    expect(stderr).not.toMatch(/whole scope/);
  }, 60_000);

  it('a scan narrowed on purpose with --datacenter to the one datacenter the user may read: complete', async () => {
    // --edition: this user cannot read the licences either, and an unknown edition leaves the VMs above 2 vCPUs
    // unknown (exit 4 for that reason, issue 16 §1); stated here so the exit code speaks of visibility alone.
    const { code, result } = await scan(AUDITOR, AUDITOR_PASSWORD, ['--datacenter', 'DC-East', '--edition', 'enterprise-plus']);
    expect(code).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.targets[0]!.visibility).toMatchObject({ checked: [{ type: 'Datacenter', name: 'DC-East' }], missing: [] });
    expect(result.evaluation.vms.length).toBeGreaterThan(0);
  }, 60_000);

  it('the same user narrowed to the other datacenter, which it cannot see: incomplete, not an empty "complete"', async () => {
    const { code, stderr, result } = await scan(AUDITOR, AUDITOR_PASSWORD, ['--datacenter', 'DC-West']);
    expect(code).toBe(4);
    expect(result.targets[0]!.status).toBe('incomplete');
    expect(stderr).toMatch(/System\.View on DC-West \(not found: it may exist unseen\)/);
  }, 60_000);
});
