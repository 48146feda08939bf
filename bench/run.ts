// `npm run bench` — ftscan vs govmomi vs pyVmomi on the same work against one vcsim (10 clusters x 10
// hosts, 10,000 VMs by default; `--vms 1000` for a quick run; `--runs N` keeps the best of N).
// Each client runs in its own process and reports its own time (connect to last object) and peak RSS
// (getrusage ru_maxrss). Prints a table; asserts nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathsFor, VM_PROPS } from '../src/inventory/property-specs.js';
import { REPO, startVcsim, type Vcsim } from '../test/vcsim/harness.js';

interface PeerResult {
  seconds: number;
  objects: number;
  devices: number | null;
  maxRssMB: number;
  processSeconds: number;
}

interface Peer {
  name: string;
  cmd: string;
  args: string[];
  missing?: string; // why it cannot run here
  cwd?: string;
}

const { values } = parseArgs({
  options: {
    vms: { type: 'string', default: '10000' },
    clusters: { type: 'string', default: '10' },
    hosts: { type: 'string', default: '10' },
    runs: { type: 'string', default: '1' },
    // `reference`: the 6 VM paths of ../shared/reference/xml-performance.md (govmomi 3.9 s there);
    // `scan` (default): every VM path a scan reads.
    paths: { type: 'string', default: 'scan' },
    // Another checkout of ftscan (with node_modules) whose ftscan peers run round-robin with these, so a
    // before/after comparison sees the same machine load.
    baseline: { type: 'string' },
  },
});
const vms = Number(values.vms);
const runs = Math.max(1, Number(values.runs));

const tsxPeer = (mode: string, repo = REPO): string[] => ['--import', 'tsx', join(repo, 'bench/ftscan-peer.ts'), mode];
const PEERS: Peer[] = [
  { name: 'floor: raw POST, body discarded', cmd: process.execPath, args: tsxPeer('raw') },
  { name: 'ftscan (RetrievePropertiesEx, VM paths)', cmd: process.execPath, args: tsxPeer('retrieve') },
  { name: 'ftscan (full collectInventory)', cmd: process.execPath, args: tsxPeer('inventory') },
  ...(values.baseline
    ? [
        { name: 'baseline ftscan (RetrievePropertiesEx, VM paths)', cmd: process.execPath, args: tsxPeer('retrieve', values.baseline), cwd: values.baseline },
        { name: 'baseline ftscan (full collectInventory)', cmd: process.execPath, args: tsxPeer('inventory', values.baseline), cwd: values.baseline },
      ]
    : []),
  {
    name: 'govmomi (view + property.Collector)',
    cmd: join(REPO, 'bench/out/govmomi-peer'),
    args: [],
  },
  {
    name: 'pyVmomi (ContainerView + RetrievePropertiesEx)',
    cmd: '/usr/bin/python3',
    args: [join(REPO, 'bench/pyvmomi_peer.py')],
    missing: existsSync('/usr/lib/python3/dist-packages/pyVmomi') ? undefined : 'needs: apt-get install -y python3-pyvmomi',
  },
];

function runPeer(peer: Peer, env: NodeJS.ProcessEnv): Promise<PeerResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(peer.cmd, peer.args, { cwd: peer.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const processSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(err.trim().split('\n').pop() || `exit ${code}`));
      resolve({ ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<PeerResult, 'processSeconds'>), processSeconds });
    });
  });
}

function peerEnv(sim: Vcsim, paths: string[]): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FTSCAN_BENCH_URL: sim.url,
    FTSCAN_BENCH_USER: sim.user,
    FTSCAN_BENCH_PASSWORD: sim.password,
    FTSCAN_BENCH_CA: sim.caFile,
    FTSCAN_BENCH_PATHS: paths.join(','),
    FTSCAN_BENCH_VMS: String(sim.expected.counts.vms),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  console.log(`starting vcsim: ${vms} VMs, ${values.clusters} clusters x ${values.hosts} hosts ...`);
  const sim = await startVcsim({
    scenario: 'scale',
    vms,
    clusters: Number(values.clusters),
    hosts: Number(values.hosts),
    timeoutMs: 600_000,
  });
  try {
    const paths =
      values.paths === 'reference'
        ? ['name', 'config.hardware.device', 'config.version', 'config.hardware.numCPU', 'snapshot', 'runtime.host']
        : pathsFor(VM_PROPS, sim.expected.vcenter.apiVersion);
    console.log(`vcsim ready in ${(sim.setupMs / 1000).toFixed(1)} s (${sim.expected.counts.vms} VMs); VM paths: ${paths.length}`);
    const env = peerEnv(sim, paths);
    // Round-robin over the peers, so a burst of load on the machine hits every client alike.
    const best = new Map<string, PeerResult>();
    const failed = new Map<string, string>();
    for (let i = 0; i < runs; i++) {
      for (const peer of PEERS) {
        if (peer.missing || failed.has(peer.name)) continue;
        try {
          const r = await runPeer(peer, env);
          const b = best.get(peer.name);
          if (!b || r.seconds < b.seconds) best.set(peer.name, r);
        } catch (err) {
          failed.set(peer.name, (err as Error).message);
        }
        console.log(`  run ${i + 1}/${runs}: ${peer.name}`);
      }
    }
    const rows = [['client', 'seconds', 'process s', 'peak RSS MB', 'objects', 'devices']];
    for (const peer of PEERS) {
      const r = best.get(peer.name);
      if (peer.missing) rows.push([peer.name, 'skipped', '', '', '', peer.missing]);
      else if (!r) rows.push([peer.name, 'failed', '', '', '', failed.get(peer.name) ?? '']);
      else {
        rows.push([
          peer.name,
          r.seconds.toFixed(2),
          r.processSeconds.toFixed(2),
          r.maxRssMB.toFixed(0),
          String(r.objects),
          r.devices === null ? '-' : String(r.devices),
        ]);
      }
    }
    console.log(`\n${runs > 1 ? `best of ${runs} runs` : 'one run each'}, ${sim.expected.counts.vms} VMs, node ${process.version}\n`);
    console.log(table(rows));
  } finally {
    await sim.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
