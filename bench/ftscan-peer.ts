// ftscan benchmark peer, run as a child process so its peak RSS is its own. Modes:
//   retrieve  — connect + ContainerView + RetrievePropertiesEx of the VM paths (the peers' exact work)
//   inventory — connect + the full collectInventory (every type, normalized model)
//   raw       — the same RetrievePropertiesEx over plain node:https, body read and discarded: the floor
//               (vcsim's serialization + transfer) that no client can beat
// Connection details from the environment (never argv): FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA, _PATHS.
// Prints one JSON line: seconds, objects, devices, maxRssMB.
import { collectInventory } from '../src/inventory/collect.js';
import { connect } from '../src/vsphere/client.js';
import { containerViewRetrieveArgs } from '../src/vsphere/methods.js';
import { benchTarget, env, rawSoap } from './raw-soap.js';

async function raw(): Promise<{ objects: number; bytes: number }> {
  const { url, ca } = benchTarget();
  const soap = rawSoap(url, ca);
  const cookie = await soap.login();
  const view = await soap.view(cookie, ['VirtualMachine']);
  const args = containerViewRetrieveArgs(view, [{ type: 'VirtualMachine', paths: env('FTSCAN_BENCH_PATHS').split(',') }], 1000);
  const page = await soap.retrieve(cookie, args);
  await soap.logout(cookie);
  return { objects: Number(process.env.FTSCAN_BENCH_VMS ?? 0), bytes: page.bytes };
}

async function main(mode: string): Promise<void> {
  const start = performance.now();
  if (mode === 'raw') {
    const r = await raw();
    const seconds = (performance.now() - start) / 1000;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ seconds, objects: r.objects, devices: null, maxRssMB, bytes: r.bytes }) + '\n');
    return;
  }
  const client = await connect({
    server: env('FTSCAN_BENCH_URL'),
    user: env('FTSCAN_BENCH_USER'),
    password: env('FTSCAN_BENCH_PASSWORD'),
    tls: { caFile: env('FTSCAN_BENCH_CA') },
  });
  let objects = 0;
  let devices: number | null = 0;
  let seconds = 0;
  try {
    if (mode === 'inventory') {
      const inv = await collectInventory(client, { licenses: false });
      objects = inv.vms.length;
      devices = null; // normalized away: only the FT-relevant devices are kept
    } else {
      await client.collect(
        { viewTypes: ['VirtualMachine'], propSets: [{ type: 'VirtualMachine', paths: env('FTSCAN_BENCH_PATHS').split(',') }] },
        {
          onObject: (oc) => {
            objects++;
            const d = oc.props['config.hardware.device'];
            if (Array.isArray(d)) devices! += d.length;
          },
        },
      );
    }
    seconds = (performance.now() - start) / 1000; // to the last object, like the other peers
  } finally {
    await client.logout();
  }
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, objects, devices, maxRssMB }) + '\n');
}

main(process.argv[2] ?? 'retrieve').catch((err: unknown) => {
  process.stderr.write(`ftscan-peer: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});
