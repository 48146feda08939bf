// In-process CLI runs against the mock vCenter served over https on 127.0.0.1 (mocks/server.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main.js';
import { REQUIRED_PRIVILEGES } from '../../../src/inventory/privileges.js';
import { afterAll } from 'vitest';
import { estate, type EstateBuilder } from '../../../mocks/index.js';

export const USER = 'ftscan@vsphere.local';
export const PASSWORD = 'Pw-7f3a9-Secret';
export const LIMITED_USER = 'viewer@vsphere.local';

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Every temporary directory a test file made is removed when the file's tests end (the hook registers on the
// file that imports this harness), so a run leaves nothing in /tmp.
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'ftscan-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

// tty: stdout and stderr claim to be a terminal (colour, progress), as on an interactive shell.
export async function run(
  argv: string[],
  opts: { env?: Record<string, string>; cwd?: string; now?: Date; tty?: boolean; typed?: string } = {},
): Promise<Run> {
  const stdin = Object.assign(new PassThrough(), opts.tty ? { isTTY: true, setRawMode: () => stdin } : {});
  if (opts.typed !== undefined) stdin.write(opts.typed); // what the user types at a prompt
  const stdout = Object.assign(new Collector(), opts.tty ? { isTTY: true, columns: 120 } : {});
  const stderr = Object.assign(new Collector(), opts.tty ? { isTTY: true, columns: 120 } : {});
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin,
    env: opts.env ?? {},
    cwd: opts.cwd ?? tmpdir(),
    now: () => opts.now ?? new Date(),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// A small estate: Prod-A is FT-capable (3 hosts with FT logging on 10 Gb/s, shared VMFS), Prod-B's hosts
// have no FT logging vmknic (the what-if target). VMs: a clean one, one with snapshots (which vCenter's own
// FT query also reports), one with CPU hot-add.
export function smallEstate(): EstateBuilder {
  // The user holds exactly the minimal role ftscan documents (src/inventory/privileges.ts).
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD, { '*': REQUIRED_PRIVILEGES.map((p) => p.privilege) });
  const dc = b.datacenter('DC1');
  const shared = b.datastore({ name: 'shared-01', datacenter: dc, type: 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const net = b.network({ name: 'VM Network', datacenter: dc });
  const a = b.cluster({ name: 'Prod-A', datacenter: dc });
  const hostsA = ['esx-a1', 'esx-a2', 'esx-a3'].map((name) => b.host({ name, cluster: a, datastores: [shared], networks: [net] }));
  const bCluster = b.cluster({ name: 'Prod-B', datacenter: dc });
  for (const name of ['esx-b1', 'esx-b2']) {
    b.host({
      name,
      cluster: bCluster,
      datastores: [shared],
      networks: [net],
      vmknics: [
        { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
        { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic2', 'vmnic3'] },
      ],
    });
  }
  const disk = [{ capacityGB: 40, kind: 'eager' as const, datastore: shared }];
  const web = b.vm({ name: 'web-01', host: hostsA[0]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false });
  const db = b.vm({
    name: 'db-01',
    host: hostsA[1]!,
    numCpu: 2,
    memoryMB: 16384,
    hwVersion: 'vmx-19',
    disks: disk,
    cdrom: false,
    snapshots: 2,
  });
  b.ftCompat(db, ['hasSnapshots']); // vCenter's own answer, read only with --ask-vcenter
  b.vm({
    name: 'app-01',
    host: hostsA[2]!,
    numCpu: 2,
    memoryMB: 8192,
    hwVersion: 'vmx-19',
    disks: disk,
    cdrom: false,
    hotAdd: { cpu: true },
  });
  b.tag('FT', 'Candidate', [web]);
  b.user(LIMITED_USER, PASSWORD, { '*': ['System.View'] }); // can list objects, not read them
  return b;
}
