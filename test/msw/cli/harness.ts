// In-process CLI runs against the mock vCenter served over https on 127.0.0.1 (mocks/server.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main.js';
import { estate, type EstateBuilder } from '../../../mocks/index.js';

export const USER = 'ftscan@vsphere.local';
export const PASSWORD = 'Pw-7f3a9-Secret';

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

export function tempDir(prefix = 'ftscan-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function run(argv: string[], opts: { env?: Record<string, string>; cwd?: string; now?: Date } = {}): Promise<Run> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: opts.env ?? {},
    cwd: opts.cwd ?? tmpdir(),
    now: () => opts.now ?? new Date(),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// A small estate: Prod-A is FT-capable (3 hosts with FT logging on 10 Gb/s, shared VMFS), Prod-B's hosts
// have no FT logging vmknic (the what-if target). VMs: a clean one, one with snapshots, one with CPU hot-add.
export function smallEstate(): EstateBuilder {
  const b = estate({ vcenterVersion: '7.0.3' }).user(USER, PASSWORD);
  const dc = b.datacenter('DC1');
  const shared = b.datastore({ name: 'shared-01', datacenter: dc, type: 'VMFS', capacityGB: 8000, freeGB: 4000 });
  const a = b.cluster({ name: 'Prod-A', datacenter: dc });
  const hostsA = ['esx-a1', 'esx-a2', 'esx-a3'].map((name) => b.host({ name, cluster: a, datastores: [shared] }));
  const bCluster = b.cluster({ name: 'Prod-B', datacenter: dc });
  for (const name of ['esx-b1', 'esx-b2']) {
    b.host({
      name,
      cluster: bCluster,
      datastores: [shared],
      vmknics: [
        { device: 'vmk0', services: ['management'], portgroup: 'Management Network', uplinks: ['vmnic0', 'vmnic1'] },
        { device: 'vmk1', services: ['vmotion'], portgroup: 'vMotion', uplinks: ['vmnic2', 'vmnic3'] },
      ],
    });
  }
  const disk = [{ capacityGB: 40, kind: 'eager' as const, datastore: shared }];
  b.vm({ name: 'web-01', host: hostsA[0]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false });
  b.vm({ name: 'db-01', host: hostsA[1]!, numCpu: 2, memoryMB: 16384, hwVersion: 'vmx-19', disks: disk, cdrom: false, snapshots: 2 });
  b.vm({ name: 'app-01', host: hostsA[2]!, numCpu: 2, memoryMB: 8192, hwVersion: 'vmx-19', disks: disk, cdrom: false, hotAdd: { cpu: true } });
  return b;
}
