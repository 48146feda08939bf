// Starts the vcsim harness (test/vcsim/main.go) for the live tests and benchmarks: builds it when
// needed (scripts/build-vcsim.sh), starts it, reads its one JSON line and stops it on demand.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO, 'test/vcsim/bin/vcsim-harness');
const MISSING_GO = 'vcsim tier needs: apt-get install -y golang-go golang-github-vmware-govmomi-dev';

export type Scenario = 'basic' | 'scale' | 'seeded-inventory' | 'legacy55' | 'smp70';

interface ExpectedProduct {
  version: string;
  build: string;
  apiVersion: string;
  fullName: string;
}

interface ExpectedHost {
  moid: string;
  name: string;
  cluster?: string;
  product: ExpectedProduct;
  cpu: { vendor: string; model: string; description: string; packages: number; cores: number; threads: number; hz: number };
  hyperThreading: boolean;
  capability?: Record<string, boolean | number | string[]>;
  ftLoggingVmknic?: string;
  vmotionVmknic?: string;
  ftLoggingUplinkSpeedMb?: number;
  ftVersion?: string;
  dasHostState?: string;
}

interface ExpectedVm {
  moid: string;
  name: string;
  host: string;
  cluster?: string;
  numCpu: number;
  memoryMB: number;
  hwVersion: number;
  cpuHotAdd: boolean;
  snapshotCount: number;
  disks: { key: number; backing: string; capacityBytes: number }[];
  scsiControllers: { key: number; busSharing: string }[];
  removable: { key: number; kind: 'cdrom' | 'floppy'; backing: string }[];
  usb: number[];
  serial: number[];
  seeded?: string[];
  verdict?: 'ready' | 'warnings' | 'blocked';
  findings?: string[];
}

interface Expected {
  vcenter: ExpectedProduct;
  counts: { clusters: number; hosts: number; vms: number; datastores: number };
  profile?: string;
  edition?: string;
  clusters?: { moid: string; name: string; haEnabled: boolean; hostMoids: string[] }[];
  hosts?: ExpectedHost[];
  datastores?: { moid: string; name: string; type: string; multipleHostAccess?: boolean }[];
  vms?: ExpectedVm[];
}

export interface Vcsim {
  url: string; // https://127.0.0.1:PORT/sdk
  user: string;
  password: string;
  caFile: string; // PEM of the simulator's self-signed certificate (SAN 127.0.0.1)
  certPem: string;
  scenario: Scenario;
  expected: Expected;
  setupMs: number;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  scenario: Scenario;
  vms?: number;
  clusters?: number;
  hosts?: number;
  timeoutMs?: number; // model creation: ~15 s for 10k VMs on 2 cores
}

// Builds the harness (no-op when up to date). Throws MISSING_GO when the toolchain is absent.
function buildVcsim(): void {
  const r = spawnSync('bash', [join(REPO, 'scripts/build-vcsim.sh')], { cwd: REPO, encoding: 'utf8' });
  if (r.status === 3) throw new Error(MISSING_GO);
  if (r.status !== 0 || !existsSync(BIN)) {
    throw new Error(`building the vcsim harness failed:\n${r.stderr || r.stdout}`);
  }
}

export async function startVcsim(opts: StartOptions): Promise<Vcsim> {
  buildVcsim();
  const args = ['-scenario', opts.scenario];
  if (opts.vms !== undefined) args.push('-vms', String(opts.vms));
  if (opts.clusters !== undefined) args.push('-clusters', String(opts.clusters));
  if (opts.hosts !== undefined) args.push('-hosts', String(opts.hosts));
  // stdin stays open as the harness's lifeline: it exits when we close it (or die).
  const child = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const line = await firstLine(child, opts.timeoutMs ?? 120_000, () => stderr);
  const info = JSON.parse(line) as {
    url: string;
    user: string;
    password: string;
    certPem: string;
    certFile: string;
    scenario: Scenario;
    expected: Expected;
    setupMs: number;
  };
  return {
    url: info.url,
    user: info.user,
    password: info.password,
    caFile: info.certFile,
    certPem: info.certPem,
    scenario: info.scenario,
    expected: info.expected,
    setupMs: info.setupMs,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

function firstLine(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vcsim harness printed nothing within ${timeoutMs} ms: ${stderr()}`));
    }, timeoutMs);
    rl.once('line', (l) => {
      clearTimeout(timer);
      rl.close();
      resolveLine(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vcsim harness exited (${code}) before it was ready: ${stderr()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.stdin!.end();
  });
}
